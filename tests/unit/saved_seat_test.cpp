// The seat a window keeps on disk: byte-exact, owner-only, and a damaged
// file is refused with a sentence instead of half-read.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "model/saved_seat.hpp"

namespace attune::client {
namespace {

SavedSeat sample_seat() {
  SavedSeat seat;
  seat.server = "192.168.1.20:7420";
  seat.room_id = "room-1";
  seat.seat_token = "t0k3n";
  seat.last_seq = 42;
  seat.seat = v1::SEAT_PARTNER_B;
  seat.name = "Sam";
  seat.partner_name = "Maya";
  seat.host_fingerprint = "ab12";
  seat.hosted_here = false;
  seat.port = 7420;
  seat.saved_at_ms = 1'700'000'000'000;
  seat.keep_ms = 900'000;
  // Newlines, a length-looking line, emoji and Hebrew: all kept as bytes.
  seat.drafts["validation"] = "It makes sense\nreflection 12\n\xF0\x9F\x98\x94 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";
  seat.drafts["feelings"] = "tired\nlonely\n";
  return seat;
}

std::filesystem::path fresh_dir(const char* name) {
  auto dir = std::filesystem::temp_directory_path() / (std::string(name) + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

TEST(SavedSeat, RoundTripsEveryFieldByteForByte) {
  const SavedSeat seat = sample_seat();
  std::string error;
  const auto back = decode_saved_seat(encode_saved_seat(seat), error);
  ASSERT_TRUE(back.has_value()) << error;
  EXPECT_EQ(back->server, seat.server);
  EXPECT_EQ(back->room_id, seat.room_id);
  EXPECT_EQ(back->seat_token, seat.seat_token);
  EXPECT_EQ(back->last_seq, 42U);
  EXPECT_EQ(back->seat, v1::SEAT_PARTNER_B);
  EXPECT_EQ(back->partner_name, "Maya");
  EXPECT_EQ(back->host_fingerprint, "ab12");
  EXPECT_EQ(back->keep_ms, 900'000);
  EXPECT_EQ(back->drafts, seat.drafts);
}

TEST(SavedSeat, ADamagedFileIsRefusedWithAReason) {
  std::string text = encode_saved_seat(sample_seat());
  std::string error;
  EXPECT_FALSE(decode_saved_seat(text.substr(0, text.size() / 2), error).has_value());
  EXPECT_NE(error.find("cut short"), std::string::npos);
  error.clear();
  EXPECT_FALSE(decode_saved_seat("something else\n", error).has_value());
  EXPECT_FALSE(error.empty());
  error.clear();
  SavedSeat no_token = sample_seat();
  no_token.seat_token.clear();
  EXPECT_FALSE(decode_saved_seat(encode_saved_seat(no_token), error).has_value());
  EXPECT_FALSE(error.empty());
}

TEST(SavedSeat, IsWrittenOwnerOnlyAndForgotten) {
  const auto dir = fresh_dir("attune-seat-test");
  ASSERT_FALSE(save_seat(dir, sample_seat()).has_value());
  struct stat info {};
  ASSERT_EQ(::stat((dir / "seat").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  ASSERT_EQ(::stat(dir.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700);
  std::string error;
  const auto loaded = load_seat(dir, error);
  ASSERT_TRUE(loaded.has_value()) << error;
  EXPECT_EQ(loaded->drafts, sample_seat().drafts);
  forget_seat(dir);
  EXPECT_FALSE(load_seat(dir, error).has_value());
  EXPECT_TRUE(error.empty());  // nothing saved is not an error
  std::filesystem::remove_all(dir);
}

TEST(SavedSeat, TheStartScreenRemembersNameAndAddress) {
  const auto dir = fresh_dir("attune-start-test");
  EXPECT_TRUE(load_remembered(dir).name.empty());
  ASSERT_FALSE(save_remembered(dir, Remembered{"Sam", "192.168.1.20:7420"}).has_value());
  const auto back = load_remembered(dir);
  EXPECT_EQ(back.name, "Sam");
  EXPECT_EQ(back.address, "192.168.1.20:7420");
  std::filesystem::remove_all(dir);
}

TEST(SavedSeat, KeptUntilIsTheLastSavePlusTheHostsKeepTime) {
  SavedSeat seat;
  seat.saved_at_ms = 1'000'000;
  seat.keep_ms = 4 * 60 * 1000;  // a host started with --keep-seat 4
  EXPECT_EQ(seat_kept_until(seat), 1'000'000 + 240'000);
  EXPECT_TRUE(seat_still_kept(seat, 1'000'000 + 239'999));
  EXPECT_FALSE(seat_still_kept(seat, 1'000'000 + 240'000));
  seat.keep_ms = 0;
  EXPECT_EQ(seat_kept_until(seat), 0);
}

TEST(SavedSeat, IsKeptOnlyForTheHostsKeepTime) {
  SavedSeat seat = sample_seat();
  EXPECT_TRUE(seat_still_kept(seat, seat.saved_at_ms + seat.keep_ms - 1));
  EXPECT_FALSE(seat_still_kept(seat, seat.saved_at_ms + seat.keep_ms));
}

}  // namespace
}  // namespace attune::client
