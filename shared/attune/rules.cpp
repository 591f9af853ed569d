#include "attune/rules.hpp"

#include <algorithm>
#include <cstdlib>

#include "attune/rituals.hpp"
#include "attune/text.hpp"

namespace attune {

// ------------------------------------------------------------------ seats

bool is_partner(Seat seat) { return seat == v1::SEAT_PARTNER_A || seat == v1::SEAT_PARTNER_B; }

Seat other_partner(Seat seat) {
  if (seat == v1::SEAT_PARTNER_A) return v1::SEAT_PARTNER_B;
  if (seat == v1::SEAT_PARTNER_B) return v1::SEAT_PARTNER_A;
  return v1::SEAT_UNSPECIFIED;
}

std::string_view seat_name(Seat seat) {
  switch (seat) {
    case v1::SEAT_PARTNER_A: return "partner A";
    case v1::SEAT_PARTNER_B: return "partner B";
    case v1::SEAT_HOST: return "host";
    default: return "nobody";
  }
}

std::string display_name(const RoomState& state, Seat seat) {
  const std::size_t index = seat_index(seat);
  return display_name(index != 0 ? std::string_view(state.seats[index].name) : std::string_view(), seat);
}

std::string display_name(std::string_view given_name, Seat seat) {
  if (!given_name.empty()) return std::string(given_name);
  switch (seat) {
    case v1::SEAT_PARTNER_A: return "Partner A";
    case v1::SEAT_PARTNER_B: return "Partner B";
    case v1::SEAT_HOST: return "The host";
    default: return "Nobody";
  }
}

bool host_present(const RoomState& state) { return state.seats[v1::SEAT_HOST].taken; }

Seat hosting_seat(const RoomState& state) { return host_present(state) ? v1::SEAT_HOST : state.creator; }

bool is_recorded(const RoomState& state) {
  bool anyone = false;
  for (std::size_t i = 1; i < state.seats.size(); ++i) {
    if (!state.seats[i].taken) continue;
    anyone = true;
    if (!state.seats[i].consents_to_recording) return false;
  }
  return anyone;
}

// ------------------------------------------------------ who acts, and how

const v1::ExerciseStep* current_step(const RoomState& state) {
  if (state.stage != Stage::kPlaying) return nullptr;
  if (state.round.step >= static_cast<std::size_t>(state.exercise.steps_size())) return nullptr;
  return &state.exercise.steps(static_cast<int>(state.round.step));
}

v1::StepKind current_step_kind(const RoomState& state) {
  const auto* step = current_step(state);
  return step != nullptr ? step->kind() : v1::STEP_KIND_UNSPECIFIED;
}

namespace {

// What a scripted player sends, one function per kind (plain sample words).
v1::Command scripted_draw(const RoomState& /*state*/, Seat /*seat*/) {
  v1::Command command;
  command.mutable_draw_card();
  return command;
}
v1::Command scripted_check_in(const RoomState& /*state*/, Seat /*seat*/) {
  v1::Command command;
  command.mutable_check_in()->add_feelings("worried");
  command.mutable_check_in()->set_intensity(6);
  return command;
}
v1::Command scripted_share(const RoomState& /*state*/, Seat /*seat*/) {
  v1::Command command;
  command.mutable_share()->set_text("I feel worried about money and what I need is a plan.");
  return command;
}
v1::Command scripted_reflect(const RoomState& /*state*/, Seat /*seat*/) {
  v1::Command command;
  command.mutable_reflect()->set_text("You feel worried about money and need a plan with me.");
  return command;
}
v1::Command scripted_confirm(const RoomState& /*state*/, Seat /*seat*/) {
  v1::Command command;
  command.mutable_confirm()->set_complete(true);
  return command;
}
v1::Command scripted_validate(const RoomState& /*state*/, Seat /*seat*/) {
  v1::Command command;
  command.mutable_validate()->set_validation("It makes sense, because money has been tight.");
  return command;
}
v1::Command scripted_rate(const RoomState& state, Seat seat) {
  const bool speaker = seat == state.round.speaker;
  v1::Command command;
  auto* rating = command.mutable_submit_rating();
  *rating->mutable_parts() = part_scores(speaker ? PartValues{6, 6, 6, 6, 6, 6} : PartValues{5, 5, 5, 5, 5, 5});
  rating->set_intensity(speaker ? 3 : 4);
  return command;
}
v1::Command scripted_reveal(const RoomState& /*state*/, Seat /*seat*/) {
  v1::Command command;
  command.mutable_continue_after_reveal();
  return command;
}
v1::Command scripted_answer(const RoomState& /*state*/, Seat /*seat*/) {
  v1::Command command;
  command.mutable_answer_request()->set_answer(v1::REQUEST_ANSWER_YES);
  return command;
}
v1::Command scripted_more(const RoomState& /*state*/, Seat /*seat*/) {
  v1::Command command;
  command.mutable_tell_more()->set_done(true);
  return command;
}

v1::Command scripted_tell(const RoomState& /*state*/, Seat /*seat*/) {
  v1::Command command;
  command.mutable_tell()->set_text("Next time I will say that I need a minute before I answer.");
  return command;
}

v1::Command scripted_ask(const RoomState& /*state*/, Seat /*seat*/) {
  v1::Command command;
  command.mutable_ask_open_question()->set_question("What would it mean to you if that came true?");
  return command;
}

using K = v1::StepKind;
using C = v1::Command;
using A = StepActor;

}  // namespace

const std::vector<StepRule>& step_rules() {
  static const std::vector<StepRule> rules{
      {K::STEP_KIND_PROMPT, A::kSpeaker, C::kDrawCard, "a prompt step", K::STEP_KIND_UNSPECIFIED, false, "",
       &scripted_draw},
      {K::STEP_KIND_CHECK_IN, A::kSpeaker, C::kCheckIn, "a check-in step", K::STEP_KIND_UNSPECIFIED, false, "",
       &scripted_check_in},
      {K::STEP_KIND_SHARE, A::kSpeaker, C::kShare, "a share step", K::STEP_KIND_UNSPECIFIED, false, "",
       &scripted_share},
      {K::STEP_KIND_REFLECT, A::kListener, C::kReflect, "a reflect step", K::STEP_KIND_UNSPECIFIED, false, "",
       &scripted_reflect},
      {K::STEP_KIND_CONFIRM, A::kSpeaker, C::kConfirm, "a confirm step", K::STEP_KIND_REFLECT, false,
       "a confirm step needs a reflect step before it", &scripted_confirm},
      {K::STEP_KIND_VALIDATE, A::kListener, C::kValidate, "a validate step", K::STEP_KIND_UNSPECIFIED, false, "",
       &scripted_validate},
      {K::STEP_KIND_RATE, A::kBoth, C::kSubmitRating, "a rate step", K::STEP_KIND_UNSPECIFIED, false, "",
       &scripted_rate},
      {K::STEP_KIND_REVEAL, A::kBoth, C::kContinueAfterReveal, "a reveal step", K::STEP_KIND_RATE, false,
       "a reveal step needs a rate step before it", &scripted_reveal},
      {K::STEP_KIND_ANSWER, A::kListener, C::kAnswerRequest, "an answer step", K::STEP_KIND_SHARE, false,
       "an answer step needs a share step (with the request) before it", &scripted_answer},
      {K::STEP_KIND_MORE, A::kSpeaker, C::kTellMore, "a more step", K::STEP_KIND_UNSPECIFIED, true,
       "a more step (\"is there more?\") must come right after a listener's step, which it goes back to",
       &scripted_more},
      {K::STEP_KIND_TELL, A::kSpeaker, C::kTell, "a tell step", K::STEP_KIND_UNSPECIFIED, false, "", &scripted_tell},
      {K::STEP_KIND_ASK, A::kListener, C::kAskOpenQuestion, "an ask step", K::STEP_KIND_SHARE, false,
       "an ask step needs a share step (the story to ask about) before it", &scripted_ask},
  };
  return rules;
}

const StepRule* step_rule(v1::StepKind kind) {
  for (const auto& rule : step_rules()) {
    if (rule.kind == kind) return &rule;
  }
  return nullptr;
}

bool is_speaker_step(v1::StepKind kind) {
  const auto* rule = step_rule(kind);
  return rule != nullptr && rule->actor == StepActor::kSpeaker;
}

bool is_listener_step(v1::StepKind kind) {
  const auto* rule = step_rule(kind);
  return rule != nullptr && rule->actor == StepActor::kListener;
}

bool is_both_partners_step(v1::StepKind kind) {
  const auto* rule = step_rule(kind);
  return rule != nullptr && rule->actor == StepActor::kBoth;
}

v1::Command::KindCase command_for_step(v1::StepKind kind) {
  const auto* rule = step_rule(kind);
  return rule != nullptr ? rule->command : v1::Command::KIND_NOT_SET;
}

std::optional<v1::Command> scripted_move(const RoomState& state, Seat seat) {
  if (expected_move(state, seat) == v1::Command::KIND_NOT_SET) return std::nullopt;
  const auto* rule = step_rule(current_step_kind(state));
  if (rule == nullptr || rule->scripted == nullptr) return std::nullopt;
  return rule->scripted(state, seat);
}

v1::Command::KindCase expected_move(const RoomState& state, Seat seat) {
  if (state.stage != Stage::kPlaying || state.pause.active || !is_partner(seat)) {
    return v1::Command::KIND_NOT_SET;
  }
  // The breath, the closing or a proposal waiting for its answer holds the round.
  if (ritual_holds_round(state)) return v1::Command::KIND_NOT_SET;
  const auto kind = current_step_kind(state);
  const auto& round = state.round;
  const bool speaker = seat == round.speaker;
  bool theirs = false;
  if (is_speaker_step(kind)) {
    theirs = speaker;
  } else if (is_listener_step(kind)) {
    theirs = !speaker;
  } else if (kind == v1::STEP_KIND_RATE) {
    theirs = speaker ? !round.speaker_rated : !round.listener_rated;
  } else if (kind == v1::STEP_KIND_REVEAL) {
    theirs = speaker ? !round.speaker_acknowledged : !round.listener_acknowledged;
  }
  return theirs ? command_for_step(kind) : v1::Command::KIND_NOT_SET;
}

bool awaits(const RoomState& state, Seat seat) { return expected_move(state, seat) != v1::Command::KIND_NOT_SET; }

bool round_done(const RoomState& state) {
  return current_step_kind(state) == v1::STEP_KIND_REVEAL && state.round.speaker_acknowledged &&
         state.round.listener_acknowledged;
}

bool session_done(const RoomState& state) { return state.stage == Stage::kEnded; }

// host_refusal lives with the host's controls (host_controls.cpp).

// ---------------------------------------------------------------- writing

WritingRule writing_rule(Writing writing) {
  switch (writing) {
    case Writing::kName: return {kMaxNameChars, true, "Your name"};
    case Writing::kFeelingWord: return {kMaxNameChars, true, "A feeling word"};
    case Writing::kTopic: return {kMaxShortTextChars, false, "Your topic"};
    case Writing::kShare: return {kMaxTextChars, true, "What you share"};
    case Writing::kReflection: return {kMaxTextChars, true, "Your reflection"};
    case Writing::kQuestion: return {kMaxShortTextChars, false, "Your question"};
    case Writing::kMore: return {kMaxTextChars, false, "What you add"};
    case Writing::kValidation: return {kMaxTextChars, true, "Your validation"};
    case Writing::kEmpathy: return {kMaxTextChars, false, "Your empathy"};
    case Writing::kAnswerNote: return {kMaxShortTextChars, false, "Your note"};
    case Writing::kTold: return {kMaxTextChars, true, "What you write"};
    case Writing::kOpenQuestion: return {kMaxShortTextChars, true, "Your question"};
    case Writing::kComment: return {kMaxShortTextChars, false, "Your comment"};
    case Writing::kNote: return {kMaxTextChars, true, "Your note"};
    case Writing::kFlagLabel: return {kMaxShortTextChars, false, "The flag's label"};
    case Writing::kCustomCard: return {kMaxCustomCardChars, true, "Your card"};
    case Writing::kAppreciation: return {kMaxShortTextChars, false, "Your appreciation"};
  }
  return {kMaxShortTextChars, false, "The text"};
}

std::optional<Rejection> writing_refusal(Writing writing, std::string_view text) {
  const WritingRule rule = writing_rule(writing);
  const std::string what(rule.what);
  if (!is_valid_utf8(text)) return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT, what + " is not valid UTF-8 text."};
  if (rule.required && trim(text).empty()) {
    return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT, what + " is empty; write a few words first."};
  }
  if (utf8_length(text) > rule.max_chars) {
    return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT,
                     what + " is longer than " + std::to_string(rule.max_chars) + " characters; please shorten it."};
  }
  return std::nullopt;
}

