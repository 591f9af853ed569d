#include "attune_server/connection.hpp"

#include <asio/buffer.hpp>
#include <asio/post.hpp>

#include "attune/log.hpp"
#include "attune/version.hpp"
#include "attune_server/lobby.hpp"
#include "attune_server/server.hpp"
#include "attune_server/tls_pairing.hpp"

namespace attune::server {
namespace {

// How long a connection that is closing waits for its last frames to go out.
constexpr std::chrono::seconds kLingerLimit{5};
// Wrong codes one connection may try before it is closed.
constexpr std::size_t kWrongCodesPerConnection = 3;
// Frames queued together are sent together up to this many bytes.
constexpr std::size_t kBatchBytes = 16 * 1024;

}  // namespace

Connection::Connection(asio::any_io_executor executor, std::unique_ptr<Stream> stream, Server& server)
    : stream_(std::move(stream)), server_(server), deadline_(executor), linger_(executor), frame_deadline_(executor) {}

void Connection::start() {
  auto self = shared_from_this();
  // First the TLS handshake has its own deadline; nothing can be said to a
  // peer before it is done, so missing it just closes.
  deadline_.expires_after(server_.config().handshake_timeout);
  deadline_.async_wait([this, self](std::error_code ec) {
    if (ec || phase_ == Phase::kClosed) return;
    if (phase_ == Phase::kStarting) close();
  });
  stream_->async_start([this, self](std::error_code ec) {
    if (ec) {
      close();
      return;
    }
    if (phase_ != Phase::kStarting) return;
    phase_ = Phase::kAwaitingHello;
    device_ = stream_->peer_fingerprint();
    // A device the host already knows leaves the pool of strangers at once;
    // its limits are per device from here on.
    if (proven() && !server_.device_connected(this, device_)) {
      close();
      return;
    }
    deadline_.expires_after(server_.config().hello_timeout);
    deadline_.async_wait([this, self](std::error_code wait_ec) {
      if (wait_ec || phase_ == Phase::kClosed) return;
      if (phase_ == Phase::kAwaitingHello) {
        send_error(v1::ERROR_CODE_HELLO_TIMEOUT, "No Hello arrived in time; closing the connection.", true);
      }
    });
    read();
  });
}

void Connection::read() {
  auto self = shared_from_this();
  stream_->async_read_some(asio::buffer(read_buffer_), [this, self](std::error_code ec, std::size_t count) {
    if (phase_ == Phase::kClosed) return;
    if (ec) {
      close();
      return;
    }
    on_bytes(count);
    if (phase_ != Phase::kClosing && phase_ != Phase::kClosed) read();
  });
}

void Connection::on_bytes(std::size_t count) {
  decoder_.feed(std::string_view(read_buffer_.data(), count));
  for (;;) {
    auto result = decoder_.next();
    if (result.status == FrameDecoder::Status::kNeedMore) {
      arm_frame_timer();
      return;
    }
    if (result.status == FrameDecoder::Status::kError) {
      send_error(result.error, result.message + " Closing the connection.", true);
      return;
    }
    try {
      on_envelope(result.envelope);
    } catch (const std::exception& failure) {
      // One request's failure ends this connection, never the server and its other rooms.
      log::error(std::string("A request failed on a connection: ") + failure.what());
      // Not fatal: the client treats it as a drop and resumes its seat.
      send_error(v1::ERROR_CODE_HOST_FAULT,
                 "The host hit a problem with that request and closed this connection; reconnect to carry on.", false);
      finish();
      return;
    }
    if (phase_ == Phase::kClosing || phase_ == Phase::kClosed) return;
    arm_frame_timer();
  }
}

void Connection::arm_frame_timer() {
  // A frame that has begun must finish within frame_timeout, so a peer
  // cannot hold the connection open by trickling one byte at a time.
  if (decoder_.buffered() == 0) {
    if (frame_timer_armed_) frame_deadline_.cancel();
    frame_timer_armed_ = false;
    return;
  }
  if (frame_timer_armed_) return;
  frame_timer_armed_ = true;
  frame_deadline_.expires_after(server_.config().frame_timeout);
  frame_deadline_.async_wait([this, self = shared_from_this()](std::error_code ec) {
    if (ec || phase_ == Phase::kClosed || phase_ == Phase::kClosing || !frame_timer_armed_) return;
    frame_timer_armed_ = false;
    send_error(v1::ERROR_CODE_IDLE_TIMEOUT, "A message took too long to arrive; closing the connection.", true);
  });
}

void Connection::on_envelope(const v1::Envelope& envelope) {
  if (phase_ == Phase::kAwaitingHello) {
    if (!envelope.has_hello()) {
      send_error(v1::ERROR_CODE_HELLO_REQUIRED, "Say Hello with your protocol version first.", true);
      return;
    }
    on_hello(envelope.hello());
    return;
  }
  // Anything from the peer shows it is there. The idle timer is not
  // re-armed per frame: when it fires it waits out what is left, if anything.
  last_heard_ = std::chrono::steady_clock::now();
  if (!idle_armed_) arm_idle_timer();
  if (away_ && phase_ == Phase::kInRoom) {
    away_ = false;
    if (Room* room = server_.lobby().find(room_id_)) room->presence(seat_, false, server_.now_ms());
  }
  switch (envelope.body_case()) {
    case v1::Envelope::kPing: {
      v1::Envelope pong;
      pong.mutable_pong()->set_nonce(envelope.ping().nonce());
      deliver(pong);
      break;
    }
    case v1::Envelope::kPong: break;
    case v1::Envelope::kCreateRoom: on_create(envelope.create_room()); break;
    case v1::Envelope::kJoinRoom: on_join(envelope.join_room()); break;
    case v1::Envelope::kCommand: on_command(envelope.command()); break;
    case v1::Envelope::kPairStart: on_pair_start(envelope.pair_start()); break;
    case v1::Envelope::kPairFinish: on_pair_finish(envelope.pair_finish()); break;
    case v1::Envelope::kHello:
      send_error(v1::ERROR_CODE_INVALID_ARGUMENT, "Hello was already said on this connection.", false);
      break;
    default: send_error(v1::ERROR_CODE_INVALID_ARGUMENT, "A client cannot send that message.", false); break;
  }
}

void Connection::on_hello(const v1::Hello& hello) {
  if (hello.protocol_version() != kProtocolVersion) {
    send_error(v1::ERROR_CODE_VERSION_MISMATCH,
               "This server speaks Attune protocol " + std::to_string(kProtocolVersion) + " and your app speaks " +
                   std::to_string(hello.protocol_version()) + ". Update both laptops to the same Attune version.",
               true);
    return;
  }
  phase_ = Phase::kLobby;
  v1::Envelope welcome;
  welcome.mutable_welcome()->set_protocol_version(kProtocolVersion);
  welcome.mutable_welcome()->set_server_name(std::string("attune-server ") + kVersionString);
  welcome.mutable_welcome()->set_heartbeat_seconds(static_cast<std::uint32_t>(server_.config().heartbeat.count()));
  deliver(welcome);
  last_heard_ = std::chrono::steady_clock::now();
  arm_idle_timer();
}

void Connection::leave_room() {
  if (phase_ != Phase::kInRoom) return;
  const std::string room_id = room_id_;
  if (Room* room = server_.lobby().find(room_id)) room->detach(seat_, this, server_.now_ms());
  room_id_.clear();
  seat_ = v1::SEAT_UNSPECIFIED;
  phase_ = Phase::kLobby;
  server_.lobby().reap(room_id);
}

bool Connection::proven() const { return server_.pairing().device_trusted(device_); }

void Connection::on_create(const v1::CreateRoom& request) {
  // Only the host's own devices start games: this laptop itself (the
  // window's embedded server shares its identity) or one paired with the
  // owner code attune-server printed.
  if (device_.empty()) {
    send_error(v1::ERROR_CODE_NOT_PAIRED,
               "This app did not present a device certificate, so it can only pair. Nothing was kept.", true);
    return;
  }
  if (!server_.pairing().device_is_owner(device_)) {
    send_error(v1::ERROR_CODE_NOT_OWNER,
               "Only the host's own laptop can start a game here. To start games on this server from another "
               "laptop, pair it as an owner with the owner code attune-server printed when it started.",
               true);
    return;
  }
  if (phase_ == Phase::kInRoom) {
    Room* room = server_.lobby().find(room_id_);
    if (room != nullptr && !room->ended()) {
      send_error(v1::ERROR_CODE_ALREADY_IN_ROOM, "You are already in a game; end it before starting another.", false);
      return;
    }
    leave_room();
  }
  if (!server_.can_offer_another_code()) {
    send_error(v1::ERROR_CODE_SERVER_BUSY,
               "Several games on this host are already waiting for a laptop to pair. Start this one when a partner "
               "has joined one of them, or in a few minutes.",
               false);
    return;
  }
  on_seated(server_.lobby().create(request, this, device_, server_.now_ms()));
}

void Connection::on_join(const v1::JoinRoom& request) {
  // Joining by code takes a device this host knows: one that paired (CPace,
  // docs/security.md) on this or an earlier connection. Resuming a seat is
  // gated by the seat's secret token instead.
  if (device_.empty()) {
    send_error(v1::ERROR_CODE_NOT_PAIRED,
               "This app did not present a device certificate, so it can only pair. Nothing was kept.", true);
    return;
  }
  if (request.room_id().empty() && request.seat_token().empty() && !proven()) {
    send_error(v1::ERROR_CODE_NOT_PAIRED,
               "This laptop is not paired with the host yet. Enter the code shown on the host's screen to pair.",
               false);
    return;
  }
  if (phase_ == Phase::kInRoom) {
    Room* room = server_.lobby().find(room_id_);
    if (room != nullptr && !room->ended()) {
      send_error(v1::ERROR_CODE_ALREADY_IN_ROOM, "You are already in a game; end it before joining another.", false);
      return;
    }
    leave_room();
  }
  auto result = server_.lobby().join(request, this, device_, server_.now_ms());
  const auto* rejection = std::get_if<Rejection>(&result);
  if (rejection != nullptr && rejection->code == v1::ERROR_CODE_UNKNOWN_CODE) {
    // A code that seated nobody was a guess at every open code.
    server_.wrong_join();
    if (++wrong_codes_ >= kWrongCodesPerConnection) {
      send_error(rejection->code, rejection->message, true);
      return;
    }
  }
  on_seated(result);
}

void Connection::on_seated(const SeatResult& result) {
  if (const auto* rejection = std::get_if<Rejection>(&result)) {
    send_error(rejection->code, rejection->message, false);
    return;
  }
  const auto& seated = std::get<Seated>(result);
  // Seated: no longer one of the connections that only take up room.
  server_.authenticated(this);
  phase_ = Phase::kInRoom;
  room_id_ = seated.room->id();
  seat_ = seated.seat;
  v1::Envelope joined;
  joined.mutable_room_joined()->set_room_id(room_id_);
  joined.mutable_room_joined()->set_seat(seat_);
  if (seated.room->has_free_partner_seat()) {
    joined.mutable_room_joined()->set_code(seated.room->join_code());
    // The same code pairs each partner laptop still to come, once each, for
    // a limited time: one in a couple's room, two when a host created it.
    const auto& seats = seated.room->state().seats;
    const std::size_t free_seats =
        (seats[v1::SEAT_PARTNER_A].taken ? 0U : 1U) + (seats[v1::SEAT_PARTNER_B].taken ? 0U : 1U);
    server_.pairing().offer(seated.room->join_code(), server_.now_ms(), free_seats);
  } else {
    // Both partners sit (perhaps on laptops that were paired before and did
    // not use the code to pair): the code pairs nobody more and no longer
    // takes one of the four places a client accepts.
    server_.pairing().withdraw(seated.room->join_code());
  }
  joined.mutable_room_joined()->set_seat_token(seated.seat_token);
  joined.mutable_room_joined()->set_resumed(seated.resumed);
  joined.mutable_room_joined()->set_seat_kept_seconds(
      static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(server_.config().keep_seat).count()));
  deliver(joined);
}

