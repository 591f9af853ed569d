#include "net/net_client.hpp"

#include <array>
#include <asio/connect.hpp>
#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/post.hpp>
#include <asio/ssl.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "attune/address.hpp"
#include "attune/framing.hpp"
#include "attune/log.hpp"
#include "attune/pairing.hpp"
#include "attune/secrets.hpp"
#include "attune/tls_setup.hpp"

namespace attune::client {
namespace {

// Heartbeats without a byte from the host before the link counts as dropped.
constexpr std::uint32_t kSilentHeartbeats = 4;

constexpr std::chrono::seconds kConnectTimeout{8};

using TlsSocket = asio::ssl::stream<asio::ip::tcp::socket>;

std::string reach_failure(const std::string& where, const std::error_code& ec) {
  if (ec == asio::error::connection_refused) {
    return "Nothing is answering at " + where +
           ". Check that the host laptop is running Attune and the address is right.";
  }
  if (ec == asio::error::timed_out || ec == asio::error::operation_aborted) {
    return "Could not reach " + where + " in time. Check that both laptops are on the same network.";
  }
  if (ec == asio::error::host_not_found || ec == asio::error::host_not_found_try_again) {
    return "Could not find a computer called \"" + where + "\". Check the address.";
  }
  return "Could not connect to " + where + ": " + ec.message() + ".";
}

std::string rogue_host(const std::string& where) {
  return "The computer at " + where +
         " is not the host this laptop paired with: its identity has changed. If the host laptop was reset, "
         "press Forget this host and pair again with a new code; otherwise someone may be pretending to be it.";
}

std::string no_such_code(const std::string& code) {
  return "No game is waiting with code \"" + secrets::normalise_code(code) +
         "\" on this host, or the code was typed wrong. Check the code on the host's screen and try again.";
}

bool joins_by_code(const v1::Envelope& envelope) {
  return envelope.has_join_room() && envelope.join_room().room_id().empty() &&
         envelope.join_room().seat_token().empty();
}

// What may go to a host that has not proven itself: nothing a person wrote,
// no seat token, no command.
bool harmless_before_proof(const v1::Envelope& envelope) {
  return envelope.has_hello() || envelope.has_ping() || envelope.has_pong() || envelope.has_pair_start() ||
         envelope.has_pair_finish();
}

// What an unproven host may say: the rest needs proof first.
bool acceptable_before_proof(const v1::Envelope& envelope) {
  return envelope.has_welcome() || envelope.has_error() || envelope.has_ping() || envelope.has_pong() ||
         envelope.has_pair_offer() || envelope.has_pair_done();
}

std::string unproven_host(const std::string& where) {
  return "The computer at " + where +
         " did not prove it knows the code, so this laptop stopped talking to it; nothing you wrote was sent. Check "
         "the address and the code on the host's screen.";
}

DeviceKeys open_keys(const NetOptions& options, std::string& problem) {
  if (options.data_dir.empty()) return in_memory_device_keys();
  try {
    return open_device_keys(options.data_dir);
  } catch (const std::exception& e) {
    problem = e.what();
    return DeviceKeys{DeviceIdentity{}, std::make_shared<TrustStore>()};
  }
}

}  // namespace

const DeviceKeys& in_memory_device_keys() {
  static const DeviceKeys keys = open_device_keys({});
  return keys;
}

class NetClient::Impl : public std::enable_shared_from_this<NetClient::Impl> {
 public:
  Impl(Wake wake, const NetOptions& options)
      : wake_(std::move(wake)),
        owner_code_(options.owner_code),
        keys_(open_keys(options, keys_problem_)),
        guard_(asio::make_work_guard(io_)),
        resolver_(io_),
        connect_timer_(io_),
        ping_timer_(io_) {
    if (keys_problem_.empty()) {
      try {
        tls::configure(ssl_.native_handle(), keys_.identity);
      } catch (const std::exception& e) {
        keys_problem_ = e.what();
      }
    }
  }

