#include "attune/rituals.hpp"

#include <algorithm>
#include <cctype>

#include "attune/checks.hpp"
#include "attune/event_builder.hpp"
#include "attune/rules.hpp"
#include "attune/text.hpp"

namespace attune {

using checks::reject;

namespace {

bool both_partners_seated(const RoomState& state) {
  return state.seats[v1::SEAT_PARTNER_A].taken && state.seats[v1::SEAT_PARTNER_B].taken;
}

std::string exercise_title(const RoomState& state, const std::string& id) {
  const auto* exercise = find_exercise(state, id);
  return exercise != nullptr && !exercise->title().empty() ? exercise->title() : id;
}

std::string deck_title(const RoomState& state, const std::string& id) {
  const auto* deck = find_deck(state, id);
  return deck != nullptr && !deck->title().empty() ? deck->title() : id;
}

// "Mirroring dialogue with the Everyday deck", as a person reads a choice.
std::string choice_words(const RoomState& state, const std::string& exercise_id, const std::string& deck_id) {
  return exercise_title(state, exercise_id) + " with \"" + deck_title(state, deck_id) + "\"";
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char ch) {
    return ch < 0x80 ? static_cast<char>(std::tolower(ch)) : static_cast<char>(ch);
  });
  return out;
}

std::optional<Rejection> proposal_refusal(const RoomState& state, Seat seat, const v1::ProposePlay& propose) {
  if (!is_partner(seat)) {
    return reject(v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT,
                  "As the host you choose the exercise and deck in the settings; proposals are the partners'.");
  }
  if (host_present(state)) {
    return reject(v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT,
                  display_name(state, v1::SEAT_HOST) +
                      " is hosting and chooses the exercise and deck; tell them what you would like to play.");
  }
  if (state.stage == Stage::kWaitingForPartner) {
    return reject(v1::ERROR_CODE_OUT_OF_TURN, "Your partner has not joined yet; choose together once they are here.");
  }
  if (state.closing.active) {
    return reject(v1::ERROR_CODE_OUT_OF_TURN, "You are closing the evening; there is no next round to choose for.");
  }
  if (state.breath.active) {
    return reject(v1::ERROR_CODE_OUT_OF_TURN, "Finish the breathing first; then choose together.");
  }
  if (!round_unbegun(state)) {
    return reject(v1::ERROR_CODE_OUT_OF_TURN,
                  "This round is under way; choose together after its reveal, before the next round's first step.");
  }
  if (trim(propose.exercise_id()).empty() || trim(propose.deck_id()).empty()) {
    return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Choose both an exercise and a deck to propose.");
  }
  if (find_exercise(state, propose.exercise_id()) == nullptr) {
    return reject(v1::ERROR_CODE_INVALID_ARGUMENT,
                  "There is no exercise \"" + propose.exercise_id() + "\" here; pick one from the list.");
  }
  if (find_deck(state, propose.deck_id()) == nullptr) {
    return reject(v1::ERROR_CODE_INVALID_ARGUMENT,
                  "There is no deck \"" + propose.deck_id() + "\" here; pick one from the list.");
  }
  const bool current = propose.exercise_id() == state.exercise.id() && propose.deck_id() == state.deck.id();
  if (state.proposal && state.proposal->by == seat && state.proposal->exercise_id == propose.exercise_id() &&
      state.proposal->deck_id == propose.deck_id()) {
    return reject(v1::ERROR_CODE_OUT_OF_TURN,
                  "You have proposed this already; waiting for " + display_name(state, other_partner(seat)) + ".");
  }
  // Keeping what is in play is an answer to a proposal, not a proposal of its own.
  if (current && !state.proposal) {
    return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "You are already playing " +
                                                       choice_words(state, propose.exercise_id(), propose.deck_id()) +
                                                       "; pick something else to propose.");
  }
  return std::nullopt;
}

