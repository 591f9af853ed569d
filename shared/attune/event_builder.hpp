// Builds the events of one decision, numbered after the state's last one.
// Internal to the engine's decide (engine.cpp, host_controls.cpp).
#pragma once

#include <cstdint>
#include <utility>

#include "attune/room_state.hpp"

namespace attune {

class EventBuilder {
 public:
  EventBuilder(const RoomState& state, std::int64_t now_ms, Seat actor, std::uint64_t command_id)
      : next_seq_(state.last_seq + 1), now_ms_(now_ms), actor_(actor), command_id_(command_id) {}

  v1::Event& add() {
    v1::Event& event = events_.emplace_back();
    event.set_seq(next_seq_++);
    event.set_at_ms(now_ms_);
    event.set_actor(actor_);
    event.set_command_id(command_id_);
    return event;
  }

  Events take() { return std::move(events_); }

 private:
  std::uint64_t next_seq_;
  std::int64_t now_ms_;
  Seat actor_;
  std::uint64_t command_id_;
  Events events_;
};

// Adds the RoundStarted that opens the next round, with the host's choice of
// exercise and deck for it (engine.cpp).
void start_round(EventBuilder& out, const RoomState& state);

}  // namespace attune
