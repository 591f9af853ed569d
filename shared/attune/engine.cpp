#include "attune/engine.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "attune/cards.hpp"
#include "attune/checks.hpp"
#include "attune/event_builder.hpp"
#include "attune/host_controls.hpp"
#include "attune/rituals.hpp"
#include "attune/text.hpp"

namespace attune {
namespace {

using checks::reject;
using v1::Event;
using v1::StepKind;

}  // namespace

void start_round(EventBuilder& out, const RoomState& state) {
  auto* started = out.add().mutable_round_started();
  const auto& next_exercise = state.settings.next_exercise_id();
  if (!next_exercise.empty() && next_exercise != state.exercise.id()) {
    for (const auto& exercise : state.exercises) {
      if (exercise.id() == next_exercise) *started->mutable_exercise() = exercise;
    }
  }
  const auto& next_deck = state.settings.next_deck_id();
  if (!next_deck.empty() && next_deck != state.deck.id()) {
    for (const auto& deck : state.decks) {
      if (deck.id() == next_deck) *started->mutable_deck() = deck;
    }
  }
  const std::uint32_t number = state.round.number + 1;
  started->set_round(number);
  // Partner A speaks first; roles swap every round.
  const bool a_speaks = (number % 2) == 1;
  started->set_speaker(a_speaks ? v1::SEAT_PARTNER_A : v1::SEAT_PARTNER_B);
  started->set_listener(a_speaks ? v1::SEAT_PARTNER_B : v1::SEAT_PARTNER_A);
}

namespace {

Decision decide_open(const RoomState& state, const OpenRoom& open, std::int64_t now_ms) {
  if (state.stage != Stage::kEmpty) return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "This room is already open.");
  if (open.creator != v1::SEAT_PARTNER_A && open.creator != v1::SEAT_HOST) {
    return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "A room is created by partner A or by a host.");
  }
  if (open.exercise.steps().empty()) {
    return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "The exercise has no steps.");
  }
  if (auto bad = checks::writing(Writing::kName, open.creator_name)) return *bad;
  EventBuilder out(state, now_ms, open.creator, 0);
  auto* created = out.add().mutable_room_created();
  created->set_room_id(open.room_id);
  *created->mutable_exercise() = open.exercise;
  *created->mutable_deck() = open.deck;
  created->set_seed(open.seed);
  created->set_creator_seat(open.creator);
  for (const auto& exercise : open.exercises) *created->add_exercises() = exercise;
  for (const auto& deck : open.decks) *created->add_decks() = deck;
  auto* taken = out.add().mutable_seat_taken();
  taken->set_seat(open.creator);
  taken->set_name(std::string(trim(open.creator_name)));
  taken->set_consents_to_recording(open.creator_consents);
  return out.take();
}

Decision decide_take_seat(const RoomState& state, const TakeSeat& take, std::int64_t now_ms) {
  if (state.stage == Stage::kEmpty) return reject(v1::ERROR_CODE_NOT_IN_ROOM, "This room does not exist yet.");
  if (state.stage == Stage::kEnded) return reject(v1::ERROR_CODE_ROOM_ENDED, "This session has ended.");
  if (take.seat == v1::SEAT_UNSPECIFIED || seat_index(take.seat) == 0) {
    return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Unknown seat.");
  }
  if (state.seats[seat_index(take.seat)].taken) {
    return reject(v1::ERROR_CODE_ROOM_FULL, "That seat is already taken.");
  }
  if (auto bad = checks::writing(Writing::kName, take.name)) return *bad;
  EventBuilder out(state, now_ms, take.seat, 0);
  auto* taken = out.add().mutable_seat_taken();
  taken->set_seat(take.seat);
  taken->set_name(std::string(trim(take.name)));
  taken->set_consents_to_recording(take.consents);
  const bool a = state.seats[v1::SEAT_PARTNER_A].taken || take.seat == v1::SEAT_PARTNER_A;
  const bool b = state.seats[v1::SEAT_PARTNER_B].taken || take.seat == v1::SEAT_PARTNER_B;
  const bool host = host_present(state) || take.seat == v1::SEAT_HOST;
  // The couple is known once both partners sit: what the host remembers of
  // them comes in before their first card.
  if (a && b && is_partner(take.seat) && (!take.remembered_cards.empty() || !take.custom_cards.empty())) {
    auto* remembered = out.add().mutable_cards_remembered();
    for (const auto& id : take.remembered_cards) remembered->add_played_card_ids(id);
    for (const auto& card : take.custom_cards) *remembered->add_custom_cards() = card;
  }
  if (state.stage == Stage::kWaitingForPartner && a && b && !host) start_round(out, state);
  return out.take();
}