void Connection::replaced() {
  // The room already points at the newer connection; just go.
  room_id_.clear();
  seat_ = v1::SEAT_UNSPECIFIED;
  phase_ = Phase::kLobby;
  send_error(v1::ERROR_CODE_REPLACED, "This seat was taken back by a newer connection from the same laptop.", true);
}

void Connection::on_command(const v1::Command& command) {
  Room* room = phase_ == Phase::kInRoom ? server_.lobby().find(room_id_) : nullptr;
  if (room == nullptr) {
    v1::Envelope envelope;
    auto* error = envelope.mutable_error();
    error->set_code(v1::ERROR_CODE_NOT_IN_ROOM);
    error->set_message("Create or join a game before playing.");
    error->set_command_id(command.command_id());
    deliver(envelope);
    return;
  }
  room->command(seat_, command, server_.now_ms());
}

void Connection::send_error(v1::ErrorCode code, const std::string& message, bool fatal) {
  v1::Envelope envelope;
  auto* error = envelope.mutable_error();
  error->set_code(code);
  error->set_message(message);
  error->set_fatal(fatal);
  deliver(envelope);
  if (fatal) finish();
}

void Connection::deliver(const v1::Envelope& envelope) {
  if (phase_ == Phase::kClosed || phase_ == Phase::kClosing || dropping_) return;
  std::string frame = encode_frame(envelope);
  queued_bytes_ += frame.size();
  if (queued_bytes_ > server_.config().max_queued_bytes) {
    // The peer stopped reading; holding more would let it eat our memory.
    // Closed from a fresh stack: we may be inside a room's broadcast.
    dropping_ = true;
    asio::post(deadline_.get_executor(), [self = shared_from_this()] { self->close(); });
    return;
  }
  queue_.push_back(std::move(frame));
  if (writing_) return;
  // The first write starts once this turn is over, so frames queued together
  // (a command's events, a resume's history) leave in one send.
  writing_ = true;
  asio::post(deadline_.get_executor(), [this, self = shared_from_this()] { write_next(); });
}

