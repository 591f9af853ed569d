// The session store: owner-only files, all-or-nothing appends, a full disk,
// and what consent decides about keeping a session.
#include <gtest/gtest.h>
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

std::unique_ptr<server::Store> open_store(const std::filesystem::path& dir) {
  auto opened = server::Store::open(dir);
  if (auto* problem = std::get_if<std::string>(&opened)) {
    ADD_FAILURE() << *problem;
    return nullptr;
  }
  return std::get<std::unique_ptr<server::Store>>(std::move(opened));
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
  EXPECT_EQ(rooms[0].seat_tokens[v1::SEAT_PARTNER_A].device, "a-device-fingerprint") << "a seat is kept with its device";
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

}  // namespace
}  // namespace attune::test