std::optional<Rejection> answer_refusal(const RoomState& state, Seat seat, const v1::AnswerProposal& answer) {
  if (!is_partner(seat)) {
    return reject(v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT, "Proposals are the partners' to answer.");
  }
  if (!state.proposal) return reject(v1::ERROR_CODE_OUT_OF_TURN, "There is no proposal to answer.");
  const PlayProposal& proposal = *state.proposal;
  if (answer.exercise_id() != proposal.exercise_id || answer.deck_id() != proposal.deck_id) {
    return reject(v1::ERROR_CODE_OUT_OF_TURN, "The proposal has changed: it is now " +
                                                  choice_words(state, proposal.exercise_id, proposal.deck_id) +
                                                  ". Have a look and answer again.");
  }
  if (answer.agree() && proposal.by == seat) {
    return reject(v1::ERROR_CODE_OUT_OF_TURN, "You made this proposal; " + display_name(state, other_partner(seat)) +
                                                  " answers it. You can withdraw it instead.");
  }
  if (answer.agree() && host_present(state)) {
    return reject(v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT,
                  display_name(state, v1::SEAT_HOST) + " is hosting now and chooses the exercise and deck.");
  }
  if (answer.agree() && !round_unbegun(state)) {
    return reject(v1::ERROR_CODE_OUT_OF_TURN, "This round is under way; choose together after its reveal.");
  }
  return std::nullopt;
}

}  // namespace

bool is_ritual_command(const v1::Command& command) {
  switch (command.kind_case()) {
    case v1::Command::kProposePlay:
    case v1::Command::kAnswerProposal:
    case v1::Command::kBreathe:
    case v1::Command::kBeginClosing:
    case v1::Command::kAppreciate: return true;
    default: return false;
  }
}

bool round_unbegun(const RoomState& state) {
  const RoundState& round = state.round;
  return state.stage == Stage::kPlaying && round.number > 0 && round.step == 0 && !round.card && !round.checked_in &&
         round.shared_text.empty() && round.reflections.empty() && !round.validation && !round.answer &&
         !round.speaker_rated && !round.listener_rated && !round.reveal;
}

bool choosing_open(const RoomState& state) {
  return !host_present(state) && round_unbegun(state) && !state.pause.active && !state.closing.active &&
         !state.breath.active;
}

bool opening_open(const RoomState& state) {
  if (!state.finished_rounds.empty() || state.closing.active || state.pause.active) return false;
  if (state.stage == Stage::kWaitingForPartner) return both_partners_seated(state);
  return state.round.number == 1 && round_unbegun(state);
}

bool closing_open(const RoomState& state) {
  if (state.stage != Stage::kPlaying || state.closing.active || state.breath.active || state.pause.active) {
    return false;
  }
  return round_unbegun(state) || current_step_kind(state) == v1::STEP_KIND_REVEAL;
}

std::optional<Rejection> ritual_refusal(const RoomState& state, Seat seat, const v1::Command& command) {
  if (state.stage == Stage::kEnded) return reject(v1::ERROR_CODE_ROOM_ENDED, "This session has ended.");
  if (state.pause.active) {
    return reject(v1::ERROR_CODE_ON_BREAK, "You are on a break; this can wait until you are both back.");
  }
  if (state.held) {
    return reject(v1::ERROR_CODE_ON_HOLD, "The host has paused the session for a moment; try again when it goes on.");
  }
  switch (command.kind_case()) {
    case v1::Command::kProposePlay: return proposal_refusal(state, seat, command.propose_play());
    case v1::Command::kAnswerProposal: return answer_refusal(state, seat, command.answer_proposal());
    case v1::Command::kBreathe:
      if (command.breathe().on()) {
        if (state.breath.active) return reject(v1::ERROR_CODE_OUT_OF_TURN, "You are already breathing together.");
        if (!opening_open(state)) {
          return reject(v1::ERROR_CODE_OUT_OF_TURN,
                        "The opening breath comes before the first round; if you need a pause now, take a break.");
        }
        return std::nullopt;
      }
      if (!state.breath.active) return reject(v1::ERROR_CODE_OUT_OF_TURN, "There is no breathing to finish.");
      return std::nullopt;
    case v1::Command::kBeginClosing:
      if (state.closing.active) return reject(v1::ERROR_CODE_OUT_OF_TURN, "The closing has already begun.");
      if (state.stage != Stage::kPlaying) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN, "The closing comes between rounds, once you have begun.");
      }
      if (state.breath.active) return reject(v1::ERROR_CODE_OUT_OF_TURN, "Finish the breathing first.");
      if (!closing_open(state)) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN,
                      "Finish this round first; the closing comes between rounds. To stop now, use Leave.");
      }
      return std::nullopt;
    case v1::Command::kAppreciate: {
      if (!is_partner(seat)) {
        return reject(v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT, "Appreciations are the partners' to write.");
      }
      if (!state.closing.active) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN, "Appreciations are written at the closing; begin the closing first.");
      }
      const bool written = seat == v1::SEAT_PARTNER_A ? state.closing.a_written : state.closing.b_written;
      if (written) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN,
                      "You have written yours; waiting for " + display_name(state, other_partner(seat)) + ".");
      }
      return checks::writing(Writing::kAppreciation, command.appreciate().text());
    }
    default: return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "The command is of a kind this server does not know.");
  }
}

