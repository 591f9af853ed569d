// Writes the seed corpora of the file fuzz targets: a normal session, the
// crafted hostile files (an exercise swapped under a running round, a
// snapshot bomb, an oversized record, a cut-short file) and hindsight
// sidecars. Run by hand: attune_fuzz_file_seeds tests/fuzz
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "crafted_sessions.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: attune_fuzz_file_seeds DIR\n";
    return 2;
  }
  namespace fs = std::filesystem;
  const fs::path sessions = fs::path(argv[1]) / "corpus-session";
  const fs::path hindsight = fs::path(argv[1]) / "corpus-hindsight";
  fs::create_directories(sessions);
  fs::create_directories(hindsight);
  auto write = [](const fs::path& file, const std::string& bytes) { std::ofstream(file, std::ios::binary) << bytes; };

  using namespace attune;
  write(sessions / "step-past-swapped-exercise", crafted::file_of(crafted::step_past_swapped_exercise()));
  write(sessions / "short-round", crafted::file_of(crafted::step_past_swapped_exercise(4)));
  write(sessions / "snapshot-bomb", crafted::file_of(crafted::snapshot_bomb(3000)));
  const std::string normal = crafted::file_of(crafted::step_past_swapped_exercise(0));
  write(sessions / "cut-short", normal.substr(0, normal.size() - 3));
  // A record whose length claims 4 GB: refused before any allocation.
  std::string oversized = normal.substr(0, 12);
  oversized += std::string("\xff\xff\xff\xff\x0f", 5);
  write(sessions / "oversized-record", oversized);

  v1::HindsightFile layer;
  layer.set_room_id("crafted");
  for (const auto rater : {v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B}) {
    auto* mine = layer.add_layers();
    mine->set_rater(rater);
    for (std::uint64_t seq = 1; seq < 6; ++seq) {
      auto* moment = mine->add_moments();
      moment->set_seq(seq);
      moment->set_self(static_cast<std::uint32_t>(seq + 2));
      moment->set_partner(static_cast<std::uint32_t>(9 - seq));
    }
  }
  write(hindsight / "two-raters", layer.SerializeAsString());
  layer.mutable_layers(0)->set_rater(v1::SEAT_HOST);
  write(hindsight / "host-as-rater", layer.SerializeAsString());
  std::cout << "wrote seeds to " << sessions << " and " << hindsight << "\n";
  return 0;
}
