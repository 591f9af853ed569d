// Choosing together what to play, the opening breath and the closing
// (shared/attune/rituals.*): decide, fold, the refusals a person reads, and
// what each viewer is shown.
#include "attune/rituals.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "attune/engine.hpp"
#include "attune/report.hpp"
#include "played_room.hpp"
#include "ritual_commands.hpp"

namespace attune {
namespace {

using namespace fixtures;

// The refusal's sentence; fails the test when the room accepts it.
std::string refused(PlayedRoom& room, Seat seat, const v1::Command& command) {
  const auto refusal = room.refusal_of(seat, command);
  if (!refusal) {
    ADD_FAILURE() << "expected a refusal";
    return {};
  }
  EXPECT_FALSE(refusal->message.empty());
  return refusal->message;
}

// ------------------------------------------------------------- choosing

TEST(ChoosingTogether, AProposalAppliesOnlyOnceThePartnerAgrees) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kA, propose_play("nvc", "everyday"));
  ASSERT_TRUE(room.state.proposal.has_value());
  EXPECT_EQ(room.state.exercise.id(), "attune");  // nothing applies yet
  EXPECT_EQ(room.state.deck.id(), "attune-starter");
  const Events events = room.act(kB, answer_proposal(true, "nvc", "everyday"));
  ASSERT_EQ(events.size(), 1U);
  ASSERT_TRUE(events[0].has_proposal_answered());
  EXPECT_TRUE(events[0].proposal_answered().agreed());
  EXPECT_EQ(events[0].proposal_answered().exercise().id(), "nvc");  // carried whole for replay
  EXPECT_EQ(room.state.exercise.id(), "nvc");
  EXPECT_EQ(room.state.deck.id(), "everyday");
  EXPECT_FALSE(room.state.proposal.has_value());
  EXPECT_EQ(room.state.round.number, 1U);
  EXPECT_EQ(room.state.round.step, 0U);
}

TEST(ChoosingTogether, ReplayingTheLogRebuildsTheAgreedChoice) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kA, propose_play("stress-reducing", "stress-outside"));
  room.act(kB, answer_proposal(true, "stress-reducing", "stress-outside"));
  room.play_round();
  const RoomState replayed = replay(room.log);
  EXPECT_EQ(replayed.exercise.id(), "stress-reducing");
  EXPECT_EQ(replayed.deck.id(), "stress-outside");
  EXPECT_EQ(replayed.last_seq, room.state.last_seq);
}

TEST(ChoosingTogether, DecliningKeepsWhatIsPlayedAndFreesTheRound) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kA, propose_play("nvc", "everyday"));
  room.act(kB, answer_proposal(false, "nvc", "everyday"));
  EXPECT_EQ(room.state.exercise.id(), "attune");
  EXPECT_FALSE(room.state.proposal.has_value());
  room.act(kA, draw());  // the round goes on as it was
  EXPECT_EQ(room.step(), v1::STEP_KIND_CHECK_IN);
}

TEST(ChoosingTogether, TheOtherCanProposeSomethingElseInstead) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kA, propose_play("nvc", "everyday"));
  room.act(kB, propose_play("attune", "closeness"));
  ASSERT_TRUE(room.state.proposal.has_value());
  EXPECT_EQ(room.state.proposal->by, kB);
  // A's agreement must name what is now on the table.
  EXPECT_NE(refused(room, kA, answer_proposal(true, "nvc", "everyday")).find("has changed"), std::string::npos);
  room.act(kA, answer_proposal(true, "attune", "closeness"));
  EXPECT_EQ(room.state.deck.id(), "closeness");
  EXPECT_EQ(room.state.exercise.id(), "attune");
}

TEST(ChoosingTogether, TheProposerCannotAgreeAloneButMayWithdraw) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kA, propose_play("nvc", "everyday"));
  EXPECT_NE(refused(room, kA, answer_proposal(true, "nvc", "everyday")).find("withdraw"), std::string::npos);
  room.act(kA, answer_proposal(false, "nvc", "everyday"));
  EXPECT_FALSE(room.state.proposal.has_value());
  EXPECT_EQ(room.state.exercise.id(), "attune");
}

TEST(ChoosingTogether, APendingProposalHoldsTheRoundUntilAnswered) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kB, propose_play("nvc", "everyday"));
  const std::string message = refused(room, kA, draw());
  EXPECT_NE(message.find("answer it"), std::string::npos) << message;
}

TEST(ChoosingTogether, ProposingWhileARoundRunsIsRefusedWithWhenItCanBeDone) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kA, draw());
  const std::string message = refused(room, kB, propose_play("nvc", "everyday"));
  EXPECT_NE(message.find("after its reveal"), std::string::npos) << message;
}

