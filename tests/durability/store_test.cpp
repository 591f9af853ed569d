// The session store: owner-only files, all-or-nothing appends, a full disk,
// and what consent decides about keeping a session.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>

#include "attune_server/store.hpp"
#include "harness.hpp"

namespace attune::test {
namespace {

mode_t mode_of(const std::filesystem::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 0777;
}

v1::Event numbered(std::uint64_t seq) {
  v1::Event event;
  event.set_seq(seq);
  event.set_at_ms(1000 + static_cast<std::int64_t>(seq));
  event.mutable_break_ended();
  return event;
}

TEST(Store, FilesAndFoldersAreOwnerOnlyWhateverTheUmask) {
  TempDir root;
  const mode_t old = ::umask(0);
  const auto dir = root.path() / "nested" / "data";
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  ASSERT_FALSE(store->append("room", "CODE", {numbered(1)}));
  ::umask(old);
  EXPECT_EQ(mode_of(dir), 0700U);
  for (const char* name : {"attune.db", "attune.db-wal", "attune.db-shm"}) {
    if (std::filesystem::exists(dir / name)) {
      EXPECT_EQ(mode_of(dir / name), 0600U) << name;
    }
  }
}

TEST(Store, EventsComeBackInOrderAfterReopening) {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    ASSERT_FALSE(store->append("room", "CODE", {numbered(1), numbered(2)}));
    ASSERT_FALSE(store->append("room", "CODE", {numbered(3)}));
    ASSERT_FALSE(store->set_seat_token("room", v1::SEAT_PARTNER_A, "secret", "a-device-fingerprint"));
  }
  auto store = open_store(dir.path());
  auto rooms = store->open_rooms();
  ASSERT_EQ(rooms.size(), 1U);
  ASSERT_EQ(rooms[0].events.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(rooms[0].events[i].seq(), i + 1);
  EXPECT_EQ(rooms[0].seat_tokens[v1::SEAT_PARTNER_A].token, "secret");
  EXPECT_EQ(rooms[0].seat_tokens[v1::SEAT_PARTNER_A].device, "a-device-fingerprint")
      << "a seat is kept with its device";
  EXPECT_EQ(rooms[0].code, "CODE");
}

TEST(Store, AnAppendThatFailsKeepsNoneOfItsEvents) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_FALSE(store->append("room", "CODE", {numbered(1)}));
  // Event 2 twice: the second insert fails, so neither may stay.
  auto failed = store->append("room", "CODE", {numbered(2), numbered(2)});
  ASSERT_TRUE(failed.has_value());
  EXPECT_FALSE(failed->message.empty());
  EXPECT_EQ(store->load("room")->events.size(), 1U);
}

TEST(Store, AFullDiskIsReportedAsSuchAndKeepsWhatWasStored) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_FALSE(store->append("room", "CODE", {numbered(1)}));
  store->limit_pages(1);
  std::optional<server::StoreFailure> failed;
  v1::Event big = numbered(2);
  big.mutable_shared()->set_text(std::string(20000, 'x'));
  failed = store->append("room", "CODE", {big});
  ASSERT_TRUE(failed.has_value());
  EXPECT_TRUE(failed->disk_full);
  EXPECT_NE(failed->message.find("disk is full"), std::string::npos);
  EXPECT_EQ(store->load("room")->events.size(), 1U);
}

TEST(Store, FinishingWithoutConsentErasesTheSession) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_FALSE(store->append("kept", "K", {numbered(1)}));
  ASSERT_FALSE(store->append("gone", "G", {numbered(1)}));
  ASSERT_FALSE(store->finish("kept", true));
  ASSERT_FALSE(store->finish("gone", false));
  EXPECT_TRUE(store->load("kept").has_value());
  EXPECT_TRUE(store->load("kept")->ended);
  EXPECT_FALSE(store->load("gone").has_value());
  EXPECT_TRUE(store->open_rooms().empty());
}

TEST(Store, DeleteRemovesTheWordsFromTheFilesOnDisk) {
  TempDir dir;
  const std::string secret = "a-sentence-only-this-couple-said-7f3a";
  {
    auto store = open_store(dir.path());
    v1::Event said = numbered(1);
    said.mutable_shared()->set_text(secret);
    ASSERT_FALSE(store->append("room", "CODE", {said}));
    ASSERT_FALSE(store->finish("room", true));
    ASSERT_FALSE(store->erase("room"));
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(secret), std::string::npos) << entry.path();
  }
}

// Rows another connection (another process after a crash) can see: only
// what was committed.
std::int64_t committed_rows(const std::filesystem::path& dir, const char* sql) {
  sqlite3* db = nullptr;
  std::int64_t count = -1;
  if (sqlite3_open_v2((dir / "attune.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW) {
      count = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return count;
}

TEST(Store, WritesThatArriveTogetherShareOneCommitAndNobodyHearsBeforeIt) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  int flushes_asked = 0;
  store->group_commits([&] { ++flushes_asked; });
  int heard = 0;
  ASSERT_FALSE(store->append("room-1", "CODE1", {numbered(1)}));
  store->after_commit(
      this, [&] { ++heard; }, [](const server::StoreFailure&) {});
  ASSERT_FALSE(store->append("room-2", "CODE2", {numbered(1), numbered(2)}));
  ASSERT_FALSE(store->set_seat_token("room-2", v1::SEAT_PARTNER_B, "secret", "a-device-fingerprint"));
  // One group: one flush asked for, nothing visible to anyone else, nobody told.
  EXPECT_EQ(flushes_asked, 1);
  EXPECT_EQ(heard, 0);
  EXPECT_EQ(committed_rows(dir.path(), "SELECT COUNT(*) FROM events;"), 0);
  ASSERT_FALSE(store->flush());
  EXPECT_EQ(heard, 1);
  EXPECT_EQ(committed_rows(dir.path(), "SELECT COUNT(*) FROM events;"), 3);
  EXPECT_EQ(committed_rows(dir.path(), "SELECT COUNT(*) FROM seat_tokens;"), 1);
  // The next write opens the next group.
  ASSERT_FALSE(store->append("room-1", "CODE1", {numbered(2)}));
  EXPECT_EQ(flushes_asked, 2);
}

TEST(Store, AWriteThatFailsInsideAGroupUndoesOnlyItself) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  store->group_commits([] {});
  ASSERT_FALSE(store->append("room-1", "CODE1", {numbered(1)}));
  // The same sequence number twice: this append fails as a whole...
  EXPECT_TRUE(store->append("room-2", "CODE2", {numbered(1), numbered(1)}));
  ASSERT_FALSE(store->append("room-3", "CODE3", {numbered(1)}));
  ASSERT_FALSE(store->flush());
  // ...and the rest of its group is kept.
  EXPECT_EQ(store->load("room-1")->events.size(), 1U);
  EXPECT_FALSE(store->load("room-2"));
  EXPECT_EQ(store->load("room-3")->events.size(), 1U);
}

}  // namespace
}  // namespace attune::test
