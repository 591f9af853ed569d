#include "attune/nudges.hpp"

#include <algorithm>

#include "attune/text.hpp"

namespace attune {
namespace {

// Lower-case ASCII, curly apostrophes (U+2019, U+2018) folded to '.
std::string normalise(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
        static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0x98 || static_cast<unsigned char>(text[i + 2]) == 0x99)) {
      out.push_back('\'');
      i += 2;
      continue;
    }
    out.push_back(text[i]);
  }
  return ascii_lower(out);
}

bool is_word_char(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c >= 0x80;
}

bool contains_phrase(std::string_view text, std::string_view phrase) {
  if (phrase.empty()) return false;
  for (std::size_t at = text.find(phrase); at != std::string_view::npos; at = text.find(phrase, at + 1)) {
    const bool start_ok = at == 0 || !is_word_char(text[at - 1]);
    const std::size_t end = at + phrase.size();
    const bool end_ok = end == text.size() || !is_word_char(text[end]);
    if (start_ok && end_ok) return true;
  }
  return false;
}

}  // namespace

std::vector<Nudge> find_nudges(const v1::NudgeLexicon& lexicon, v1::StepKind step, std::string_view draft) {
  std::vector<Nudge> found;
  const std::string text = normalise(draft);
  for (const auto& rule : lexicon.rules()) {
    const auto& steps = rule.steps();
    const bool applies = steps.empty() || std::find(steps.begin(), steps.end(), step) != steps.end();
    if (!applies) continue;
    for (const auto& phrase : rule.phrases()) {
      if (contains_phrase(text, normalise(phrase))) {
        found.push_back(Nudge{rule.id(), rule.kind(), phrase, rule.message()});
        break;
      }
    }
  }
  return found;
}

}  // namespace attune
