#include "net/net_client.hpp"

#include <array>
#include <asio/connect.hpp>
#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>
#include <deque>
#include <mutex>
#include <thread>

#include "attune/address.hpp"
#include "attune/framing.hpp"

namespace attune::client {
namespace {

constexpr std::chrono::seconds kConnectTimeout{8};

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

}  // namespace

class NetClient::Impl : public std::enable_shared_from_this<NetClient::Impl> {
 public:
  explicit Impl(Wake wake)
      : wake_(std::move(wake)),
        guard_(asio::make_work_guard(io_)),
        resolver_(io_),
        socket_(io_),
        connect_timer_(io_),
        ping_timer_(io_) {}

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
    std::string frame = encode_frame(envelope);
    asio::post(io_, [self = shared_from_this(), frame = std::move(frame)]() mutable {
      if (!self->connected_) return;
      self->queue_.push_back(std::move(frame));
      if (self->queue_.size() == 1) self->write_next();
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

 private:
  void report(Action action) {
    {
      std::lock_guard lock(mutex_);
      inbox_.push_back(std::move(action));
    }
    if (wake_) wake_();
  }

  // Closes the current connection quietly (the person asked for it).
  void drop() {
    ++generation_;
    connected_ = false;
    std::error_code ignored;
    resolver_.cancel();
    connect_timer_.cancel();
    ping_timer_.cancel();
    socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    queue_.clear();
    decoder_ = FrameDecoder();
  }

  // The connection failed or ended on its own.
  void lost(std::uint64_t generation, std::string reason) {
    if (generation != generation_) return;
    drop();
    report(action::Disconnected{std::move(reason)});
  }

  void do_connect(const std::string& host_port) {
    drop();
    const std::uint64_t generation = generation_;
    HostPort address;
    std::string error;
    if (!parse_host_port(host_port, address, error)) {
      report(action::Disconnected{error});
      return;
    }
    where_ = host_port;
    connect_timer_.expires_after(kConnectTimeout);
    connect_timer_.async_wait([self = shared_from_this(), generation](std::error_code ec) {
      if (ec || generation != self->generation_ || self->connected_) return;
      self->lost(generation, reach_failure(self->where_, asio::error::timed_out));
    });
    resolver_.async_resolve(
        address.host, std::to_string(address.port),
        [self = shared_from_this(), generation](std::error_code ec, asio::ip::tcp::resolver::results_type results) {
          if (generation != self->generation_) return;
          if (ec) {
            self->lost(generation, reach_failure(self->where_, ec));
            return;
          }
          asio::async_connect(self->socket_, results,
                              [self, generation](std::error_code connect_ec, const asio::ip::tcp::endpoint&) {
                                if (generation != self->generation_) return;
                                if (connect_ec) {
                                  self->lost(generation, reach_failure(self->where_, connect_ec));
                                  return;
                                }
                                self->connect_timer_.cancel();
                                std::error_code ignored;
                                self->socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
                                self->connected_ = true;
                                self->report(action::Connected{});
                                self->read(generation);
                              });
        });
  }

  void read(std::uint64_t generation) {
    socket_.async_read_some(asio::buffer(buffer_), [self = shared_from_this(), generation](std::error_code ec,
                                                                                           std::size_t count) {
      if (generation != self->generation_) return;
      if (ec) {
        self->lost(generation, ec == asio::error::eof ? "The host closed the connection."
                                                      : "The connection to the host dropped (" + ec.message() + ").");
        return;
      }
      self->decoder_.feed(std::string_view(self->buffer_.data(), count));
      for (;;) {
        auto result = self->decoder_.next();
        if (result.status == FrameDecoder::Status::kNeedMore) break;
        if (result.status == FrameDecoder::Status::kError) {
          self->lost(generation, "The host sent something this app cannot read: " + result.message);
          return;
        }
        if (result.envelope.has_welcome()) self->start_pings(generation, result.envelope.welcome().heartbeat_seconds());
        if (result.envelope.has_ping()) {
          v1::Envelope pong;
          pong.mutable_pong()->set_nonce(result.envelope.ping().nonce());
          self->queue_.push_back(encode_frame(pong));
          if (self->queue_.size() == 1) self->write_next();
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
      v1::Envelope ping;
      ping.mutable_ping()->set_nonce(++self->ping_nonce_);
      self->queue_.push_back(encode_frame(ping));
      if (self->queue_.size() == 1) self->write_next();
      self->start_pings(generation, seconds);
    });
  }

  void write_next() {
    if (queue_.empty()) return;
    const std::uint64_t generation = generation_;
    asio::async_write(socket_, asio::buffer(queue_.front()),
                      [self = shared_from_this(), generation](std::error_code ec, std::size_t) {
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
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_;
  asio::ip::tcp::resolver resolver_;
  asio::ip::tcp::socket socket_;
  asio::steady_timer connect_timer_;
  asio::steady_timer ping_timer_;
  std::thread thread_;
  // Touched only on the network thread:
  std::uint64_t generation_ = 0;
  bool connected_ = false;
  std::string where_;
  FrameDecoder decoder_;
  std::array<char, 8192> buffer_{};
  std::deque<std::string> queue_;
  std::uint64_t ping_nonce_ = 0;
  // Shared with the UI thread:
  std::mutex mutex_;
  std::vector<Action> inbox_;
};

NetClient::NetClient(Wake wake) : impl_(std::make_shared<Impl>(std::move(wake))) { impl_->start(); }

NetClient::~NetClient() { impl_->shutdown(); }

void NetClient::connect(const std::string& host_port) { impl_->connect(host_port); }

void NetClient::send(const v1::Envelope& envelope) { impl_->send(envelope); }

void NetClient::disconnect() { impl_->disconnect(); }

std::vector<Action> NetClient::poll() { return impl_->poll(); }

void NetClient::apply(const Effects& effects) {
  if (effects.disconnect) disconnect();
  if (effects.connect_to) connect(*effects.connect_to);
  for (const auto& envelope : effects.send) send(envelope);
}

}  // namespace attune::client
