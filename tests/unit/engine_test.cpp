// The round engine: decide + fold through a whole ATTUNE round, every
// rejection, breaks, the card scheduler, projection and replay.
#include "attune/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "attune/content.hpp"
#include "played_room.hpp"

namespace attune {
namespace {

using namespace fixtures;  // the played room (decide + fold + log) and its commands

const Content& shipped() { return shipped_content(); }
v1::PartScores parts_of(const Parts& values) { return part_scores(values); }

// The fixtures' room, plus the checks these tests make on each refusal.
class Room : public PlayedRoom {
 public:
  Room() = default;
  explicit Room(PlayedRoom played) : PlayedRoom(std::move(played)) {}

  static Room playing(std::uint64_t seed = 42, const v1::Exercise* exercise = nullptr) {
    return Room(PlayedRoom::playing(seed, exercise));
  }

  // An input that must be rejected; the state does not change.
  Rejection refuse(const Input& input) {
    Decision decision = decide(state, input, now_ms);
    if (const auto* rejected = std::get_if<Rejection>(&decision)) {
      EXPECT_FALSE(rejected->message.empty());
      return *rejected;
    }
    ADD_FAILURE() << "expected a rejection, got " << std::get<Events>(decision).size() << " event(s)";
    return Rejection{};
  }

  // The code a seat's command (with a fresh id) is rejected with.
  v1::ErrorCode refusal(Seat seat, v1::Command command) {
    if (command.command_id() == 0) command.set_command_id(next_id++);
    return refuse(SeatCommand{seat, std::move(command)}).code;
  }
};

// Event kinds of a batch, for compact assertions.
std::vector<v1::Event::KindCase> kinds(const Events& events) {
  std::vector<v1::Event::KindCase> out;
  out.reserve(events.size());
  for (const auto& event : events) out.push_back(event.kind_case());
  return out;
}

using K = v1::Event::KindCase;

// ------------------------------------------------------- opening a room

TEST(EngineRoom, OpeningRoomWaitsForPartner) {
  Room room;
  room.open(kA, "  Ana  ", 7);
  ASSERT_EQ(room.log.size(), 2U);
  EXPECT_EQ(kinds(room.log), (std::vector<K>{K::kRoomCreated, K::kSeatTaken}));
  EXPECT_EQ(room.log[0].seq(), 1U);
  EXPECT_EQ(room.log[1].seq(), 2U);
  EXPECT_EQ(room.log[0].room_created().creator_seat(), kA);
  EXPECT_EQ(room.state.stage, Stage::kWaitingForPartner);
  EXPECT_EQ(room.state.last_seq, 2U);
  EXPECT_EQ(room.state.room_id, "room-1");
  EXPECT_EQ(room.state.seed, 7U);
  EXPECT_EQ(room.state.exercise.id(), "attune");
  EXPECT_EQ(room.state.deck.cards_size(), shipped().deck.cards_size());
  EXPECT_TRUE(room.state.seats[kA].taken);
  EXPECT_EQ(room.state.seats[kA].name, "Ana");  // trimmed
  EXPECT_FALSE(room.state.seats[kB].taken);
  EXPECT_EQ(room.state.round.number, 0U);
  EXPECT_EQ(current_step(room.state), nullptr);
  EXPECT_FALSE(awaits(room.state, kA));
}

TEST(EngineRoom, OpeningTwiceIsRejected) {
  Room room;
  room.open();
  OpenRoom again;
  again.exercise = shipped().exercise;
  again.creator_name = "Ana";
  EXPECT_EQ(room.refuse(again).code, v1::ERROR_CODE_INVALID_ARGUMENT);
}

TEST(EngineRoom, PartnerJoiningStartsRoundOneWithASpeaking) {
  Room room;
  room.open();
  const Events events = room.apply(TakeSeat{kB, "Ben"});
  EXPECT_EQ(kinds(events), (std::vector<K>{K::kSeatTaken, K::kRoundStarted}));
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[1].round_started().round(), 1U);
  EXPECT_EQ(events[1].round_started().speaker(), kA);
  EXPECT_EQ(events[1].round_started().listener(), kB);
  EXPECT_EQ(room.state.stage, Stage::kPlaying);
  EXPECT_EQ(room.state.round.number, 1U);
  EXPECT_EQ(room.speaker(), kA);
  EXPECT_EQ(room.listener(), kB);
  EXPECT_EQ(room.state.round.step, 0U);
  EXPECT_EQ(room.step(), v1::STEP_KIND_PROMPT);
  EXPECT_TRUE(awaits(room.state, kA));
  EXPECT_FALSE(awaits(room.state, kB));
}

TEST(EngineRoom, HostCreatedRoomStartsOnlyWhenBothPartnersSit) {
  Room room;
  room.open(kHost, "Dr. Hale");
  EXPECT_EQ(room.state.stage, Stage::kWaitingForPartner);
  const Events a = room.apply(TakeSeat{kA, "Ana"});
  EXPECT_EQ(kinds(a), (std::vector<K>{K::kSeatTaken}));
  EXPECT_EQ(room.state.stage, Stage::kWaitingForPartner);
  const Events b = room.apply(TakeSeat{kB, "Ben"});
  // With a host, the host starts the first round when the couple is settled.
  EXPECT_EQ(kinds(b), (std::vector<K>{K::kSeatTaken}));
  EXPECT_EQ(room.state.stage, Stage::kWaitingForPartner);
  const Events started = room.act(kHost, host_start_round());
  EXPECT_EQ(kinds(started), (std::vector<K>{K::kRoundStarted}));
  EXPECT_EQ(room.state.stage, Stage::kPlaying);
  EXPECT_EQ(room.speaker(), kA);
  EXPECT_FALSE(awaits(room.state, kHost));
}

// ------------------------------------------------------- the full round

TEST(EngineRound, DefaultRoundWalksEveryStepAndSwapsRoles) {
  Room room = Room::playing();
  ASSERT_EQ(room.step(), v1::STEP_KIND_PROMPT);

  // Prompt: A draws a card from the deck.
  Events events = room.act(kA, draw());
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kCardDrawn}));
  const v1::Card card = events[0].card_drawn().card();
  EXPECT_FALSE(card.id().empty());
  EXPECT_FALSE(card.prompt().empty());
  ASSERT_TRUE(room.state.round.card.has_value());
  EXPECT_EQ(room.state.round.card->id(), card.id());
  EXPECT_EQ(room.state.played_cards, (std::vector<std::string>{card.id()}));
  EXPECT_EQ(room.step(), v1::STEP_KIND_CHECK_IN);

  // Check in: feelings are trimmed, intensity kept.
  events = room.act(kA, check_in({" worried ", "tired"}, 8));
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kCheckedIn}));
  EXPECT_TRUE(room.state.round.checked_in);
  EXPECT_EQ(room.state.round.feelings, (std::vector<std::string>{"worried", "tired"}));
  EXPECT_EQ(room.state.round.intensity_before, 8U);
  EXPECT_EQ(room.step(), v1::STEP_KIND_SHARE);

  // Share.
  events = room.act(kA, share("I feel tired about the evenings and what I need is help."));
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kShared}));
  EXPECT_EQ(room.state.round.shared_text, "I feel tired about the evenings and what I need is help.");
  EXPECT_EQ(room.step(), v1::STEP_KIND_REFLECT);
  EXPECT_TRUE(awaits(room.state, kB));
  EXPECT_FALSE(awaits(room.state, kA));

  // Reflect, attempt 1; the question is trimmed.
  events = room.act(kB, reflect("You are tired in the evenings.", "  What helps most?  "));
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kReflected}));
  EXPECT_EQ(events[0].reflected().attempt(), 1U);
  EXPECT_EQ(events[0].reflected().question(), "What helps most?");
  ASSERT_EQ(room.state.round.reflections.size(), 1U);
  EXPECT_EQ(room.state.round.reflections[0].text, "You are tired in the evenings.");
  EXPECT_EQ(room.step(), v1::STEP_KIND_CONFIRM);

  // Confirm partly: back to Reflect.
  events = room.act(kA, confirm(false, "And lonely, too."));
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kConfirmed}));
  EXPECT_FALSE(events[0].confirmed().complete());
  EXPECT_TRUE(events[0].confirmed().loops_back());
  EXPECT_EQ(events[0].confirmed().more(), "And lonely, too.");
  EXPECT_EQ(room.state.round.loops_back, 1U);
  EXPECT_EQ(room.state.round.more, (std::vector<std::string>{"And lonely, too."}));
  EXPECT_EQ(room.step(), v1::STEP_KIND_REFLECT);
  EXPECT_TRUE(awaits(room.state, kB));

  // Reflect, attempt 2.
  events = room.act(kB, reflect("You are tired and lonely in the evenings."));
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].reflected().attempt(), 2U);
  EXPECT_EQ(room.state.round.reflections.size(), 2U);
  EXPECT_EQ(room.step(), v1::STEP_KIND_CONFIRM);

  // Confirm yes: on to Validate.
  events = room.act(kA, confirm(true, "ignored when complete"));
  ASSERT_EQ(events.size(), 1U);
  EXPECT_TRUE(events[0].confirmed().complete());
  EXPECT_FALSE(events[0].confirmed().loops_back());
  EXPECT_TRUE(events[0].confirmed().more().empty());
  EXPECT_EQ(room.state.round.more.size(), 1U);
  EXPECT_EQ(room.step(), v1::STEP_KIND_VALIDATE);

  // Validate & empathise.
  events = room.act(kB, validate("It makes sense because evenings are long.", "I imagine you feel alone."));
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kValidated}));
  ASSERT_TRUE(room.state.round.validation.has_value());
  EXPECT_EQ(room.state.round.validation->empathy(), "I imagine you feel alone.");
  EXPECT_EQ(room.step(), v1::STEP_KIND_RATE);
  EXPECT_TRUE(awaits(room.state, kA));
  EXPECT_TRUE(awaits(room.state, kB));

  // Rate: the speaker first; no reveal yet.
  const Parts same{7, 6, 5, 4, 3, 2};
  events = room.act(kA, rate(same, 4, "Thank you."));
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kRatingSubmitted}));
  EXPECT_TRUE(room.state.round.speaker_rated);
  EXPECT_FALSE(room.state.round.listener_rated);
  EXPECT_FALSE(room.state.round.reveal.has_value());
  EXPECT_TRUE(room.state.finished_rounds.empty());
  EXPECT_EQ(room.step(), v1::STEP_KIND_RATE);
  EXPECT_FALSE(awaits(room.state, kA));
  EXPECT_TRUE(awaits(room.state, kB));

  // The listener's identical prediction: reveal.
  events = room.act(kB, rate(same, 4));
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kRatingSubmitted, K::kRevealed}));
  const v1::Revealed& revealed = events[1].revealed();
  EXPECT_EQ(revealed.intensity_before(), 8U);
  EXPECT_EQ(revealed.intensity_after(), 4U);
  EXPECT_EQ(revealed.intensity_guess(), 4U);
  EXPECT_EQ(revealed.empathic_accuracy(), 100U);
  EXPECT_EQ(revealed.speaker_rating().by(), kA);
  EXPECT_EQ(revealed.speaker_rating().comment(), "Thank you.");
  EXPECT_EQ(revealed.listener_prediction().by(), kB);
  ASSERT_EQ(revealed.gaps_size(), 6);
  for (int i = 0; i < revealed.gaps_size(); ++i) {
    const auto index = static_cast<std::size_t>(i);
    EXPECT_EQ(revealed.gaps(i).part(), static_cast<v1::AttunePart>(i + 1));
    EXPECT_EQ(revealed.gaps(i).speaker(), static_cast<std::int32_t>(same[index]));
    EXPECT_EQ(revealed.gaps(i).listener(), static_cast<std::int32_t>(same[index]));
  }
  ASSERT_TRUE(room.state.round.reveal.has_value());
  ASSERT_EQ(room.state.finished_rounds.size(), 1U);
  EXPECT_EQ(room.state.finished_rounds[0].empathic_accuracy(), 100U);
  EXPECT_EQ(room.step(), v1::STEP_KIND_REVEAL);

  // Both continue: round 2 with B speaking.
  events = room.act(kA, continue_after_reveal());
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kRevealAcknowledged}));
  EXPECT_TRUE(room.state.round.speaker_acknowledged);
  EXPECT_EQ(room.state.round.number, 1U);
  EXPECT_EQ(room.step(), v1::STEP_KIND_REVEAL);
  EXPECT_FALSE(awaits(room.state, kA));
  EXPECT_TRUE(awaits(room.state, kB));

  events = room.act(kB, continue_after_reveal());
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kRevealAcknowledged, K::kRoundStarted}));
  EXPECT_EQ(events[1].round_started().round(), 2U);
  EXPECT_EQ(room.state.round.number, 2U);
  EXPECT_EQ(room.speaker(), kB);
  EXPECT_EQ(room.listener(), kA);
  EXPECT_EQ(room.step(), v1::STEP_KIND_PROMPT);
  EXPECT_FALSE(room.state.round.card.has_value());
  EXPECT_TRUE(room.state.round.reflections.empty());
  EXPECT_FALSE(room.state.round.speaker_rated);
  EXPECT_EQ(room.state.finished_rounds.size(), 1U);
  EXPECT_TRUE(awaits(room.state, kB));
  EXPECT_FALSE(awaits(room.state, kA));

  // Round 3 swaps back.
  room.play_round();
  EXPECT_EQ(room.state.round.number, 3U);
  EXPECT_EQ(room.speaker(), kA);
}

