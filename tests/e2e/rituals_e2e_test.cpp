// Choosing together, the opening breath and the closing over real loopback
// sockets: a real server, two real client models and network threads.
#include <gtest/gtest.h>

#include "attune/rituals.hpp"
#include "harness.hpp"

namespace attune::test {
namespace {

v1::Command propose(const std::string& exercise, const std::string& deck) {
  v1::Command command;
  command.mutable_propose_play()->set_exercise_id(exercise);
  command.mutable_propose_play()->set_deck_id(deck);
  return command;
}

v1::Command answer(bool agree, const std::string& exercise, const std::string& deck) {
  v1::Command command;
  command.mutable_answer_proposal()->set_agree(agree);
  command.mutable_answer_proposal()->set_exercise_id(exercise);
  command.mutable_answer_proposal()->set_deck_id(deck);
  return command;
}

v1::Command breathe(bool on) {
  v1::Command command;
  command.mutable_breathe()->set_on(on);
  return command;
}

v1::Command appreciate(const std::string& text) {
  v1::Command command;
  command.mutable_appreciate()->set_text(text);
  return command;
}

bool settled(const Partner& a, const Partner& b) {
  return !client::waiting_on_server(a.model()) && !client::waiting_on_server(b.model()) &&
         a.model().room.last_seq == b.model().room.last_seq;
}

// Playing with the scripted partner (attune-bot, the window's demo): it
// agrees to what the person proposes and writes its appreciation at the
// closing, so nobody is left waiting for an answer that never comes.
TEST(RitualsEndToEnd, TheScriptedPartnerAgreesToAProposalAndWritesItsAppreciation) {
  RunningServer server;
  Partner a(41);
  Partner b(42);
  ASSERT_TRUE(seat_couple(server, a, b));
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return settled(a, b) && a.model().room.round.number == 1; }));
  // The script listens first, so it has no card to draw and only answers.
  ASSERT_EQ(a.model().room.round.speaker, v1::SEAT_PARTNER_A);
  b.autoplay = true;
  a.play(propose("nvc", "everyday"));
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.exercise.id() == "nvc" && !a.model().room.proposal.has_value(); }));
  EXPECT_EQ(a.model().room.deck.id(), "everyday");
  v1::Command close;
  close.mutable_begin_closing();
  a.play(close);
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return a.model().room.closing.b_written; }));
  a.play(appreciate("Thank you for tonight."));
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return a.model().room.stage == Stage::kEnded; }));
  ASSERT_NE(appreciation_of(a.model().room, v1::SEAT_PARTNER_B), nullptr);
  EXPECT_FALSE(appreciation_of(a.model().room, v1::SEAT_PARTNER_B)->text().empty());
}

TEST(RitualsEndToEnd, PartnersChooseTogetherAndBothLaptopsPlayTheAgreedExercise) {
  RunningServer server;
  Partner a(31);
  Partner b(32);
  ASSERT_TRUE(seat_couple(server, a, b));
  // An unknown deck is refused with its name; nothing changes.
  a.play(propose("nvc", "no-such-deck"));
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return a.model().problem.has_value(); }));
  EXPECT_EQ(a.model().problem->code, v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_NE(a.model().problem->message.find("\"no-such-deck\""), std::string::npos);
  a.dispatch(client::action::DismissProblem{});

  a.play(propose("nvc", "everyday"));
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return b.model().room.proposal.has_value(); }));
  EXPECT_EQ(b.model().room.exercise.id(), "attune");  // nothing applies before the answer
  b.play(answer(true, "nvc", "everyday"));
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.exercise.id() == "nvc" && b.model().room.exercise.id() == "nvc"; }));
  EXPECT_EQ(a.model().room.deck.id(), "everyday");
  EXPECT_EQ(b.model().room.deck.id(), "everyday");

  // The round is played in the agreed exercise; proposing mid-round is refused.
  a.autoplay = true;
  b.autoplay = true;
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return a.model().room.round.card.has_value(); }));
  a.autoplay = false;
  b.autoplay = false;
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return settled(a, b); }));
  b.play(propose("attune", "trust"));
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return b.model().problem.has_value(); }));
  EXPECT_EQ(b.model().problem->code, v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_NE(b.model().problem->message.find("after its reveal"), std::string::npos);
}

TEST(RitualsEndToEnd, TheOpeningBreathArrivesWithOneStartTimeAndEitherPartnerEndsItForBoth) {
  RunningServer server;
  Partner a(41);
  Partner b(42);
  ASSERT_TRUE(seat_couple(server, a, b));
  b.play(breathe(true));
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return a.model().room.breath.active && b.model().room.breath.active; }));
  EXPECT_EQ(a.model().room.breath.started_at_ms, b.model().room.breath.started_at_ms);
  const std::int64_t moment = a.model().room.breath.started_at_ms + 7'000;
  const BreathMoment on_a = breath_moment(a.model().room.breath, moment);
  const BreathMoment on_b = breath_moment(b.model().room.breath, moment);
  EXPECT_EQ(on_a.inhale, on_b.inhale);
  EXPECT_DOUBLE_EQ(on_a.progress, on_b.progress);
  a.play(breathe(false));
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return !a.model().room.breath.active && !b.model().room.breath.active; }));
}

TEST(RitualsEndToEnd, TheClosingKeepsEachAppreciationOffTheWireUntilBothAreIn) {
  RunningServer server;
  Partner a(51);
  Partner b(52);
  ASSERT_TRUE(seat_couple(server, a, b));
  a.autoplay = true;
  b.autoplay = true;
  // Stop the scripts at the first reveal: the closing comes between rounds.
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return !a.model().room.finished_rounds.empty() && !b.model().room.finished_rounds.empty(); },
      30s));
  a.autoplay = false;
  b.autoplay = false;
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return settled(a, b); }));
  ASSERT_TRUE(closing_open(a.model().room));
  v1::Command close;
  close.mutable_begin_closing();
  b.play(close);
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return a.model().room.closing.active && b.model().room.closing.active; }));
  const std::string secret = "Thank you for making tea when I came home late.";
  a.play(appreciate(secret));
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return b.model().room.closing.a_written; }));
  for (const auto& envelope : b.received()) {
    if (envelope.has_event() && envelope.event().has_appreciation_written()) {
      EXPECT_EQ(envelope.SerializeAsString().find(secret), std::string::npos) << "A's words reached B early";
    }
  }
  b.play(appreciate("Thank you for listening."));
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.stage == Stage::kEnded && b.model().room.stage == Stage::kEnded; }));
  ASSERT_NE(appreciation_of(b.model().room, v1::SEAT_PARTNER_A), nullptr);
  EXPECT_EQ(appreciation_of(b.model().room, v1::SEAT_PARTNER_A)->text(), secret);
  ASSERT_NE(appreciation_of(a.model().room, v1::SEAT_PARTNER_B), nullptr);
  EXPECT_FALSE(feelings_named(a.model().room).empty());
}

}  // namespace
}  // namespace attune::test