  void start() {
    thread_ = std::thread([self = shared_from_this()] { self->io_.run(); });
  }

  void shutdown() {
    asio::post(io_, [self = shared_from_this()] {
      self->drop();
      self->guard_.reset();
    });
    if (thread_.joinable()) thread_.join();
  }

  void connect(const std::string& host_port) {
    asio::post(io_, [self = shared_from_this(), host_port] { self->do_connect(host_port); });
  }

  void send(const v1::Envelope& envelope) {
    asio::post(io_, [self = shared_from_this(), envelope] {
      if (!self->connected_) return;
      if (self->host_trusted_ || harmless_before_proof(envelope)) {
        if (envelope.has_join_room() && !joins_by_code(envelope) && !self->seat_host_.empty() &&
            self->seat_host_ != self->host_fingerprint_) {
          self->refuse(v1::ERROR_CODE_SEAT_TOKEN_INVALID,
                       "The computer at " + self->where_ +
                           " is not the host that holds your seat, so your seat's key was not sent.");
          return;
        }
        self->enqueue(encode_frame(envelope));
        return;
      }
      if (joins_by_code(envelope)) {
        self->pair_then_send(envelope, envelope.join_room().code());
        return;
      }
      if (envelope.has_create_room() && !self->owner_code_.empty()) {
        self->pair_then_send(envelope, self->owner_code_);
        return;
      }
      if (envelope.has_create_room()) {
        self->refuse(v1::ERROR_CODE_NOT_OWNER,
                     "This laptop is not an owner of the server at " + self->where_ +
                         ", so it cannot start a game there; nothing was sent. Start the game on the host laptop, or "
                         "pair this one with the owner code attune-server printed.");
        return;
      }
      if (envelope.has_join_room()) {
        self->refuse(v1::ERROR_CODE_SEAT_TOKEN_INVALID,
                     "The computer at " + self->where_ +
                         " has not proven it is the host that holds your seat, so your seat's key was not sent.");
        return;
      }
      // Commands need a seat, and a seat needs a proven host: drop quietly.
    });
  }

  void disconnect() {
    asio::post(io_, [self = shared_from_this()] { self->drop(); });
  }

  std::vector<Action> poll() {
    std::lock_guard lock(mutex_);
    std::vector<Action> out;
    out.swap(inbox_);
    return out;
  }

  [[nodiscard]] std::string fingerprint() const { return keys_.identity.fingerprint; }
  [[nodiscard]] std::string host_fingerprint() {
    std::lock_guard lock(mutex_);
    return shared_host_fingerprint_;
  }
  void forget_host(const std::string& host_port) {
    try {
      keys_.trust->forget_address(host_port);
    } catch (const std::exception& failure) {
      log::warn(std::string("Forgetting a host could not be saved: ") + failure.what());
    }
  }

 private:
  void report(Action action) {
    {
      std::lock_guard lock(mutex_);
      inbox_.push_back(std::move(action));
    }
    if (wake_) wake_();
  }

  // Tells the model the server refused, as the server itself would have.
  void report_refusal(v1::ErrorCode code, const std::string& message) {
    v1::Envelope envelope;
    envelope.mutable_error()->set_code(code);
    envelope.mutable_error()->set_message(message);
    envelope.mutable_error()->set_fatal(true);
    report(action::Received{std::move(envelope)});
  }

  // Refuses on this laptop's side, as the server itself would, and closes.
  void refuse(v1::ErrorCode code, const std::string& message) {
    drop();
    report_refusal(code, message);
  }