TEST(EngineRound, RevealNeedsBothRatingsWhicheverComesFirst) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_RATE);
  Events events = room.act(kB, rate({2, 3, 4, 5, 6, 7}, 9));
  EXPECT_EQ(kinds(events), (std::vector<K>{K::kRatingSubmitted}));
  EXPECT_TRUE(room.state.round.listener_rated);
  EXPECT_FALSE(room.state.round.reveal.has_value());
  events = room.act(kA, rate({2, 3, 4, 5, 6, 7}, 9));
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kRatingSubmitted, K::kRevealed}));
  // The speaker's rating is the speaker's, whoever rated last.
  EXPECT_EQ(events[1].revealed().speaker_rating().by(), kA);
  EXPECT_EQ(events[1].revealed().listener_prediction().by(), kB);
  EXPECT_EQ(events[1].revealed().intensity_before(), 6U);
  EXPECT_EQ(events[1].revealed().empathic_accuracy(), 100U);
}

TEST(EngineRound, RevealShowsGapsAndEmpathicAccuracyForKnownRatings) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_RATE);
  // One part off by 3 of 6 (0.5), intensity off by 5 of 10 (0.5): 6/7 = 85.7%.
  room.act(kA, rate({6, 6, 6, 6, 6, 6}, 4));
  const Events events = room.act(kB, rate({6, 6, 6, 6, 6, 3}, 9));
  ASSERT_EQ(events.size(), 2U);
  const v1::Revealed& revealed = events[1].revealed();
  EXPECT_EQ(revealed.empathic_accuracy(), 86U);
  EXPECT_EQ(revealed.intensity_before(), 6U);
  EXPECT_EQ(revealed.intensity_after(), 4U);
  EXPECT_EQ(revealed.intensity_guess(), 9U);
  ASSERT_EQ(revealed.gaps_size(), 6);
  EXPECT_EQ(revealed.gaps(5).part(), v1::ATTUNE_PART_EMPATHY);
  EXPECT_EQ(revealed.gaps(5).speaker(), 6);
  EXPECT_EQ(revealed.gaps(5).listener(), 3);
  EXPECT_EQ(revealed.gaps(0).part(), v1::ATTUNE_PART_AWARENESS);
  EXPECT_EQ(revealed.gaps(0).speaker(), revealed.gaps(0).listener());
}

TEST(EngineRound, EmpathicAccuracyScoresSevenGuessesEqually) {
  // Identical: 100.
  EXPECT_EQ(empathic_accuracy(rating_of(kA, {3, 4, 5, 6, 7, 1}, 5), rating_of(kB, {3, 4, 5, 6, 7, 1}, 5)), 100U);
  // Every guess at the widest miss: 0.
  EXPECT_EQ(empathic_accuracy(rating_of(kA, {7, 7, 7, 7, 7, 7}, 10), rating_of(kB, {1, 1, 1, 1, 1, 1}, 0)), 0U);
  // Parts exact, intensity at the widest miss: 6/7 = 85.7%.
  EXPECT_EQ(empathic_accuracy(rating_of(kA, {4, 4, 4, 4, 4, 4}, 0), rating_of(kB, {4, 4, 4, 4, 4, 4}, 10)), 86U);
  // One part off by one: (6 - 1/6) / 7 = 97.6%.
  EXPECT_EQ(empathic_accuracy(rating_of(kA, {4, 4, 4, 4, 4, 4}, 5), rating_of(kB, {4, 4, 4, 4, 4, 5}, 5)), 98U);
  // Symmetric in its arguments.
  EXPECT_EQ(empathic_accuracy(rating_of(kA, {1, 2, 3, 4, 5, 6}, 2), rating_of(kB, {6, 5, 4, 3, 2, 1}, 7)),
            empathic_accuracy(rating_of(kB, {6, 5, 4, 3, 2, 1}, 7), rating_of(kA, {1, 2, 3, 4, 5, 6}, 2)));
}

TEST(EngineRound, PartValuesFollowAcronymOrder) {
  EXPECT_EQ(part_values(parts_of({1, 2, 3, 4, 5, 6})), (Parts{1, 2, 3, 4, 5, 6}));
}

TEST(EngineRound, ReflectLoopIsBoundedByMaxReflectLoops) {
  Room room = Room::playing();
  const std::uint32_t bound = room.state.exercise.max_reflect_loops();
  ASSERT_EQ(bound, 3U);
  room.advance_to(v1::STEP_KIND_CONFIRM);
  for (std::uint32_t loop = 1; loop <= bound; ++loop) {
    const Events events = room.act(kA, confirm(false, "more " + std::to_string(loop)));
    ASSERT_EQ(events.size(), 1U);
    EXPECT_TRUE(events[0].confirmed().loops_back()) << "partly #" << loop;
    EXPECT_EQ(room.state.round.loops_back, loop);
    ASSERT_EQ(room.step(), v1::STEP_KIND_REFLECT);
    const Events again = room.act(kB, reflect("Attempt " + std::to_string(loop + 1)));
    ASSERT_EQ(again.size(), 1U);
    EXPECT_EQ(again[0].reflected().attempt(), loop + 1);
    ASSERT_EQ(room.step(), v1::STEP_KIND_CONFIRM);
  }
  // One more "partly" moves on regardless.
  const Events events = room.act(kA, confirm(false, "still more"));
  ASSERT_EQ(events.size(), 1U);
  EXPECT_FALSE(events[0].confirmed().complete());
  EXPECT_FALSE(events[0].confirmed().loops_back());
  EXPECT_EQ(events[0].confirmed().more(), "still more");
  EXPECT_EQ(room.state.round.loops_back, bound);
  EXPECT_EQ(room.state.round.more.size(), static_cast<std::size_t>(bound) + 1);
  EXPECT_EQ(room.state.round.reflections.size(), static_cast<std::size_t>(bound) + 1);
  EXPECT_EQ(room.step(), v1::STEP_KIND_VALIDATE);
}

const v1::Exercise& nvc_exercise() {
  for (const auto& exercise : shipped().exercises) {
    if (exercise.id() == "nvc") return exercise;
  }
  ADD_FAILURE() << "the shipped content has no nvc exercise";
  return shipped().exercise;
}

TEST(EngineRound, TheListenerAnswersTheRequestYesNoOrNotNow) {
  Room room = Room::playing(42, &nvc_exercise());
  room.advance_to(v1::STEP_KIND_ANSWER);
  EXPECT_EQ(room.refusal(room.speaker(), answer(v1::REQUEST_ANSWER_YES)), v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_EQ(room.refusal(room.listener(), answer(v1::REQUEST_ANSWER_UNSPECIFIED)), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(room.refusal(room.listener(), answer(v1::REQUEST_ANSWER_NO, std::string(kMaxShortTextChars + 1, 'x'))),
            v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(expected_move(room.state, room.listener()), v1::Command::kAnswerRequest);
  const Events events = room.act(room.listener(), answer(v1::REQUEST_ANSWER_NOT_NOW, "  Saturday morning is yours. "));
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kRequestAnswered}));
  ASSERT_TRUE(room.state.round.answer.has_value());
  EXPECT_EQ(room.state.round.answer->answer(), v1::REQUEST_ANSWER_NOT_NOW);
  EXPECT_EQ(room.state.round.answer->note(), "Saturday morning is yours.");
  EXPECT_EQ(room.step(), v1::STEP_KIND_RATE);
  EXPECT_EQ(describe_event(room.state, events.front()), "Ben answered the request: not now");
}

const v1::Exercise& shipped_exercise(const std::string& id) {
  for (const auto& exercise : shipped().exercises) {
    if (exercise.id() == id) return exercise;
  }
  ADD_FAILURE() << "the shipped content has no " << id << " exercise";
  return shipped().exercise;
}

