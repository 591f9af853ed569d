// Hostile session and hindsight files: crafted to crash the viewer or eat
// the machine. Each is refused, or opened with a warning, within a fixed
// memory budget.
#include <gtest/gtest.h>
#include <malloc.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../fuzz/crafted_sessions.hpp"
#include "attune/session_file.hpp"
#include "model/replay.hpp"

namespace attune::test {
namespace {

namespace fs = std::filesystem;
using client::ReplayIndex;

// Bytes in use on the heap now (glibc's count; 0 where a sanitizer owns malloc).
std::size_t heap_in_use() { return mallinfo2().uordblks; }

fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / ("attune-hostile-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

TEST(HostileFiles, AStepIndexPastASwappedExerciseIsIgnoredAtEverySeek) {
  const auto log = crafted::step_past_swapped_exercise();
  auto decoded = decode_session(crafted::file_of(log));
  ASSERT_TRUE(std::holds_alternative<Session>(decoded));
  const ReplayIndex index(std::get<Session>(decoded).events, v1::SEAT_HOST);
  for (std::size_t i = 0; i <= index.size(); ++i) {
    const RoomState state = index.state_after(i);
    if (state.stage == Stage::kPlaying) {
      EXPECT_LT(state.round.step, static_cast<std::size_t>(state.exercise.steps_size())) << "after event " << i;
    }
  }
  // The second RoomCreated changed nothing; the "partly" went back to reflect.
  const RoomState last = index.state_after(index.size());
  EXPECT_EQ(last.exercise.steps_size(), 6);
  EXPECT_EQ(last.round.step, 2U);
  EXPECT_EQ(last.last_seq, log.size());
}

TEST(HostileFiles, LiveAndReplayFoldTheSwappedExerciseTheSameWay) {
  const auto log = crafted::step_past_swapped_exercise(0);
  EXPECT_EQ(replay(log).round.step, ReplayIndex(log, v1::SEAT_HOST).state_after(log.size()).round.step);
}

TEST(HostileFiles, ASnapshotBombStaysWithinTheSnapshotBudget) {
  auto log = crafted::snapshot_bomb(20'000);
  const std::size_t before = heap_in_use();
  const ReplayIndex index(std::move(log), v1::SEAT_HOST);
  const std::size_t grown = heap_in_use() - std::min(heap_in_use(), before);
  EXPECT_LE(index.snapshot_bytes(), client::kSnapshotBudgetBytes);
  EXPECT_GT(index.snapshot_every(), client::kSnapshotEvery);
  // The budget, plus the state being folded and the index's own vectors.
  EXPECT_LT(grown, client::kSnapshotBudgetBytes + 32U * 1024U * 1024U);
  // Seeks still land on the right event, only more slowly.
  EXPECT_EQ(index.state_after(index.size()).last_seq, index.size());
  EXPECT_EQ(index.state_after(12'345).last_seq, 12'345U);
}

TEST(HostileFiles, ABudgetTooSmallForOneSnapshotStillSeeksCorrectly) {
  auto log = crafted::step_past_swapped_exercise();
  const ReplayIndex index(log, v1::SEAT_HOST, 1);
  EXPECT_EQ(index.state_after(200).last_seq, 200U);
  EXPECT_EQ(index.state_after(index.size()).round.step, replay(log).round.step);
}

TEST(HostileFiles, AnOversizedFileIsRefusedWithoutBeingRead) {
  const auto file = scratch("huge.attune");
  {
    std::ofstream out(file, std::ios::binary);
    out << crafted::file_of(crafted::step_past_swapped_exercise(0));
  }
  // 200 MB, sparse: no disk is used, but a whole read would need it all.
  fs::resize_file(file, 200ULL * 1024ULL * 1024ULL);
  const std::size_t before = heap_in_use();
  auto read = read_session_file(file);
  const std::size_t grown = heap_in_use() - std::min(heap_in_use(), before);
  ASSERT_TRUE(std::holds_alternative<SessionError>(read));
  const std::string message = std::get<SessionError>(read).message;
  EXPECT_NE(message.find("200 MB"), std::string::npos) << message;
  EXPECT_NE(message.find("64 MB"), std::string::npos) << message;
  EXPECT_LT(grown, 1024U * 1024U);
  fs::remove(file);
}

TEST(HostileFiles, AFileJustUnderTheLimitIsReadRecordByRecord) {
  const auto file = scratch("padded.attune");
  const auto log = crafted::step_past_swapped_exercise(0);
  {
    std::ofstream out(file, std::ios::binary);
    out << crafted::file_of(log);
  }
  // Zeros after the events: a damaged tail, read without loading the file.
  fs::resize_file(file, kMaxSessionFileBytes);
  const std::size_t before = heap_in_use();
  auto read = read_session_file(file);
  const std::size_t grown = heap_in_use() - std::min(heap_in_use(), before);
  ASSERT_TRUE(std::holds_alternative<Session>(read));
  const auto& session = std::get<Session>(read);
  EXPECT_EQ(session.events.size(), log.size());
  ASSERT_TRUE(session.warning.has_value());
  EXPECT_LT(grown, 8U * 1024U * 1024U);
  fs::remove(file);
}

TEST(HostileFiles, AnOversizedHindsightFileIsRefusedByName) {
  const auto file = scratch("big.attune.hindsight");
  { std::ofstream out(file, std::ios::binary); }
  fs::resize_file(file, kMaxHindsightFileBytes + 1);
  const auto read = read_small_file(file, kMaxHindsightFileBytes);
  EXPECT_FALSE(read.bytes.has_value());
  ASSERT_TRUE(read.error.has_value());
  EXPECT_NE(read.error->find(file.string()), std::string::npos);
  EXPECT_FALSE(read_small_file(scratch("absent"), 10).error.has_value());
  fs::remove(file);
}

}  // namespace
}  // namespace attune::test
