// The client's pure update: what each action does to the model and which
// effects it asks the shell to carry out.
#include <gtest/gtest.h>

#include "attune/version.hpp"
#include "model/model.hpp"

namespace attune::client {
namespace {

v1::Envelope welcome() {
  v1::Envelope envelope;
  envelope.mutable_welcome()->set_protocol_version(kProtocolVersion);
  envelope.mutable_welcome()->set_heartbeat_seconds(5);
  return envelope;
}

v1::Envelope joined(Seat seat, std::string code) {
  v1::Envelope envelope;
  envelope.mutable_room_joined()->set_room_id("r1");
  envelope.mutable_room_joined()->set_seat(seat);
  envelope.mutable_room_joined()->set_code(std::move(code));
  return envelope;
}

v1::Envelope event(std::uint64_t seq, void (*fill)(v1::Event&)) {
  v1::Envelope envelope;
  envelope.mutable_event()->set_seq(seq);
  fill(*envelope.mutable_event());
  return envelope;
}

Step run(Model model, const Action& action) { return update(std::move(model), action); }

Model in_room_as_a() {
  Model model =
      run({}, action::Connect{"127.0.0.1:7420", Plan{Plan::Kind::kCreate, "Alex", "", v1::SEAT_PARTNER_A}}).model;
  model = run(model, action::Connected{}).model;
  model = run(model, action::Received{welcome()}).model;
  return run(model, action::Received{joined(v1::SEAT_PARTNER_A, "ABCDEF")}).model;
}

TEST(ClientModel, ConnectAsksTheShellToConnectAndResetsTheModel) {
  Model old;
  old.join_code = "OLD";
  auto step = run(old, action::Connect{"10.0.0.1:7420", Plan{}});
  EXPECT_EQ(step.model.link, Link::kConnecting);
  ASSERT_TRUE(step.effects.connect_to.has_value());
  EXPECT_EQ(*step.effects.connect_to, "10.0.0.1:7420");
  EXPECT_TRUE(step.model.join_code.empty());
}

TEST(ClientModel, ConnectedSaysHelloWithTheProtocolVersion) {
  auto step = run({}, action::Connected{});
  EXPECT_EQ(step.model.link, Link::kHandshaking);
  ASSERT_EQ(step.effects.send.size(), 1U);
  ASSERT_TRUE(step.effects.send[0].has_hello());
  EXPECT_EQ(step.effects.send[0].hello().protocol_version(), kProtocolVersion);
}

TEST(ClientModel, WelcomeSendsTheCreateOrJoinThatWasPlanned) {
  Model model = run({}, action::Connect{"h:1", Plan{Plan::Kind::kJoin, "Sam", "abc-def", v1::SEAT_UNSPECIFIED}}).model;
  model = run(model, action::Connected{}).model;
  auto step = run(model, action::Received{welcome()});
  EXPECT_EQ(step.model.link, Link::kSeating);
  EXPECT_EQ(step.model.heartbeat_seconds, 5U);
  ASSERT_EQ(step.effects.send.size(), 1U);
  ASSERT_TRUE(step.effects.send[0].has_join_room());
  EXPECT_EQ(step.effects.send[0].join_room().code(), "abc-def");
  EXPECT_EQ(step.effects.send[0].join_room().display_name(), "Sam");
}

TEST(ClientModel, RoomJoinedSeatsUsAndKeepsTheCode) {
  Model model = in_room_as_a();
  EXPECT_EQ(model.link, Link::kInRoom);
  EXPECT_EQ(model.seat, v1::SEAT_PARTNER_A);
  EXPECT_EQ(model.join_code, "ABCDEF");
}

TEST(ClientModel, EventsAreFoldedInOrderAndGapsAreCounted) {
  Model model = in_room_as_a();
  model = run(model, action::Received{event(1,
                                            [](v1::Event& e) {
                                              e.mutable_room_created()->set_room_id("r1");
                                              e.mutable_room_created()->mutable_exercise()->add_steps()->set_kind(
                                                  v1::STEP_KIND_REVEAL);
                                            })})
              .model;
  EXPECT_EQ(model.room.last_seq, 1U);
  EXPECT_EQ(model.room.stage, Stage::kWaitingForPartner);
  model = run(model, action::Received{event(3, [](v1::Event& e) { e.mutable_break_ended(); })}).model;
  EXPECT_EQ(model.room.last_seq, 1U);
  EXPECT_EQ(model.gaps_seen, 1U);
}

TEST(ClientModel, TheCodeIsClearedOnceBothPartnersSit) {
  Model model = in_room_as_a();
  model = run(model, action::Received{event(1,
                                            [](v1::Event& e) {
                                              e.mutable_room_created()->mutable_exercise()->add_steps()->set_kind(
                                                  v1::STEP_KIND_REVEAL);
                                            })})
              .model;
  model = run(model, action::Received{event(2,
                                            [](v1::Event& e) {
                                              e.mutable_seat_taken()->set_seat(v1::SEAT_PARTNER_A);
                                              e.mutable_seat_taken()->set_name("Alex");
                                            })})
              .model;
  EXPECT_EQ(model.join_code, "ABCDEF");
  model = run(model, action::Received{event(3,
                                            [](v1::Event& e) {
                                              e.mutable_seat_taken()->set_seat(v1::SEAT_PARTNER_B);
                                              e.mutable_seat_taken()->set_name("Sam");
                                            })})
              .model;
  EXPECT_TRUE(model.join_code.empty());
  EXPECT_EQ(partner_name(model), "Sam");
}

TEST(ClientModel, PlayGivesEachCommandAFreshIdAndMarksItPending) {
  Model model = in_room_as_a();
  v1::Command command;
  command.mutable_draw_card();
  auto first = run(model, action::Play{command});
  ASSERT_EQ(first.effects.send.size(), 1U);
  EXPECT_EQ(first.effects.send[0].command().command_id(), 1U);
  EXPECT_EQ(in_flight_id(first.model), 1U);
  auto second = run(first.model, action::Play{command});
  EXPECT_EQ(second.effects.send[0].command().command_id(), 2U);
}

TEST(ClientModel, PlayWhileNotInARoomSendsNothingAndSaysWhy) {
  v1::Command command;
  command.mutable_draw_card();
  auto step = run({}, action::Play{command});
  EXPECT_TRUE(step.effects.send.empty());
  ASSERT_TRUE(step.model.problem.has_value());
  EXPECT_EQ(step.model.problem->code, v1::ERROR_CODE_NOT_IN_ROOM);
}

TEST(ClientModel, ARefusedCommandClearsPendingAndShowsTheProblemButKeepsTheSeat) {
  Model model = in_room_as_a();
  v1::Command command;
  command.mutable_share()->set_text("x");
  model = run(model, action::Play{command}).model;
  v1::Envelope error;
  error.mutable_error()->set_code(v1::ERROR_CODE_OUT_OF_TURN);
  error.mutable_error()->set_message("Not now.");
  error.mutable_error()->set_command_id(in_flight_id(model));
  auto step = run(model, action::Received{error});
  EXPECT_EQ(in_flight_id(step.model), 0U);
  ASSERT_TRUE(step.model.problem.has_value());
  EXPECT_EQ(step.model.problem->message, "Not now.");
  EXPECT_EQ(step.model.link, Link::kInRoom);
  EXPECT_FALSE(step.effects.disconnect);
  EXPECT_FALSE(run(step.model, action::DismissProblem{}).model.problem.has_value());
}

TEST(ClientModel, AnAcceptedCommandClearsPending) {
  Model model = in_room_as_a();
  v1::Command command;
  command.mutable_end_session();
  model = run(model, action::Play{command}).model;
  v1::Envelope accepted;
  accepted.mutable_event()->set_seq(1);
  accepted.mutable_event()->set_actor(v1::SEAT_PARTNER_A);
  accepted.mutable_event()->set_command_id(in_flight_id(model));
  accepted.mutable_event()->mutable_session_ended()->set_by(v1::SEAT_PARTNER_A);
  auto step = run(model, action::Received{accepted});
  EXPECT_EQ(in_flight_id(step.model), 0U);
  EXPECT_EQ(step.model.room.stage, Stage::kEnded);
}

TEST(ClientModel, AVersionMismatchFailsTheLinkWithTheServersSentence) {
  Model model = run({}, action::Connect{"h:1", Plan{}}).model;
  model = run(model, action::Connected{}).model;
  v1::Envelope error;
  error.mutable_error()->set_code(v1::ERROR_CODE_VERSION_MISMATCH);
  error.mutable_error()->set_message("Update both laptops to the same Attune version.");
  error.mutable_error()->set_fatal(true);
  auto step = run(model, action::Received{error});
  EXPECT_EQ(step.model.link, Link::kFailed);
  EXPECT_EQ(step.model.lost_reason, "Update both laptops to the same Attune version.");
  EXPECT_TRUE(step.effects.disconnect);
}

TEST(ClientModel, AWrongCodeFailsTheLinkBeforeASeatIsTaken) {
  Model model = run({}, action::Connect{"h:1", Plan{Plan::Kind::kJoin, "Sam", "NOPE", v1::SEAT_UNSPECIFIED}}).model;
  model = run(model, action::Connected{}).model;
  model = run(model, action::Received{welcome()}).model;
  v1::Envelope error;
  error.mutable_error()->set_code(v1::ERROR_CODE_UNKNOWN_CODE);
  error.mutable_error()->set_message("No game is waiting with code NOPE.");
  auto step = run(model, action::Received{error});
  EXPECT_EQ(step.model.link, Link::kFailed);
  EXPECT_EQ(step.model.problem->code, v1::ERROR_CODE_UNKNOWN_CODE);
}

TEST(ClientModel, ADropAfterSeatingIsLostButTheRoomIsKept) {
  Model model = in_room_as_a();
  model = run(model, action::Received{event(1,
                                            [](v1::Event& e) {
                                              e.mutable_room_created()->mutable_exercise()->add_steps()->set_kind(
                                                  v1::STEP_KIND_REVEAL);
                                            })})
              .model;
  auto step = run(model, action::Disconnected{"The host closed the connection."});
  EXPECT_EQ(step.model.link, Link::kLost);
  EXPECT_EQ(step.model.lost_reason, "The host closed the connection.");
  EXPECT_EQ(step.model.room.last_seq, 1U);
}

TEST(ClientModel, ADropBeforeSeatingIsAFailure) {
  Model model = run({}, action::Connect{"h:1", Plan{}}).model;
  auto step = run(model, action::Disconnected{"Nothing is answering at h:1."});
  EXPECT_EQ(step.model.link, Link::kFailed);
}

TEST(ClientModel, LeaveDisconnectsAndForgetsTheRoom) {
  auto step = run(in_room_as_a(), action::Leave{});
  EXPECT_TRUE(step.effects.disconnect);
  EXPECT_EQ(step.model.link, Link::kIdle);
  EXPECT_TRUE(step.model.room_id.empty());
}

TEST(ClientModel, ResumePlanAsksForTheSavedSeatFromTheStart) {
  Plan plan{Plan::Kind::kResume, "Sam", "", v1::SEAT_PARTNER_B};
  plan.room_id = "r1";
  plan.seat_token = "secret";
  Model model = run({}, action::Connect{"h:1", plan}).model;
  model = run(model, action::Connected{}).model;
  auto step = run(model, action::Received{welcome()});
  ASSERT_EQ(step.effects.send.size(), 1U);
  const auto& join = step.effects.send[0].join_room();
  EXPECT_EQ(join.room_id(), "r1");
  EXPECT_EQ(join.seat_token(), "secret");
  EXPECT_TRUE(join.code().empty());
  // A restarted window holds nothing yet: the whole history, from 0.
  EXPECT_EQ(join.last_seq(), 0U);
}

TEST(ClientModel, ARestartedWindowNumbersCommandsPastWhatTheRoomSaw) {
  Model model = in_room_as_a();
  model = run(model, action::Received{event(1,
                                            [](v1::Event& e) {
                                              e.mutable_room_created()->mutable_exercise()->add_steps()->set_kind(
                                                  v1::STEP_KIND_SHARE);
                                            })})
              .model;
  model = run(model, action::Received{event(2,
                                            [](v1::Event& e) {
                                              e.set_actor(v1::SEAT_PARTNER_A);
                                              e.set_command_id(7);
                                              e.mutable_seat_taken()->set_seat(v1::SEAT_PARTNER_A);
                                              e.mutable_seat_taken()->set_name("Alex");
                                            })})
              .model;
  ASSERT_EQ(model.room.seats[v1::SEAT_PARTNER_A].last_command_id, 7U);
  ASSERT_EQ(model.next_command_id, 1U);
  v1::Command share;
  share.mutable_share()->set_text("hello");
  auto step = run(model, action::Play{share});
  ASSERT_EQ(step.effects.send.size(), 1U);
  EXPECT_EQ(step.effects.send[0].command().command_id(), 8U);  // 1 would count as a repeat and vanish
}

TEST(ClientModel, ReconnectingGivesUpAfterTheBoundAndSaysTheHostIsGone) {
  Model model = in_room_as_a();
  model.seat_token = "secret";
  model = run(model, action::Received{event(1,
                                            [](v1::Event& e) {
                                              e.mutable_room_created()->mutable_exercise()->add_steps()->set_kind(
                                                  v1::STEP_KIND_SHARE);
                                            })})
              .model;
  model = run(model, action::Disconnected{"The host closed the connection."}).model;
  ASSERT_EQ(model.link, Link::kReconnecting);
  model.give_up_after_ms = 10'000;
  model = run(model, action::Tick{1'000}).model;
  model = run(model, action::Tick{10'999}).model;
  EXPECT_EQ(model.link, Link::kReconnecting);
  EXPECT_FALSE(model.host_gone);
  auto step = run(model, action::Tick{11'000});
  EXPECT_EQ(step.model.link, Link::kLost);
  EXPECT_TRUE(step.model.host_gone);
  EXPECT_TRUE(step.effects.disconnect);
  EXPECT_EQ(step.model.room_id, "r1");  // what was kept is still there to show
  // Later ticks change nothing: the final screen stays still.
  auto later = run(step.model, action::Tick{20'000});
  EXPECT_EQ(later.model.link, Link::kLost);
  EXPECT_FALSE(later.effects.connect_to.has_value());
}

// The command in flight is tracked once, in the model, with the drafts it
// carries; the shell clears them only when the room accepted it.
TEST(ClientModel, AnAcceptedCommandAsksToClearTheDraftsItCarried) {
  Model model = in_room_as_a();
  v1::Command command;
  command.mutable_end_session();
  auto sent = run(model, action::Play{command, kDraftShare | kDraftTopic});
  EXPECT_EQ(sent.effects.clear_drafts, kDraftNone) << "still in flight";
  ASSERT_TRUE(sent.model.in_flight.has_value());
  EXPECT_EQ(sent.model.in_flight->drafts, kDraftShare | kDraftTopic);
  v1::Envelope accepted;
  accepted.mutable_event()->set_seq(1);
  accepted.mutable_event()->set_actor(v1::SEAT_PARTNER_A);
  accepted.mutable_event()->set_command_id(in_flight_id(sent.model));
  accepted.mutable_event()->mutable_session_ended()->set_by(v1::SEAT_PARTNER_A);
  auto step = run(sent.model, action::Received{accepted});
  EXPECT_EQ(step.effects.clear_drafts, kDraftShare | kDraftTopic);
  EXPECT_FALSE(waiting_on_server(step.model));
}

TEST(ClientModel, ARefusedCommandKeepsItsDrafts) {
  Model model = run(in_room_as_a(), action::Play{v1::Command{}, kDraftShare}).model;
  v1::Envelope error;
  error.mutable_error()->set_code(v1::ERROR_CODE_OUT_OF_TURN);
  error.mutable_error()->set_message("Not now.");
  error.mutable_error()->set_command_id(in_flight_id(model));
  auto step = run(model, action::Received{error});
  EXPECT_EQ(step.effects.clear_drafts, kDraftNone);
  EXPECT_FALSE(waiting_on_server(step.model));
}

TEST(ClientModel, ALinkThatDropsBeforeAnAnswerKeepsTheDraftsAndTheCommandForTheResume) {
  Model model = run(in_room_as_a(), action::Play{v1::Command{}, kDraftReflect}).model;
  auto step = run(model, action::Disconnected{"Wi-Fi gone"});
  EXPECT_EQ(step.effects.clear_drafts, kDraftNone);
  EXPECT_EQ(step.model.link, Link::kLost) << "no seat token in this test: not resumable";
  EXPECT_FALSE(step.model.in_flight.has_value());
}

TEST(ClientModel, AHostWhoseIdentityChangedIsMarkedSoTheWindowCanOfferToForgetIt) {
  Model model = run({}, action::Connect{"10.0.0.2:7420", Plan{Plan::Kind::kJoin, "Sam", "K7QF"}}).model;
  auto step = run(model, action::Disconnected{"The computer at 10.0.0.2:7420 is not the host ...", true});
  EXPECT_EQ(step.model.link, Link::kFailed);
  EXPECT_TRUE(step.model.host_identity_changed);
  auto fresh = run(step.model, action::Connect{"10.0.0.3:7420", Plan{}});
  EXPECT_FALSE(fresh.model.host_identity_changed) << "a new connection starts clean";
}

}  // namespace
}  // namespace attune::client