TEST(EngineRound, IsThereMoreGoesBackToTheMirrorUntilTheSpeakerSaysThatsAll) {
  Room room = Room::playing(42, &shipped_exercise("mirroring"));
  room.advance_to(v1::STEP_KIND_MORE);
  EXPECT_EQ(expected_move(room.state, room.speaker()), v1::Command::kTellMore);
  EXPECT_EQ(room.refusal(room.listener(), tell_more()), v1::ERROR_CODE_OUT_OF_TURN);
  // "There is more" needs the more; blank is refused with a sentence.
  v1::Command blank;
  blank.mutable_tell_more()->set_more("   ");
  EXPECT_EQ(room.refusal(room.speaker(), blank), v1::ERROR_CODE_INVALID_ARGUMENT);
  const Events more = room.act(room.speaker(), tell_more("And I was scared, too."));
  ASSERT_EQ(kinds(more), (std::vector<K>{K::kMoreTold}));
  EXPECT_TRUE(more[0].more_told().loops_back());
  EXPECT_EQ(describe_event(room.state, more.front()), "Ana added more");
  EXPECT_EQ(room.step(), v1::STEP_KIND_REFLECT);
  EXPECT_EQ(room.state.round.more, (std::vector<std::string>{"And I was scared, too."}));
  room.act(room.listener(), reflect("You were scared too."));
  ASSERT_EQ(room.step(), v1::STEP_KIND_MORE);
  const Events done = room.act(room.speaker(), tell_more());
  EXPECT_TRUE(done[0].more_told().done());
  EXPECT_FALSE(done[0].more_told().loops_back());
  EXPECT_EQ(room.step(), v1::STEP_KIND_VALIDATE);
  EXPECT_EQ(room.state.round.reflections.size(), 2U);
}

TEST(EngineRound, AScriptedPairPlaysEveryShippedExerciseThroughBothRoles) {
  for (const auto& exercise : shipped().exercises) {
    SCOPED_TRACE(exercise.id());
    Room room = Room::playing(42, &exercise);
    room.play_round();
    room.play_round();
    ASSERT_EQ(room.state.finished_rounds.size(), 2U);
    EXPECT_EQ(room.state.finished_rounds[0].speaker_rating().by(), kA);
    EXPECT_EQ(room.state.finished_rounds[1].speaker_rating().by(), kB);
    // A round without a check-in says so, instead of an intensity of 0.
    const bool checks_in = std::any_of(exercise.steps().begin(), exercise.steps().end(),
                                       [](const auto& step) { return step.kind() == v1::STEP_KIND_CHECK_IN; });
    EXPECT_EQ(room.state.finished_rounds[0].no_check_in(), !checks_in);
  }
}

TEST(EngineRound, EachTellIsKeptUnderItsOwnStepAndTheRoundMovesOn) {
  Room room = Room::playing(42, &shipped_exercise("aftermath"));
  room.advance_to(v1::STEP_KIND_TELL);
  const std::size_t triggers = room.state.round.step;
  EXPECT_EQ(expected_move(room.state, room.speaker()), v1::Command::kTell);
  v1::Command blank;
  blank.mutable_tell()->set_text("  ");
  EXPECT_EQ(room.refusal(room.speaker(), blank), v1::ERROR_CODE_INVALID_ARGUMENT);
  v1::Command tell;
  tell.mutable_tell()->set_text("Being late reminds me of waiting at school.");
  EXPECT_EQ(room.refusal(room.listener(), tell), v1::ERROR_CODE_OUT_OF_TURN);
  const RoomState before = room.state;
  const Events events = room.act(room.speaker(), tell);
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kTold}));
  EXPECT_EQ(describe_event(before, events.front()), "Ana wrote: What set you off");
  ASSERT_EQ(room.state.round.writings.size(), 1U);
  EXPECT_EQ(room.state.round.writings[0].step, triggers);
  EXPECT_EQ(room.state.round.writings[0].by, room.speaker());
  // The next tell is a step of its own ("My own part").
  EXPECT_EQ(room.step(), v1::STEP_KIND_TELL);
  EXPECT_EQ(room.state.round.step, triggers + 1);
}

TEST(EngineRound, TheListenerAsksOnlyOpenQuestionsAboutTheDream) {
  Room room = Room::playing(42, &shipped_exercise("dreams"));
  room.advance_to(v1::STEP_KIND_ASK);
  EXPECT_EQ(expected_move(room.state, room.listener()), v1::Command::kAskOpenQuestion);
  v1::Command point;
  point.mutable_ask_open_question()->set_question("You know we cannot afford that.");
  const auto refused = room.try_input(SeatCommand{room.listener(), with_id(point, 1'000'000)});
  ASSERT_TRUE(std::holds_alternative<Rejection>(refused));
  EXPECT_NE(std::get<Rejection>(refused).message.find("question mark"), std::string::npos);
  v1::Command question;
  question.mutable_ask_open_question()->set_question("  What would that house mean to you?  ");
  EXPECT_EQ(room.refusal(room.speaker(), question), v1::ERROR_CODE_OUT_OF_TURN);
  const Events events = room.act(room.listener(), question);
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kQuestionAsked}));
  EXPECT_EQ(describe_event(room.state, events.front()), "Ben asked an open question");
  ASSERT_EQ(room.state.round.writings.size(), 1U);
  EXPECT_EQ(room.state.round.writings[0].text, "What would that house mean to you?");
  EXPECT_EQ(room.state.round.writings[0].by, room.listener());
  EXPECT_EQ(room.step(), v1::STEP_KIND_TELL);  // the speaker answers it
}

TEST(EngineRound, IsThereMoreMovesOnAfterTheLoopBound) {
  v1::Exercise exercise = shipped_exercise("mirroring");
  exercise.set_max_reflect_loops(1);
  Room room = Room::playing(42, &exercise);
  room.advance_to(v1::STEP_KIND_MORE);
  room.act(room.speaker(), tell_more("one"));
  room.act(room.listener(), reflect("One."));
  const Events events = room.act(room.speaker(), tell_more("two"));
  EXPECT_FALSE(events[0].more_told().loops_back());
  EXPECT_EQ(room.state.round.more.size(), 2U);
  EXPECT_EQ(room.step(), v1::STEP_KIND_VALIDATE);
}

TEST(EngineRound, ZeroLoopBoundNeverLoopsBack) {
  v1::Exercise exercise = shipped().exercise;
  exercise.set_max_reflect_loops(0);
  Room room = Room::playing(42, &exercise);
  room.advance_to(v1::STEP_KIND_CONFIRM);
  const Events events = room.act(kA, confirm(false, "more"));
  ASSERT_EQ(events.size(), 1U);
  EXPECT_FALSE(events[0].confirmed().loops_back());
  EXPECT_EQ(room.step(), v1::STEP_KIND_VALIDATE);
}

// ----------------------------------------------------------- rejections

