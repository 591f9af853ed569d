// The host's controls: the commands only the host's seat may give (pace,
// hold, skip, settings, lock, notes and flags), decided against the room.
// Internal to the engine's decide.
#pragma once

#include "attune/event_builder.hpp"
#include "attune/room_state.hpp"

namespace attune {

// Whether `command` is one of the host's controls.
[[nodiscard]] bool is_host_command(const v1::Command& command);

// Decides a host's control (host_refusal in rules.hpp says whether it may
// be given now); `out` is numbered for the host's command.
[[nodiscard]] Decision decide_host(const RoomState& state, const v1::Command& command, EventBuilder& out);

}  // namespace attune
