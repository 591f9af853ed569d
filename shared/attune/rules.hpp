// The rules as answers: what the rest of the program asks about a room —
// who may act now and with what, whether the round or session is done,
// whether the host may do something now, how long a piece of writing may be,
// how seats, ATTUNE parts, steps and events are named for a person — so no
// view, bot, report or replay re-derives them from the state. Pure; no I/O.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attune/room_state.hpp"

namespace attune {

// ------------------------------------------------------------------ seats

[[nodiscard]] bool is_partner(Seat seat);
[[nodiscard]] Seat other_partner(Seat seat);
// The seat's role in lower case: "partner A", "partner B", "host", "nobody".
[[nodiscard]] std::string_view seat_name(Seat seat);
// A seat as a person: the name they gave, else "Partner A", "Partner B",
// "The host" (the one fallback every screen, the report and the replay use).
[[nodiscard]] std::string display_name(const RoomState& state, Seat seat);
// The same fallback for a name known without a room (a recording's header).
[[nodiscard]] std::string display_name(std::string_view given_name, Seat seat);
// Whether a host sits in the room (then the host starts each round).
[[nodiscard]] bool host_present(const RoomState& state);
// Whose laptop runs the game: the host seat when one sits in the room, else
// the partner who made it (a couple's game runs on that partner's laptop).
[[nodiscard]] Seat hosting_seat(const RoomState& state);
// A session is recorded only when every seated person agreed to it.
[[nodiscard]] bool is_recorded(const RoomState& state);

// ------------------------------------------------------ who acts, and how

// Who takes a step of a kind: one partner, or both (each once).
enum class StepActor { kSpeaker, kListener, kBoth };

// One row per step kind: what the rest of the program asks about a kind, so
// the engine's turn check, the bot, the test fixtures, the content check and
// the screens read the row instead of each switching on kinds. Adding a kind
// is adding a row (and its command, decide, fold and one screen).
struct StepRule {
  v1::StepKind kind = v1::STEP_KIND_UNSPECIFIED;
  StepActor actor = StepActor::kSpeaker;
  v1::Command::KindCase command = v1::Command::KIND_NOT_SET;  // the command that takes it
  const char* name = "";                                      // "a confirm step", as the content check names it
  // Where it may stand in an exercise: a kind somewhere before it, and
  // whether it must come right after a listener's step (UNSPECIFIED / false:
  // no such rule). `placement` says it in a sentence when broken.
  v1::StepKind after = v1::STEP_KIND_UNSPECIFIED;
  bool right_after_listener = false;
  const char* placement = "";
  // What a scripted player (the bot, the test fixtures, the end-to-end pair)
  // sends in this step from `seat`: a plain command the engine accepts.
  v1::Command (*scripted)(const RoomState& state, Seat seat) = nullptr;
};
// Every kind this version knows, in the order of StepKind.
[[nodiscard]] const std::vector<StepRule>& step_rules();
// The row for `kind`; nullptr for a kind this version does not know.
[[nodiscard]] const StepRule* step_rule(v1::StepKind kind);
// What a scripted player in `seat` sends now: the row's command for the
// current step when `seat` is expected to act (expected_move), else nothing.
[[nodiscard]] std::optional<v1::Command> scripted_move(const RoomState& state, Seat seat);

[[nodiscard]] const v1::ExerciseStep* current_step(const RoomState& state);
[[nodiscard]] v1::StepKind current_step_kind(const RoomState& state);
// Which partner acts in a step of this kind: the speaker's steps and the
// listener's steps; rating and reveal belong to both.
[[nodiscard]] bool is_speaker_step(v1::StepKind kind);
[[nodiscard]] bool is_listener_step(v1::StepKind kind);
// A step both partners take, each on their own (rating, reveal).
[[nodiscard]] bool is_both_partners_step(v1::StepKind kind);
// The command that takes a step of this kind (KIND_NOT_SET for none).
[[nodiscard]] v1::Command::KindCase command_for_step(v1::StepKind kind);
// What `seat` is expected to send now: the command that takes the current
// step when it is theirs and not yet taken, else KIND_NOT_SET (also during a
// break, the opening breath, the closing, while a proposal waits, and outside
// play; a hold keeps the turn, the engine refuses the move).
[[nodiscard]] v1::Command::KindCase expected_move(const RoomState& state, Seat seat);
// Whether `seat` is the one expected to act now (both partners during rating
// and reveal, until each has).
[[nodiscard]] bool awaits(const RoomState& state, Seat seat);
// The round reached its reveal and both partners have seen it.
[[nodiscard]] bool round_done(const RoomState& state);
// The session is over (someone ended it, or everyone left).
[[nodiscard]] bool session_done(const RoomState& state);
// Why the host may not give `command` now, in the words the engine refuses
// it with; nothing when the host may. The engine decides host commands with
// this very check, so a button and the room never disagree.
[[nodiscard]] std::optional<Rejection> host_refusal(const RoomState& state, const v1::Command& command);

// ---------------------------------------------------------------- writing

// Every piece of text a person writes, with its limit.
enum class Writing {
  kName,
  kFeelingWord,
  kTopic,
  kShare,
  kReflection,
  kQuestion,
  kMore,
  kValidation,
  kEmpathy,
  kAnswerNote,
  kTold,
  kOpenQuestion,
  kComment,
  kNote,
  kFlagLabel,
  kCustomCard,
  kAppreciation,
};
struct WritingRule {
  std::size_t max_chars = 0;
  bool required = false;  // blank is refused
  std::string_view what;  // the start of the refusal: "Your reflection"
};
[[nodiscard]] WritingRule writing_rule(Writing writing);
// The engine's own refusal of this text, if any (not UTF-8, blank when
// required, longer than the limit); views show the same limit before sending.
[[nodiscard]] std::optional<Rejection> writing_refusal(Writing writing, std::string_view text);

// ---------------------------------------------------------- ATTUNE parts

struct PartText {
  v1::AttunePart part;
  const char* letter;
  const char* name;
  const char* meaning;     // one line, about the listener
  const char* short_name;  // for a radar's labels
};
// In acronym order, the order of part_values and of Revealed.gaps.
inline constexpr std::array<PartText, 6> kAttuneParts{{
    {v1::ATTUNE_PART_AWARENESS, "A", "Awareness", "Noticed the feeling and asked about it with curiosity.",
     "Awareness"},
    {v1::ATTUNE_PART_TURNING_TOWARD, "T", "Turning toward", "Moved toward the feeling instead of away from it.",
     "Turning toward"},
    {v1::ATTUNE_PART_TOLERANCE, "T", "Tolerance", "Let two different views both be valid, without needing to agree.",
     "Tolerance"},
    {v1::ATTUNE_PART_UNDERSTANDING, "U", "Understanding", "Listened without fixing, advising or correcting.",
     "Understanding"},
    {v1::ATTUNE_PART_NON_DEFENSIVE, "N", "Non-defensive listening",
     "Did not take it personally, justify or counter-attack.", "Non-defensive"},
    {v1::ATTUNE_PART_EMPATHY, "E", "Empathy", "Conveyed that the feeling makes sense.", "Empathy"},
}};
using PartValues = std::array<std::uint32_t, 6>;
// The one conversion each way between the wire's PartScores and an array in
// acronym order; a part's index is `part - 1`.
[[nodiscard]] PartValues part_values(const v1::PartScores& parts);
[[nodiscard]] v1::PartScores part_scores(const PartValues& values);
// The part's name ("Awareness"); "?" for an unknown part.
[[nodiscard]] std::string_view part_name(v1::AttunePart part);
// Empathic accuracy, 0..100: closeness of the listener's prediction to the
// speaker's rating over the six parts and the intensity, each weighed equally.
[[nodiscard]] std::uint32_t empathic_accuracy(const v1::Rating& speaker, const v1::Rating& listener);

// ---------------------------------------------------------------- wording

// What the one acting in a step is doing, as the others are told, from the
// exercise's own wording (`ExerciseStep.doing`): "writing what they want to
// share". A step without it reads "taking their turn".
[[nodiscard]] std::string step_doing(const v1::ExerciseStep* step);
// "yes", "no", "not now": a listener's answer to a request, as people say it.
[[nodiscard]] std::string request_answer_words(v1::RequestAnswer answer);
// One line for an event, as a person reads it in the replay's list and the
// report's notes: "Ana shared", "Round 2: Ben speaks". `before` is the room
// just before the event (names come from it).
[[nodiscard]] std::string describe_event(const RoomState& before, const v1::Event& event);

}  // namespace attune
