// A room's state as plain data: what fold builds from the events and what
// decide, the rules and the views read. No behaviour lives here.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
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
inline constexpr std::size_t kMaxCustomCardChars = 300;  // a card of the couple's own
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

// What a partner wrote in a step that keeps only text (a tell, an open
// question), with the step it answers so it is shown under that step's title.
struct StepWriting {
  std::size_t step = 0;
  Seat by = v1::SEAT_UNSPECIFIED;
  std::string text;
};

struct RoundState {
  std::uint32_t number = 0;  // 0: no round yet
  Seat speaker = v1::SEAT_UNSPECIFIED;
  Seat listener = v1::SEAT_UNSPECIFIED;
  std::size_t step = 0;  // index into exercise.steps()
  std::optional<v1::Card> card;
  std::uint32_t passes = 0;  // times the speaker passed on the face-up cards
  // The couple's own cards in this round's pool: those added before it began,
  // so a card added meanwhile does not reshuffle the cards on the table.
  std::size_t custom_cards_in_play = 0;
  std::vector<std::string> feelings;
  std::uint32_t intensity_before = 0;
  bool checked_in = false;
  std::string shared_text;
  std::vector<Reflection> reflections;
  std::vector<std::string> more;  // what the speaker added on each "partly" or "there is more"
  std::uint32_t loops_back = 0;
  std::optional<v1::Validated> validation;
  std::optional<v1::RequestAnswered> answer;  // the listener's answer to the request
  std::vector<StepWriting> writings;          // tells and open questions, in order
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

// Choosing together (rituals.*): the proposal on the table, if any.
struct PlayProposal {
  Seat by = v1::SEAT_UNSPECIFIED;
  std::string exercise_id;
  std::string deck_id;
};

// The opening breath: when it started (the event's time, the same on every
// laptop) and its pace.
struct BreathState {
  bool active = false;
  std::int64_t started_at_ms = 0;
  std::uint32_t inhale_ms = 0;
  std::uint32_t exhale_ms = 0;
  std::uint32_t breaths = 0;
};

// The closing: each partner's appreciation. In a partner's projection the
// other's text is absent until the session ends; `written` says it went in.
struct ClosingState {
  bool active = false;
  Seat started_by = v1::SEAT_UNSPECIFIED;
  bool a_written = false;
  bool b_written = false;
  std::optional<v1::AppreciationWritten> a;
  std::optional<v1::AppreciationWritten> b;
};

// A read-only list that copies of a state share: copying it copies a
// pointer. Every exercise and deck a host may switch to is ~80 KB; the server
// points every room made with the same content at one copy. Nothing in it is
// ever changed, so sharing it keeps fold pure.
template <typename T>
class SharedList {
 public:
  using Items = google::protobuf::RepeatedPtrField<T>;
  SharedList() = default;
  explicit SharedList(std::shared_ptr<const Items> items) : items_(std::move(items)) {}
  [[nodiscard]] const Items& items() const { return items_ ? *items_ : none(); }
  [[nodiscard]] auto begin() const { return items().begin(); }
  [[nodiscard]] auto end() const { return items().end(); }
  [[nodiscard]] std::size_t size() const { return static_cast<std::size_t>(items().size()); }
  [[nodiscard]] bool empty() const { return items().empty(); }
  [[nodiscard]] const std::shared_ptr<const Items>& shared() const { return items_; }

 private:
  static const Items& none() {
    static const Items empty;
    return empty;
  }
  std::shared_ptr<const Items> items_;
};

// The lists of `content`, sharing it (for a state's exercises and decks).
[[nodiscard]] inline SharedList<v1::Exercise> shared_exercises(const std::shared_ptr<const v1::ContentSet>& content) {
  if (!content) return {};
  return SharedList<v1::Exercise>(
      std::shared_ptr<const SharedList<v1::Exercise>::Items>(content, &content->exercises()));
}
[[nodiscard]] inline SharedList<v1::Deck> shared_decks(const std::shared_ptr<const v1::ContentSet>& content) {
  if (!content) return {};
  return SharedList<v1::Deck>(std::shared_ptr<const SharedList<v1::Deck>::Items>(content, &content->decks()));
}

struct RoomState {
  Stage stage = Stage::kEmpty;
  std::uint64_t last_seq = 0;
  std::int64_t last_at_ms = 0;
  std::string room_id;
  v1::Exercise exercise;
  v1::Deck deck;
  std::uint64_t seed = 0;
  Seat creator = v1::SEAT_UNSPECIFIED;  // the seat whose laptop made the room
  std::array<SeatState, 4> seats{};     // indexed by v1::Seat
  RoundState round;
  std::vector<v1::Revealed> finished_rounds;  // one per revealed round
  std::vector<std::string> played_cards;      // card ids, oldest first (earlier sessions' too)
  std::vector<v1::Card> custom_cards;         // the couple's own cards, offered with any deck
  BreakState pause;
  Seat ended_by = v1::SEAT_UNSPECIFIED;
  // The host's seat: how the session runs, and what only the host sees.
  v1::HostSettings settings;
  bool held = false;
  bool locked = false;                  // nobody new may join by code
  std::int64_t step_started_at_ms = 0;  // for the host's soft phase timer
  // What a host may switch to. A RoomCreated that carries the lists makes
  // them; one that the server stripped (ContentRef set, lists empty) keeps
  // the lists the caller put here before folding it: the one shared copy.
  SharedList<v1::Exercise> exercises;
  SharedList<v1::Deck> decks;
  std::vector<HostNote> notes;  // host only: partners receive blank events
  std::vector<HostFlag> flags;  // host only
  // Choosing together, the opening breath and the closing (rituals.*).
  std::optional<PlayProposal> proposal;
  BreathState breath;
  ClosingState closing;
  std::vector<std::string> feelings_named;  // every check-in's words, in order
};

// Index into RoomState::seats; 0 (no seat) for anything out of range.
[[nodiscard]] inline std::size_t seat_index(Seat seat) {
  const int raw = static_cast<int>(seat);
  return (raw >= 0 && raw < 4) ? static_cast<std::size_t>(raw) : 0;
}

struct Rejection {
  v1::ErrorCode code = v1::ERROR_CODE_UNSPECIFIED;
  std::string message;  // a sentence a person can act on
};

using Events = std::vector<v1::Event>;
using Decision = std::variant<Rejection, Events>;

}  // namespace attune
