// End to end over loopback: a real server, real sockets, real partners.
#include <gtest/gtest.h>

#include <set>

#include "harness.hpp"

namespace attune::test {
namespace {

// The step kinds at which a partner's move was accepted, folding the log.
std::set<v1::StepKind> steps_taken(const std::vector<v1::Event>& log) {
  std::set<v1::StepKind> taken;
  RoomState state;
  for (const auto& event : log) {
    if (event.command_id() != 0 && is_partner(event.actor())) taken.insert(current_step_kind(state));
    state = fold(std::move(state), event);
  }
  return taken;
}

v1::Command command_of(void (*fill)(v1::Command&)) {
  v1::Command command;
  fill(command);
  return command;
}

TEST(ServerEndToEnd, TwoPartnersPlayThreeFullRoundsAndTheLogReplaysToTheLiveState) {
  RunningServer server;
  Partner a(11);
  Partner b(22);
  ASSERT_TRUE(seat_couple(server, a, b));
  a.autoplay = true;
  b.autoplay = true;
  ASSERT_TRUE(pump_until(
      {&a, &b},
      [&] { return a.model().room.finished_rounds.size() >= 3 && b.model().room.finished_rounds.size() >= 3; }, 30s));
  a.autoplay = false;
  b.autoplay = false;
  // Let the moves already in flight land before comparing.
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return !client::waiting_on_server(a.model()) && !client::waiting_on_server(b.model()); }));

  // Roles swapped every round: A, B, A spoke.
  const auto& rounds = a.model().room.finished_rounds;
  EXPECT_EQ(rounds[0].speaker_rating().by(), v1::SEAT_PARTNER_A);
  EXPECT_EQ(rounds[1].speaker_rating().by(), v1::SEAT_PARTNER_B);
  EXPECT_EQ(rounds[2].speaker_rating().by(), v1::SEAT_PARTNER_A);
  // Both partners saw the same reveal.
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(a.model().room.finished_rounds[i].SerializeAsString(),
              b.model().room.finished_rounds[i].SerializeAsString());
  }

  // The server's recorded log, folded from nothing, is the live state.
  const std::string room_id = a.model().room_id;
  auto [log, live_seq, live_rounds, live_step] = server.run([&] {
    const auto* room = server.server().lobby().find(room_id);
    return std::make_tuple(room->log(), room->state().last_seq, room->state().finished_rounds.size(),
                           room->state().round.step);
  });
  const RoomState replayed = replay(log);
  EXPECT_EQ(replayed.last_seq, live_seq);
  EXPECT_EQ(replayed.finished_rounds.size(), live_rounds);
  EXPECT_EQ(replayed.round.step, live_step);
  // And each partner's folded view catches up with exactly that state.
  EXPECT_TRUE(pump_until(
      {&a, &b}, [&, live = live_seq] { return a.model().room.last_seq == live && b.model().room.last_seq == live; }));
  EXPECT_EQ(a.model().gaps_seen, 0U);

  a.play(command_of([](v1::Command& c) { c.mutable_end_session(); }));
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return b.model().room.stage == Stage::kEnded; }));
}

TEST(ServerEndToEnd, AScriptedPairPlaysEveryShippedExerciseToTheEnd) {
  const Content shipped = test_content();
  ASSERT_GE(shipped.exercises.size(), 8U) << "every method of the product brief is an exercise";
  for (const auto& exercise : shipped.exercises) {
    SCOPED_TRACE(exercise.id());
    // A server whose rooms open on this exercise, and two scripted partners.
    Content content = shipped;
    content.exercise = exercise;
    RunningServer server({}, "127.0.0.1", 0, content);
    Partner a(31);
    Partner b(32);
    ASSERT_TRUE(seat_couple(server, a, b));
    a.autoplay = true;
    b.autoplay = true;
    // Two rounds: each partner speaks once.
    ASSERT_TRUE(pump_until(
        {&a, &b},
        [&] { return a.model().room.finished_rounds.size() >= 2 && b.model().room.finished_rounds.size() >= 2; }, 30s));
    a.autoplay = false;
    b.autoplay = false;
    ASSERT_TRUE(pump_until(
        {&a, &b}, [&] { return !client::waiting_on_server(a.model()) && !client::waiting_on_server(b.model()); }));
    EXPECT_EQ(a.model().room.exercise.id(), exercise.id());
    const auto& rounds = a.model().room.finished_rounds;
    EXPECT_EQ(rounds[0].speaker_rating().by(), v1::SEAT_PARTNER_A);
    EXPECT_EQ(rounds[1].speaker_rating().by(), v1::SEAT_PARTNER_B);
    // Every step of the exercise was taken on the wire: the server's log
    // has one accepted move for each step kind in it.
    const std::string room_id = a.model().room_id;
    const auto log = server.run([&] { return server.server().lobby().find(room_id)->log(); });
    ASSERT_EQ(log.front().seq(), 1U) << "the room's window holds the whole session";
    const auto taken = steps_taken(log);
    for (const auto& step : exercise.steps()) {
      EXPECT_EQ(taken.count(step.kind()), 1U) << v1::StepKind_Name(step.kind()) << " was never taken";
    }
    EXPECT_EQ(replay(log).finished_rounds.size(), rounds.size());
  }
}

