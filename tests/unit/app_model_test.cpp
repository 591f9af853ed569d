// The window's model: what each action of the one client vocabulary does to
// it and which effects it asks the shell to carry out. Pure: no window, no
// network, no disk.
#include <gtest/gtest.h>

#include <memory>

#include "attune/version.hpp"
#include "model/app.hpp"

namespace attune::client {
namespace {

AppStep run(App app, const Action& action) { return update(std::move(app), action); }

v1::Envelope welcome() {
  v1::Envelope envelope;
  envelope.mutable_welcome()->set_protocol_version(kProtocolVersion);
  return envelope;
}

v1::Envelope joined(Seat seat, const std::string& token) {
  v1::Envelope envelope;
  envelope.mutable_room_joined()->set_room_id("r1");
  envelope.mutable_room_joined()->set_seat(seat);
  envelope.mutable_room_joined()->set_seat_token(token);
  return envelope;
}

// A laptop that kept partner A's seat in room r1 at `server`.
App with_saved_seat(const std::string& server, const std::string& token) {
  App app;
  app.saved = SavedSeat{};
  app.saved->server = server;
  app.saved->room_id = "r1";
  app.saved->seat_token = token;
  app.saved->seat = v1::SEAT_PARTNER_A;
  return app;
}

// Seated as partner A at 10.0.0.2:7420, by joining with a code.
App seated() {
  App app = run({}, action::Join{"Sam", "10.0.0.2:7420", "K7QF", false}).app;
  app = run(std::move(app), action::Connected{}).app;
  app = run(std::move(app), action::Received{welcome()}).app;
  return run(std::move(app), action::Received{joined(v1::SEAT_PARTNER_A, "secret-token")}).app;
}

TEST(AppModel, HostStartsTheServerFirstAndConnectsOnlyOnceItListens) {
  auto step = run({}, action::Host{"Maya", 7420, v1::SEAT_PARTNER_A, true});
  ASSERT_TRUE(step.effects.start_server.has_value());
  EXPECT_EQ(*step.effects.start_server, 7420);
  EXPECT_FALSE(step.effects.session.connect_to.has_value()) << "nothing listens yet";
  EXPECT_EQ(step.effects.remember_name, "Maya");
  EXPECT_FALSE(step.effects.remember_address.has_value()) << "hosting leaves the typed address as it was";
  step = run(std::move(step.app), action::ServerStarted{7421});
  ASSERT_TRUE(step.effects.session.connect_to.has_value());
  EXPECT_EQ(*step.effects.session.connect_to, "127.0.0.1:7421");
  EXPECT_TRUE(step.app.hosting);
  EXPECT_EQ(step.app.port, 7421);
  ASSERT_TRUE(step.app.session.plan.has_value());
  EXPECT_EQ(step.app.session.plan->kind, Plan::Kind::kCreate);
  EXPECT_TRUE(step.app.session.plan->consent_to_recording);
}

TEST(AppModel, AServerThatCannotStartShowsTheFailedScreenWithItsSentence) {
  auto step = run({}, action::Host{"Maya", 7420, v1::SEAT_HOST, false});
  step = run(std::move(step.app), action::Failed{"Cannot listen on port 7420: permission denied."});
  EXPECT_EQ(step.app.session.link, Link::kFailed);
  EXPECT_EQ(step.app.session.lost_reason, "Cannot listen on port 7420: permission denied.");
  EXPECT_FALSE(step.effects.session.connect_to.has_value());
  EXPECT_TRUE(step.effects.stop_server);
  EXPECT_FALSE(step.app.hosting);
}

TEST(AppModel, JoinConnectsAndRemembersTheNameAndAddressAndTryAgainRepeatsIt) {
  auto step = run({}, action::Join{"Sam", "10.0.0.2:7420", "K7QF", true});
  ASSERT_TRUE(step.effects.session.connect_to.has_value());
  EXPECT_EQ(*step.effects.session.connect_to, "10.0.0.2:7420");
  EXPECT_EQ(step.effects.remember_name, "Sam");
  EXPECT_EQ(step.effects.remember_address, "10.0.0.2:7420");
  EXPECT_TRUE(step.effects.forget_saved_seat) << "a new game replaces the seat kept on disk";
  step = run(std::move(step.app), action::Disconnected{"Could not reach 10.0.0.2:7420 in time."});
  ASSERT_EQ(step.app.session.link, Link::kFailed);
  step = run(std::move(step.app), action::Reconnect{});
  ASSERT_TRUE(step.effects.session.connect_to.has_value());
  EXPECT_EQ(*step.effects.session.connect_to, "10.0.0.2:7420");
  EXPECT_EQ(step.app.session.plan->code, "K7QF");
}

TEST(AppModel, RejoiningASeatHostedHereNeedsItsOldPortBack) {
  App app = with_saved_seat("127.0.0.1:7420", "t");
  app.saved->hosted_here = true;
  app.saved->port = 7420;
  auto step = run(app, action::Rejoin{});
  ASSERT_TRUE(step.effects.start_server.has_value());
  EXPECT_EQ(*step.effects.start_server, 7420);
  auto moved = run(step.app, action::ServerStarted{7455});
  EXPECT_EQ(moved.app.session.link, Link::kFailed);
  EXPECT_NE(moved.app.session.lost_reason.find("Port 7420"), std::string::npos) << moved.app.session.lost_reason;
  EXPECT_TRUE(moved.effects.stop_server);
  EXPECT_FALSE(moved.effects.session.connect_to.has_value());
  auto same = run(step.app, action::ServerStarted{7420});
  ASSERT_TRUE(same.effects.session.connect_to.has_value());
  EXPECT_EQ(*same.effects.session.connect_to, "127.0.0.1:7420");
  EXPECT_EQ(same.app.session.plan->kind, Plan::Kind::kResume);
  EXPECT_EQ(same.app.session.plan->seat_token, "t");
}

TEST(AppModel, TryAgainTakesBackASavedSeatRatherThanReusingTheCode) {
  App app = run({}, action::Join{"Sam", "10.0.0.2:7420", "K7QF", false}).app;
  app.saved = SavedSeat{};
  app.saved->server = "10.0.0.2:7420";
  app.saved->room_id = "r1";
  app.saved->seat_token = "t";
  auto step = run(std::move(app), action::Reconnect{});
  ASSERT_TRUE(step.app.session.plan.has_value());
  EXPECT_EQ(step.app.session.plan->kind, Plan::Kind::kResume);
  EXPECT_EQ(step.app.session.plan->room_id, "r1");
}

// The seat token goes only to the computer whose certificate the seat was
// taken with: another one at the same address hears nothing, not even Hello.
TEST(AppModel, RejoiningAtAComputerWithAnotherIdentitySendsItNothingAndSaysWhy) {
  App app = with_saved_seat("10.0.0.2:7420", "secret-token");
  app.saved->host_fingerprint = std::string(64, 'a');
  app = run(std::move(app), action::Rejoin{}).app;
  auto other = run(app, action::Connected{std::string(64, 'b')});
  EXPECT_TRUE(other.effects.session.send.empty());
  EXPECT_TRUE(other.effects.session.disconnect);
  EXPECT_EQ(other.app.session.link, Link::kFailed);
  EXPECT_NE(other.app.session.lost_reason.find("not the host this seat was taken at"), std::string::npos);
  EXPECT_TRUE(other.app.saved.has_value()) << "the seat is still this laptop's to take back at the right host";
  auto same = run(std::move(app), action::Connected{std::string(64, 'a')});
  EXPECT_FALSE(same.effects.session.send.empty()) << "the host that gave the seat hears Hello";
  EXPECT_NE(same.app.session.link, Link::kFailed);
}

TEST(AppModel, RejoinPutsTheSavedDraftsBackOnceSeated) {
  App app = with_saved_seat("10.0.0.2:7420", "secret-token");
  app.saved->drafts = {{"share", "I feel tired"}};
  app = run(std::move(app), action::Rejoin{}).app;
  // Not seated yet: nothing to put back.
  auto early = run(app, action::KeepSeat{1000, "", {}, ""});
  EXPECT_FALSE(early.effects.restore_drafts.has_value());
  app = run(std::move(app), action::Connected{}).app;
  app = run(std::move(app), action::Received{welcome()}).app;
  v1::Envelope back = joined(v1::SEAT_PARTNER_A, "secret-token");
  back.mutable_room_joined()->set_resumed(true);
  app = run(std::move(app), action::Received{back}).app;
  auto step = run(std::move(app), action::KeepSeat{2000, "", {}, ""});
  ASSERT_TRUE(step.effects.restore_drafts.has_value());
  EXPECT_EQ(step.effects.restore_drafts->at("share"), "I feel tired");
  EXPECT_EQ(step.app.saved->drafts.at("share"), "I feel tired") << "the empty composer did not overwrite them";
  auto again = run(std::move(step.app), action::KeepSeat{3000, "", {}, ""});
  EXPECT_FALSE(again.effects.restore_drafts.has_value()) << "once";
}

TEST(AppModel, KeepSeatSavesASeatAsSoonAsItIsTakenAndDraftsAtMostEveryFewSeconds) {
  App app = seated();
  auto step = run(std::move(app), action::KeepSeat{10'000, "fingerprint", {}, "Sam"});
  EXPECT_TRUE(step.effects.save_seat);
  ASSERT_TRUE(step.app.saved.has_value());
  EXPECT_EQ(step.app.saved->seat_token, "secret-token");
  EXPECT_EQ(step.app.saved->server, "10.0.0.2:7420");
  EXPECT_EQ(step.app.saved->host_fingerprint, "fingerprint");
  EXPECT_EQ(step.app.saved->name, "Sam");
  step = run(std::move(step.app), action::KeepSeat{10'500, "fingerprint", {{"share", "I"}}, "Sam"});
  EXPECT_FALSE(step.effects.save_seat) << "typing is written at most every " << kDraftSaveEveryMs << " ms";
  step = run(std::move(step.app), action::KeepSeat{10'000 + kDraftSaveEveryMs, "fingerprint", {{"share", "I"}}, "Sam"});
  EXPECT_TRUE(step.effects.save_seat);
  EXPECT_EQ(step.app.saved->drafts.at("share"), "I");
}

TEST(AppModel, ASeatTheHostNoLongerKeepsIsForgotten) {
  SavedSeat seat;
  seat.room_id = "r1";
  seat.saved_at_ms = 1000;
  seat.keep_ms = kSeatKeptMs;
  auto kept = run({}, action::SeatOnDisk{std::make_shared<const SavedSeat>(seat), 2000});
  EXPECT_TRUE(kept.app.saved.has_value());
  EXPECT_FALSE(kept.effects.forget_saved_seat);
  auto stale = run({}, action::SeatOnDisk{std::make_shared<const SavedSeat>(seat), 1000 + kSeatKeptMs + 1});
  EXPECT_FALSE(stale.app.saved.has_value());
  EXPECT_TRUE(stale.effects.forget_saved_seat);
}

TEST(AppModel, ForgetHostIsOfferedOnlyAfterTheHostsIdentityChangedAndDropsThatAddressOnly) {
  auto step = run({}, action::Join{"Sam", "10.0.0.2:7420", "K7QF", false});
  EXPECT_FALSE(run(step.app, action::ForgetHost{}).effects.forget_host.has_value()) << "nothing changed yet";
  step = run(std::move(step.app), action::Disconnected{"The computer at 10.0.0.2:7420 is not the host ...", true});
  EXPECT_EQ(step.app.session.link, Link::kFailed);
  EXPECT_TRUE(step.app.session.host_identity_changed);
  step = run(std::move(step.app), action::ForgetHost{});
  ASSERT_TRUE(step.effects.forget_host.has_value());
  EXPECT_EQ(*step.effects.forget_host, "10.0.0.2:7420");
  EXPECT_FALSE(step.app.session.host_identity_changed) << "offered once";
  EXPECT_NE(step.app.session.lost_reason.find("Try again"), std::string::npos);
  // Try again joins with the code once more, which pairs afresh.
  step = run(std::move(step.app), action::Reconnect{});
  EXPECT_EQ(step.effects.session.connect_to, "10.0.0.2:7420");
}

TEST(AppModel, LeavingBeforeAGameBeganGoesBackToStartAndStopsHosting) {
  App app = run({}, action::Host{"Maya", 0, v1::SEAT_PARTNER_A, false}).app;
  app = run(std::move(app), action::ServerStarted{7420}).app;
  auto step = run(std::move(app), action::Leave{});
  EXPECT_TRUE(step.effects.stop_server);
  EXPECT_TRUE(step.effects.session.disconnect);
  EXPECT_EQ(step.app.session.link, Link::kIdle);
  EXPECT_FALSE(step.app.hosting);
  EXPECT_FALSE(step.app.last_connect.has_value()) << "nothing left for Try again";
}

TEST(AppModel, LeavingWhileSeatedEndsTheSessionForBoth) {
  auto step = run(seated(), action::Leave{});
  ASSERT_EQ(step.effects.session.send.size(), 1U);
  EXPECT_TRUE(step.effects.session.send[0].command().has_end_session());
  EXPECT_FALSE(step.effects.session.disconnect) << "the ended screen offers the way back";
}

TEST(AppModel, CloseAppQuits) {
  auto step = run(seated(), action::CloseApp{});
  EXPECT_TRUE(step.effects.quit);
  EXPECT_TRUE(step.app.quit);
}

TEST(AppModel, OpeningAReplayAsksTheShellToReadItAndTheModelTakesWhatWasRead) {
  auto step = run({}, action::OpenReplay{"/tmp/evening.attune"});
  EXPECT_EQ(step.effects.open_replay, "/tmp/evening.attune");
  EXPECT_FALSE(step.app.replay.has_value()) << "not read yet";
  auto read = std::make_shared<Replay>(replay_from_session("/tmp/evening.attune", Session{}, std::nullopt));
  step = run(std::move(step.app), action::ReplayOpened{read});
  ASSERT_TRUE(step.app.replay.has_value());
  EXPECT_EQ(step.app.replay->file, "/tmp/evening.attune");
  step = run(std::move(step.app), action::RateMoment{v1::SEAT_PARTNER_A, 1, 4, 0, 99});
  EXPECT_TRUE(step.effects.save_hindsight) << "a rating is written beside the file";
  step = run(std::move(step.app), action::HindsightNotSaved{"the disk is full"});
  EXPECT_NE(step.app.replay->hindsight_note->find("the disk is full"), std::string::npos);
  step = run(std::move(step.app), action::ReplaySpeed{4.0});
  EXPECT_FALSE(step.effects.save_hindsight);
  EXPECT_DOUBLE_EQ(step.app.replay->cursor.speed, 4.0);
  step = run(std::move(step.app), action::CloseReplay{});
  EXPECT_FALSE(step.app.replay.has_value());
}

TEST(AppModel, TheSeatsGiveUpTimeSurvivesANewConnection) {
  App app;
  app.give_up_after_ms = 5000;
  auto step = run(std::move(app), action::Join{"Sam", "10.0.0.2:7420", "K7QF", false});
  EXPECT_EQ(step.app.session.give_up_after_ms, 5000);
}

}  // namespace
}  // namespace attune::client