// ---------------------------------------------------------- ATTUNE parts

PartValues part_values(const v1::PartScores& parts) {
  return {parts.awareness(),     parts.turning_toward(), parts.tolerance(),
          parts.understanding(), parts.non_defensive(),  parts.empathy()};
}

v1::PartScores part_scores(const PartValues& values) {
  v1::PartScores parts;
  parts.set_awareness(values[0]);
  parts.set_turning_toward(values[1]);
  parts.set_tolerance(values[2]);
  parts.set_understanding(values[3]);
  parts.set_non_defensive(values[4]);
  parts.set_empathy(values[5]);
  return parts;
}

std::string_view part_name(v1::AttunePart part) {
  for (const auto& text : kAttuneParts) {
    if (text.part == part) return text.name;
  }
  return "?";
}

std::uint32_t empathic_accuracy(const v1::Rating& speaker, const v1::Rating& listener) {
  const auto s = part_values(speaker.parts());
  const auto l = part_values(listener.parts());
  // Each of the seven guesses scores 1 when exact and 0 at the widest miss.
  double closeness = 0.0;
  constexpr double kPartSpan = kMaxPartScore - kMinPartScore;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double miss = std::abs(static_cast<double>(s[i]) - static_cast<double>(l[i]));
    closeness += 1.0 - std::min(miss / kPartSpan, 1.0);
  }
  const double intensity_miss =
      std::abs(static_cast<double>(speaker.intensity()) - static_cast<double>(listener.intensity()));
  closeness += 1.0 - std::min(intensity_miss / kMaxIntensity, 1.0);
  return static_cast<std::uint32_t>(
      std::clamp<std::int64_t>(static_cast<std::int64_t>(closeness / 7.0 * 100.0 + 0.5), 0, 100));
}

