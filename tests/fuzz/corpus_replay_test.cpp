// The fuzz corpus as ordinary tests: every seed (and every crash the fuzzer
// ever found, once saved here) goes through the same path as the fuzz target.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "frames_to_engine.hpp"

namespace {

TEST(FuzzCorpus, EverySeedRunsThroughFramesAndTheEngineCleanly) {
  std::size_t seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(ATTUNE_FUZZ_CORPUS)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string data = bytes.str();
    attune::fuzz::feed(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
    ++seeds;
  }
  EXPECT_GE(seeds, 8U);
}

TEST(FuzzCorpus, TruncatedAndFlippedSeedsRunCleanly) {
  for (const auto& entry : std::filesystem::directory_iterator(ATTUNE_FUZZ_CORPUS)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string data = bytes.str();
    for (std::size_t cut = 0; cut < data.size(); cut += 7) {
      std::string mutated = data.substr(0, cut);
      if (!mutated.empty()) mutated.back() = static_cast<char>(mutated.back() ^ 0x5a);
      attune::fuzz::feed(reinterpret_cast<const std::uint8_t*>(mutated.data()), mutated.size());
    }
  }
}

}  // namespace
