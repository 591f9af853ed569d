// What frames the rounds: choosing together what to play, the opening breath
// before the first round, and the closing (one appreciation each and a
// neutral summary of the feelings named). Pure: the rules, the decisions and
// the folds for these commands and events; no I/O, clock or randomness.
//
// Host precedence: with a host seated, the host chooses the exercise and deck
// (HostSettings.next_exercise_id / next_deck_id) and a partner's proposal is
// refused with a sentence saying so. Without a host, a choice applies only
// when both partners agreed, and only to a round nobody has begun.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attune/room_state.hpp"

namespace attune {

class EventBuilder;  // event_builder.hpp

// The opening breath's pace: in for four, out for six, six breaths (a minute).
inline constexpr std::uint32_t kBreathInhaleMs = 4000;
inline constexpr std::uint32_t kBreathExhaleMs = 6000;
inline constexpr std::uint32_t kOpeningBreaths = 6;

// Whether `command` is one of these: propose, answer, breathe, close, appreciate.
[[nodiscard]] bool is_ritual_command(const v1::Command& command);

// The round exists and nobody has taken its first step yet (the moment a
// choice can still apply to it).
[[nodiscard]] bool round_unbegun(const RoomState& state);
// The couple may choose together now: no host, a round not yet begun, no
// break, no closing.
[[nodiscard]] bool choosing_open(const RoomState& state);
// The opening breath may start now: before the first round's first step.
[[nodiscard]] bool opening_open(const RoomState& state);
// The closing may begin now: between rounds (a round not yet begun, or at
// its reveal), with nothing else under way.
[[nodiscard]] bool closing_open(const RoomState& state);

// Why `seat` may not give this ritual command now, in the words the engine
// refuses it with; nothing when it may. The screens' buttons ask the same.
[[nodiscard]] std::optional<Rejection> ritual_refusal(const RoomState& state, Seat seat, const v1::Command& command);
// Why a round's step may not be taken now because a ritual holds the room
// (the breath, the closing, a proposal waiting for its answer).
[[nodiscard]] std::optional<Rejection> ritual_holds_round(const RoomState& state);

// The exercise or deck with this id among those the room may switch to (the
// one in play included); null when there is none.
[[nodiscard]] const v1::Exercise* find_exercise(const RoomState& state, const std::string& id);
[[nodiscard]] const v1::Deck* find_deck(const RoomState& state, const std::string& id);

// Where the opening breath is at `now_ms`: derived from the event's time and
// pace only, so two laptops showing the same event draw the same phase.
struct BreathMoment {
  bool inhale = true;
  double progress = 0.0;     // 0..1 through the current half of the breath
  std::uint32_t breath = 1;  // 1-based
  bool finished = false;     // all breaths done (the screen offers to begin)
  std::int64_t next_ms = 0;  // when the phase changes next (for a redraw)
};
[[nodiscard]] BreathMoment breath_moment(const BreathState& breath, std::int64_t now_ms);

// The feelings named at the check-ins this session, each word once with how
// often it was named, in the order first named; words differing only in case
// are one. No scores, no judgement: what was present.
struct FeelingCount {
  std::string word;
  std::uint32_t count = 0;
};
[[nodiscard]] std::vector<FeelingCount> feelings_named(const RoomState& state);
// "tired (2), hopeful, worried"; "no feelings were named" when there are none.
[[nodiscard]] std::string feelings_summary(const RoomState& state);

// The appreciation a partner wrote at the closing, when this viewer may see it.
[[nodiscard]] const v1::AppreciationWritten* appreciation_of(const RoomState& state, Seat seat);

// While a ritual holds the room, what the top bar says instead of a round's
// step, for `viewer` (empty when no ritual runs): the phase ("Breathing
// together") and what the other partner is doing ("Maya is writing an
// appreciation...").
struct RitualWords {
  std::string phase;
  std::string partner;  // empty for the host
};
[[nodiscard]] std::optional<RitualWords> ritual_words(const RoomState& state, Seat viewer);

// ---- Internal to the engine (engine.cpp, rules.cpp).

// Decides a ritual command (after ritual_refusal); `out` is numbered for it.
[[nodiscard]] Decision decide_ritual(const RoomState& state, Seat seat, const v1::Command& command, EventBuilder& out);
// Folds the ritual events, and the parts of CheckedIn and SessionEnded they read.
void fold_ritual(RoomState& state, const v1::Event& event);
// The replay's and the report's line for a ritual event.
[[nodiscard]] std::string describe_ritual_event(const RoomState& before, const v1::Event& event);

}  // namespace attune
