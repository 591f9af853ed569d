// The replay viewer's model: seeking, playing, projecting, hindsight.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "model/replay.hpp"

namespace attune::test {
namespace {

using client::ReplayIndex;

// A real game's log, played by scripted partners over a real server.
std::vector<v1::Event> played_log(int rounds) {
  RunningServer server;
  Partner a(31);
  Partner b(32);
  EXPECT_TRUE(seat_couple(server, a, b));
  a.autoplay = true;
  b.autoplay = true;
  EXPECT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.finished_rounds.size() >= static_cast<std::size_t>(rounds); }, 30s));
  a.autoplay = false;
  b.autoplay = false;
  EXPECT_TRUE(pump_until(
      {&a, &b}, [&] { return !client::waiting_on_server(a.model()) && !client::waiting_on_server(b.model()); }));
  return server.run([&] { return server.server().lobby().find(a.model().room_id)->log(); });
}

TEST(Replay, EverySeekGivesTheSameStateAsFoldingFromTheStart) {
  const auto log = played_log(3);
  ASSERT_GT(log.size(), 30U);
  const ReplayIndex index(log, v1::SEAT_HOST);
  RoomState folded;
  for (std::size_t i = 0; i <= log.size(); ++i) {
    const RoomState sought = index.state_after(i);
    EXPECT_EQ(sought.last_seq, folded.last_seq);
    EXPECT_EQ(sought.round.step, folded.round.step);
    EXPECT_EQ(sought.finished_rounds.size(), folded.finished_rounds.size());
    if (i < log.size()) folded = fold(std::move(folded), log[i]);
  }
}

TEST(Replay, SeenAsAPartnerTheOthersRatingStaysHiddenUntilTheReveal) {
  const auto log = played_log(1);
  // Find the moment after the first rating and before the reveal.
  std::size_t after_first_rating = 0;
  for (std::size_t i = 0; i < log.size(); ++i) {
    if (log[i].has_rating_submitted()) {
      after_first_rating = i + 1;
      break;
    }
  }
  ASSERT_GT(after_first_rating, 0U);
  const Seat rater = log[after_first_rating - 1].rating_submitted().by();
  const RoomState as_other = ReplayIndex(log, other_partner(rater)).state_after(after_first_rating);
  const RoomState as_host = ReplayIndex(log, v1::SEAT_HOST).state_after(after_first_rating);
  ASSERT_FALSE(as_host.round.reveal.has_value());
  const bool rater_speaks = rater == as_host.round.speaker;
  EXPECT_FALSE(rater_speaks ? as_other.round.speaker_rating.has_value()
                            : as_other.round.listener_prediction.has_value());
  EXPECT_TRUE(rater_speaks ? as_host.round.speaker_rating.has_value() : as_host.round.listener_prediction.has_value());
}

TEST(Replay, PlayingFollowsTheRealGapsAtTheChosenSpeedAndStopsAtTheEnd) {
  std::vector<v1::Event> events;
  for (std::uint64_t i = 1; i <= 4; ++i) {
    v1::Event event;
    event.set_seq(i);
    event.set_at_ms(static_cast<std::int64_t>(1000 * i));  // one second apart
    event.mutable_break_ended();
    events.push_back(event);
  }
  const ReplayIndex index(events, v1::SEAT_PARTNER_A);
  client::ReplayCursor cursor{1, true, 2.0, 0};
  cursor = client::advance(index, cursor, 400);  // 800 ms of session time
  EXPECT_EQ(cursor.position, 1U);
  cursor = client::advance(index, cursor, 100);  // 1000 ms: the next event
  EXPECT_EQ(cursor.position, 2U);
  cursor = client::advance(index, cursor, 5000);
  EXPECT_EQ(cursor.position, 4U);
  EXPECT_FALSE(cursor.playing);
}

TEST(Replay, HindsightRatingsAreALayerAndTheirAccuracyComparesGuessesWithOwnFeelings) {
  v1::HindsightFile layer;
  layer.set_room_id("r1");
  // A rates themself and guesses B; B does the same, at three moments.
  client::rate_moment(layer, v1::SEAT_PARTNER_A, 5, 3, 6, 1);
  client::rate_moment(layer, v1::SEAT_PARTNER_A, 9, 4, 7, 2);
  client::rate_moment(layer, v1::SEAT_PARTNER_B, 5, 6, 3, 3);
  client::rate_moment(layer, v1::SEAT_PARTNER_B, 9, 5, 5, 4);
  // A guessed B exactly at 5 (6 vs 6) and off by 2 at 9 (7 vs 5).
  auto a_reads_b = client::dial_accuracy(layer, v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B);
  ASSERT_TRUE(a_reads_b.has_value());
  EXPECT_EQ(a_reads_b->moments, 2U);
  EXPECT_NEAR(a_reads_b->percent, 100.0 * (1.0 + (1.0 - 2.0 / 8.0)) / 2.0, 1e-9);
  // Re-rating a moment replaces it rather than adding one.
  client::rate_moment(layer, v1::SEAT_PARTNER_A, 5, 2, 0, 5);
  const auto* moment = client::moment_of(layer, v1::SEAT_PARTNER_A, 5);
  ASSERT_NE(moment, nullptr);
  EXPECT_EQ(moment->self(), 2U);
  EXPECT_EQ(moment->partner(), 6U);  // 0 kept the earlier guess
  EXPECT_FALSE(client::dial_accuracy(layer, v1::SEAT_PARTNER_A, v1::SEAT_HOST).has_value());
}

TEST(Replay, HindsightForAnotherSessionIsRefused) {
  v1::HindsightFile layer;
  layer.set_room_id("other");
  v1::SessionHeader header;
  header.set_room_id("mine");
  auto problem = client::check_hindsight(layer, header);
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("another session"), std::string::npos);
}

TEST(Replay, TimelineLinesSayWhoDidWhat) {
  const auto log = played_log(1);
  RoomState state;
  bool saw_share = false;
  for (const auto& event : log) {
    const std::string line = describe_event(state, event);
    EXPECT_FALSE(line.empty());
    if (event.has_shared()) {
      EXPECT_EQ(line, "Alex shared");
      saw_share = true;
    }
    state = fold(std::move(state), event);
  }
  EXPECT_TRUE(saw_share);
}

}  // namespace
}  // namespace attune::test