void Connection::write_next() {
  if (queue_.empty() || phase_ == Phase::kClosed) {
    writing_ = false;
    if (phase_ == Phase::kClosing) close();
    return;
  }
  writing_ = true;
  // Several queued frames go out as one buffer: one TLS record (up to its
  // 16 KiB) and one send instead of one each.
  std::size_t frames = 1;
  if (queue_.size() > 1 && queue_.front().size() < kBatchBytes) {
    batch_.clear();
    for (frames = 0; frames < queue_.size() && batch_.size() + queue_[frames].size() <= kBatchBytes; ++frames) {
      batch_ += queue_[frames];
    }
  }
  const std::string& bytes = frames == 1 ? queue_.front() : batch_;
  auto self = shared_from_this();
  stream_->async_write(asio::buffer(bytes), [this, self, frames](std::error_code ec, std::size_t) {
    if (phase_ == Phase::kClosed) return;
    if (ec) {
      close();
      return;
    }
    for (std::size_t i = 0; i < frames; ++i) {
      queued_bytes_ -= queue_.front().size();
      queue_.pop_front();
    }
    if (frames > 1 && queue_.size() <= 1) std::string().swap(batch_);  // an idle connection holds no batch
    write_next();
  });
}

std::chrono::steady_clock::time_point Connection::idle_deadline() const {
  const auto away_after = server_.config().heartbeat * server_.config().away_after_heartbeats;
  // Away after a few silent heartbeats; closed once silent for idle_close.
  const std::chrono::seconds silent_for = away_ ? server_.config().idle_close : away_after;
  return last_heard_ + silent_for;
}

