// Gentle nudges: when a draft reads as criticism, contempt, defensiveness or
// advice, suggest another way to say it. Never blocking; pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "attune/v1/content.pb.h"

namespace attune {

struct Nudge {
  std::string rule_id;
  v1::NudgeKind kind = v1::NUDGE_KIND_UNSPECIFIED;
  std::string phrase;   // what matched, as written in the lexicon
  std::string message;  // the suggestion
};

// One nudge per matching rule, in lexicon order. Matches are on word
// boundaries, case-insensitive, with curly apostrophes read as straight ones.
[[nodiscard]] std::vector<Nudge> find_nudges(const v1::NudgeLexicon& lexicon, v1::StepKind step,
                                             std::string_view draft);

}  // namespace attune