std::optional<Rejection> ritual_holds_round(const RoomState& state) {
  if (state.breath.active) {
    return reject(v1::ERROR_CODE_OUT_OF_TURN, "You are breathing together first; either of you can finish it.");
  }
  if (state.closing.active) {
    return reject(v1::ERROR_CODE_OUT_OF_TURN, "You are closing the evening: write your appreciation, or pass.");
  }
  if (state.proposal) {
    return reject(v1::ERROR_CODE_OUT_OF_TURN,
                  display_name(state, state.proposal->by) + " proposed playing " +
                      choice_words(state, state.proposal->exercise_id, state.proposal->deck_id) +
                      "; answer it (or withdraw it) first.");
  }
  return std::nullopt;
}

const v1::Exercise* find_exercise(const RoomState& state, const std::string& id) {
  if (id.empty()) return nullptr;
  if (state.exercise.id() == id) return &state.exercise;
  for (const auto& exercise : state.exercises) {
    if (exercise.id() == id) return &exercise;
  }
  return nullptr;
}

const v1::Deck* find_deck(const RoomState& state, const std::string& id) {
  if (id.empty()) return nullptr;
  if (state.deck.id() == id) return &state.deck;
  for (const auto& deck : state.decks) {
    if (deck.id() == id) return &deck;
  }
  return nullptr;
}

BreathMoment breath_moment(const BreathState& breath, std::int64_t now_ms) {
  BreathMoment moment;
  const std::int64_t inhale = breath.inhale_ms;
  const std::int64_t cycle = inhale + breath.exhale_ms;
  if (cycle <= 0 || breath.breaths == 0 || inhale == 0) {
    moment.finished = true;
    return moment;
  }
  // A laptop whose clock runs behind the host's starts at the first breath.
  const std::int64_t elapsed = std::max<std::int64_t>(0, now_ms - breath.started_at_ms);
  if (elapsed >= cycle * breath.breaths) {
    moment.finished = true;
    moment.breath = breath.breaths;
    moment.inhale = false;
    moment.progress = 1.0;
    return moment;
  }
  const std::int64_t index = elapsed / cycle;
  const std::int64_t within = elapsed % cycle;
  moment.breath = static_cast<std::uint32_t>(index + 1);
  moment.inhale = within < inhale;
  moment.progress = moment.inhale ? static_cast<double>(within) / static_cast<double>(inhale)
                                  : static_cast<double>(within - inhale) / static_cast<double>(breath.exhale_ms);
  moment.next_ms = breath.started_at_ms + index * cycle + (moment.inhale ? inhale : cycle);
  return moment;
}

std::vector<FeelingCount> feelings_named(const RoomState& state) {
  std::vector<FeelingCount> counts;
  std::vector<std::string> keys;
  for (const auto& word : state.feelings_named) {
    const std::string key = lower_ascii(trim(word));
    if (key.empty()) continue;
    const auto found = std::find(keys.begin(), keys.end(), key);
    if (found == keys.end()) {
      keys.push_back(key);
      counts.push_back({std::string(trim(word)), 1});
    } else {
      ++counts[static_cast<std::size_t>(found - keys.begin())].count;
    }
  }
  return counts;
}