void Connection::arm_idle_timer() {
  auto self = shared_from_this();
  idle_armed_ = true;
  deadline_.expires_at(idle_deadline());
  deadline_.async_wait([this, self](std::error_code ec) {
    if (ec) return;
    idle_armed_ = false;
    if (phase_ == Phase::kClosed || phase_ == Phase::kClosing) return;
    // The peer spoke since this was armed: wait out the rest.
    if (std::chrono::steady_clock::now() < idle_deadline()) {
      arm_idle_timer();
      return;
    }
    on_idle();
  });
}

void Connection::on_idle() {
  if (phase_ == Phase::kClosed || phase_ == Phase::kClosing) return;
  if (phase_ == Phase::kInRoom && !away_) {
    // Silent for a few heartbeats: tell the room, keep the seat.
    away_ = true;
    if (Room* room = server_.lobby().find(room_id_)) room->presence(seat_, true, server_.now_ms());
    arm_idle_timer();
    return;
  }
  send_error(v1::ERROR_CODE_IDLE_TIMEOUT, "Nothing arrived for too long; closing the connection.", true);
}

void Connection::finish() {
  if (phase_ == Phase::kClosed) return;
  leave_room();
  phase_ = Phase::kClosing;
  if (!writing_) {
    close();
    return;
  }
  auto self = shared_from_this();
  linger_.expires_after(kLingerLimit);
  linger_.async_wait([this, self](std::error_code ec) {
    if (!ec) close();
  });
}