TEST(ChoosingTogether, BetweenRoundsTheNextRoundCanBeChosen) {
  PlayedRoom room = PlayedRoom::playing();
  room.play_round();  // both went on from the reveal; round 2 waits at its first step
  ASSERT_EQ(room.state.round.number, 2U);
  EXPECT_TRUE(choosing_open(room.state));
  room.act(kB, propose_play("speaker-listener", "trust"));
  room.act(kA, answer_proposal(true, "speaker-listener", "trust"));
  EXPECT_EQ(room.state.exercise.id(), "speaker-listener");
  EXPECT_EQ(room.state.round.number, 2U);
  EXPECT_EQ(room.speaker(), kB);  // roles still swap
}

TEST(ChoosingTogether, UnknownExerciseOrDeckIsRefusedByName) {
  PlayedRoom room = PlayedRoom::playing();
  EXPECT_NE(refused(room, kA, propose_play("juggling", "everyday")).find("\"juggling\""), std::string::npos);
  EXPECT_NE(refused(room, kA, propose_play("nvc", "no-such-deck")).find("\"no-such-deck\""), std::string::npos);
  EXPECT_NE(refused(room, kA, propose_play("", "everyday")).find("both an exercise and a deck"), std::string::npos);
  EXPECT_FALSE(room.state.proposal.has_value());
}

TEST(ChoosingTogether, ProposingWhatIsAlreadyPlayedIsRefused) {
  PlayedRoom room = PlayedRoom::playing();
  EXPECT_NE(refused(room, kA, propose_play("attune", "attune-starter")).find("already playing"), std::string::npos);
}

TEST(ChoosingTogether, AnsweringWithNoProposalIsRefused) {
  PlayedRoom room = PlayedRoom::playing();
  EXPECT_NE(refused(room, kB, answer_proposal(true, "nvc", "everyday")).find("no proposal"), std::string::npos);
}

TEST(ChoosingTogether, WithAHostSeatedTheHostChoosesAndPartnersAreToldSo) {
  PlayedRoom room = PlayedRoom::hosted();
  const std::string message = refused(room, kA, propose_play("nvc", "everyday"));
  EXPECT_NE(message.find("Dr. Hale is hosting"), std::string::npos) << message;
  EXPECT_FALSE(choosing_open(room.state));
  // The host's own choice still applies from the next round on.
  room.act(kHost, host_settings(2, 1200, true, 0, "nvc", "everyday"));
  room.advance_to(v1::STEP_KIND_REVEAL);
  room.step_once();
  room.step_once();
  room.act(kHost, host_start_round());
  EXPECT_EQ(room.state.exercise.id(), "nvc");
}

TEST(ChoosingTogether, TheHostCannotProposeButUsesTheSettings) {
  PlayedRoom room = PlayedRoom::hosted();
  EXPECT_NE(refused(room, kHost, propose_play("nvc", "everyday")).find("settings"), std::string::npos);
}

TEST(ChoosingTogether, ProposingDuringABreakWaitsForTheBreakToEnd) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kB, call_break());
  EXPECT_NE(refused(room, kA, propose_play("nvc", "everyday")).find("break"), std::string::npos);
}

// ------------------------------------------------------- opening breath

TEST(OpeningBreath, EitherPartnerStartsItAndBothFoldTheSameStartTime) {
  PlayedRoom room = PlayedRoom::playing();
  const Events events = room.act(kB, breathe(true));
  ASSERT_EQ(events.size(), 1U);
  const auto& changed = events[0].breathing_changed();
  EXPECT_TRUE(changed.on());
  EXPECT_EQ(changed.inhale_ms(), kBreathInhaleMs);
  EXPECT_EQ(changed.exhale_ms(), kBreathExhaleMs);
  EXPECT_EQ(changed.breaths(), kOpeningBreaths);
  EXPECT_TRUE(room.state.breath.active);
  EXPECT_EQ(room.state.breath.started_at_ms, events[0].at_ms());
  // Each partner's own view of the log has the same breath.
  EXPECT_EQ(view_of(room.log, kA).breath.started_at_ms, view_of(room.log, kB).breath.started_at_ms);
}

