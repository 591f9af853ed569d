// One peer's connection: reads frames, answers the handshake, forwards
// commands to its room, and writes with exactly one write in flight.
#pragma once

#include <array>
#include <asio/steady_timer.hpp>
#include <deque>
#include <memory>
#include <string>

#include "attune/framing.hpp"
#include "attune_server/room.hpp"
#include "attune_server/stream.hpp"

namespace attune::pairing {
class Responder;
}

namespace attune::server {

class Server;

class Connection final : public SeatLink, public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::any_io_executor executor, std::unique_ptr<Stream> stream, Server& server);

  void start();
  // Closes now, without a goodbye (server shutdown).
  void close();
  void deliver(const v1::Envelope& envelope) override;
  void replaced() override;

 private:
  enum class Phase { kStarting, kAwaitingHello, kLobby, kInRoom, kClosing, kClosed };

  void read();
  void on_bytes(std::size_t count);
  void on_envelope(const v1::Envelope& envelope);
  void on_hello(const v1::Hello& hello);
  void on_create(const v1::CreateRoom& request);
  void on_join(const v1::JoinRoom& request);
  void on_seated(const std::variant<struct Seated, Rejection>& result);
  void on_command(const v1::Command& command);
  void on_pair_start(const v1::PairStart& start);
  void on_pair_finish(const v1::PairFinish& finish);
  void arm_frame_timer();
  void send_error(v1::ErrorCode code, const std::string& message, bool fatal);
  void write_next();
  void arm_idle_timer();
  [[nodiscard]] std::chrono::steady_clock::time_point idle_deadline() const;
  void on_idle();
  void leave_room();
  void finish();  // close after the queue has been written
  // The peer has a certificate and the host knows it (paired or owner).
  [[nodiscard]] bool proven() const;

  std::unique_ptr<Stream> stream_;
  Server& server_;
  asio::steady_timer deadline_;
  asio::steady_timer linger_;
  asio::steady_timer frame_deadline_;  // armed while a frame is half-read
  bool frame_timer_armed_ = false;
  bool pairing_tried_ = false;   // one pairing attempt per connection
  std::size_t wrong_codes_ = 0;  // joins by a code that seated nobody
  std::string device_;           // the peer's certificate fingerprint, once TLS is up
  std::shared_ptr<pairing::Responder> pairing_;
  Phase phase_ = Phase::kStarting;
  FrameDecoder decoder_;
  // Most frames are far smaller; a bigger one takes several reads. Held by
  // every idle connection, so kept small.
  std::array<char, 4096> read_buffer_{};
  std::deque<std::string> queue_;
  std::size_t queued_bytes_ = 0;
  std::string batch_;     // queued frames joined for one write
  bool writing_ = false;  // a write is in flight or about to start
  bool idle_armed_ = false;
  std::chrono::steady_clock::time_point last_heard_{};
  bool away_ = false;
  bool dropping_ = false;  // over the queue limit; closing on the next turn
  std::string room_id_;
  Seat seat_ = v1::SEAT_UNSPECIFIED;
};

}  // namespace attune::server