Decision decide_presence(const RoomState& state, const MarkPresence& mark, std::int64_t now_ms) {
  const auto& seat = state.seats[seat_index(mark.seat)];
  if (!seat.taken || seat_index(mark.seat) == 0) return reject(v1::ERROR_CODE_NOT_IN_ROOM, "Nobody sits there.");
  if (seat.away == mark.away || state.stage == Stage::kEnded) return Events{};
  EventBuilder out(state, now_ms, mark.seat, 0);
  auto* changed = out.add().mutable_presence_changed();
  changed->set_seat(mark.seat);
  changed->set_away(mark.away);
  return out.take();
}

Decision decide_close(const RoomState& state, std::int64_t now_ms) {
  if (state.stage == Stage::kEnded || state.stage == Stage::kEmpty) return Events{};
  EventBuilder out(state, now_ms, v1::SEAT_UNSPECIFIED, 0);
  out.add().mutable_session_ended()->set_by(v1::SEAT_UNSPECIFIED);
  return out.take();
}

Decision decide_command(const RoomState& state, const SeatCommand& input, std::int64_t now_ms) {
  const Seat seat = input.seat;
  const v1::Command& command = input.command;
  if (seat_index(seat) == 0 || !state.seats[seat_index(seat)].taken) {
    return reject(v1::ERROR_CODE_NOT_IN_ROOM, "Join a room before playing.");
  }
  if (command.command_id() == 0) {
    return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Every command needs a non-zero id.");
  }
  if (command.command_id() <= state.seats[seat_index(seat)].last_command_id) {
    return Events{};  // already applied: a re-send after a reconnect
  }
  if (state.stage == Stage::kEnded) return reject(v1::ERROR_CODE_ROOM_ENDED, "This session has ended.");
  if (command.kind_case() == v1::Command::KIND_NOT_SET) {
    return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "The command is empty or of a kind this server does not know.");
  }

  EventBuilder out(state, now_ms, seat, command.command_id());

  if (command.has_end_session()) {
    out.add().mutable_session_ended()->set_by(seat);
    return out.take();
  }
  if (command.has_add_custom_card()) {
    // Partners and the host may add a card at any moment once the couple is
    // known (both partners seated): the card is kept for the two of them.
    if (!state.seats[v1::SEAT_PARTNER_A].taken || !state.seats[v1::SEAT_PARTNER_B].taken) {
      return reject(v1::ERROR_CODE_OUT_OF_TURN,
                    "Cards of your own can be added once both partners have sat down; they are kept for the two "
                    "of you.");
    }
    auto made = make_custom_card(state, command.add_custom_card().prompt(), state.last_seq + 1);
    if (made.refusal) return *made.refusal;
    *out.add().mutable_custom_card_added()->mutable_card() = std::move(*made.card);
    return out.take();
  }
  if (is_host_command(command)) {
    if (seat != v1::SEAT_HOST) return reject(v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT, "Only the host can do that.");
    return decide_host(state, command, out);
  }
  if (is_ritual_command(command)) return decide_ritual(state, seat, command, out);
  if (state.stage == Stage::kWaitingForPartner) {
    return reject(v1::ERROR_CODE_OUT_OF_TURN, "Your partner has not joined yet; the round starts when they do.");
  }
  if (command.has_call_break()) {
    if (state.pause.active) return reject(v1::ERROR_CODE_ON_BREAK, "A break is already on.");
    auto* called = out.add().mutable_break_called();
    called->set_by(seat);
    const std::int64_t length_ms = static_cast<std::int64_t>(state.settings.break_seconds()) * 1000;
    called->set_return_at_ms(now_ms + length_ms);
    return out.take();
  }
  if (command.has_ready_to_resume()) {
    if (!state.pause.active) return reject(v1::ERROR_CODE_OUT_OF_TURN, "There is no break to return from.");
    if (!is_partner(seat)) {
      // A host ends a break for everyone.
      out.add().mutable_break_ended();
      return out.take();
    }
    const bool already = seat == v1::SEAT_PARTNER_A ? state.pause.a_ready : state.pause.b_ready;
    if (already) return reject(v1::ERROR_CODE_OUT_OF_TURN, "You are already marked ready; waiting for your partner.");
    out.add().mutable_ready_to_resume()->set_seat(seat);
    const bool other_ready = seat == v1::SEAT_PARTNER_A ? state.pause.b_ready : state.pause.a_ready;
    if (other_ready) out.add().mutable_break_ended();
    return out.take();
  }
  if (state.pause.active) {
    return reject(v1::ERROR_CODE_ON_BREAK, "You are on a break; mark yourself ready to resume first.");
  }
  if (!is_partner(seat)) {
    return reject(v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT, "Only the partners play the round's steps.");
  }
  if (state.held) {
    return reject(v1::ERROR_CODE_ON_HOLD, "The host has paused the session for a moment; what you wrote is kept.");
  }
  if (auto held = ritual_holds_round(state)) return *held;

  const auto& round = state.round;
  switch (command.kind_case()) {
    case v1::Command::kDrawCard: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_PROMPT)) return *bad;
      const std::string& topic = command.draw_card().own_topic();
      const std::string& card_id = command.draw_card().card_id();
      if (auto bad = checks::writing(Writing::kTopic, topic)) return *bad;
      if (!trim(topic).empty() && !card_id.empty()) {
        return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Choose either a card or your own topic, not both.");
      }
      auto* drawn = out.add().mutable_card_drawn();
      if (!trim(topic).empty()) {
        drawn->mutable_card()->set_prompt(std::string(trim(topic)));
      } else if (!card_id.empty()) {
        const auto offer = offered_cards(state);
        const auto chosen =
            std::find_if(offer.begin(), offer.end(), [&](const v1::Card* card) { return card->id() == card_id; });
        if (chosen == offer.end()) {
          return reject(v1::ERROR_CODE_INVALID_ARGUMENT,
                        "That card is not one of the cards on the table. Pick one of the cards shown, draw one "
                        "blind, or write your own topic.");
        }
        *drawn->mutable_card() = **chosen;
      } else {
        const v1::Card* card = blind_draw(state);
        if (card == nullptr) {
          return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "This deck has no cards; write your own topic instead.");
        }
        *drawn->mutable_card() = *card;
      }
      return out.take();
    }
    case v1::Command::kPassCards: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_PROMPT)) return *bad;
      if (auto bad = pass_refusal(state)) return *bad;
      out.add().mutable_cards_passed()->set_round(round.number);
      return out.take();
    }
    case v1::Command::kCheckIn: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_CHECK_IN)) return *bad;
      const auto& check_in = command.check_in();
      if (check_in.feelings().empty()) {
        return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Pick at least one feeling word.");
      }
      if (static_cast<std::size_t>(check_in.feelings_size()) > kMaxFeelings) {
        return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Pick at most 8 feeling words.");
      }
      for (const auto& word : check_in.feelings()) {
        if (auto bad = checks::writing(Writing::kFeelingWord, word)) return *bad;
      }
      if (check_in.intensity() > kMaxIntensity) {
        return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Intensity goes from 0 to 10.");
      }
      auto* checked = out.add().mutable_checked_in();
      for (const auto& word : check_in.feelings()) checked->add_feelings(std::string(trim(word)));
      checked->set_intensity(check_in.intensity());
      return out.take();
    }
    case v1::Command::kShare: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_SHARE)) return *bad;
      if (auto bad = checks::writing(Writing::kShare, command.share().text())) return *bad;
      out.add().mutable_shared()->set_text(command.share().text());
      return out.take();
    }
    case v1::Command::kReflect: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_REFLECT)) return *bad;
      const auto& reflect = command.reflect();
      if (auto bad = checks::writing(Writing::kReflection, reflect.text())) return *bad;
      if (auto bad = checks::writing(Writing::kQuestion, reflect.question())) return *bad;
      auto* reflected = out.add().mutable_reflected();
      reflected->set_text(reflect.text());
      reflected->set_question(std::string(trim(reflect.question())));
      reflected->set_attempt(static_cast<std::uint32_t>(round.reflections.size() + 1));
      return out.take();
    }
    case v1::Command::kConfirm: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_CONFIRM)) return *bad;
      const auto& confirm = command.confirm();
      if (auto bad = checks::writing(Writing::kMore, confirm.more())) return *bad;
      auto* confirmed = out.add().mutable_confirmed();
      confirmed->set_complete(confirm.complete());
      confirmed->set_more(confirm.complete() ? std::string() : confirm.more());
      confirmed->set_loops_back(!confirm.complete() && round.loops_back < state.settings.max_reflect_loops());
      return out.take();
    }
    case v1::Command::kValidate: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_VALIDATE)) return *bad;
      const auto& validate = command.validate();
      if (auto bad = checks::writing(Writing::kValidation, validate.validation())) return *bad;
      if (auto bad = checks::writing(Writing::kEmpathy, validate.empathy())) return *bad;
      auto* validated = out.add().mutable_validated();
      validated->set_validation(validate.validation());
      validated->set_empathy(validate.empathy());
      return out.take();
    }
    case v1::Command::kAnswerRequest: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_ANSWER)) return *bad;
      const auto& answer = command.answer_request();
      if (answer.answer() != v1::REQUEST_ANSWER_YES && answer.answer() != v1::REQUEST_ANSWER_NO &&
          answer.answer() != v1::REQUEST_ANSWER_NOT_NOW) {
        return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Answer the request with yes, no or not now.");
      }
      if (auto bad = checks::writing(Writing::kAnswerNote, answer.note())) return *bad;
      auto* answered = out.add().mutable_request_answered();
      answered->set_answer(answer.answer());
      answered->set_note(std::string(trim(answer.note())));
      return out.take();
    }
    case v1::Command::kTellMore: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_MORE)) return *bad;
      const auto& tell = command.tell_more();
      if (!tell.done()) {
        if (auto bad = checks::writing(Writing::kMore, tell.more())) return *bad;
        if (trim(tell.more()).empty()) {
          return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Write what more there is, or say that's all.");
        }
      }
      auto* told = out.add().mutable_more_told();
      told->set_done(tell.done());
      told->set_more(tell.done() ? std::string() : tell.more());
      told->set_loops_back(!tell.done() && round.loops_back < state.settings.max_reflect_loops());
      return out.take();
    }
    case v1::Command::kTell: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_TELL)) return *bad;
      if (auto bad = checks::writing(Writing::kTold, command.tell().text())) return *bad;
      out.add().mutable_told()->set_text(command.tell().text());
      return out.take();
    }
    case v1::Command::kAskOpenQuestion: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_ASK)) return *bad;
      const std::string& question = command.ask_open_question().question();
      if (auto bad = checks::writing(Writing::kOpenQuestion, question)) return *bad;
      if (trim(question).back() != '?') {
        return reject(v1::ERROR_CODE_INVALID_ARGUMENT,
                      "Ask it as a question, ending with a question mark: \"What does this mean to you?\"");
      }
      out.add().mutable_question_asked()->set_question(std::string(trim(question)));
      return out.take();
    }
    case v1::Command::kSubmitRating: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_RATE)) return *bad;
      const bool is_speaker = seat == round.speaker;
      if (is_speaker ? round.speaker_rated : round.listener_rated) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN, "You have already rated this round.");
      }
      const auto& submit = command.submit_rating();
      if (auto bad = checks::parts(submit.parts())) return *bad;
      if (submit.intensity() > kMaxIntensity) {
        return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Intensity goes from 0 to 10.");
      }
      if (auto bad = checks::writing(Writing::kComment, submit.comment())) return *bad;
      v1::Rating rating;
      rating.set_by(seat);
      *rating.mutable_parts() = submit.parts();
      rating.set_intensity(submit.intensity());
      rating.set_comment(submit.comment());
      auto* submitted = out.add().mutable_rating_submitted();
      submitted->set_by(seat);
      *submitted->mutable_rating() = rating;
      const bool other_in = is_speaker ? round.listener_rated : round.speaker_rated;
      if (other_in) {
        const v1::Rating& speaker = is_speaker ? rating : *round.speaker_rating;
        const v1::Rating& listener = is_speaker ? *round.listener_prediction : rating;
        auto* revealed = out.add().mutable_revealed();
        *revealed->mutable_speaker_rating() = speaker;
        *revealed->mutable_listener_prediction() = listener;
        revealed->set_intensity_before(round.intensity_before);
        revealed->set_no_check_in(!round.checked_in);
        revealed->set_intensity_after(speaker.intensity());
        revealed->set_intensity_guess(listener.intensity());
        revealed->set_empathic_accuracy(empathic_accuracy(speaker, listener));
        const auto s = part_values(speaker.parts());
        const auto l = part_values(listener.parts());
        for (std::size_t i = 0; i < s.size(); ++i) {
          auto* gap = revealed->add_gaps();
          gap->set_part(static_cast<v1::AttunePart>(i + 1));
          gap->set_speaker(static_cast<std::int32_t>(s[i]));
          gap->set_listener(static_cast<std::int32_t>(l[i]));
        }
      }
      return out.take();
    }
    case v1::Command::kContinueAfterReveal: {
      if (auto bad = checks::turn(state, seat, v1::STEP_KIND_REVEAL)) return *bad;
      const bool is_speaker = seat == round.speaker;
      if (is_speaker ? round.speaker_acknowledged : round.listener_acknowledged) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN, "You are ready for the next round; waiting for your partner.");
      }
      out.add().mutable_reveal_acknowledged()->set_seat(seat);
      const bool other_done = is_speaker ? round.listener_acknowledged : round.speaker_acknowledged;
      // With a host, the host starts the next round when the couple is ready.
      if (other_done && !host_present(state)) start_round(out, state);
      return out.take();
    }
    default: return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "The command is of a kind this server does not know.");
  }
}

