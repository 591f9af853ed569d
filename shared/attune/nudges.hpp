// Gentle nudges: when a draft reads as criticism, contempt, defensiveness,
// stonewalling, absolutes or advice, suggest another way to say it. Never
// blocking; pure. The rules and word lists are data (assets/nudges.textproto);
// the pattern language is described in proto/attune/v1/content.proto.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "attune/content_problem.hpp"
#include "attune/v1/content.pb.h"

namespace attune {

struct Nudge {
  std::string rule_id;
  v1::NudgeKind kind = v1::NUDGE_KIND_UNSPECIFIED;
  std::string phrase;   // the words of the draft that matched, as written there
  std::string message;  // the suggestion
};

// One word of a draft after folding: lower case, contractions expanded.
struct NudgeWord {
  std::string word;
  std::size_t begin = 0;  // bytes of the draft it came from
  std::size_t end = 0;
  int clause = 0;    // commas, colons, dashes and sentence ends start a new clause
  int sentence = 0;  // . ! ? ; and the ellipsis start a new sentence
  bool quoted = false;
};

// The draft as words. Apostrophes may be straight or curly; "you're" reads as
// "you are", "didn't" as "did not"; runs of three or more of one letter
// collapse ("sooo" -> "so").
[[nodiscard]] std::vector<NudgeWord> nudge_words(std::string_view draft);

// A lexicon compiled once; matching is then cheap enough for every keystroke.
class NudgeMatcher {
 public:
  explicit NudgeMatcher(const v1::NudgeLexicon& lexicon);
  ~NudgeMatcher();
  NudgeMatcher(NudgeMatcher&&) noexcept;
  NudgeMatcher& operator=(NudgeMatcher&&) noexcept;
  NudgeMatcher(const NudgeMatcher&) = delete;
  NudgeMatcher& operator=(const NudgeMatcher&) = delete;

  // One nudge per matching rule, in lexicon order.
  [[nodiscard]] std::vector<Nudge> find(v1::StepKind step, std::string_view draft) const;
  // What was wrong with the lexicon; rules and patterns at fault are skipped.
  [[nodiscard]] const std::vector<ContentProblem>& problems() const;

 private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
};

[[nodiscard]] std::vector<Nudge> find_nudges(const v1::NudgeLexicon& lexicon, v1::StepKind step,
                                             std::string_view draft);

// Pure check of a lexicon: ids, kinds, messages, pattern syntax, lists used
// but not defined. Empty means fine.
[[nodiscard]] std::vector<ContentProblem> check_nudges(const v1::NudgeLexicon& lexicon);

}  // namespace attune
