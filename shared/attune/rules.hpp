// The rules as answers: what the rest of the program asks about a room
// (whose turn, which step, how seats and parts are named) instead of
// re-deriving it from the state. Pure; no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "attune/room_state.hpp"

namespace attune {

// Whether a host sits in the room (then the host starts each round).
[[nodiscard]] bool host_present(const RoomState& state);

// Helpers for views and bots.
[[nodiscard]] const v1::ExerciseStep* current_step(const RoomState& state);
[[nodiscard]] v1::StepKind current_step_kind(const RoomState& state);
// Whether `seat` is the one expected to act now (both partners during rating
// and reveal, until each has).
[[nodiscard]] bool awaits(const RoomState& state, Seat seat);
[[nodiscard]] bool is_partner(Seat seat);
// A session is recorded only when every seated person agreed to it.
[[nodiscard]] bool is_recorded(const RoomState& state);
[[nodiscard]] Seat other_partner(Seat seat);
[[nodiscard]] std::string_view seat_name(Seat seat);
[[nodiscard]] std::string_view step_kind_name(v1::StepKind kind);

// Empathic accuracy, 0..100: closeness of the listener's prediction to the
// speaker's rating over the six parts and the intensity, each weighed equally.
[[nodiscard]] std::uint32_t empathic_accuracy(const v1::Rating& speaker, const v1::Rating& listener);
[[nodiscard]] std::array<std::uint32_t, 6> part_values(const v1::PartScores& parts);

// Which partner acts in a step of this kind: the speaker's steps and the
// listener's steps; rating and reveal belong to both.
[[nodiscard]] bool is_speaker_step(v1::StepKind kind);
[[nodiscard]] bool is_listener_step(v1::StepKind kind);

}  // namespace attune