// Moves the round to the step after the current one; past the last step the
// round waits (the reveal's acknowledgements start the next round).
void advance(RoomState& state) {
  const auto steps = static_cast<std::size_t>(state.exercise.steps_size());
  if (state.round.step + 1 < steps) ++state.round.step;
}

std::size_t previous_reflect_step(const RoomState& state) {
  // A recorded step index is only trusted as far as the exercise reaches.
  const auto steps = static_cast<std::size_t>(state.exercise.steps_size());
  for (std::size_t i = std::min(state.round.step, steps); i-- > 0;) {
    if (state.exercise.steps(static_cast<int>(i)).kind() == v1::STEP_KIND_REFLECT) return i;
  }
  return state.round.step;
}

// Keeps a card of the couple's own once, up to the limit (a crafted log
// cannot grow the list without bound).
void add_custom_card(RoomState& state, const v1::Card& card) {
  if (card.id().empty() || state.custom_cards.size() >= kMaxCustomCards) return;
  const bool known = std::any_of(state.custom_cards.begin(), state.custom_cards.end(),
                                 [&](const v1::Card& each) { return each.id() == card.id(); });
  if (!known) state.custom_cards.push_back(card);
}

}  // namespace

Decision decide(const RoomState& state, const Input& input, std::int64_t now_ms) {
  return std::visit(
      [&](const auto& in) -> Decision {
        using T = std::decay_t<decltype(in)>;
        if constexpr (std::is_same_v<T, OpenRoom>) {
          return decide_open(state, in, now_ms);
        } else if constexpr (std::is_same_v<T, TakeSeat>) {
          return decide_take_seat(state, in, now_ms);
        } else if constexpr (std::is_same_v<T, MarkPresence>) {
          return decide_presence(state, in, now_ms);
        } else if constexpr (std::is_same_v<T, CloseRoom>) {
          return decide_close(state, now_ms);
        } else {
          return decide_command(state, in, now_ms);
        }
      },
      input);
}

