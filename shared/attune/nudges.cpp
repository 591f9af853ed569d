#include "attune/nudges.hpp"

#include <algorithm>
#include <cstdint>

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

// A stray byte reads as itself.
std::uint32_t code_point_at(std::string_view text, std::size_t at) { return next_code_point(text, at).value; }

// Letters and digits belong to a word; so do non-ASCII characters except
// the punctuation and spaces phones and word processors put in (no-break
// space, Latin-1 punctuation, general punctuation such as dashes, curly
// quotes and the ellipsis, CJK punctuation).
bool is_word_code_point(std::uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '\'';
  }
  if ((cp >= 0x00A0 && cp <= 0x00BF) || cp == 0x00D7 || cp == 0x00F7) return false;
  if (cp >= 0x2000 && cp <= 0x206F) return false;
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  return true;
}

bool word_char_before(std::string_view text, std::size_t at) {
  if (at == 0) return false;
  std::size_t start = at - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0U) == 0x80U) --start;
  return is_word_code_point(code_point_at(text, start));
}

bool word_char_at(std::string_view text, std::size_t at) {
  return at < text.size() && is_word_code_point(code_point_at(text, at));
}

bool contains_phrase(std::string_view text, std::string_view phrase) {
  if (phrase.empty()) return false;
  for (std::size_t at = text.find(phrase); at != std::string_view::npos; at = text.find(phrase, at + 1)) {
    const bool start_ok = !word_char_before(text, at);
    const bool end_ok = !word_char_at(text, at + phrase.size());
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