TEST(ServerEndToEnd, AThirdJoinerIsRefusedAndTheRoomGoesOn) {
  RunningServer server;
  Partner a;
  Partner b;
  ASSERT_TRUE(seat_couple(server, a, b));
  const std::string code = a.model().room.room_id.empty() ? "" : b.model().join_code;
  // The code was used up when B sat down; the creator's copy is cleared too.
  EXPECT_TRUE(a.model().join_code.empty());

  Partner c;
  // Take the code the way a third person would have seen it: from A's screen before B joined.
  const auto log_code = server.run([&] { return server.server().lobby().find(a.model().room_id)->join_code(); });
  c.connect(server.address(), join_plan("Third", log_code));
  ASSERT_TRUE(pump_until({&c}, [&] { return c.model().link == client::Link::kFailed; }));
  ASSERT_TRUE(c.model().problem.has_value());
  // The same answer as a code nobody uses, so answers do not tell which
  // codes are live; the sentence still names what may have happened.
  EXPECT_EQ(c.model().problem->code, v1::ERROR_CODE_UNKNOWN_CODE);
  EXPECT_NE(c.model().problem->message.find("both partners"), std::string::npos);

  a.autoplay = true;
  b.autoplay = true;
  EXPECT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.finished_rounds.size() == 1; }, 20s));
  (void)code;
}

TEST(ServerEndToEnd, AWrongCodeGetsAClearError) {
  RunningServer server;
  Partner c;
  c.connect(server.address(), join_plan("Lost", "ZZZZZZ"));
  ASSERT_TRUE(pump_until({&c}, [&] { return c.model().link == client::Link::kFailed; }));
  ASSERT_TRUE(c.model().problem.has_value());
  EXPECT_EQ(c.model().problem->code, v1::ERROR_CODE_UNKNOWN_CODE);
  EXPECT_NE(c.model().problem->message.find("ZZZZZZ"), std::string::npos);
}

TEST(ServerEndToEnd, AnOutOfTurnCommandIsRejectedAndTheRoundContinues) {
  RunningServer server;
  Partner a;
  Partner b;
  ASSERT_TRUE(seat_couple(server, a, b));
  // B listens in round 1 and tries to share.
  v1::Command share;
  share.mutable_share()->set_text("I want to go first");
  b.play(share);
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return b.model().problem.has_value(); }));
  EXPECT_EQ(b.model().problem->code, v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_EQ(client::in_flight_id(b.model()), 0U);
  b.dispatch(client::action::DismissProblem{});
  a.autoplay = true;
  b.autoplay = true;
  EXPECT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.finished_rounds.size() == 1; }, 20s));
}

TEST(ServerEndToEnd, APartnersRatingNeverCrossesTheWireBeforeTheReveal) {
  RunningServer server;
  Partner a(5);
  Partner b(6);
  ASSERT_TRUE(seat_couple(server, a, b));
  a.autoplay = true;
  b.autoplay = true;
  // Both reveals in hand: each one's copy of the other's rating went out before it.
  ASSERT_TRUE(pump_until(
      {&a, &b},
      [&] { return a.model().room.finished_rounds.size() == 1 && b.model().room.finished_rounds.size() == 1; }, 20s));
  auto check = [](const Partner& viewer, Seat other) {
    int ratings_seen = 0;
    for (const auto& envelope : viewer.received()) {
      if (!envelope.has_event() || !envelope.event().has_rating_submitted()) continue;
      const auto& submitted = envelope.event().rating_submitted();
      if (submitted.by() == other) {
        ++ratings_seen;
        EXPECT_FALSE(submitted.has_rating()) << "the other partner's rating arrived before the reveal";
      } else {
        EXPECT_TRUE(submitted.has_rating());
      }
    }
    EXPECT_EQ(ratings_seen, 1);
  };
  check(a, v1::SEAT_PARTNER_B);
  check(b, v1::SEAT_PARTNER_A);
}

TEST(ServerEndToEnd, AGarbageSpewingClientDoesNotDisturbARoomInPlay) {
  RunningServer server;
  Partner a;
  Partner b;
  ASSERT_TRUE(seat_couple(server, a, b));
  a.autoplay = true;
  b.autoplay = true;
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 131 + 7) % 251));
  for (int i = 0; i < 20; ++i) {
    RawClient spewer(server.port());
    try {
      spewer.hello();
      spewer.send_bytes(garbage);
    } catch (const std::system_error&) {
      // The server may already have hung up on us; that is the point.
    }
    EXPECT_TRUE(spewer.closed_by_server());
    for (auto* partner : {&a, &b}) partner->pump();
  }
  EXPECT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.finished_rounds.size() >= 2; }, 30s));
  EXPECT_EQ(a.model().link, client::Link::kInRoom);
  EXPECT_EQ(b.model().link, client::Link::kInRoom);
}