TEST(EngineRejects, StepOutOfTurnIsOutOfTurn) {
  Room room = Room::playing();
  EXPECT_EQ(room.refusal(kA, share("Too early to share.")), v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_EQ(room.refusal(kA, check_in({"sad"}, 3)), v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_EQ(room.refusal(kA, confirm(true)), v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_EQ(room.refusal(kA, rate({4, 4, 4, 4, 4, 4}, 4)), v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_EQ(room.refusal(kA, continue_after_reveal()), v1::ERROR_CODE_OUT_OF_TURN);
  room.advance_to(v1::STEP_KIND_SHARE);
  EXPECT_EQ(room.refusal(kA, draw()), v1::ERROR_CODE_OUT_OF_TURN);  // no second card
  EXPECT_EQ(room.state.played_cards.size(), 1U);
  EXPECT_EQ(room.step(), v1::STEP_KIND_SHARE);
}

TEST(EngineRejects, ListenerCannotTakeSpeakerSteps) {
  Room room = Room::playing();
  EXPECT_EQ(room.refusal(kB, draw()), v1::ERROR_CODE_OUT_OF_TURN);
  room.advance_to(v1::STEP_KIND_CHECK_IN);
  EXPECT_EQ(room.refusal(kB, check_in({"calm"}, 2)), v1::ERROR_CODE_OUT_OF_TURN);
  room.advance_to(v1::STEP_KIND_SHARE);
  EXPECT_EQ(room.refusal(kB, share("My side of it.")), v1::ERROR_CODE_OUT_OF_TURN);
  room.advance_to(v1::STEP_KIND_CONFIRM);
  EXPECT_EQ(room.refusal(kB, confirm(true)), v1::ERROR_CODE_OUT_OF_TURN);
}

TEST(EngineRejects, ListenerCannotReflectBeforeSpeakerShares) {
  Room room = Room::playing();
  EXPECT_EQ(room.refusal(kB, reflect("You feel...")), v1::ERROR_CODE_OUT_OF_TURN);
  room.advance_to(v1::STEP_KIND_SHARE);
  EXPECT_EQ(room.refusal(kB, reflect("You feel...")), v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_TRUE(room.state.round.reflections.empty());
}

TEST(EngineRejects, SpeakerCannotTakeListenerSteps) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_REFLECT);
  EXPECT_EQ(room.refusal(kA, reflect("Reflecting myself.")), v1::ERROR_CODE_OUT_OF_TURN);
  room.advance_to(v1::STEP_KIND_VALIDATE);
  EXPECT_EQ(room.refusal(kA, validate("Validating myself.")), v1::ERROR_CODE_OUT_OF_TURN);
}

TEST(EngineRejects, HostCannotPlayRoundStepsNotAllowedForSeat) {
  Room room = Room::playing();
  room.join(kHost, "Dr. Hale");
  EXPECT_EQ(room.state.round.number, 1U);  // a host joining starts nothing
  EXPECT_EQ(room.refusal(kHost, draw()), v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT);
  room.advance_to(v1::STEP_KIND_REFLECT);
  EXPECT_EQ(room.refusal(kHost, reflect("Host reflection.")), v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT);
  room.advance_to(v1::STEP_KIND_RATE);
  EXPECT_EQ(room.refusal(kHost, rate({4, 4, 4, 4, 4, 4}, 4)), v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT);
  room.advance_to(v1::STEP_KIND_REVEAL);
  EXPECT_EQ(room.refusal(kHost, continue_after_reveal()), v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT);
}

TEST(EngineRejects, CommandBeforePartnerJoinedIsRejected) {
  Room room;
  room.open();
  EXPECT_EQ(room.refusal(kA, draw()), v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_EQ(room.refusal(kA, call_break()), v1::ERROR_CODE_OUT_OF_TURN);
  // B has no seat yet.
  EXPECT_EQ(room.refusal(kB, draw()), v1::ERROR_CODE_NOT_IN_ROOM);
  EXPECT_EQ(room.state.stage, Stage::kWaitingForPartner);
}

TEST(EngineRejects, CommandsBeforeRoomExistsAreNotInRoom) {
  Room room;
  EXPECT_EQ(room.refusal(kA, draw()), v1::ERROR_CODE_NOT_IN_ROOM);
  EXPECT_EQ(room.refuse(TakeSeat{kB, "Ben"}).code, v1::ERROR_CODE_NOT_IN_ROOM);
}

TEST(EngineRejects, EmptyTextIsInvalidArgument) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_SHARE);
  EXPECT_EQ(room.refusal(kA, share("")), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(room.refusal(kA, share(" \t\n ")), v1::ERROR_CODE_INVALID_ARGUMENT);
  room.advance_to(v1::STEP_KIND_REFLECT);
  EXPECT_EQ(room.refusal(kB, reflect("   ", "A question?")), v1::ERROR_CODE_INVALID_ARGUMENT);
  room.advance_to(v1::STEP_KIND_VALIDATE);
  EXPECT_EQ(room.refusal(kB, validate("", "I imagine...")), v1::ERROR_CODE_INVALID_ARGUMENT);
  // Names and feeling words too.
  Room fresh;
  fresh.open();
  EXPECT_EQ(fresh.refuse(TakeSeat{kB, "  "}).code, v1::ERROR_CODE_INVALID_ARGUMENT);
  Room other = Room::playing();
  other.advance_to(v1::STEP_KIND_CHECK_IN);
  EXPECT_EQ(other.refusal(kA, check_in({"sad", " "}, 3)), v1::ERROR_CODE_INVALID_ARGUMENT);
}

TEST(EngineRejects, TooLongTextIsInvalidArgument) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_SHARE);
  EXPECT_EQ(room.refusal(kA, share(std::string(kMaxTextChars + 1, 'a'))), v1::ERROR_CODE_INVALID_ARGUMENT);
  // The limit counts characters, not bytes: kMaxTextChars two-byte letters fit.
  std::string accents;
  for (std::size_t i = 0; i < kMaxTextChars; ++i) accents += "\xC3\xA9";  // é
  Room copy = room;
  copy.act(kA, share(accents));
  EXPECT_EQ(copy.state.round.shared_text.size(), 2 * kMaxTextChars);
  // Exactly at the limit is fine.
  room.act(kA, share(std::string(kMaxTextChars, 'a')));
  EXPECT_EQ(room.step(), v1::STEP_KIND_REFLECT);
  EXPECT_EQ(room.refusal(kB, reflect("Fine.", std::string(kMaxShortTextChars + 1, 'q'))),
            v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(room.refuse(TakeSeat{kHost, std::string(kMaxNameChars + 1, 'n')}).code, v1::ERROR_CODE_INVALID_ARGUMENT);
}

TEST(EngineRejects, InvalidUtf8IsInvalidArgument) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_SHARE);
  EXPECT_EQ(room.refusal(kA, share("I feel \xC3")), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(room.refusal(kA, share("\xED\xA0\x80 surrogate")), v1::ERROR_CODE_INVALID_ARGUMENT);
  room.advance_to(v1::STEP_KIND_REFLECT);
  EXPECT_EQ(room.refusal(kB, reflect("Fine text.", "bad \xFF question")), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(room.refuse(TakeSeat{kHost, "Dr \xC0\xAF"}).code, v1::ERROR_CODE_INVALID_ARGUMENT);
}

TEST(EngineRejects, CheckInNeedsOneToEightFeelings) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_CHECK_IN);
  EXPECT_EQ(room.refusal(kA, check_in({}, 5)), v1::ERROR_CODE_INVALID_ARGUMENT);
  const std::vector<std::string> nine{"a", "b", "c", "d", "e", "f", "g", "h", "i"};
  ASSERT_EQ(nine.size(), kMaxFeelings + 1);
  EXPECT_EQ(room.refusal(kA, check_in(nine, 5)), v1::ERROR_CODE_INVALID_ARGUMENT);
  const std::vector<std::string> eight(nine.begin(), nine.end() - 1);
  room.act(kA, check_in(eight, 5));
  EXPECT_EQ(room.state.round.feelings.size(), kMaxFeelings);
}

TEST(EngineRejects, IntensityAboveTenIsInvalidArgument) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_CHECK_IN);
  EXPECT_EQ(room.refusal(kA, check_in({"angry"}, kMaxIntensity + 1)), v1::ERROR_CODE_INVALID_ARGUMENT);
  room.act(kA, check_in({"angry"}, kMaxIntensity));
  EXPECT_EQ(room.state.round.intensity_before, kMaxIntensity);
  room.advance_to(v1::STEP_KIND_RATE);
  EXPECT_EQ(room.refusal(kA, rate({4, 4, 4, 4, 4, 4}, 11)), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(room.refusal(kB, rate({4, 4, 4, 4, 4, 4}, 11)), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_FALSE(room.state.round.speaker_rated);
  EXPECT_FALSE(room.state.round.listener_rated);
}

TEST(EngineRejects, PartScoresOutsideOneToSevenAreInvalidArgument) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_RATE);
  for (std::size_t part = 0; part < 6; ++part) {
    for (const std::uint32_t bad : {0U, 8U}) {
      Parts values{4, 4, 4, 4, 4, 4};
      values[part] = bad;
      EXPECT_EQ(room.refusal(kA, rate(values, 4)), v1::ERROR_CODE_INVALID_ARGUMENT) << "part " << part << " = " << bad;
    }
  }
  EXPECT_FALSE(room.state.round.speaker_rated);
  room.act(kA, rate({1, 7, 1, 7, 1, 7}, 0));  // the bounds themselves are fine
  EXPECT_TRUE(room.state.round.speaker_rated);
}

TEST(EngineRejects, RatingTwiceIsOutOfTurn) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_RATE);
  room.act(kA, rate({5, 5, 5, 5, 5, 5}, 5));
  EXPECT_EQ(room.refusal(kA, rate({1, 1, 1, 1, 1, 1}, 1)), v1::ERROR_CODE_OUT_OF_TURN);
  ASSERT_TRUE(room.state.round.speaker_rating.has_value());
  EXPECT_EQ(room.state.round.speaker_rating->intensity(), 5U);
}

TEST(EngineRejects, ContinueTwiceIsOutOfTurn) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_REVEAL);
  room.act(kB, continue_after_reveal());
  EXPECT_EQ(room.refusal(kB, continue_after_reveal()), v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_EQ(room.state.round.number, 1U);
}

TEST(EngineRejects, CommandIdZeroIsInvalidArgument) {
  Room room = Room::playing();
  const Rejection rejected = room.refuse(SeatCommand{kA, with_id(draw(), 0)});
  EXPECT_EQ(rejected.code, v1::ERROR_CODE_INVALID_ARGUMENT);
}

TEST(EngineRejects, EmptyCommandKindIsInvalidArgument) {
  Room room = Room::playing();
  v1::Command empty;
  empty.set_command_id(room.next_id++);
  EXPECT_EQ(room.refuse(SeatCommand{kA, empty}).code, v1::ERROR_CODE_INVALID_ARGUMENT);
}

TEST(EngineRejects, UnknownCommandKindIsInvalidArgument) {
  // A command from a newer peer: id 9, then field 99 (a kind this build does not know).
  v1::Command unknown;
  ASSERT_TRUE(unknown.ParseFromString(std::string("\x08\x09\x9a\x06\x00", 5)));
  ASSERT_EQ(unknown.command_id(), 9U);
  ASSERT_EQ(unknown.kind_case(), v1::Command::KIND_NOT_SET);
  Room room = Room::playing();
  EXPECT_EQ(room.refuse(SeatCommand{kA, unknown}).code, v1::ERROR_CODE_INVALID_ARGUMENT);
}

TEST(EngineRejects, CommandsAfterSessionEndedAreRoomEnded) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_SHARE);
  const Events events = room.act(kB, end_session());
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kSessionEnded}));
  EXPECT_EQ(events[0].session_ended().by(), kB);
  EXPECT_EQ(room.state.stage, Stage::kEnded);
  EXPECT_EQ(room.state.ended_by, kB);
  EXPECT_EQ(current_step(room.state), nullptr);
  EXPECT_FALSE(awaits(room.state, kA));
  EXPECT_EQ(room.refusal(kA, share("Still want to share.")), v1::ERROR_CODE_ROOM_ENDED);
  EXPECT_EQ(room.refusal(kA, call_break()), v1::ERROR_CODE_ROOM_ENDED);
  EXPECT_EQ(room.refusal(kB, end_session()), v1::ERROR_CODE_ROOM_ENDED);
  EXPECT_EQ(room.refuse(TakeSeat{kHost, "Dr. Hale"}).code, v1::ERROR_CODE_ROOM_ENDED);
  // Closing an ended room changes nothing.
  const Decision close = room.try_input(CloseRoom{});
  ASSERT_TRUE(std::holds_alternative<Events>(close));
  EXPECT_TRUE(std::get<Events>(close).empty());
}

TEST(EngineRejects, ThirdTakeSeatOnTakenSeatIsRoomFull) {
  Room room = Room::playing();
  EXPECT_EQ(room.refuse(TakeSeat{kB, "Bob"}).code, v1::ERROR_CODE_ROOM_FULL);
  EXPECT_EQ(room.refuse(TakeSeat{kA, "Alex"}).code, v1::ERROR_CODE_ROOM_FULL);
  EXPECT_EQ(room.state.seats[kB].name, "Ben");
  room.join(kHost, "Dr. Hale");
  EXPECT_EQ(room.refuse(TakeSeat{kHost, "Dr. Other"}).code, v1::ERROR_CODE_ROOM_FULL);
  EXPECT_EQ(room.refuse(TakeSeat{v1::SEAT_UNSPECIFIED, "Nobody"}).code, v1::ERROR_CODE_INVALID_ARGUMENT);
}

TEST(EngineRejects, CommandsDuringBreakAreOnBreak) {
  Room room = Room::playing();
  room.act(kA, call_break());
  EXPECT_EQ(room.refusal(kA, draw()), v1::ERROR_CODE_ON_BREAK);
  EXPECT_EQ(room.refusal(kB, draw()), v1::ERROR_CODE_ON_BREAK);
  EXPECT_EQ(room.refusal(kB, call_break()), v1::ERROR_CODE_ON_BREAK);
  EXPECT_FALSE(awaits(room.state, kA));
  // Ending the session is still possible during a break.
  room.act(kA, end_session());
  EXPECT_EQ(room.state.stage, Stage::kEnded);
  EXPECT_FALSE(room.state.pause.active);
}