RoomState fold(RoomState state, const Event& event) {
  if (event.seq() != state.last_seq + 1) return state;
  state.last_seq = event.seq();
  state.last_at_ms = event.at_ms();
  if (event.command_id() != 0 && seat_index(event.actor()) != 0) {
    auto& seat = state.seats[seat_index(event.actor())];
    seat.last_command_id = std::max(seat.last_command_id, event.command_id());
  }
  auto& round = state.round;
  const std::size_t step_before = round.step;
  const std::uint32_t round_before = round.number;
  switch (event.kind_case()) {
    case Event::kRoomCreated: {
      // A room is created once, as its first event; a later one (only a
      // crafted file has it) would swap the exercise under a running round.
      if (event.seq() != 1) break;
      const auto& created = event.room_created();
      state.stage = Stage::kWaitingForPartner;
      state.room_id = created.room_id();
      state.exercise = created.exercise();
      state.deck = created.deck();
      state.seed = created.seed();
      state.creator = created.creator_seat();
      if (!created.has_content_ref() || created.exercises_size() > 0 || created.decks_size() > 0) {
        auto content = std::make_shared<v1::ContentSet>();
        *content->mutable_exercises() = created.exercises();
        *content->mutable_decks() = created.decks();
        const std::shared_ptr<const v1::ContentSet> shared = std::move(content);
        state.exercises = shared_exercises(shared);
        state.decks = shared_decks(shared);
      }
      state.settings.set_max_reflect_loops(state.exercise.max_reflect_loops());
      state.settings.set_break_seconds(state.exercise.break_seconds());
      state.settings.set_partners_see_ratings(true);
      break;
    }
    case Event::kSeatTaken: {
      auto& seat = state.seats[seat_index(event.seat_taken().seat())];
      seat.taken = true;
      seat.away = false;
      seat.name = event.seat_taken().name();
      seat.consents_to_recording = event.seat_taken().consents_to_recording();
      break;
    }
    case Event::kPresenceChanged:
      state.seats[seat_index(event.presence_changed().seat())].away = event.presence_changed().away();
      break;
    case Event::kRoundStarted: {
      state.stage = Stage::kPlaying;
      round = RoundState{};
      round.number = event.round_started().round();
      round.speaker = event.round_started().speaker();
      round.listener = event.round_started().listener();
      round.custom_cards_in_play = state.custom_cards.size();
      if (event.round_started().has_exercise()) {
        state.exercise = event.round_started().exercise();
        state.settings.set_max_reflect_loops(state.exercise.max_reflect_loops());
      }
      if (event.round_started().has_deck()) state.deck = event.round_started().deck();
      fold_ritual(state, event);
      break;
    }
    case Event::kCardDrawn:
      round.card = event.card_drawn().card();
      if (!round.card->id().empty()) state.played_cards.push_back(round.card->id());
      advance(state);
      break;
    case Event::kCardsPassed: ++round.passes; break;
    case Event::kCardsRemembered: {
      const auto& remembered = event.cards_remembered();
      std::vector<std::string> played(remembered.played_card_ids().begin(), remembered.played_card_ids().end());
      played.insert(played.end(), state.played_cards.begin(), state.played_cards.end());
      state.played_cards = std::move(played);
      for (const auto& card : remembered.custom_cards()) add_custom_card(state, card);
      break;
    }
    case Event::kCustomCardAdded: add_custom_card(state, event.custom_card_added().card()); break;
    case Event::kCheckedIn:
      round.feelings.assign(event.checked_in().feelings().begin(), event.checked_in().feelings().end());
      round.intensity_before = event.checked_in().intensity();
      round.checked_in = true;
      fold_ritual(state, event);
      advance(state);
      break;
    case Event::kShared:
      round.shared_text = event.shared().text();
      advance(state);
      break;
    case Event::kReflected:
      round.reflections.push_back({event.reflected().text(), event.reflected().question()});
      advance(state);
      break;
    case Event::kConfirmed:
      if (!event.confirmed().complete()) round.more.push_back(event.confirmed().more());
      if (event.confirmed().loops_back()) {
        ++round.loops_back;
        round.step = previous_reflect_step(state);
      } else {
        advance(state);
      }
      break;
    case Event::kMoreTold:
      if (!event.more_told().done()) round.more.push_back(event.more_told().more());
      if (event.more_told().loops_back() && round.step > 0) {
        // The listener's step just before "is there more?" comes again.
        ++round.loops_back;
        round.step = std::min(round.step, static_cast<std::size_t>(state.exercise.steps_size())) - 1;
      } else {
        advance(state);
      }
      break;
    case Event::kTold:
      round.writings.push_back({round.step, event.actor(), event.told().text()});
      advance(state);
      break;
    case Event::kQuestionAsked:
      round.writings.push_back({round.step, event.actor(), event.question_asked().question()});
      advance(state);
      break;
    case Event::kValidated:
      round.validation = event.validated();
      advance(state);
      break;
    case Event::kRequestAnswered:
      round.answer = event.request_answered();
      advance(state);
      break;
    case Event::kRatingSubmitted: {
      const auto& submitted = event.rating_submitted();
      const bool by_speaker = submitted.by() == round.speaker;
      (by_speaker ? round.speaker_rated : round.listener_rated) = true;
      if (submitted.has_rating()) {
        (by_speaker ? round.speaker_rating : round.listener_prediction) = submitted.rating();
      }
      break;
    }
    case Event::kRevealed:
      round.reveal = event.revealed();
      if (event.revealed().has_speaker_rating()) round.speaker_rating = event.revealed().speaker_rating();
      if (event.revealed().has_listener_prediction()) {
        round.listener_prediction = event.revealed().listener_prediction();
      }
      state.finished_rounds.push_back(event.revealed());
      advance(state);
      break;
    case Event::kRevealAcknowledged:
      (event.reveal_acknowledged().seat() == round.speaker ? round.speaker_acknowledged : round.listener_acknowledged) =
          true;
      break;
    case Event::kBreakCalled:
      state.pause = BreakState{};
      state.pause.active = true;
      state.pause.called_by = event.break_called().by();
      state.pause.called_at_ms = event.at_ms();
      state.pause.return_at_ms = event.break_called().return_at_ms();
      break;
    case Event::kReadyToResume:
      (event.ready_to_resume().seat() == v1::SEAT_PARTNER_A ? state.pause.a_ready : state.pause.b_ready) = true;
      break;
    case Event::kBreakEnded: state.pause = BreakState{}; break;
    case Event::kSessionEnded:
      state.stage = Stage::kEnded;
      state.ended_by = event.session_ended().by();
      state.pause = BreakState{};
      state.breath = BreathState{};
      fold_ritual(state, event);
      break;
    case Event::kSettingsChanged: state.settings = event.settings_changed().settings(); break;
    case Event::kHoldChanged: state.held = event.hold_changed().on(); break;
    case Event::kLockChanged: state.locked = event.lock_changed().on(); break;
    case Event::kStepSkipped: advance(state); break;
    case Event::kNotePinned:
      state.notes.push_back(
          HostNote{event.seq(), event.note_pinned().pinned_seq(), event.at_ms(), event.note_pinned().text()});
      break;
    case Event::kMomentFlagged:
      state.flags.push_back(
          HostFlag{event.seq(), event.moment_flagged().pinned_seq(), event.at_ms(), event.moment_flagged().label()});
      break;
    case Event::kPlayProposed:
    case Event::kProposalAnswered:
    case Event::kBreathingChanged:
    case Event::kClosingStarted:
    case Event::kAppreciationWritten: fold_ritual(state, event); break;
    case Event::KIND_NOT_SET: break;
  }
  if (round.step != step_before || round.number != round_before) state.step_started_at_ms = event.at_ms();
  return state;
}

RoomState replay(const std::vector<Event>& events) {
  RoomState state;
  for (const auto& event : events) state = fold(std::move(state), event);
  return state;
}

}  // namespace attune