  // Closes the current connection quietly (the person asked for it).
  void drop() {
    ++generation_;
    connected_ = false;
    unanswered_pings_ = 0;
    host_trusted_ = false;
    initiator_.reset();
    finish_sent_ = false;
    held_join_.reset();
    std::error_code ignored;
    resolver_.cancel();
    connect_timer_.cancel();
    ping_timer_.cancel();
    if (stream_) {
      stream_->lowest_layer().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
      stream_->lowest_layer().close(ignored);
    }
    queue_.clear();
    decoder_ = FrameDecoder(kMaxServerFrameBytes);
  }

  // The connection failed or ended on its own.
  void lost(std::uint64_t generation, std::string reason, bool host_identity_changed = false) {
    if (generation != generation_) return;
    drop();
    report(action::Disconnected{std::move(reason), host_identity_changed});
  }

  void do_connect(const std::string& host_port) {
    drop();
    const std::uint64_t generation = generation_;
    if (!keys_problem_.empty()) {
      report(action::Disconnected{keys_problem_});
      return;
    }
    HostPort address;
    std::string error;
    if (!parse_host_port(host_port, address, error)) {
      report(action::Disconnected{error});
      return;
    }
    where_ = host_port;
    // Each connection gets its own stream; handlers keep theirs alive.
    stream_ = std::make_shared<TlsSocket>(io_, ssl_);
    connect_timer_.expires_after(kConnectTimeout);
    connect_timer_.async_wait([self = shared_from_this(), generation](std::error_code ec) {
      if (ec || generation != self->generation_ || self->connected_) return;
      self->lost(generation, reach_failure(self->where_, asio::error::timed_out));
    });
    resolver_.async_resolve(
        address.host, std::to_string(address.port),
        [self = shared_from_this(), generation, stream = stream_](std::error_code ec,
                                                                  asio::ip::tcp::resolver::results_type results) {
          if (generation != self->generation_) return;
          if (ec) {
            self->lost(generation, reach_failure(self->where_, ec));
            return;
          }
          asio::async_connect(stream->lowest_layer(), results,
                              [self, generation, stream](std::error_code connect_ec, const asio::ip::tcp::endpoint&) {
                                if (generation != self->generation_) return;
                                if (connect_ec) {
                                  self->lost(generation, reach_failure(self->where_, connect_ec));
                                  return;
                                }
                                std::error_code ignored;
                                stream->lowest_layer().set_option(asio::ip::tcp::no_delay(true), ignored);
                                self->handshake(generation, stream);
                              });
        });
  }

  void handshake(std::uint64_t generation, const std::shared_ptr<TlsSocket>& stream) {
    stream->async_handshake(asio::ssl::stream_base::client, [self = shared_from_this(), generation,
                                                             stream](std::error_code ec) {
      if (generation != self->generation_) return;
      if (ec) {
        self->lost(generation, "Could not set up an encrypted connection with " + self->where_ +
                                   ". Is it an Attune host of the same version? (" + ec.message() + ")");
        return;
      }
      self->connect_timer_.cancel();
      self->host_fingerprint_ = tls::peer_fingerprint(stream->native_handle());
      {
        std::lock_guard lock(self->mutex_);
        self->shared_host_fingerprint_ = self->host_fingerprint_;
      }
      self->binding_ = tls::channel_binding(stream->native_handle());
      const auto& trust = *self->keys_.trust;
      if (self->host_fingerprint_.empty()) {
        self->lost(generation, "The host at " + self->where_ + " did not identify itself.");
        return;
      }
      if (self->host_fingerprint_ == self->keys_.identity.fingerprint || trust.trusts_host(self->host_fingerprint_)) {
        self->host_trusted_ = true;
        // Pins follow the certificate: a known host at a new address is
        // remembered there too.
        if (self->host_fingerprint_ != self->keys_.identity.fingerprint &&
            trust.host_at(self->where_) != self->host_fingerprint_) {
          self->keys_.trust->pin_host(self->where_, self->host_fingerprint_);
        }
      } else if (auto pinned = trust.host_at(self->where_); pinned && *pinned != self->host_fingerprint_) {
        self->lost(generation, rogue_host(self->where_), true);
        return;
      }
      self->connected_ = true;
      self->report(action::Connected{self->host_fingerprint_});
      self->read(generation);
    });
  }

