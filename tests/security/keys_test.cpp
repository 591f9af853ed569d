// The device identity and trust pins on disk: owner-only whatever the umask.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "attune/keys.hpp"

namespace attune {
namespace {

namespace fs = std::filesystem;

class ScratchDir {
 public:
  ScratchDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("attune-keys-" + std::to_string(random()) + std::to_string(::getpid()));
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 0777U;
}

class WideUmask {
 public:
  WideUmask() : old_(::umask(0)) {}
  ~WideUmask() { ::umask(old_); }
  WideUmask(const WideUmask&) = delete;
  WideUmask& operator=(const WideUmask&) = delete;

 private:
  mode_t old_;
};

TEST(DeviceKeys, FirstRunCreatesAnOwnerOnlyFolderAndFilesEvenWithAWideUmask) {
  ScratchDir scratch;
  const fs::path dir = scratch.path() / "nested" / "attune";
  WideUmask wide;
  const DeviceKeys keys = open_device_keys(dir);
  keys.trust->trust_device("00ff");
  EXPECT_EQ(mode_of(dir), 0700U);
  EXPECT_EQ(mode_of(dir / "device.key"), 0600U);
  EXPECT_EQ(mode_of(dir / "device.crt"), 0600U);
  EXPECT_EQ(mode_of(dir / "trust"), 0600U);
  EXPECT_EQ(keys.identity.fingerprint.size(), 64U);
}

TEST(DeviceKeys, TheIdentityIsLongLivedAndThePinsSurviveARestart) {
  ScratchDir scratch;
  std::string fingerprint;
  {
    const DeviceKeys keys = open_device_keys(scratch.path());
    fingerprint = keys.identity.fingerprint;
    keys.trust->pin_host("192.168.1.20:7420", "aa11");
    keys.trust->trust_device("bb22");
  }
  const DeviceKeys again = open_device_keys(scratch.path());
  EXPECT_EQ(again.identity.fingerprint, fingerprint);
  EXPECT_TRUE(again.trust->trusts_host("aa11"));
  EXPECT_EQ(again.trust->host_at("192.168.1.20:7420"), "aa11");
  EXPECT_TRUE(again.trust->trusts_device("bb22"));
  EXPECT_FALSE(again.trust->trusts_device("aa11"));
}

TEST(DeviceKeys, AnExistingFolderWithWideModesIsNarrowed) {
  ScratchDir scratch;
  fs::create_directories(scratch.path());
  ::chmod(scratch.path().c_str(), 0777);
  (void)open_device_keys(scratch.path());
  ::chmod((scratch.path() / "device.key").c_str(), 0644);
  (void)open_device_keys(scratch.path());
  EXPECT_EQ(mode_of(scratch.path()), 0700U);
  EXPECT_EQ(mode_of(scratch.path() / "device.key"), 0600U);
}

TEST(DeviceKeys, TwoDevicesHaveDifferentIdentities) {
  EXPECT_NE(make_ephemeral_identity().fingerprint, make_ephemeral_identity().fingerprint);
}

}  // namespace
}  // namespace attune