std::string feelings_summary(const RoomState& state) {
  const auto counts = feelings_named(state);
  if (counts.empty()) return "No feelings were named at a check-in.";
  std::string out;
  for (const auto& feeling : counts) {
    if (!out.empty()) out += ", ";
    out += feeling.word;
    if (feeling.count > 1) out += " (" + std::to_string(feeling.count) + ")";
  }
  return out;
}

const v1::AppreciationWritten* appreciation_of(const RoomState& state, Seat seat) {
  const auto& kept = seat == v1::SEAT_PARTNER_A ? state.closing.a : state.closing.b;
  if (!is_partner(seat) || !kept) return nullptr;
  return &*kept;
}

std::optional<RitualWords> ritual_words(const RoomState& state, Seat viewer) {
  if (state.stage == Stage::kEnded || state.pause.active) return std::nullopt;
  const Seat other = other_partner(viewer);
  const std::string partner = display_name(state, other);
  if (state.breath.active) return RitualWords{"Breathing together", is_partner(viewer) ? "Breathing with you." : ""};
  if (state.closing.active) {
    const bool written = other == v1::SEAT_PARTNER_A ? state.closing.a_written : state.closing.b_written;
    return RitualWords{"Closing the evening", !is_partner(viewer) ? ""
                                              : written           ? partner + " has written an appreciation."
                                                                  : partner + " is writing an appreciation..."};
  }
  if (state.proposal && state.stage == Stage::kPlaying) {
    const bool mine = state.proposal->by == viewer;
    return RitualWords{mine ? "Waiting for " + partner + "'s answer" : "Your answer: what to play",
                       !is_partner(viewer) ? ""
                       : mine              ? partner + " is looking at your proposal..."
                                           : partner + " proposed something else to play."};
  }
  return std::nullopt;
}

Decision decide_ritual(const RoomState& state, Seat seat, const v1::Command& command, EventBuilder& out) {
  if (auto refused = ritual_refusal(state, seat, command)) return *refused;
  switch (command.kind_case()) {
    case v1::Command::kProposePlay: {
      auto* proposed = out.add().mutable_play_proposed();
      proposed->set_by(seat);
      proposed->set_exercise_id(command.propose_play().exercise_id());
      proposed->set_deck_id(command.propose_play().deck_id());
      break;
    }
    case v1::Command::kAnswerProposal: {
      auto* answered = out.add().mutable_proposal_answered();
      answered->set_by(seat);
      answered->set_agreed(command.answer_proposal().agree());
      if (command.answer_proposal().agree()) {
        const auto& proposal = *state.proposal;
        const auto* exercise = find_exercise(state, proposal.exercise_id);
        const auto* deck = find_deck(state, proposal.deck_id);
        if (exercise != nullptr && exercise->id() != state.exercise.id()) *answered->mutable_exercise() = *exercise;
        if (deck != nullptr && deck->id() != state.deck.id()) *answered->mutable_deck() = *deck;
      }
      break;
    }
    case v1::Command::kBreathe: {
      auto* changed = out.add().mutable_breathing_changed();
      changed->set_on(command.breathe().on());
      if (command.breathe().on()) {
        changed->set_inhale_ms(kBreathInhaleMs);
        changed->set_exhale_ms(kBreathExhaleMs);
        changed->set_breaths(kOpeningBreaths);
      }
      break;
    }
    case v1::Command::kBeginClosing: out.add().mutable_closing_started()->set_by(seat); break;
    case v1::Command::kAppreciate: {
      v1::AppreciationWritten written;
      written.set_by(seat);
      const std::string_view text = trim(command.appreciate().text());
      written.set_text(std::string(text));
      written.set_passed(text.empty());
      *out.add().mutable_appreciation_written() = written;
      const auto& other = seat == v1::SEAT_PARTNER_A ? state.closing.b : state.closing.a;
      const bool other_written = seat == v1::SEAT_PARTNER_A ? state.closing.b_written : state.closing.a_written;
      if (other_written) {
        // Both are in: the session ends and shows both at once, A's first.
        auto* ended = out.add().mutable_session_ended();
        ended->set_by(state.closing.started_by);
        v1::AppreciationWritten theirs = other ? *other : v1::AppreciationWritten{};
        theirs.set_by(other_partner(seat));
        *ended->add_appreciations() = seat == v1::SEAT_PARTNER_A ? written : theirs;
        *ended->add_appreciations() = seat == v1::SEAT_PARTNER_A ? theirs : written;
      }
      break;
    }
    default: break;  // ritual_refusal refused every other kind
  }
  return out.take();
}