// ---------------------------------------------------------------- wording

std::string request_answer_words(v1::RequestAnswer answer) {
  switch (answer) {
    case v1::REQUEST_ANSWER_YES: return "yes";
    case v1::REQUEST_ANSWER_NO: return "no";
    case v1::REQUEST_ANSWER_NOT_NOW: return "not now";
    default: return "no answer";
  }
}

std::string step_doing(const v1::ExerciseStep* step) {
  if (step == nullptr || trim(step->doing()).empty()) return "taking their turn";
  return step->doing();
}

std::string describe_event(const RoomState& before, const v1::Event& event) {
  const std::string who = display_name(before, event.actor());
  switch (event.kind_case()) {
    case v1::Event::kRoomCreated: return "The room opened";
    case v1::Event::kSeatTaken: return event.seat_taken().name() + " sat down";
    case v1::Event::kPresenceChanged:
      return display_name(before, event.presence_changed().seat()) +
             (event.presence_changed().away() ? "'s connection dropped" : " came back");
    case v1::Event::kRoundStarted:
      return "Round " + std::to_string(event.round_started().round()) + ": " +
             display_name(before, event.round_started().speaker()) + " speaks";
    case v1::Event::kCardDrawn: return who + " chose a card";
    case v1::Event::kCardsPassed: return who + " passed on the cards shown";
    case v1::Event::kCardsRemembered: return "The cards this couple played before were remembered";
    case v1::Event::kCustomCardAdded: return who + " added a card of their own";
    case v1::Event::kCheckedIn: return who + " checked in";
    case v1::Event::kShared: return who + " shared";
    case v1::Event::kReflected: return who + " reflected";
    case v1::Event::kConfirmed:
      return who + (event.confirmed().complete() ? ": \"yes, that's it\"" : ": \"partly, there is more\"");
    case v1::Event::kValidated: return who + " validated";
    case v1::Event::kQuestionAsked: return who + " asked an open question";
    case v1::Event::kTold: {
      const auto* step = current_step(before);
      return who + " wrote" + (step != nullptr ? ": " + step->title() : std::string());
    }
    case v1::Event::kMoreTold: return who + (event.more_told().done() ? ": \"that's all\"" : " added more");
    case v1::Event::kRequestAnswered:
      return who + " answered the request: " + request_answer_words(event.request_answered().answer());
    case v1::Event::kRatingSubmitted: return who + " rated";
    case v1::Event::kRevealed: return "Ratings revealed";
    case v1::Event::kRevealAcknowledged: return who + " is ready to go on";
    case v1::Event::kBreakCalled: return who + " called a break";
    case v1::Event::kReadyToResume: return display_name(before, event.ready_to_resume().seat()) + " is ready to resume";
    case v1::Event::kBreakEnded: return "The break ended";
    case v1::Event::kSessionEnded:
      return event.session_ended().appreciations_size() > 0 ? "The session closed with appreciations"
                                                            : "The session ended";
    case v1::Event::kSettingsChanged: return "The host changed how the session runs";
    case v1::Event::kHoldChanged: return event.hold_changed().on() ? "The host paused the session" : "The host resumed";
    case v1::Event::kStepSkipped: return "The host moved on from this step";
    case v1::Event::kLockChanged:
      return event.lock_changed().on() ? "The host locked the room" : "The host unlocked the room";
    case v1::Event::kNotePinned: return "The host wrote a note";
    case v1::Event::kMomentFlagged: return "The host flagged a moment";
    case v1::Event::kPlayProposed:
    case v1::Event::kProposalAnswered:
    case v1::Event::kBreathingChanged:
    case v1::Event::kClosingStarted:
    case v1::Event::kAppreciationWritten: return describe_ritual_event(before, event);
    // What a host's note or flag looks like outside the host's version.
    case v1::Event::KIND_NOT_SET: return "A moment kept for the host";
  }
  return "Something this version does not know";
}

}  // namespace attune
