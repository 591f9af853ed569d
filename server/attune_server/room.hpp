// A room: one couple's session. Holds the engine state and the event log and
// talks to its seats only through SeatLink, so it never touches a socket and
// a test can seat fakes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attune/engine.hpp"

namespace attune::server {

class SeatLink {
 public:
  virtual ~SeatLink() = default;
  // Queues a message for this seat's peer; never blocks, never throws.
  virtual void deliver(const v1::Envelope& envelope) = 0;
};

class Room {
 public:
  Room(std::string room_id, std::string join_code);

  [[nodiscard]] const std::string& id() const { return id_; }
  [[nodiscard]] const std::string& join_code() const { return join_code_; }
  [[nodiscard]] const RoomState& state() const { return state_; }
  [[nodiscard]] const std::vector<v1::Event>& log() const { return log_; }
  [[nodiscard]] bool ended() const { return state_.stage == Stage::kEnded; }
  [[nodiscard]] bool has_free_partner_seat() const;
  [[nodiscard]] bool anyone_attached() const;

  // Each returns the rejection, if any, after telling nobody; on success the
  // events are logged, folded and delivered (projected) to every seat.
  std::optional<Rejection> open(const OpenRoom& open, SeatLink* creator, std::int64_t now_ms);
  std::optional<Rejection> seat(Seat seat, const std::string& name, SeatLink* link, std::int64_t now_ms);
  // A rejection here is sent to the seat as an Error naming the command.
  void command(Seat seat, const v1::Command& command, std::int64_t now_ms);
  void presence(Seat seat, bool away, std::int64_t now_ms);
  // The seat's connection is gone. When nobody is left the session ends.
  void detach(Seat seat, const SeatLink* link, std::int64_t now_ms);

  // Sends `link` everything after `after_seq`, projected for `seat`.
  void send_history(Seat seat, SeatLink* link, std::uint64_t after_seq) const;

 private:
  std::optional<Rejection> apply(const Input& input, std::int64_t now_ms);
  void commit(Events events);
  void broadcast(const v1::Event& event);

  std::string id_;
  std::string join_code_;
  RoomState state_;
  std::vector<v1::Event> log_;
  std::array<SeatLink*, 4> links_{};  // indexed by v1::Seat
};

}  // namespace attune::server