void fold_ritual(RoomState& state, const v1::Event& event) {
  switch (event.kind_case()) {
    case v1::Event::kPlayProposed: {
      const auto& proposed = event.play_proposed();
      state.proposal = PlayProposal{proposed.by(), proposed.exercise_id(), proposed.deck_id()};
      break;
    }
    case v1::Event::kProposalAnswered: {
      const auto& answered = event.proposal_answered();
      state.proposal.reset();
      if (!answered.agreed() || state.stage != Stage::kPlaying) break;
      // A choice applies only to a round nobody has begun; a crafted file
      // cannot swap the exercise under a running one.
      if (!round_unbegun(state)) break;
      if (answered.has_exercise() && answered.exercise().steps_size() > 0) {
        state.exercise = answered.exercise();
        state.settings.set_max_reflect_loops(state.exercise.max_reflect_loops());
        state.round.step = 0;
      }
      if (answered.has_deck()) state.deck = answered.deck();
      break;
    }
    case v1::Event::kBreathingChanged: {
      const auto& changed = event.breathing_changed();
      state.breath = BreathState{};
      if (changed.on()) {
        state.breath.active = true;
        state.breath.started_at_ms = event.at_ms();
        state.breath.inhale_ms = changed.inhale_ms();
        state.breath.exhale_ms = changed.exhale_ms();
        state.breath.breaths = changed.breaths();
      }
      break;
    }
    case v1::Event::kClosingStarted:
      state.closing = ClosingState{};
      state.closing.active = true;
      state.closing.started_by = event.closing_started().by();
      break;
    case v1::Event::kAppreciationWritten: {
      const auto& written = event.appreciation_written();
      if (!is_partner(written.by())) break;
      const bool a = written.by() == v1::SEAT_PARTNER_A;
      (a ? state.closing.a_written : state.closing.b_written) = true;
      // The other partner's copy arrives blank; it is shown at the end.
      if (!written.text().empty() || written.passed()) (a ? state.closing.a : state.closing.b) = written;
      break;
    }
    case v1::Event::kSessionEnded:
      for (const auto& written : event.session_ended().appreciations()) {
        if (!is_partner(written.by())) continue;
        (written.by() == v1::SEAT_PARTNER_A ? state.closing.a : state.closing.b) = written;
      }
      break;
    case v1::Event::kCheckedIn:
      state.feelings_named.insert(state.feelings_named.end(), event.checked_in().feelings().begin(),
                                  event.checked_in().feelings().end());
      break;
    case v1::Event::kRoundStarted: state.proposal.reset(); break;
    default: break;
  }
}

std::string describe_ritual_event(const RoomState& before, const v1::Event& event) {
  const std::string who = display_name(before, event.actor());
  switch (event.kind_case()) {
    case v1::Event::kPlayProposed:
      return who + " proposed playing " +
             choice_words(before, event.play_proposed().exercise_id(), event.play_proposed().deck_id());
    case v1::Event::kProposalAnswered: {
      const auto& answered = event.proposal_answered();
      if (answered.agreed()) return who + " agreed to the proposal";
      if (before.proposal && before.proposal->by == answered.by()) return who + " withdrew the proposal";
      return who + " would rather keep playing as you were";
    }
    case v1::Event::kBreathingChanged:
      return event.breathing_changed().on() ? who + " began the opening breath" : who + " finished the breathing";
    case v1::Event::kClosingStarted: return who + " began the closing";
    case v1::Event::kAppreciationWritten:
      if (event.appreciation_written().passed()) return who + " passed on writing an appreciation";
      if (!event.appreciation_written().text().empty()) return who + " wrote an appreciation";
      return who + " finished their part of the closing";  // a partner's copy, before the end
    default: return "Something this version does not know";
  }
}

}  // namespace attune