TEST(ServerEndToEnd, AWrongProtocolVersionGetsAnExplicitErrorAndIsClosed) {
  RunningServer server;
  RawClient client(server.port());
  client.hello(kProtocolVersion + 1);
  auto error = client.receive_error();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), v1::ERROR_CODE_VERSION_MISMATCH);
  EXPECT_TRUE(error->fatal());
  EXPECT_NE(error->message().find("Update"), std::string::npos);
  EXPECT_TRUE(client.closed_by_server());
}

TEST(ServerEndToEnd, AnOversizedFrameIsRefusedBeforeItsBodyArrives) {
  RunningServer server;
  RawClient client(server.port());
  client.hello();
  ASSERT_TRUE(client.receive().has_value());  // Welcome
  std::string header;
  append_varint(1ULL << 30U, header);  // claims a 1 GiB frame and sends none of it
  client.send_bytes(header);
  auto error = client.receive_error();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), v1::ERROR_CODE_FRAME_TOO_LARGE);
  EXPECT_TRUE(client.closed_by_server());
}

TEST(ServerEndToEnd, AMessageBeforeHelloIsRefused) {
  RunningServer server;
  RawClient client(server.port());
  v1::Envelope create;
  create.mutable_create_room()->set_display_name("Eager");
  client.send(create);
  auto error = client.receive_error();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), v1::ERROR_CODE_HELLO_REQUIRED);
  EXPECT_TRUE(client.closed_by_server());
}

TEST(ServerEndToEnd, AnUnknownMessageKindIsRefusedAndTheConnectionClosed) {
  RunningServer server;
  RawClient client(server.port());
  client.hello();
  ASSERT_TRUE(client.receive().has_value());
  // Field 99 of Envelope does not exist: a valid protobuf, but no known body.
  client.send_bytes(std::string("\x03\xf8\x06\x01", 4));
  auto error = client.receive_error();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), v1::ERROR_CODE_MALFORMED_FRAME);
}

TEST(ServerEndToEnd, AnEmptyCommandGetsAnErrorAndTheConnectionStays) {
  RunningServer server;
  Partner a;
  Partner b;
  ASSERT_TRUE(seat_couple(server, a, b));
  a.play(v1::Command{});  // no kind set
  ASSERT_TRUE(pump_until({&a}, [&] { return a.model().problem.has_value(); }));
  EXPECT_EQ(a.model().problem->code, v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_EQ(a.model().link, client::Link::kInRoom);
}

TEST(ServerEndToEnd, AClientThatSaysNothingIsCutAtItsDeadline) {
  server::ServerConfig config;
  config.hello_timeout = 300ms;
  RunningServer server(config);
  RawClient silent(server.port());
  auto error = silent.receive_error(3s);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), v1::ERROR_CODE_HELLO_TIMEOUT);
  EXPECT_TRUE(silent.closed_by_server());
}

TEST(ServerEndToEnd, ASilentSeatIsMarkedAwayAndBackWhenItSpeaks) {
  server::ServerConfig config;
  config.heartbeat = std::chrono::seconds(1);
  config.away_after_heartbeats = 1;
  RunningServer server(config);
  Partner a;
  ASSERT_TRUE(pump_until({&a}, [] { return true; }));
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return a.model().link == client::Link::kInRoom; }));
  // A raw partner B that joins and then goes quiet.
  RawClient quiet(server.port());
  quiet.hello();
  ASSERT_TRUE(quiet.receive().has_value());
  v1::Envelope join;
  join.mutable_join_room()->set_code(a.model().join_code);
  join.mutable_join_room()->set_display_name("Quiet");
  quiet.send(join);
  ASSERT_TRUE(pump_until(
      {&a},
      [&] { return a.model().room.seats[v1::SEAT_PARTNER_B].taken && a.model().room.seats[v1::SEAT_PARTNER_B].away; },
      5s));
  v1::Envelope ping;
  ping.mutable_ping()->set_nonce(1);
  quiet.send(ping);
  EXPECT_TRUE(pump_until(
      {&a}, [&] { return !a.model().room.seats[v1::SEAT_PARTNER_B].away; }, 5s));
}

TEST(ServerEndToEnd, ARoundPlaysOverIpv6Loopback) {
  std::unique_ptr<RunningServer> server;
  try {
    server = std::make_unique<RunningServer>(server::ServerConfig{}, "::1");
  } catch (const std::system_error& e) {
    GTEST_SKIP() << "no IPv6 loopback here: " << e.what();
  }
  Partner a;
  Partner b;
  ASSERT_TRUE(seat_couple(*server, a, b));
  a.autoplay = true;
  b.autoplay = true;
  EXPECT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.finished_rounds.size() == 1; }, 20s));
}

}  // namespace
}  // namespace attune::test

namespace attune::test {
namespace {

TEST(ServerEndToEnd, RoomJoinedSaysHowLongTheSeatIsKept) {
  server::ServerConfig config;
  config.keep_seat = std::chrono::minutes(7);
  RunningServer server(config);
  Partner a;
  ASSERT_TRUE(pump_until({&a}, [] { return true; }));
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return a.model().link == client::Link::kInRoom; }));
  EXPECT_EQ(a.model().seat_kept_ms, 7 * 60 * 1000);
}

}  // namespace
}  // namespace attune::test