void Connection::close() {
  if (phase_ == Phase::kClosed) return;
  auto self = shared_from_this();
  leave_room();
  phase_ = Phase::kClosed;
  deadline_.cancel();
  linger_.cancel();
  frame_deadline_.cancel();
  frame_timer_armed_ = false;
  stream_->close();
  queue_.clear();
  queued_bytes_ = 0;
  server_.forget(self);
}

void Connection::on_pair_start(const v1::PairStart& start) {
  if (phase_ != Phase::kLobby) {
    send_error(v1::ERROR_CODE_INVALID_ARGUMENT, "Pair before joining a game.", false);
    return;
  }
  if (pairing_tried_) {
    send_error(v1::ERROR_CODE_INVALID_ARGUMENT, "One pairing attempt per connection; reconnect to try again.", true);
    return;
  }
  pairing_tried_ = true;
  auto result = server_.pairing().start(start.ya(), stream_->channel_binding(), device_, server_.now_ms());
  server_.renew_retired_codes();
  if (const auto* rejection = std::get_if<Rejection>(&result)) {
    send_error(rejection->code, rejection->message, true);
    return;
  }
  pairing_ = std::get<std::shared_ptr<pairing::Responder>>(std::move(result));
  v1::Envelope offer;
  *offer.mutable_pair_offer() = pairing_->offer();
  deliver(offer);
}

void Connection::on_pair_finish(const v1::PairFinish& finish) {
  if (!pairing_) {
    send_error(v1::ERROR_CODE_INVALID_ARGUMENT, "No pairing is under way on this connection.", true);
    return;
  }
  auto responder = std::move(pairing_);
  pairing_.reset();
  PairingDesk::Finish result;
  try {
    result = server_.pairing().finish(*responder, finish.client_confirm(), device_, server_.now_ms());
  } catch (const std::exception& e) {
    // The trust file could not be written (a full disk): the device is not
    // remembered, so it must not believe it paired.
    log::error(std::string("Pairing a device failed: ") + e.what());
    send_error(v1::ERROR_CODE_STORAGE_FAILED,
               std::string("The host could not remember this laptop (") + e.what() + "). Try again later.", true);
    return;
  }
  if (const auto* rejection = std::get_if<Rejection>(&result)) {
    send_error(rejection->code, rejection->message, true);
    return;
  }
  if (!server_.device_connected(this, device_)) {
    close();
    return;
  }
  v1::Envelope done;
  done.mutable_pair_done();
  deliver(done);
}

}  // namespace attune::server
