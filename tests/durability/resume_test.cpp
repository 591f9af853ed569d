// Never lose a word: a server restart, a partner's drop, a full disk.
#include <gtest/gtest.h>

#include <atomic>

#include "attune/session_file.hpp"
#include "attune_server/store.hpp"
#include "harness.hpp"

namespace attune::test {
namespace {

bool gapless(const std::vector<v1::Event>& events) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].seq() != i + 1) return false;
  }
  return true;
}

std::vector<v1::Event> stored_events(RunningServer& server, const std::string& room_id) {
  return server.run([&] {
    auto room = server.server().store().load(room_id);
    return room ? room->events : std::vector<v1::Event>{};
  });
}

TEST(Resume, BothPartnersCarryOnAfterTheServerRestartsMidRound) {
  TempDir data;
  server::ServerConfig config;
  config.data_dir = data.path();
  auto server = std::make_unique<RunningServer>(config);
  const std::uint16_t port = server->port();
  Partner a(3);
  Partner b(4);
  ASSERT_TRUE(seat_couple(*server, a, b));
  v1::Command draw;
  draw.mutable_draw_card();
  a.play(draw);
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return b.model().room.round.card.has_value(); }));
  const std::string room_id = a.model().room_id;

  server.reset();  // the host's server stops mid-round
  ASSERT_TRUE(pump_until({&a, &b}, [&] {
    return a.model().link == client::Link::kReconnecting && b.model().link == client::Link::kReconnecting;
  }));
  // What was on screen stays while reconnecting.
  EXPECT_TRUE(b.model().room.round.card.has_value());

  server = std::make_unique<RunningServer>(config, "127.0.0.1", port);
  EXPECT_EQ(server->server().restored_rooms(), 1U);
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().link == client::Link::kInRoom && b.model().link == client::Link::kInRoom; },
      20s));
  a.autoplay = true;
  b.autoplay = true;
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return b.model().room.finished_rounds.size() >= 1; }, 20s));
  a.autoplay = false;
  b.autoplay = false;
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return !client::waiting_on_server(a.model()) && !client::waiting_on_server(b.model()); }));
  const auto events = stored_events(*server, room_id);
  EXPECT_TRUE(gapless(events));
  EXPECT_EQ(a.model().gaps_seen + b.model().gaps_seen, 0U);
  // The same card as before the restart: the round went on, it did not restart.
  EXPECT_EQ(a.model().room.finished_rounds.size(), b.model().room.finished_rounds.size());
}

TEST(Resume, APartnerDroppedForAMinuteReceivesExactlyWhatTheyMissed) {
  std::atomic<std::int64_t> offset{0};
  server::ServerConfig config;
  config.clock = [&offset] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
               .count() +
           offset.load();
  };
  RunningServer server(config);
  Partner a(1);
  Partner b(2);
  ASSERT_TRUE(seat_couple(server, a, b));
  const std::uint64_t seen_before = b.model().room.last_seq;
  const std::size_t received_before = b.received().size();

  b.drop();
  ASSERT_TRUE(pump_until({&a}, [&] { return a.model().room.seats[v1::SEAT_PARTNER_B].away; }));
  EXPECT_NE(client::describe_partner_activity(a.model()).find("connection dropped"), std::string::npos);
  // A goes on with their part of the round meanwhile.
  v1::Command command;
  command.mutable_draw_card();
  a.play(command);
  ASSERT_TRUE(pump_until({&a}, [&] { return !client::waiting_on_server(a.model()); }));
  command.Clear();
  command.mutable_check_in()->add_feelings("tired");
  command.mutable_check_in()->set_intensity(6);
  a.play(command);
  ASSERT_TRUE(pump_until({&a}, [&] { return !client::waiting_on_server(a.model()); }));
  offset += 60'000;  // a minute passes on the server

  ASSERT_TRUE(pump_until(
      {&a, &b},
      [&] {
        return b.model().link == client::Link::kInRoom && b.model().room.last_seq == a.model().room.last_seq &&
               !a.model().room.seats[v1::SEAT_PARTNER_B].away;
      },
      10s))
      << "link " << static_cast<int>(b.model().link) << ", " << b.model().lost_reason << ", problem "
      << (b.model().problem ? b.model().problem->message : "none") << ", seq " << b.model().room.last_seq << "/"
      << a.model().room.last_seq;
  // Exactly the missed events, in order, once each.
  std::vector<std::uint64_t> seqs;
  for (std::size_t i = received_before; i < b.received().size(); ++i) {
    if (b.received()[i].has_event()) seqs.push_back(b.received()[i].event().seq());
  }
  ASSERT_FALSE(seqs.empty());
  for (std::size_t i = 0; i < seqs.size(); ++i) EXPECT_EQ(seqs[i], seen_before + 1 + i);
  EXPECT_EQ(b.model().gaps_seen, 0U);
  EXPECT_EQ(b.model().room.round.feelings, std::vector<std::string>{"tired"});
}