TEST(EngineRejects, ReadyToResumeWithoutBreakIsOutOfTurn) {
  Room room = Room::playing();
  EXPECT_EQ(room.refusal(kA, ready()), v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_EQ(room.refusal(kB, ready()), v1::ERROR_CODE_OUT_OF_TURN);
}

TEST(EngineRejects, ReadyTwiceIsOutOfTurn) {
  Room room = Room::playing();
  room.act(kB, call_break());
  room.act(kA, ready());
  EXPECT_TRUE(room.state.pause.a_ready);
  EXPECT_EQ(room.refusal(kA, ready()), v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_TRUE(room.state.pause.active);
}

TEST(EngineCommandIds, DuplicateCommandIdIsAppliedOnce) {
  Room room = Room::playing();
  const v1::Command first = with_id(draw(), 5);
  const Events events = room.act(kA, first);
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].command_id(), 5U);
  EXPECT_EQ(events[0].actor(), kA);
  EXPECT_EQ(room.state.seats[kA].last_command_id, 5U);
  const auto seq = room.state.last_seq;
  // The re-send is accepted with no events, even though it would now be out of turn.
  const Decision again = room.try_input(SeatCommand{kA, first});
  ASSERT_TRUE(std::holds_alternative<Events>(again));
  EXPECT_TRUE(std::get<Events>(again).empty());
  // So is an older id.
  const Decision older = room.try_input(SeatCommand{kA, with_id(check_in({"sad"}, 2), 4)});
  ASSERT_TRUE(std::holds_alternative<Events>(older));
  EXPECT_TRUE(std::get<Events>(older).empty());
  EXPECT_EQ(room.state.last_seq, seq);
  EXPECT_EQ(room.state.played_cards.size(), 1U);
  // Ids are per seat: B may use 5 for its own first command.
  room.act(kB, with_id(call_break(), 5));
  EXPECT_TRUE(room.state.pause.active);
  EXPECT_EQ(room.state.seats[kB].last_command_id, 5U);
}

TEST(EngineCommandIds, RejectedCommandIdCanBeReused) {
  Room room = Room::playing();
  EXPECT_EQ(room.refusal(kA, with_id(share("too early"), 3)), v1::ERROR_CODE_OUT_OF_TURN);
  const Events events = room.act(kA, with_id(draw(), 3));
  EXPECT_EQ(events.size(), 1U);
}

// ---------------------------------------------------------------- breaks

TEST(EngineBreak, EitherPartnerCanCallBreakInAnyPhase) {
  Room room = Room::playing();
  const std::int64_t break_ms = static_cast<std::int64_t>(room.state.exercise.break_seconds()) * 1000;
  ASSERT_EQ(break_ms, 1'200'000);
  std::set<v1::StepKind> seen;
  bool a_calls = true;
  for (int guard = 0; guard < 40 && room.state.round.number == 1; ++guard) {
    const v1::StepKind kind = room.step();
    const std::size_t step = room.state.round.step;
    const Seat caller = a_calls ? kA : kB;
    a_calls = !a_calls;
    seen.insert(kind);
    const std::int64_t called_at = room.now_ms;
    const Events called = room.act(caller, call_break());
    ASSERT_EQ(kinds(called), (std::vector<K>{K::kBreakCalled})) << v1::StepKind_Name(kind);
    EXPECT_EQ(called[0].break_called().by(), caller);
    EXPECT_EQ(called[0].break_called().return_at_ms(), called_at + break_ms);
    EXPECT_TRUE(room.state.pause.active);
    EXPECT_EQ(room.state.pause.called_by, caller);
    EXPECT_EQ(room.state.pause.called_at_ms, called_at);
    EXPECT_EQ(room.state.pause.return_at_ms, called_at + break_ms);
    room.act(kA, ready());
    room.act(kB, ready());
    EXPECT_FALSE(room.state.pause.active);
    EXPECT_EQ(room.state.round.step, step);
    room.step_once();
  }
  EXPECT_EQ(seen.size(), 8U);  // all eight kinds of step
}

TEST(EngineBreak, BreakResumesAtSameStepWhenBothReady) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_SHARE);
  const std::size_t step = room.state.round.step;
  room.act(kB, call_break());
  EXPECT_FALSE(awaits(room.state, kA));
  Events events = room.act(kB, ready());
  EXPECT_EQ(kinds(events), (std::vector<K>{K::kReadyToResume}));
  EXPECT_TRUE(room.state.pause.active);
  EXPECT_TRUE(room.state.pause.b_ready);
  EXPECT_FALSE(room.state.pause.a_ready);
  EXPECT_EQ(room.refusal(kA, share("Not yet.")), v1::ERROR_CODE_ON_BREAK);
  events = room.act(kA, ready());
  EXPECT_EQ(kinds(events), (std::vector<K>{K::kReadyToResume, K::kBreakEnded}));
  EXPECT_FALSE(room.state.pause.active);
  EXPECT_FALSE(room.state.pause.a_ready);
  EXPECT_FALSE(room.state.pause.b_ready);
  EXPECT_EQ(room.state.round.step, step);
  EXPECT_EQ(room.step(), v1::STEP_KIND_SHARE);
  EXPECT_TRUE(awaits(room.state, kA));
  room.act(kA, share("Back to it: I feel calmer now."));
  EXPECT_EQ(room.step(), v1::STEP_KIND_REFLECT);
}

TEST(EngineBreak, HostReadyToResumeEndsBreak) {
  Room room = Room::playing();
  room.join(kHost, "Dr. Hale");
  room.advance_to(v1::STEP_KIND_REFLECT);
  room.act(kA, call_break());
  const Events events = room.act(kHost, ready());
  EXPECT_EQ(kinds(events), (std::vector<K>{K::kBreakEnded}));
  EXPECT_FALSE(room.state.pause.active);
  EXPECT_EQ(room.step(), v1::STEP_KIND_REFLECT);
  // The host may call one too.
  room.act(kHost, call_break());
  EXPECT_TRUE(room.state.pause.active);
  EXPECT_EQ(room.state.pause.called_by, kHost);
}

TEST(EngineBreak, ReturnTimeFollowsExerciseBreakSeconds) {
  v1::Exercise exercise = shipped().exercise;
  exercise.set_break_seconds(90);
  Room room = Room::playing(42, &exercise);
  const std::int64_t now = room.now_ms;
  const Events events = room.act(kB, call_break());
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].break_called().return_at_ms(), now + 90'000);
}

// --------------------------------------------------------- card scheduler

std::vector<std::string> drawn_cards(Room& room, int rounds) {
  std::vector<std::string> ids;
  for (int i = 0; i < rounds; ++i) {
    room.advance_to(v1::STEP_KIND_CHECK_IN);
    if (!room.state.round.card.has_value()) break;
    ids.push_back(room.state.round.card->id());
    room.play_round();
  }
  return ids;
}

TEST(EngineCards, NoCardRepeatsUntilDeckIsExhausted) {
  Room room = Room::playing(2024);
  const int deck_size = room.state.deck.cards_size();
  ASSERT_GE(deck_size, 30);
  const std::vector<std::string> ids = drawn_cards(room, deck_size);
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(deck_size));
  const std::set<std::string> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), ids.size());
  EXPECT_EQ(room.state.played_cards, ids);
  // Once every card was played, the next avoids the most recent half.
  room.advance_to(v1::STEP_KIND_CHECK_IN);
  ASSERT_TRUE(room.state.round.card.has_value());
  const std::string next = room.state.round.card->id();
  const auto recent_from = ids.end() - deck_size / 2;
  EXPECT_EQ(std::find(recent_from, ids.end(), next), ids.end()) << next << " was played recently";
}

TEST(EngineCards, SameSeedDrawsSameCards) {
  Room first = Room::playing(99);
  Room second = Room::playing(99);
  Room other = Room::playing(100);
  const std::vector<std::string> a = drawn_cards(first, 8);
  const std::vector<std::string> b = drawn_cards(second, 8);
  const std::vector<std::string> c = drawn_cards(other, 8);
  ASSERT_EQ(a.size(), 8U);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);  // the seed does steer the draw
}

TEST(EngineCards, OwnTopicMakesCardWithEmptyId) {
  Room room = Room::playing();
  const Events events = room.act(kA, draw("  How we spend Sundays  "));
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kCardDrawn}));
  EXPECT_TRUE(events[0].card_drawn().card().id().empty());
  EXPECT_EQ(events[0].card_drawn().card().prompt(), "How we spend Sundays");
  ASSERT_TRUE(room.state.round.card.has_value());
  EXPECT_TRUE(room.state.round.card->id().empty());
  EXPECT_EQ(room.state.round.card->prompt(), "How we spend Sundays");
  EXPECT_TRUE(room.state.played_cards.empty());  // the scheduler remembers deck cards only
  EXPECT_EQ(room.step(), v1::STEP_KIND_CHECK_IN);
}

TEST(EngineCards, EmptyDeckNeedsOwnTopic) {
  Room room;
  OpenRoom input;  // no deck
  input.room_id = "r";
  input.exercise = shipped().exercise;
  input.creator_name = "Ana";
  room.apply(input);
  room.join(kB, "Ben");
  EXPECT_EQ(room.refusal(kA, draw()), v1::ERROR_CODE_INVALID_ARGUMENT);
  room.act(kA, draw("Our plans"));
  EXPECT_EQ(room.step(), v1::STEP_KIND_CHECK_IN);
}

// A room playing `deck` with the shipped exercise `exercise_id`.
Room playing_deck(const v1::Deck& deck, std::uint64_t seed, const std::string& exercise_id = "attune") {
  Room room;
  OpenRoom input;
  input.room_id = "r";
  for (const auto& exercise : shipped().exercises) {
    if (exercise.id() == exercise_id) input.exercise = exercise;
  }
  input.deck = deck;
  input.seed = seed;
  input.creator_name = "Ana";
  room.apply(input);
  room.join(kB, "Ben");
  return room;
}

// 6 light, 4 medium and 2 deep cards, all suiting the ATTUNE round.
v1::Deck layered_deck() {
  v1::Deck deck;
  deck.set_id("layered");
  const std::vector<std::pair<v1::Depth, int>> layers{{v1::DEPTH_LIGHT, 6}, {v1::DEPTH_MEDIUM, 4}, {v1::DEPTH_DEEP, 2}};
  for (const auto& [depth, count] : layers) {
    for (int i = 0; i < count; ++i) {
      auto* card = deck.add_cards();
      card->set_id(std::string(v1::Depth_Name(depth)) + "-" + std::to_string(i));
      card->set_prompt("A prompt");
      card->set_depth(depth);
      card->set_focus(v1::ATTUNE_PART_AWARENESS);
      card->add_suits("attune");
    }
  }
  return deck;
}

