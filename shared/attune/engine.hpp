// The round engine: pure rules for a room. No sockets, clocks, files or
// randomness in here. Time arrives as `now_ms`, randomness as the room seed.
//
//   decide(state, input)  -> Rejection | events   (what the room accepts)
//   fold(state, event)    -> state                (how an event changes it)
//   project_event(event, viewer, settings) -> event (what that viewer may see)
//
// The server, the clients, the replay viewer and the tests all rebuild state
// with the same fold. Every output (wire, exports, report, replay) goes
// through the one project_event; a viewer's state is the fold of what it
// was sent, never a filtered copy of the full state.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "attune/v1/content.pb.h"
#include "attune/v1/game.pb.h"
#include "attune/v1/wire.pb.h"

namespace attune {

using v1::Seat;

// Limits on what a person can write; longer text is rejected, not cut.
inline constexpr std::size_t kMaxTextChars = 4000;
inline constexpr std::size_t kMaxShortTextChars = 1000;
inline constexpr std::size_t kMaxNameChars = 40;
inline constexpr std::size_t kMaxFeelings = 8;
inline constexpr std::uint32_t kMaxIntensity = 10;
inline constexpr std::uint32_t kMinPartScore = 1;
inline constexpr std::uint32_t kMaxPartScore = 7;

enum class Stage {
  kEmpty,              // before RoomCreated
  kWaitingForPartner,  // created, not both partners seated yet
  kPlaying,
  kEnded,
};

struct SeatState {
  bool taken = false;
  bool consents_to_recording = false;
  bool away = false;
  std::string name;
  std::uint64_t last_command_id = 0;  // commands at or below this were applied
};

struct Reflection {
  std::string text;
  std::string question;
};

struct RoundState {
  std::uint32_t number = 0;  // 0: no round yet
  Seat speaker = v1::SEAT_UNSPECIFIED;
  Seat listener = v1::SEAT_UNSPECIFIED;
  std::size_t step = 0;  // index into exercise.steps()
  std::optional<v1::Card> card;
  std::vector<std::string> feelings;
  std::uint32_t intensity_before = 0;
  bool checked_in = false;
  std::string shared_text;
  std::vector<Reflection> reflections;
  std::vector<std::string> more;  // what the speaker added on each "partly"
  std::uint32_t loops_back = 0;
  std::optional<v1::Validated> validation;
  // A seat's own rating. In a partner's projection the other partner's rating
  // is absent until the reveal; `rated` still says that it went in.
  std::optional<v1::Rating> speaker_rating;
  std::optional<v1::Rating> listener_prediction;
  bool speaker_rated = false;
  bool listener_rated = false;
  std::optional<v1::Revealed> reveal;
  bool speaker_acknowledged = false;
  bool listener_acknowledged = false;
};

struct BreakState {
  bool active = false;
  Seat called_by = v1::SEAT_UNSPECIFIED;
  std::int64_t called_at_ms = 0;
  std::int64_t return_at_ms = 0;
  bool a_ready = false;
  bool b_ready = false;
};

struct HostNote {
  std::uint64_t seq = 0;         // the note's own event
  std::uint64_t pinned_seq = 0;  // the moment it is about
  std::int64_t at_ms = 0;
  std::string text;
};

struct HostFlag {
  std::uint64_t seq = 0;
  std::uint64_t pinned_seq = 0;
  std::int64_t at_ms = 0;
  std::string label;
};

struct RoomState {
  Stage stage = Stage::kEmpty;
  std::uint64_t last_seq = 0;
  std::int64_t last_at_ms = 0;
  std::string room_id;
  v1::Exercise exercise;
  v1::Deck deck;
  std::uint64_t seed = 0;
  std::array<SeatState, 4> seats{};  // indexed by v1::Seat
  RoundState round;
  std::vector<v1::Revealed> finished_rounds;  // one per revealed round
  std::vector<std::string> played_cards;      // card ids, oldest first
  BreakState pause;
  Seat ended_by = v1::SEAT_UNSPECIFIED;
  // The host's seat: how the session runs, and what only the host sees.
  v1::HostSettings settings;
  bool held = false;
  bool locked = false;                  // nobody new may join by code
  std::int64_t step_started_at_ms = 0;  // for the host's soft phase timer
  std::vector<v1::Exercise> exercises;  // a host may switch to these
  std::vector<v1::Deck> decks{};
  std::vector<HostNote> notes;  // host only: partners receive blank events
  std::vector<HostFlag> flags;  // host only
};

struct Rejection {
  v1::ErrorCode code = v1::ERROR_CODE_UNSPECIFIED;
  std::string message;  // a sentence a person can act on
};

using Events = std::vector<v1::Event>;
using Decision = std::variant<Rejection, Events>;

// Inputs that come from the room itself rather than from a seat's command.
struct OpenRoom {
  std::string room_id;
  v1::Exercise exercise;
  v1::Deck deck;
  std::uint64_t seed = 0;
  Seat creator = v1::SEAT_PARTNER_A;
  std::string creator_name;
  bool creator_consents = false;
  std::vector<v1::Exercise> exercises{};  // the choices a host has later
  std::vector<v1::Deck> decks{};
};
struct TakeSeat {
  Seat seat = v1::SEAT_UNSPECIFIED;
  std::string name;
  bool consents = false;
};
struct MarkPresence {
  Seat seat = v1::SEAT_UNSPECIFIED;
  bool away = false;
};
struct CloseRoom {};  // everyone left
struct SeatCommand {
  Seat seat = v1::SEAT_UNSPECIFIED;
  v1::Command command;
};

using Input = std::variant<OpenRoom, TakeSeat, MarkPresence, CloseRoom, SeatCommand>;

// Decides an input against the state. Accepted inputs become events numbered
// from state.last_seq + 1 and stamped with now_ms. A command whose id the seat
// already used is accepted with no events (applied once).
[[nodiscard]] Decision decide(const RoomState& state, const Input& input, std::int64_t now_ms);

// Applies one event. Events out of sequence are a caller bug and are ignored
// (the state is returned unchanged) so a bad log can never corrupt a room.
[[nodiscard]] RoomState fold(RoomState state, const v1::Event& event);

// Folds a whole log from an empty room.
[[nodiscard]] RoomState replay(const std::vector<v1::Event>& events);

// The one secrecy rule, for one event on its way to `viewer`:
//   SEAT_HOST        everything;
//   SEAT_PARTNER_A/B that partner's view: the other partner's rating is
//                    cleared until the reveal; at the reveal, when
//                    `in_force.partners_see_ratings()` is off, every field
//                    that comes from the other's rating is cleared too (their
//                    rating, the gaps, their intensity, the accuracy);
//   anything else    the couple together (a shared export): what *both*
//                    partners may see, so neither partner's private rating.
// Host notes and flags reach everyone but the host as a blank event with only
// their number and time, so the sequence stays gapless. `in_force` is the
// room's settings when the event happened; there is deliberately no default.
[[nodiscard]] v1::Event project_event(const v1::Event& event, Seat viewer, const v1::HostSettings& in_force);

// A whole log as `viewer` receives it, each event under the settings in force
// when it happened (folded from the log itself).
[[nodiscard]] std::vector<v1::Event> project_log(const std::vector<v1::Event>& events, Seat viewer);

// The room as `viewer` sees it after `events`: the fold of project_log.
[[nodiscard]] RoomState view_of(const std::vector<v1::Event>& events, Seat viewer);

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

}  // namespace attune
