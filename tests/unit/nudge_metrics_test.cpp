// Nudge quality on the hand-labelled set in tests/unit/nudge_set.tsv:
// precision and recall per category and their macro average, printed and
// held above a floor. Point ATTUNE_NUDGE_SET at another file in the same
// format to measure it (the floor then is not applied, only printed).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "attune/content.hpp"
#include "attune/nudges.hpp"

namespace attune {
namespace {

struct Category {
  const char* label;
  v1::NudgeKind kind;
};

constexpr std::array<Category, 6> kCategories{{{"criticism", v1::NUDGE_KIND_CRITICISM},
                                               {"contempt", v1::NUDGE_KIND_CONTEMPT},
                                               {"defensiveness", v1::NUDGE_KIND_DEFENSIVE},
                                               {"stonewalling", v1::NUDGE_KIND_STONEWALLING},
                                               {"absolutes", v1::NUDGE_KIND_ABSOLUTES},
                                               {"advice", v1::NUDGE_KIND_ADVICE}}};

struct Example {
  int line = 0;
  std::set<v1::NudgeKind> labels;
  v1::StepKind step = v1::STEP_KIND_UNSPECIFIED;
  std::string sentence;
};

// Reads the set; a malformed line is a test failure naming it.
std::vector<Example> read_set(const std::filesystem::path& file) {
  std::ifstream in(file);
  EXPECT_TRUE(in.good()) << "cannot open " << file;
  std::vector<Example> set;
  std::string line;
  int number = 0;
  const std::map<std::string, v1::StepKind> steps{{"share", v1::STEP_KIND_SHARE},
                                                  {"reflect", v1::STEP_KIND_REFLECT},
                                                  {"confirm", v1::STEP_KIND_CONFIRM},
                                                  {"validate", v1::STEP_KIND_VALIDATE}};
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const auto tab1 = line.find('\t');
    const auto tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string::npos) {
      ADD_FAILURE() << file << ":" << number << ": needs three tab-separated columns";
      continue;
    }
    Example example;
    example.line = number;
    std::stringstream labels(line.substr(0, tab1));
    for (std::string label; std::getline(labels, label, ',');) {
      if (label == "-") continue;
      bool known = false;
      for (const auto& category : kCategories) {
        if (label == category.label) {
          example.labels.insert(category.kind);
          known = true;
        }
      }
      if (!known) ADD_FAILURE() << file << ":" << number << ": unknown label " << label;
    }
    const auto step = steps.find(line.substr(tab1 + 1, tab2 - tab1 - 1));
    if (step == steps.end()) {
      ADD_FAILURE() << file << ":" << number << ": the step must be share, reflect, confirm or validate";
      continue;
    }
    example.step = step->second;
    example.sentence = line.substr(tab2 + 1);
    set.push_back(std::move(example));
  }
  return set;
}

struct Score {
  int tp = 0, fp = 0, fn = 0, support = 0;
  [[nodiscard]] double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  [[nodiscard]] double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
};

TEST(NudgeMetrics, HandLabelledSetMeetsTheFloor) {
  const char* other = std::getenv("ATTUNE_NUDGE_SET");
  const bool own_set = other == nullptr || *other == '\0';
  const std::filesystem::path file = own_set ? std::filesystem::path(ATTUNE_NUDGE_SET) : other;
  const auto set = read_set(file);
  auto loaded = load_nudges(std::filesystem::path(ATTUNE_TEST_ASSETS) / "nudges.textproto");
  ASSERT_TRUE(std::holds_alternative<v1::NudgeLexicon>(loaded)) << std::get<ContentError>(loaded).message;
  const NudgeMatcher matcher(std::get<v1::NudgeLexicon>(loaded));
  const bool verbose = std::getenv("ATTUNE_NUDGE_VERBOSE") != nullptr;

  std::map<v1::NudgeKind, Score> scores;
  int silent = 0;
  int silent_kept = 0;
  for (const auto& example : set) {
    std::set<v1::NudgeKind> fired;
    for (const auto& nudge : matcher.find(example.step, example.sentence)) fired.insert(nudge.kind);
    if (example.labels.empty()) {
      ++silent;
      if (fired.empty()) ++silent_kept;
    }
    for (const auto& category : kCategories) {
      const bool want = example.labels.count(category.kind) > 0;
      const bool got = fired.count(category.kind) > 0;
      Score& score = scores[category.kind];
      score.support += want ? 1 : 0;
      score.tp += want && got ? 1 : 0;
      score.fp += !want && got ? 1 : 0;
      score.fn += want && !got ? 1 : 0;
      if (verbose && want != got) {
        std::printf("  %s %-13s line %d: %s\n", got ? "extra" : "missed", category.label, example.line,
                    example.sentence.c_str());
      }
    }
  }

  double precision_sum = 0;
  double recall_sum = 0;
  std::printf("Nudge metrics on %s (%zu sentences, %d should stay silent)\n", file.string().c_str(), set.size(),
              silent);
  std::printf("%-14s %8s %9s %7s\n", "category", "support", "precision", "recall");
  for (const auto& category : kCategories) {
    const Score& score = scores[category.kind];
    std::printf("%-14s %8d %9.2f %7.2f\n", category.label, score.support, score.precision(), score.recall());
    precision_sum += score.precision();
    recall_sum += score.recall();
  }
  const double macro_precision = precision_sum / kCategories.size();
  const double macro_recall = recall_sum / kCategories.size();
  std::printf("%-14s %8s %9.2f %7.2f\n", "macro", "", macro_precision, macro_recall);
  std::printf("silent sentences left silent: %d of %d\n", silent_kept, silent);
  if (!own_set) return;

  // The set itself: big enough to mean something.
  EXPECT_GE(set.size(), 300U);
  EXPECT_GE(silent, 80);
  for (const auto& category : kCategories) EXPECT_GE(scores[category.kind].support, 30) << category.label;
  // The floor: the targets, with every category pulling its weight.
  EXPECT_GE(macro_precision, 0.85);
  EXPECT_GE(macro_recall, 0.70);
  for (const auto& category : kCategories) {
    EXPECT_GE(scores[category.kind].precision(), 0.75) << category.label;
    EXPECT_GE(scores[category.kind].recall(), 0.60) << category.label;
  }
  EXPECT_GE(silent_kept * 10, silent * 9) << "at least 90% of the silent sentences stay silent";
}

}  // namespace
}  // namespace attune