v1::Depth depth_of(const v1::Deck& deck, const std::string& id) {
  for (const auto& card : deck.cards()) {
    if (card.id() == id) return card.depth();
  }
  return v1::DEPTH_UNSPECIFIED;
}

TEST(EngineCards, DeeperCardsWaitUntilThreeLighterOnesWerePlayed) {
  const v1::Deck deck = layered_deck();
  bool medium_came_while_light_remained = false;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Room room = playing_deck(deck, seed);
    const std::vector<std::string> ids = drawn_cards(room, deck.cards_size());
    ASSERT_EQ(ids.size(), static_cast<std::size_t>(deck.cards_size()));
    int light = 0;
    int medium = 0;
    for (const auto& id : ids) {
      const v1::Depth depth = depth_of(deck, id);
      if (depth == v1::DEPTH_MEDIUM) {
        EXPECT_GE(light, 3) << "seed " << seed << ": " << id << " came after only " << light << " light cards";
        if (light < 6) medium_came_while_light_remained = true;
      }
      if (depth == v1::DEPTH_DEEP) {
        EXPECT_GE(medium, 3) << "seed " << seed << ": " << id << " came after only " << medium << " medium cards";
      }
      light += depth == v1::DEPTH_LIGHT ? 1 : 0;
      medium += depth == v1::DEPTH_MEDIUM ? 1 : 0;
    }
  }
  // Deeper levels are offered alongside the light ones, not only after them.
  EXPECT_TRUE(medium_came_while_light_remained);
}

TEST(EngineCards, ShippedStarterDeckOpensWithLightCards) {
  Room room = Room::playing(7);
  const std::vector<std::string> ids = drawn_cards(room, 3);
  ASSERT_EQ(ids.size(), 3U);
  for (const auto& id : ids) EXPECT_EQ(depth_of(room.state.deck, id), v1::DEPTH_LIGHT) << id;
}

TEST(EngineCards, DeckWithoutLightCardsStillDraws) {
  v1::Deck deck = layered_deck();
  for (auto& card : *deck.mutable_cards()) {
    if (card.depth() == v1::DEPTH_LIGHT) card.set_depth(v1::DEPTH_DEEP);
  }
  Room room = playing_deck(deck, 5);
  EXPECT_EQ(drawn_cards(room, deck.cards_size()).size(), static_cast<std::size_t>(deck.cards_size()));
}

TEST(EngineCards, CardsSuitingTheExerciseComeFirst) {
  v1::Deck deck = layered_deck();
  for (int i = 0; i < deck.cards_size(); i += 2) {
    deck.mutable_cards(i)->clear_suits();
    deck.mutable_cards(i)->add_suits("stress-reducing");
  }
  Room room = playing_deck(deck, 11, "stress-reducing");
  const std::vector<std::string> ids = drawn_cards(room, deck.cards_size());
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(deck.cards_size()));
  const auto suits_stress = [&](const std::string& id) {
    for (const auto& card : deck.cards()) {
      if (card.id() == id) return card.suits(0) == "stress-reducing";
    }
    return false;
  };
  // The six that suit the stress-reducing conversation are drawn before the rest.
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(suits_stress(ids[i]), i < 6) << i << ": " << ids[i];
}

// ------------------------------------------------------------ projection

TEST(EngineProjection, PartnerDoesNotSeeOtherRatingBeforeReveal) {
  Room room = Room::playing();
  room.join(kHost, "Dr. Hale");
  room.advance_to(v1::STEP_KIND_RATE);
  room.act(kA, rate({6, 5, 6, 5, 6, 5}, 3));

  const RoomState for_a = view_of(room.log, kA);
  const RoomState for_b = view_of(room.log, kB);
  const RoomState for_host = view_of(room.log, kHost);
  EXPECT_TRUE(for_a.round.speaker_rating.has_value());
  EXPECT_FALSE(for_b.round.speaker_rating.has_value());
  EXPECT_TRUE(for_b.round.speaker_rated);  // B knows it went in
  EXPECT_TRUE(for_host.round.speaker_rating.has_value());

  room.act(kB, rate({4, 4, 4, 4, 4, 4}, 6));
  // After the reveal both partners see both ratings.
  for (const Seat viewer : {kA, kB, kHost}) {
    const RoomState view = view_of(room.log, viewer);
    EXPECT_TRUE(view.round.speaker_rating.has_value()) << seat_name(viewer);
    EXPECT_TRUE(view.round.listener_prediction.has_value()) << seat_name(viewer);
    EXPECT_TRUE(view.round.reveal.has_value()) << seat_name(viewer);
  }
}

TEST(EngineProjection, ListenerPredictionHiddenFromSpeakerBeforeReveal) {
  Room room = Room::playing();
  room.join(kHost, "Dr. Hale");
  room.advance_to(v1::STEP_KIND_RATE);
  room.act(kB, rate({3, 3, 3, 3, 3, 3}, 7));
  const RoomState for_a = view_of(room.log, kA);
  const RoomState for_b = view_of(room.log, kB);
  EXPECT_FALSE(for_a.round.listener_prediction.has_value());
  EXPECT_TRUE(for_a.round.listener_rated);
  EXPECT_TRUE(for_b.round.listener_prediction.has_value());
  EXPECT_TRUE(view_of(room.log, kHost).round.listener_prediction.has_value());
  // The live state itself keeps everything.
  EXPECT_TRUE(room.state.round.listener_prediction.has_value());
}

TEST(EngineProjection, ProjectEventClearsRatingForOtherPartnerOnly) {
  Room room = Room::playing();
  room.advance_to(v1::STEP_KIND_RATE);
  const Events events = room.act(kA, rate({5, 5, 5, 5, 5, 5}, 2, "kind"));
  ASSERT_EQ(events.size(), 1U);
  const v1::Event& submitted = events[0];

  const auto to_b = project_event(submitted, kB, room.state.settings);
  ASSERT_TRUE(to_b.has_rating_submitted());
  EXPECT_EQ(to_b.rating_submitted().by(), kA);
  EXPECT_FALSE(to_b.rating_submitted().has_rating());
  EXPECT_EQ(to_b.seq(), submitted.seq());

  const auto to_a = project_event(submitted, kA, room.state.settings);
  ASSERT_TRUE(to_a.rating_submitted().has_rating());
  EXPECT_EQ(to_a.rating_submitted().rating().comment(), "kind");

  const auto to_host = project_event(submitted, kHost, room.state.settings);
  EXPECT_TRUE(to_host.rating_submitted().has_rating());

  // Other events go to everyone unchanged.
  const auto found = std::find_if(room.log.begin(), room.log.end(), [](const v1::Event& e) { return e.has_shared(); });
  ASSERT_NE(found, room.log.end());
  const v1::Event& shared = *found;
  const auto shared_to_b = project_event(shared, kB, room.state.settings);
  EXPECT_EQ(shared_to_b.SerializeAsString(), shared.SerializeAsString());
}

// ---------------------------------------------------------------- replay

// A session with a bit of everything: loops, a break, own topics, ratings.
Room eventful_session() {
  Room room = Room::playing(7);
  room.join(kHost, "Dr. Hale");
  room.act(kA, draw());
  room.act(kA, check_in({"hurt", "tired"}, 7));
  room.act(kA, share("I felt hurt when the plans changed, and I need a heads-up."));
  room.act(kB, call_break());
  room.act(kA, ready());
  room.act(kB, ready());
  room.act(kB, reflect("You felt hurt by the change.", "What would a heads-up look like?"));
  room.act(kA, confirm(false, "And unimportant."));
  room.act(kB, reflect("You felt hurt and unimportant."));
  room.act(kA, confirm(true));
  room.act(kB, validate("It makes sense, you had planned for it.", "I imagine you felt let down."));
  room.act(kB, rate({5, 6, 5, 6, 5, 6}, 4));
  room.act(kA, rate({6, 6, 5, 5, 4, 6}, 3, "Thank you for listening."));
  room.act(kB, continue_after_reveal());
  room.act(kA, continue_after_reveal());
  room.act(kHost, host_start_round());  // with a host present, the host paces rounds
  room.act(kB, draw("Money this month"));
  room.act(kB, check_in({"worried"}, 5));
  room.act(kHost, call_break());
  room.act(kHost, ready());
  room.act(kB, share("I feel worried about money and need a plan."));
  room.act(kA, reflect("You are worried about money."));
  room.act(kB, confirm(true));
  room.act(kA, validate("That makes sense."));
  room.act(kB, rate({4, 4, 4, 4, 4, 4}, 4));
  room.apply(MarkPresence{kB, true});
  return room;
}

TEST(EngineReplay, ReplayReproducesLiveState) {
  const Room room = eventful_session();
  ASSERT_FALSE(::testing::Test::HasFailure());
  const RoomState replayed = replay(room.log);
  const RoomState& live = room.state;
  EXPECT_EQ(replayed.last_seq, live.last_seq);
  EXPECT_EQ(replayed.last_seq, room.log.size());
  EXPECT_EQ(replayed.last_at_ms, live.last_at_ms);
  EXPECT_EQ(replayed.stage, live.stage);
  EXPECT_EQ(replayed.room_id, live.room_id);
  EXPECT_EQ(replayed.seed, live.seed);
  EXPECT_EQ(replayed.played_cards, live.played_cards);
  EXPECT_EQ(replayed.round.number, live.round.number);
  EXPECT_EQ(replayed.round.speaker, live.round.speaker);
  EXPECT_EQ(replayed.round.listener, live.round.listener);
  EXPECT_EQ(replayed.round.step, live.round.step);
  EXPECT_EQ(replayed.round.shared_text, live.round.shared_text);
  EXPECT_EQ(replayed.round.feelings, live.round.feelings);
  EXPECT_EQ(replayed.round.reflections.size(), live.round.reflections.size());
  EXPECT_EQ(replayed.round.speaker_rated, live.round.speaker_rated);
  EXPECT_EQ(replayed.round.speaker_rating.has_value(), live.round.speaker_rating.has_value());
  ASSERT_EQ(replayed.finished_rounds.size(), live.finished_rounds.size());
  ASSERT_EQ(live.finished_rounds.size(), 1U);
  EXPECT_EQ(replayed.finished_rounds[0].SerializeAsString(), live.finished_rounds[0].SerializeAsString());
  EXPECT_EQ(replayed.pause.active, live.pause.active);
  for (std::size_t seat = 0; seat < live.seats.size(); ++seat) {
    EXPECT_EQ(replayed.seats[seat].taken, live.seats[seat].taken) << seat;
    EXPECT_EQ(replayed.seats[seat].away, live.seats[seat].away) << seat;
    EXPECT_EQ(replayed.seats[seat].name, live.seats[seat].name) << seat;
    EXPECT_EQ(replayed.seats[seat].last_command_id, live.seats[seat].last_command_id) << seat;
  }
  EXPECT_TRUE(live.seats[kB].away);
  EXPECT_EQ(live.round.number, 2U);
  EXPECT_EQ(current_step_kind(live), v1::STEP_KIND_RATE);
}