TEST(OpeningBreath, ThePhaseComesFromTheEventTimeSoBothLaptopsAgree) {
  BreathState breath{true, 1'000'000, 4000, 6000, 6};
  const BreathMoment start = breath_moment(breath, 1'000'000);
  EXPECT_TRUE(start.inhale);
  EXPECT_EQ(start.breath, 1U);
  EXPECT_DOUBLE_EQ(start.progress, 0.0);
  EXPECT_EQ(start.next_ms, 1'004'000);
  const BreathMoment out = breath_moment(breath, 1'007'000);  // 3 s into the out-breath
  EXPECT_FALSE(out.inhale);
  EXPECT_DOUBLE_EQ(out.progress, 0.5);
  EXPECT_EQ(out.next_ms, 1'010'000);
  const BreathMoment third = breath_moment(breath, 1'021'000);
  EXPECT_EQ(third.breath, 3U);
  EXPECT_TRUE(third.inhale);
  EXPECT_TRUE(breath_moment(breath, 1'060'000).finished);
  EXPECT_FALSE(breath_moment(breath, 1'059'999).finished);
  // A laptop whose clock is behind the host's starts at the first breath, not before it.
  EXPECT_EQ(breath_moment(breath, 999'000).breath, 1U);
  EXPECT_TRUE(breath_moment(breath, 999'000).inhale);
}

TEST(OpeningBreath, EitherPartnerFinishesItForBoth) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kA, breathe(true));
  room.act(kB, breathe(false));
  EXPECT_FALSE(room.state.breath.active);
  EXPECT_FALSE(view_of(room.log, kA).breath.active);
  room.act(kA, draw());
}

TEST(OpeningBreath, RoundStepsWaitWhileBreathing) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kA, breathe(true));
  EXPECT_NE(refused(room, kA, draw()).find("breathing together"), std::string::npos);
}

TEST(OpeningBreath, OnlyBeforeTheFirstRoundBegins) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kA, draw());
  EXPECT_NE(refused(room, kB, breathe(true)).find("take a break"), std::string::npos);
  PlayedRoom later = PlayedRoom::playing();
  later.play_round();
  EXPECT_NE(refused(later, kA, breathe(true)).find("before the first round"), std::string::npos);
}

TEST(OpeningBreath, FinishingWhenNoneRunsIsRefused) {
  PlayedRoom room = PlayedRoom::playing();
  EXPECT_NE(refused(room, kA, breathe(false)).find("no breathing"), std::string::npos);
}

TEST(OpeningBreath, AHostedRoomCanBreatheBeforeTheHostStarts) {
  PlayedRoom room;
  room.open(kHost, "Dr. Hale");
  room.join(kA, "Ana");
  EXPECT_TRUE(room.refusal_of(kA, breathe(true)).has_value());  // the partner is not here yet
  room.join(kB, "Ben");
  room.act(kHost, breathe(true));
  EXPECT_TRUE(room.state.breath.active);
}

// ------------------------------------------------------------- closing

// A room after one round, at round 2's first step, with the closing begun.
PlayedRoom closing_room() {
  PlayedRoom room = PlayedRoom::playing();
  room.play_round();
  room.act(kA, begin_closing());
  return room;
}

TEST(ClosingRitual, BothAppreciationsEndTheSessionAndAreShownTogether) {
  PlayedRoom room = closing_room();
  EXPECT_TRUE(room.state.closing.active);
  room.act(kB, appreciate("  Thank you for staying with me when it got hard.  "));
  EXPECT_EQ(room.state.stage, Stage::kPlaying);
  const Events events = room.act(kA, appreciate("I loved how you laughed tonight."));
  ASSERT_EQ(events.size(), 2U);
  ASSERT_TRUE(events[1].has_session_ended());
  ASSERT_EQ(events[1].session_ended().appreciations_size(), 2);
  EXPECT_EQ(events[1].session_ended().appreciations(0).by(), kA);
  EXPECT_EQ(events[1].session_ended().appreciations(1).text(), "Thank you for staying with me when it got hard.");
  EXPECT_EQ(room.state.stage, Stage::kEnded);
  ASSERT_NE(appreciation_of(room.state, kA), nullptr);
  ASSERT_NE(appreciation_of(room.state, kB), nullptr);
}