  // Runs the pairing exchange with `code`; `held` goes out only once the
  // host has proven it knows the same code.
  void pair_then_send(const v1::Envelope& held, const std::string& code) {
    if (initiator_ || binding_.empty()) return;
    held_join_ = held;
    held_code_ = code;
    initiator_ = std::make_unique<pairing::Initiator>(code, binding_);
    enqueue(encode_frame(initiator_->start()));
  }

  // True when the envelope was part of pairing and is not for the model.
  bool on_pairing(std::uint64_t generation, const v1::Envelope& envelope) {
    if (envelope.has_pair_offer()) {
      if (!initiator_ || finish_sent_) {
        lost(generation, unproven_host(where_));
        return true;
      }
      auto finish = initiator_->finish(envelope.pair_offer());
      if (!finish) {
        const std::string code = held_code_;
        refuse(v1::ERROR_CODE_UNKNOWN_CODE, no_such_code(code));
        return true;
      }
      // The host's tag matched: it knows the code. Ours goes back.
      finish_sent_ = true;
      enqueue(encode_frame(*finish));
      return true;
    }
    if (envelope.has_pair_done()) {
      if (!initiator_ || !held_join_ || !finish_sent_) {
        // A PairDone that no proven exchange led to: a host pretending.
        lost(generation, unproven_host(where_));
        return true;
      }
      initiator_.reset();
      finish_sent_ = false;
      try {
        keys_.trust->pin_host(where_, host_fingerprint_);
      } catch (const std::exception& failure) {
        // Paired for this run; the pin is kept in memory and the game goes on.
        log::warn(std::string("The host's pairing could not be saved (") + failure.what() +
                  "); this laptop will pair again next time.");
      }
      host_trusted_ = true;
      enqueue(encode_frame(*held_join_));
      held_join_.reset();
      return true;
    }
    return false;
  }

  void read(std::uint64_t generation) {
    stream_->async_read_some(asio::buffer(buffer_), [self = shared_from_this(), generation, stream = stream_](
                                                        std::error_code ec, std::size_t count) {
      if (generation != self->generation_) return;
      if (ec) {
        self->lost(generation, ec == asio::error::eof || ec == asio::ssl::error::stream_truncated
                                   ? "The host closed the connection."
                                   : "The connection to the host dropped (" + ec.message() + ").");
        return;
      }
      self->decoder_.feed(std::string_view(self->buffer_.data(), count));
      self->unanswered_pings_ = 0;  // the host is there
      for (;;) {
        auto result = self->decoder_.next();
        if (result.status == FrameDecoder::Status::kNeedMore) break;
        if (result.status == FrameDecoder::Status::kError) {
          self->lost(generation, "The host sent something this app cannot read: " + result.message);
          return;
        }
        if (self->on_pairing(generation, result.envelope)) {
          if (generation != self->generation_) return;
          continue;
        }
        if (!self->host_trusted_ && !acceptable_before_proof(result.envelope)) {
          self->lost(generation, unproven_host(self->where_));
          return;
        }
        if (result.envelope.has_room_joined()) self->seat_host_ = self->host_fingerprint_;
        if (result.envelope.has_welcome()) {
          self->start_pings(generation, result.envelope.welcome().heartbeat_seconds());
        }
        if (result.envelope.has_ping()) {
          v1::Envelope pong;
          pong.mutable_pong()->set_nonce(result.envelope.ping().nonce());
          self->enqueue(encode_frame(pong));
        }
        self->report(action::Received{std::move(result.envelope)});
      }
      self->read(generation);
    });
  }

