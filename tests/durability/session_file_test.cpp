// The portable session file: round trip, damage, and versions.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "attune/content.hpp"
#include "attune/files.hpp"
#include "attune/session_file.hpp"
#include "harness.hpp"

namespace attune::test {
namespace {

std::vector<v1::Event> sample_events(std::size_t count) {
  std::vector<v1::Event> events;
  for (std::size_t i = 1; i <= count; ++i) {
    v1::Event event;
    event.set_seq(i);
    event.set_at_ms(static_cast<std::int64_t>(1000 * i));
    event.mutable_shared()->set_text("moment " + std::to_string(i));
    events.push_back(event);
  }
  return events;
}

v1::SessionHeader sample_header() {
  v1::SessionHeader header;
  header.set_room_id("r1");
  header.set_rounds(2);
  auto* seat = header.add_seats();
  seat->set_seat(v1::SEAT_PARTNER_A);
  seat->set_name("Alex");
  return header;
}

TEST(SessionFile, RoundTripsHeaderAndEvents) {
  const auto bytes = encode_session(sample_header(), sample_events(5));
  EXPECT_EQ(bytes.substr(0, 8), "ATTUNESF");
  auto read = decode_session(bytes);
  ASSERT_TRUE(std::holds_alternative<Session>(read));
  const auto& session = std::get<Session>(read);
  EXPECT_FALSE(session.warning.has_value());
  EXPECT_EQ(session.header.room_id(), "r1");
  EXPECT_EQ(session.header.format_version(), kSessionFormatVersion);
  ASSERT_EQ(session.events.size(), 5U);
  EXPECT_EQ(session.events[4].shared().text(), "moment 5");
}

TEST(SessionFile, ATruncatedFileOpensUpToItsLastGoodEventWithAClearMessage) {
  const auto bytes = encode_session(sample_header(), sample_events(5));
  auto read = decode_session(std::string_view(bytes).substr(0, bytes.size() - 3));
  ASSERT_TRUE(std::holds_alternative<Session>(read));
  const auto& session = std::get<Session>(read);
  EXPECT_EQ(session.events.size(), 4U);
  ASSERT_TRUE(session.warning.has_value());
  EXPECT_NE(session.warning->find("after event 4"), std::string::npos) << *session.warning;
}

TEST(SessionFile, ACorruptEventStopsTheReadThereWithAClearMessage) {
  auto bytes = encode_session(sample_header(), sample_events(5));
  // Flip the bytes of the last record's body into garbage.
  for (std::size_t i = bytes.size() - 8; i < bytes.size(); ++i) bytes[i] = '\xff';
  auto read = decode_session(bytes);
  ASSERT_TRUE(std::holds_alternative<Session>(read));
  EXPECT_EQ(std::get<Session>(read).events.size(), 4U);
  EXPECT_TRUE(std::get<Session>(read).warning.has_value());
}

TEST(SessionFile, ANewerFormatVersionIsRefusedWithAClearMessage) {
  auto bytes = encode_session(sample_header(), sample_events(2));
  bytes[8] = static_cast<char>(kSessionFormatVersion + 1);
  auto read = decode_session(bytes);
  ASSERT_TRUE(std::holds_alternative<SessionError>(read));
  EXPECT_NE(std::get<SessionError>(read).message.find("newer Attune"), std::string::npos);
}

TEST(SessionFile, SomethingElseIsNotASessionFile) {
  auto read = decode_session("PK\x03\x04 a zip file, say");
  ASSERT_TRUE(std::holds_alternative<SessionError>(read));
  EXPECT_NE(std::get<SessionError>(read).message.find("not an Attune session file"), std::string::npos);
}

TEST(SessionFile, AHugeRecordLengthIsRefusedWithoutAllocatingIt) {
  std::string bytes = encode_session(sample_header(), {});
  append_varint(1ULL << 31U, bytes);
  auto read = decode_session(bytes);
  ASSERT_TRUE(std::holds_alternative<Session>(read));
  EXPECT_TRUE(std::get<Session>(read).events.empty());
  EXPECT_TRUE(std::get<Session>(read).warning.has_value());
}

TEST(SessionFile, WritingIsOwnerOnlyAndLeavesNoPartialFile) {
  TempDir dir;
  const mode_t old = ::umask(0);
  const auto file = dir.path() / "session.attune";
  EXPECT_FALSE(save_private_file(file, encode_session(sample_header(), sample_events(3))));
  ::umask(old);
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600U);
  EXPECT_FALSE(std::filesystem::exists(file.string() + ".partial"));
  auto read = read_session_file(file);
  ASSERT_TRUE(std::holds_alternative<Session>(read));
  EXPECT_EQ(std::get<Session>(read).events.size(), 3U);
}

TEST(SessionFile, WritingIntoAMissingFolderFailsWithASentence) {
  auto problem = save_private_file("/nonexistent-folder-for-attune/x.attune", "bytes");
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("Cannot write"), std::string::npos);
}

// Every private file goes through one writer, which follows no symbolic link.
TEST(SessionFile, SavingRefusesASymbolicLinkAndLeavesItsTargetAlone) {
  TempDir dir;
  const auto target = dir.path() / "elsewhere";
  { std::ofstream(target) << "untouched"; }
  const auto file = dir.path() / "session.attune";
  std::filesystem::create_symlink(target, file);
  auto problem = save_private_file(file, "bytes");
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("symbolic link"), std::string::npos) << *problem;
  std::ifstream in(target);
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content, "untouched");
  EXPECT_TRUE(std::filesystem::is_symlink(file));
}

TEST(SessionFile, SavingRefusesALinkPlantedAtTheTemporaryName) {
  TempDir dir;
  const auto target = dir.path() / "elsewhere";
  { std::ofstream(target) << "untouched"; }
  const auto file = dir.path() / "session.attune";
  std::filesystem::create_symlink(target, file.string() + ".partial");
  EXPECT_TRUE(save_private_file(file, "bytes").has_value());
  std::ifstream in(target);
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content, "untouched");
  EXPECT_FALSE(std::filesystem::exists(file));
}

TEST(SessionFile, DefaultDataDirFollowsXdgDataHome) {
  const char* old = std::getenv("XDG_DATA_HOME");
  const std::string saved = old != nullptr ? old : "";
  ::setenv("XDG_DATA_HOME", "/tmp/attune-xdg", 1);
  EXPECT_EQ(default_data_dir(), std::filesystem::path("/tmp/attune-xdg/attune"));
  ::setenv("XDG_DATA_HOME", "relative", 1);  // not absolute: ignored, as the spec says
  EXPECT_NE(default_data_dir(), std::filesystem::path("relative/attune"));
  if (old != nullptr) {
    ::setenv("XDG_DATA_HOME", saved.c_str(), 1);
  } else {
    ::unsetenv("XDG_DATA_HOME");
  }
}

}  // namespace
}  // namespace attune::test
