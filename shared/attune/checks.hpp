// The engine's checks: what a command must satisfy before it becomes an
// event. Each failure is a Rejection with a sentence a person can act on.
// Internal to the engine's decide (engine.cpp, host_controls.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "attune/room_state.hpp"
#include "attune/rules.hpp"

namespace attune::checks {

[[nodiscard]] Rejection reject(v1::ErrorCode code, std::string message);

// A person's text against its rule (rules.hpp, writing_refusal).
[[nodiscard]] std::optional<Rejection> writing(Writing writing, std::string_view text);
// Each ATTUNE part within 1..7.
[[nodiscard]] std::optional<Rejection> parts(const v1::PartScores& scores);
// The round is at a step of kind `wanted` and it is `seat`'s to take.
[[nodiscard]] std::optional<Rejection> turn(const RoomState& state, Seat seat, v1::StepKind wanted);
// A host's note or flag is pinned to a moment that already happened.
[[nodiscard]] std::optional<Rejection> pin(const RoomState& state, std::uint64_t pinned_seq);

}  // namespace attune::checks