TEST(EngineReplay, FoldIgnoresEventOutOfSequence) {
  Room room = Room::playing();
  const RoomState before = room.state;
  v1::Event skipped;
  skipped.set_seq(before.last_seq + 2);
  skipped.set_at_ms(123);
  skipped.mutable_session_ended()->set_by(kA);
  RoomState after = fold(before, skipped);
  EXPECT_EQ(after.last_seq, before.last_seq);
  EXPECT_EQ(after.stage, Stage::kPlaying);
  EXPECT_EQ(after.last_at_ms, before.last_at_ms);

  v1::Event repeated = skipped;
  repeated.set_seq(before.last_seq);  // already applied
  after = fold(before, repeated);
  EXPECT_EQ(after.last_seq, before.last_seq);
  EXPECT_EQ(after.stage, Stage::kPlaying);

  v1::Event next = skipped;
  next.set_seq(before.last_seq + 1);
  after = fold(before, next);
  EXPECT_EQ(after.last_seq, before.last_seq + 1);
  EXPECT_EQ(after.stage, Stage::kEnded);
}

TEST(EngineReplay, ReplayOfEmptyLogIsEmptyRoom) {
  const RoomState empty = replay({});
  EXPECT_EQ(empty.stage, Stage::kEmpty);
  EXPECT_EQ(empty.last_seq, 0U);
}

// Folding what a seat receives follows the live room step for step, and
// holds the other partner's rating only once the reveal carries it.
void expect_projected_fold_matches(Seat viewer) {
  Room room = eventful_session();
  room.act(kA, rate({4, 5, 4, 5, 4, 5}, 5));  // completes round 2's reveal
  room.act(kA, continue_after_reveal());
  room.act(kB, continue_after_reveal());
  room.act(kHost, host_start_round());
  room.advance_to(v1::STEP_KIND_RATE);
  room.act(kA, rate({3, 3, 3, 3, 3, 3}, 3));  // round 3's speaker (A) rates first
  ASSERT_FALSE(::testing::Test::HasFailure());

  RoomState live;
  RoomState seen;
  for (const auto& event : room.log) {
    seen = fold(std::move(seen), project_event(event, viewer, live.settings));
    live = fold(std::move(live), event);
    const auto& want = live.round;
    const auto& got = seen.round;
    SCOPED_TRACE("viewer " + std::string(seat_name(viewer)) + ", seq " + std::to_string(event.seq()));
    ASSERT_EQ(seen.last_seq, live.last_seq);
    EXPECT_EQ(got.number, want.number);
    EXPECT_EQ(got.step, want.step);
    EXPECT_EQ(got.shared_text, want.shared_text);
    EXPECT_EQ(got.speaker_rated, want.speaker_rated);
    EXPECT_EQ(got.listener_rated, want.listener_rated);
    const bool revealed = want.reveal.has_value();
    ASSERT_EQ(got.speaker_rating.has_value(), want.speaker_rating && (revealed || viewer == want.speaker));
    ASSERT_EQ(got.listener_prediction.has_value(), want.listener_prediction && (revealed || viewer == want.listener));
    if (got.speaker_rating) {
      EXPECT_EQ(got.speaker_rating->SerializeAsString(), want.speaker_rating->SerializeAsString());
    }
    if (got.listener_prediction) {
      EXPECT_EQ(got.listener_prediction->SerializeAsString(), want.listener_prediction->SerializeAsString());
    }
    EXPECT_EQ(got.reveal.has_value(), revealed);
    EXPECT_EQ(seen.finished_rounds.size(), live.finished_rounds.size());
  }
  // The last event left a rating hidden from the other partner.
  EXPECT_TRUE(live.round.speaker_rating.has_value());
  EXPECT_EQ(seen.round.speaker_rating.has_value(), viewer == live.round.speaker);
  // view_of is the same fold.
  EXPECT_EQ(view_of(room.log, viewer).round.speaker_rating.has_value(), viewer == live.round.speaker);
}

TEST(EngineProjection, FoldingWhatAReceivesFollowsTheRoomAndHidesBsRatingUntilTheReveal) {
  expect_projected_fold_matches(kA);
}

TEST(EngineProjection, FoldingWhatBReceivesFollowsTheRoomAndHidesAsRatingUntilTheReveal) {
  expect_projected_fold_matches(kB);
}

// -------------------------------------------------------------- presence

TEST(EngineRoom, PresenceAndCloseRoom) {
  Room room = Room::playing();
  Events events = room.apply(MarkPresence{kB, true});
  EXPECT_EQ(kinds(events), (std::vector<K>{K::kPresenceChanged}));
  EXPECT_TRUE(room.state.seats[kB].away);
  // Marking the same presence again changes nothing.
  const Decision same = room.try_input(MarkPresence{kB, true});
  ASSERT_TRUE(std::holds_alternative<Events>(same));
  EXPECT_TRUE(std::get<Events>(same).empty());
  EXPECT_EQ(room.refuse(MarkPresence{kHost, true}).code, v1::ERROR_CODE_NOT_IN_ROOM);
  events = room.apply(CloseRoom{});
  ASSERT_EQ(kinds(events), (std::vector<K>{K::kSessionEnded}));
  EXPECT_EQ(events[0].session_ended().by(), v1::SEAT_UNSPECIFIED);
  EXPECT_EQ(room.state.stage, Stage::kEnded);
}

// ------------------------------------------------------------ the host seat

v1::Command host(void (*fill)(v1::Command&)) {
  v1::Command command;
  fill(command);
  return command;
}

// A therapist's room: the host creates it, both partners sit, the host starts.
Room hosted() {
  Room room;
  room.open(kHost, "Dr. Hale");
  room.join(kA, "Ana");
  room.join(kB, "Ben");
  room.act(kHost, host_start_round());
  return room;
}

TEST(EngineHost, EveryHostControlIsRefusedToAPartner) {
  Room room = hosted();
  for (const Seat partner : {kA, kB}) {
    EXPECT_EQ(room.refusal(partner, host_settings(3, 600, true, 0)), v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT);
    EXPECT_EQ(room.refusal(partner, host_start_round()), v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT);
    EXPECT_EQ(room.refusal(partner, host([](v1::Command& c) { c.mutable_host_hold()->set_on(true); })),
              v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT);
    EXPECT_EQ(room.refusal(partner, host([](v1::Command& c) { c.mutable_host_skip_step(); })),
              v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT);
    EXPECT_EQ(room.refusal(partner, host_note(1, "peek")), v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT);
    EXPECT_EQ(room.refusal(partner, host([](v1::Command& c) { c.mutable_host_flag()->set_pinned_seq(1); })),
              v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT);
  }
}

TEST(EngineHost, TheHostStartsEachRoundAndOnlyWhenTheLastOneIsSeen) {
  Room room;
  room.open(kHost, "Dr. Hale");
  room.join(kA, "Ana");
  EXPECT_EQ(room.refusal(kHost, host_start_round()), v1::ERROR_CODE_OUT_OF_TURN);  // B is missing
  room.join(kB, "Ben");
  room.act(kHost, host_start_round());
  EXPECT_EQ(room.state.round.number, 1U);
  EXPECT_EQ(room.refusal(kHost, host_start_round()), v1::ERROR_CODE_OUT_OF_TURN);  // round 1 is going
  room.advance_to(v1::STEP_KIND_REVEAL);
  room.act(kA, continue_after_reveal());
  room.act(kB, continue_after_reveal());
  EXPECT_EQ(room.state.round.number, 1U);  // waits for the host
  room.act(kHost, host_start_round());
  EXPECT_EQ(room.state.round.number, 2U);
  EXPECT_EQ(room.speaker(), kB);
}

TEST(EngineHost, TheHostCannotStartARoundDuringABreak) {
  Room room = hosted();
  room.advance_to(v1::STEP_KIND_REVEAL);
  room.act(kA, continue_after_reveal());
  room.act(kB, continue_after_reveal());
  room.act(kA, call_break());
  const Rejection refused = room.refuse(SeatCommand{kHost, with_id(host_start_round(), room.next_id++)});
  EXPECT_EQ(refused.code, v1::ERROR_CODE_ON_BREAK);
  EXPECT_NE(refused.message.find("break"), std::string::npos) << refused.message;
  room.act(kHost, ready());  // the host ends the break; now the round may start
  room.act(kHost, host_start_round());
  EXPECT_EQ(room.state.round.number, 2U);
}

TEST(EngineHost, TheHostCannotSkipAStepDuringABreak) {
  Room room = hosted();
  room.act(kB, call_break());
  EXPECT_EQ(room.refusal(kHost, host([](v1::Command& c) { c.mutable_host_skip_step(); })), v1::ERROR_CODE_ON_BREAK);
  EXPECT_EQ(room.step(), v1::STEP_KIND_PROMPT);
}

TEST(EngineHost, HoldPausesThePartnersStepsAndKeepsBreaksAndEnding) {
  Room room = hosted();
  room.act(kHost, host([](v1::Command& c) { c.mutable_host_hold()->set_on(true); }));
  EXPECT_TRUE(room.state.held);
  EXPECT_EQ(room.refusal(kA, draw()), v1::ERROR_CODE_ON_HOLD);
  EXPECT_EQ(room.refusal(kHost, host([](v1::Command& c) { c.mutable_host_hold()->set_on(true); })),
            v1::ERROR_CODE_OUT_OF_TURN);
  room.act(kB, call_break());  // a break is always allowed
  room.act(kHost, ready());
  room.act(kHost, host([](v1::Command& c) { c.mutable_host_hold()->set_on(false); }));
  room.act(kA, draw());
  EXPECT_EQ(room.step(), v1::STEP_KIND_CHECK_IN);
}