  void start_pings(std::uint64_t generation, std::uint32_t seconds) {
    if (seconds == 0) return;
    ping_timer_.expires_after(std::chrono::seconds(seconds));
    ping_timer_.async_wait([self = shared_from_this(), generation, seconds](std::error_code ec) {
      if (ec || generation != self->generation_ || !self->connected_) return;
      // Nothing at all from the host for several heartbeats (it slept, or the
      // network went without a word): a drop like any other, so the model
      // reconnects and resumes.
      if (++self->unanswered_pings_ > kSilentHeartbeats) {
        self->lost(generation,
                   "The host has not answered for " + std::to_string(seconds * kSilentHeartbeats) + " seconds.");
        return;
      }
      v1::Envelope ping;
      ping.mutable_ping()->set_nonce(++self->ping_nonce_);
      self->enqueue(encode_frame(ping));
      self->start_pings(generation, seconds);
    });
  }

  void enqueue(std::string frame) {
    queue_.push_back(std::move(frame));
    if (queue_.size() == 1) write_next();
  }

  void write_next() {
    if (queue_.empty() || !stream_) return;
    const std::uint64_t generation = generation_;
    asio::async_write(*stream_, asio::buffer(queue_.front()),
                      [self = shared_from_this(), generation, stream = stream_](std::error_code ec, std::size_t) {
                        if (generation != self->generation_) return;
                        if (ec) {
                          self->lost(generation, "Could not send to the host (" + ec.message() + ").");
                          return;
                        }
                        self->queue_.pop_front();
                        self->write_next();
                      });
  }

  Wake wake_;
  std::string owner_code_;
  std::string keys_problem_;
  DeviceKeys keys_;
  asio::io_context io_;
  asio::ssl::context ssl_{asio::ssl::context::tls_client};
  asio::executor_work_guard<asio::io_context::executor_type> guard_;
  asio::ip::tcp::resolver resolver_;
  std::shared_ptr<TlsSocket> stream_;
  asio::steady_timer connect_timer_;
  asio::steady_timer ping_timer_;
  std::thread thread_;
  // Touched only on the network thread:
  std::uint64_t generation_ = 0;
  bool connected_ = false;
  bool host_trusted_ = false;
  std::string where_;
  std::string host_fingerprint_;
  std::string binding_;
  std::unique_ptr<pairing::Initiator> initiator_;
  bool finish_sent_ = false;  // the host's confirmation tag checked out
  std::optional<v1::Envelope> held_join_;
  std::string held_code_;
  std::string seat_host_;                       // fingerprint of the host that gave this laptop its seat
  FrameDecoder decoder_{kMaxServerFrameBytes};  // the room's opening event carries every deck
  std::array<char, 8192> buffer_{};
  std::deque<std::string> queue_;
  std::uint64_t ping_nonce_ = 0;
  std::uint32_t unanswered_pings_ = 0;  // pings sent since anything arrived
  // Shared with the UI thread:
  std::mutex mutex_;
  std::vector<Action> inbox_;
  std::string shared_host_fingerprint_;
};

NetClient::NetClient(Wake wake, NetOptions options) : impl_(std::make_shared<Impl>(std::move(wake), options)) {
  impl_->start();
}

NetClient::~NetClient() { impl_->shutdown(); }

void NetClient::connect(const std::string& host_port) { impl_->connect(host_port); }

void NetClient::send(const v1::Envelope& envelope) { impl_->send(envelope); }

void NetClient::disconnect() { impl_->disconnect(); }

std::vector<Action> NetClient::poll() { return impl_->poll(); }

std::string NetClient::fingerprint() const { return impl_->fingerprint(); }

std::string NetClient::host_fingerprint() const { return impl_->host_fingerprint(); }

void NetClient::forget_host(const std::string& host_port) { impl_->forget_host(host_port); }

void NetClient::apply(const Effects& effects) {
  if (effects.disconnect) disconnect();
  if (effects.connect_to) connect(*effects.connect_to);
  for (const auto& envelope : effects.send) send(envelope);
}

}  // namespace attune::client