TEST(ClosingRitual, APartnerDoesNotSeeTheOthersAppreciationBeforeTheEnd) {
  PlayedRoom room = closing_room();
  room.act(kB, appreciate("Thank you for the tea."));
  const RoomState as_a = view_of(room.log, kA);
  EXPECT_TRUE(as_a.closing.b_written);
  EXPECT_EQ(appreciation_of(as_a, kB), nullptr);
  const auto wire = project_event(room.log.back(), kA, room.state.settings);
  EXPECT_TRUE(wire.appreciation_written().text().empty());
  // B sees their own; the host sees it; the couple's export waits for the end.
  ASSERT_NE(appreciation_of(view_of(room.log, kB), kB), nullptr);
  ASSERT_NE(appreciation_of(view_of(room.log, kHost), kB), nullptr);
  EXPECT_EQ(appreciation_of(view_of(room.log, v1::SEAT_UNSPECIFIED), kB), nullptr);
  room.act(kA, appreciate("Thank you for listening."));
  const RoomState after = view_of(room.log, kA);
  ASSERT_NE(appreciation_of(after, kB), nullptr);
  EXPECT_EQ(appreciation_of(after, kB)->text(), "Thank you for the tea.");
  ASSERT_NE(appreciation_of(view_of(room.log, v1::SEAT_UNSPECIFIED), kB), nullptr);
}

TEST(ClosingRitual, APartnerMayPassAndItIsNotShownAsWords) {
  PlayedRoom room = closing_room();
  room.act(kA, appreciate("   "));
  room.act(kB, appreciate("Thank you for trying tonight."));
  ASSERT_NE(appreciation_of(room.state, kA), nullptr);
  EXPECT_TRUE(appreciation_of(room.state, kA)->passed());
  EXPECT_TRUE(appreciation_of(room.state, kA)->text().empty());
}

TEST(ClosingRitual, AppreciationsFollowTheWritingRules) {
  PlayedRoom room = closing_room();
  const std::string message = refused(room, kA, appreciate(std::string(1001, 'x')));
  EXPECT_NE(message.find("Your appreciation is longer than 1000 characters"), std::string::npos) << message;
  EXPECT_NE(refused(room, kA, appreciate(std::string("\xff\xfe"))).find("not valid UTF-8"), std::string::npos);
  EXPECT_FALSE(room.state.closing.a_written);
}

TEST(ClosingRitual, WritingTwiceIsRefusedWithWhoIsAwaited) {
  PlayedRoom room = closing_room();
  room.act(kA, appreciate("Thank you."));
  EXPECT_NE(refused(room, kA, appreciate("And another.")).find("waiting for Ben"), std::string::npos);
}

TEST(ClosingRitual, TheClosingComesBetweenRoundsNotInTheMiddle) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kA, draw());
  EXPECT_NE(refused(room, kB, begin_closing()).find("Finish this round first"), std::string::npos);
  room.advance_to(v1::STEP_KIND_REVEAL);
  room.act(kB, begin_closing());  // at the reveal, the round is done
  EXPECT_NE(refused(room, kA, draw()).find("closing the evening"), std::string::npos);
}

TEST(ClosingRitual, OnlyPartnersWriteAppreciationsAndOnlyAtTheClosing) {
  PlayedRoom room = PlayedRoom::playing();
  EXPECT_NE(refused(room, kA, appreciate("Thanks")).find("begin the closing"), std::string::npos);
  PlayedRoom hosted = PlayedRoom::hosted();
  hosted.act(kHost, begin_closing());
  EXPECT_NE(refused(hosted, kHost, appreciate("Well done")).find("partners'"), std::string::npos);
}

TEST(ClosingRitual, TheFeelingsNamedAreCountedWithoutJudgement) {
  PlayedRoom room = PlayedRoom::playing();
  room.act(kA, draw());
  room.act(kA, check_in({"tired", "hopeful"}, 5));
  room.advance_to(v1::STEP_KIND_REVEAL);
  room.play_round();
  room.act(kB, draw());
  room.act(kB, check_in({"Tired", "worried"}, 4));
  const auto counts = feelings_named(room.state);
  ASSERT_EQ(counts.size(), 3U);
  EXPECT_EQ(counts[0].word, "tired");
  EXPECT_EQ(counts[0].count, 2U);
  EXPECT_EQ(feelings_summary(room.state), "tired (2), hopeful, worried");
  EXPECT_EQ(feelings_summary(PlayedRoom::playing().state), "No feelings were named at a check-in.");
}

TEST(ClosingRitual, TheReportShowsTheClosingToTheCoupleOnlyOnceBothWrote) {
  PlayedRoom room = closing_room();
  room.act(kB, appreciate("Thank you for the tea."));
  const std::string midway = render_report(room.log, ReportOptions{});
  EXPECT_EQ(midway.find("Thank you for the tea."), std::string::npos);
  room.act(kA, appreciate("Thank you for listening."));
  const std::string report = render_report(room.log, ReportOptions{});
  EXPECT_NE(report.find("Thank you for the tea."), std::string::npos);
  EXPECT_NE(report.find("Thank you for listening."), std::string::npos);
  EXPECT_NE(report.find("Feelings named"), std::string::npos);
}

}  // namespace
}  // namespace attune