TEST(EngineHost, SkippingMovesPastAWritingStepButNeverPastRatings) {
  Room room = hosted();
  const auto skip = [] { return host([](v1::Command& c) { c.mutable_host_skip_step(); }); };
  room.act(kHost, skip());
  EXPECT_EQ(room.step(), v1::STEP_KIND_CHECK_IN);
  room.advance_to(v1::STEP_KIND_RATE);
  EXPECT_EQ(room.refusal(kHost, skip()), v1::ERROR_CODE_OUT_OF_TURN);
}

TEST(EngineHost, SettingsChangeTheLoopBoundBreakLengthAndNextExercise) {
  Room room = hosted();
  EXPECT_EQ(room.refusal(kHost, host_settings(11, 600, true, 0)), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(room.refusal(kHost, host_settings(2, 30, true, 0)), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(room.refusal(kHost, host_settings(2, 600, true, 4000)), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(room.refusal(kHost, host_settings(2, 600, true, 0, "no-such")), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(room.refusal(kHost, host_settings(2, 600, true, 0, "", "no-such")), v1::ERROR_CODE_INVALID_ARGUMENT);
  room.act(kHost, host_settings(0, 300, true, 90, "speaker-listener", "stress-outside"));
  EXPECT_EQ(room.state.settings.phase_timer_seconds(), 90U);
  // Zero loops: "partly" moves on at once.
  room.advance_to(v1::STEP_KIND_CONFIRM);
  room.act(kA, confirm(false, "There is more."));
  EXPECT_EQ(room.step(), v1::STEP_KIND_VALIDATE);
  // The break is as long as the host set.
  const Events called = room.act(kB, call_break());
  EXPECT_EQ(called[0].break_called().return_at_ms() - called[0].at_ms(), 300'000);
  room.act(kA, ready());
  room.act(kB, ready());
  room.advance_to(v1::STEP_KIND_REVEAL);
  room.act(kA, continue_after_reveal());
  room.act(kB, continue_after_reveal());
  room.act(kHost, host_start_round());
  EXPECT_EQ(room.state.exercise.id(), "speaker-listener");
  EXPECT_EQ(room.state.deck.id(), "stress-outside");
  room.act(kB, draw());
  EXPECT_EQ(room.state.round.card->id().substr(0, 3), "so-");
}

TEST(EngineHost, NotesAndFlagsAreTheHostsAlone) {
  Room room = hosted();
  room.act(kA, draw());
  const std::uint64_t moment = room.state.last_seq;
  EXPECT_EQ(room.refusal(kHost, host_note(0, "x")), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(room.refusal(kHost, host_note(moment + 5, "x")), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(room.refusal(kHost, host_note(moment, "  ")), v1::ERROR_CODE_INVALID_ARGUMENT);
  const Events noted = room.act(kHost, host_note(moment, "Ana chose a hard card; watch for flooding."));
  v1::Command flag;
  flag.mutable_host_flag()->set_pinned_seq(moment);
  flag.mutable_host_flag()->set_label("revisit");
  const Events flagged = room.act(kHost, flag);
  ASSERT_EQ(room.state.notes.size(), 1U);
  EXPECT_EQ(room.state.notes[0].pinned_seq, moment);
  ASSERT_EQ(room.state.flags.size(), 1U);
  EXPECT_EQ(room.state.flags[0].label, "revisit");
  for (const Seat partner : {kA, kB}) {
    EXPECT_TRUE(view_of(room.log, partner).notes.empty());
    EXPECT_TRUE(view_of(room.log, partner).flags.empty());
    for (const auto* events : {&noted, &flagged}) {
      const auto seen = project_event((*events)[0], partner, room.state.settings);
      EXPECT_EQ(seen.seq(), (*events)[0].seq());  // the sequence stays whole
      EXPECT_EQ(seen.kind_case(), v1::Event::KIND_NOT_SET);
      EXPECT_EQ(seen.SerializeAsString().find("flooding"), std::string::npos);
    }
  }
  EXPECT_EQ(view_of(room.log, kHost).notes.size(), 1U);
  EXPECT_TRUE(project_event(noted[0], kHost, room.state.settings).has_note_pinned());
}

TEST(EngineHost, TheHostLocksAndUnlocksTheRoom) {
  Room room = hosted();
  const auto lock = [](bool on) {
    v1::Command command;
    command.mutable_host_lock()->set_on(on);
    return command;
  };
  EXPECT_EQ(room.refusal(kA, lock(true)), v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT);
  EXPECT_EQ(room.refusal(kHost, lock(false)), v1::ERROR_CODE_OUT_OF_TURN);
  room.act(kHost, lock(true));
  EXPECT_TRUE(room.state.locked);
  EXPECT_EQ(room.refusal(kHost, lock(true)), v1::ERROR_CODE_OUT_OF_TURN);
  room.act(kA, draw());  // the couple plays on
  room.act(kHost, lock(false));
  EXPECT_FALSE(room.state.locked);
}

TEST(EngineHost, TheHostCanKeepEachRatingToItsRater) {
  Room room = hosted();
  room.act(kHost, host_settings(3, 1200, false, 0));
  room.advance_to(v1::STEP_KIND_RATE);
  room.act(kA, rate({6, 6, 6, 6, 6, 6}, 3));
  const Events last = room.act(kB, rate({5, 5, 5, 5, 5, 5}, 4));
  const auto& revealed = last.back();
  ASSERT_TRUE(revealed.has_revealed());
  const auto to_a = project_event(revealed, kA, room.state.settings);
  EXPECT_TRUE(to_a.revealed().has_speaker_rating());
  EXPECT_FALSE(to_a.revealed().has_listener_prediction());
  EXPECT_EQ(to_a.revealed().gaps_size(), 0);
  const RoomState as_b = view_of(room.log, kB);
  EXPECT_FALSE(as_b.round.speaker_rating.has_value());
  EXPECT_TRUE(as_b.round.listener_prediction.has_value());
  EXPECT_TRUE(view_of(room.log, kHost).round.speaker_rating.has_value());
}

// Issue 9, finding 6: with ratings kept, the other's intensity, the guess and
// the accuracy (computed from both) are the other's rating too.
TEST(EngineHost, KeptRatingsLeaveNoFieldDerivedFromTheOthersRating) {
  Room room = hosted();
  room.act(kHost, host_settings(3, 1200, false, 0));
  room.advance_to(v1::STEP_KIND_RATE);
  room.act(kA, rate({6, 6, 6, 6, 6, 6}, 3));
  const Events last = room.act(kB, rate({2, 2, 2, 2, 2, 2}, 9));
  const v1::Event& revealed = last.back();
  ASSERT_TRUE(revealed.has_revealed());
  ASSERT_EQ(revealed.revealed().intensity_after(), 3U);
  ASSERT_EQ(revealed.revealed().intensity_guess(), 9U);
  ASSERT_GT(revealed.revealed().empathic_accuracy(), 0U);
  const Seat speaker = revealed.revealed().speaker_rating().by();

  for (const Seat viewer : {kA, kB, v1::SEAT_UNSPECIFIED}) {
    SCOPED_TRACE(std::string(seat_name(viewer)));
    const v1::Revealed seen = project_event(revealed, viewer, room.state.settings).revealed();
    const bool speaks = viewer == speaker;
    const bool listens = viewer == other_partner(speaker);
    EXPECT_EQ(seen.has_speaker_rating(), speaks);
    EXPECT_EQ(seen.intensity_after(), speaks ? 3U : 0U);
    EXPECT_EQ(seen.has_listener_prediction(), listens);
    EXPECT_EQ(seen.intensity_guess(), listens ? 9U : 0U);
    EXPECT_EQ(seen.empathic_accuracy(), 0U);
    EXPECT_EQ(seen.gaps_size(), 0);
    EXPECT_EQ(seen.intensity_before(), revealed.revealed().intensity_before());  // said at the check-in
    // The state a partner folds holds nothing more than the event did.
    const RoomState view = view_of(room.log, viewer);
    ASSERT_EQ(view.finished_rounds.size(), 1U);
    EXPECT_EQ(view.finished_rounds[0].SerializeAsString(), seen.SerializeAsString());
  }
  const v1::Revealed to_host = project_event(revealed, kHost, room.state.settings).revealed();
  EXPECT_EQ(to_host.SerializeAsString(), revealed.revealed().SerializeAsString());
}

// The couple's copy owns no rating, even one whose `by` is missing or odd
// (a damaged or hand-made log): only an exact partner seat owns one.
TEST(EngineHost, TheCouplesCopyKeepsNoRatingWhateverItsRaterSays) {
  v1::HostSettings kept;
  kept.set_partners_see_ratings(false);
  v1::Event submitted;
  submitted.set_seq(1);
  submitted.mutable_rating_submitted()->mutable_rating()->set_intensity(4);
  EXPECT_FALSE(project_event(submitted, v1::SEAT_UNSPECIFIED, kept).rating_submitted().has_rating());
  v1::Event revealed;
  revealed.set_seq(2);
  revealed.mutable_revealed()->mutable_speaker_rating()->set_intensity(4);
  revealed.mutable_revealed()->mutable_listener_prediction()->set_intensity(6);
  revealed.mutable_revealed()->set_intensity_after(4);
  revealed.mutable_revealed()->set_empathic_accuracy(80);
  for (const auto viewer : {v1::SEAT_UNSPECIFIED, static_cast<Seat>(7)}) {
    const v1::Revealed seen = project_event(revealed, viewer, kept).revealed();
    EXPECT_FALSE(seen.has_speaker_rating());
    EXPECT_FALSE(seen.has_listener_prediction());
    EXPECT_EQ(seen.intensity_after(), 0U);
    EXPECT_EQ(seen.empathic_accuracy(), 0U);
  }
}

// A reveal is seen under the settings in force when it happened: turning
// ratings private later does not rewrite what partners already saw, and
// turning them on later does not hand out an earlier hidden one.
TEST(EngineHost, AKeptRatingStaysKeptWhenTheHostLaterShowsRatings) {
  Room room = hosted();
  room.act(kHost, host_settings(3, 1200, false, 0));
  room.advance_to(v1::STEP_KIND_RATE);
  room.act(kA, rate({6, 6, 6, 6, 6, 6}, 3));
  room.act(kB, rate({2, 2, 2, 2, 2, 2}, 9));
  room.act(kHost, host_settings(3, 1200, true, 0));
  const RoomState as_b = view_of(room.log, kB);
  ASSERT_EQ(as_b.finished_rounds.size(), 1U);
  EXPECT_EQ(as_b.finished_rounds[0].has_speaker_rating(), room.state.round.speaker == kB);
  EXPECT_EQ(as_b.finished_rounds[0].empathic_accuracy(), 0U);
}

}  // namespace
}  // namespace attune
