// The file fuzz corpora as ordinary tests: every seed (the crafted hostile
// files among them, and any crash the fuzzer finds, once saved here) goes
// through the same path as the fuzz targets, whole and cut at many points.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "files_to_replay.hpp"

namespace {

using Feed = void (*)(const std::uint8_t*, std::size_t);

std::size_t replay_corpus(const char* folder, Feed feed) {
  std::size_t seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(ATTUNE_FUZZ_DIR) / folder)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string data = bytes.str();
    feed(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
    // Cut and flipped, at a few hundred places at most per seed.
    const std::size_t stride = std::max<std::size_t>(7, data.size() / 200);
    for (std::size_t cut = 0; cut < data.size(); cut += stride) {
      std::string mutated = data.substr(0, cut);
      if (!mutated.empty()) mutated.back() = static_cast<char>(mutated.back() ^ 0x5a);
      feed(reinterpret_cast<const std::uint8_t*>(mutated.data()), mutated.size());
    }
    ++seeds;
  }
  return seeds;
}

TEST(FileFuzzCorpus, EverySessionSeedOpensCleanlyWholeAndCut) {
  EXPECT_GE(replay_corpus("corpus-session", &attune::fuzz::feed_session), 5U);
}

TEST(FileFuzzCorpus, EveryHindsightSeedLoadsCleanlyWholeAndCut) {
  EXPECT_GE(replay_corpus("corpus-hindsight", &attune::fuzz::feed_hindsight), 2U);
}

}  // namespace