TEST(Resume, ACommandInFlightWhenTheLinkDropsIsAppliedExactlyOnce) {
  RunningServer server;
  Partner a(1);
  Partner b(2);
  ASSERT_TRUE(seat_couple(server, a, b));
  a.autoplay = true;
  b.autoplay = true;
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return client::my_turn(b.model()); }));
  a.autoplay = false;
  b.autoplay = false;
  ASSERT_EQ(current_step_kind(b.model().room), v1::STEP_KIND_REFLECT);
  v1::Command reflect;
  reflect.mutable_reflect()->set_text("If I got it, the week asked too much of you.");
  b.play(reflect);
  b.drop();  // before or after the server saw it: either way it must land once
  EXPECT_TRUE(b.model().in_flight.has_value());
  ASSERT_TRUE(pump_until(
      {&a, &b},
      [&] {
        return b.model().link == client::Link::kInRoom && !client::waiting_on_server(b.model()) &&
               a.model().room.round.reflections.size() == 1;
      },
      10s));
  const auto log = server.run([&] { return server.server().lobby().find(a.model().room_id)->log(); });
  int reflections = 0;
  for (const auto& event : log) reflections += event.has_reflected() ? 1 : 0;
  EXPECT_EQ(reflections, 1);
  EXPECT_EQ(b.model().room.round.reflections.size(), 1U);
}

TEST(Resume, ASessionWithoutEveryonesConsentIsErasedWhenItEnds) {
  RunningServer server;
  Partner a;
  Partner b;
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  auto plan = join_plan("Sam", a.model().join_code);
  plan.consent_to_recording = false;
  b.connect(server.address(), plan);
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return b.model().room.stage == Stage::kPlaying; }));
  const std::string room_id = a.model().room_id;
  EXPECT_FALSE(stored_events(server, room_id).empty());  // kept for resume meanwhile
  v1::Command end;
  end.mutable_end_session();
  a.play(end);
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return b.model().room.stage == Stage::kEnded; }));
  EXPECT_TRUE(stored_events(server, room_id).empty());
}

TEST(Resume, AFullDiskRefusesNewMovesClearlyAndLosesNothingAccepted) {
  RunningServer server;
  Partner a(1);
  Partner b(2);
  ASSERT_TRUE(seat_couple(server, a, b));
  const std::string room_id = a.model().room_id;
  server.run([&] { server.server().store().limit_pages(1); });
  // Breaks make events at any step; keep making them until the disk is full.
  auto move = [&](Partner& who, void (*fill)(v1::Command&)) -> std::optional<client::Problem> {
    v1::Command command;
    fill(command);
    who.play(command);
    EXPECT_TRUE(pump_until({&a, &b}, [&] { return !client::waiting_on_server(who.model()); }));
    return who.model().problem;
  };
  std::optional<client::Problem> problem;
  for (int i = 0; i < 300 && !problem; ++i) {
    problem = move(a, [](v1::Command& c) { c.mutable_call_break(); });
    if (!problem) problem = move(a, [](v1::Command& c) { c.mutable_ready_to_resume(); });
    if (!problem) problem = move(b, [](v1::Command& c) { c.mutable_ready_to_resume(); });
  }
  ASSERT_TRUE(problem.has_value()) << "the store never filled up";
  EXPECT_EQ(problem->code, v1::ERROR_CODE_STORAGE_FULL);
  EXPECT_NE(problem->message.find("disk is full"), std::string::npos);
  // Everything the partners saw is stored; nothing more, nothing less.
  const auto live = server.run([&] { return server.server().lobby().find(room_id)->log().size(); });
  EXPECT_EQ(stored_events(server, room_id).size(), live);
  EXPECT_EQ(a.model().room.last_seq, live);
  // Space comes back: the game goes on.
  server.run([&] { server.server().store().limit_pages(1 << 30); });
  a.dispatch(client::action::DismissProblem{});
  b.dispatch(client::action::DismissProblem{});
  v1::Command end;
  end.mutable_end_session();
  a.play(end);
  EXPECT_TRUE(pump_until({&a, &b}, [&] { return b.model().room.stage == Stage::kEnded; }));
}

TEST(Resume, AnExportedSessionFileReplaysToTheLiveFinalState) {
  RunningServer server;
  Partner a(7);
  Partner b(8);
  ASSERT_TRUE(seat_couple(server, a, b));
  a.autoplay = true;
  b.autoplay = true;
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.finished_rounds.size() >= 2; }, 30s));
  a.autoplay = false;
  b.autoplay = false;
  v1::Command end;
  end.mutable_end_session();
  a.play(end);
  // Both have heard the end: A's view below is compared with the record.
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.stage == Stage::kEnded && b.model().room.stage == Stage::kEnded; }));
  const std::string room_id = a.model().room_id;
  auto [live_seq, live_rounds, live_stage] = server.run([&] {
    const auto& state = server.server().lobby().find(room_id)->state();
    return std::make_tuple(state.last_seq, state.finished_rounds.size(), state.stage);
  });
  const auto events = stored_events(server, room_id);
  auto read = decode_session(encode_session(v1::SessionHeader{}, events));
  ASSERT_TRUE(std::holds_alternative<Session>(read));
  const RoomState replayed = replay(std::get<Session>(read).events);
  EXPECT_EQ(replayed.last_seq, live_seq);
  EXPECT_EQ(replayed.finished_rounds.size(), live_rounds);
  EXPECT_EQ(replayed.stage, live_stage);
  EXPECT_EQ(view_of(std::get<Session>(read).events, v1::SEAT_PARTNER_A).round.shared_text,
            a.model().room.round.shared_text);
}

}  // namespace
}  // namespace attune::test
