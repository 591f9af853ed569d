#include "ui/bidi_text.hpp"

#include <fribidi.h>

#include <cstdint>
#include <vector>

#include "attune/text.hpp"

namespace attune::ui {
namespace {

// Decodes UTF-8 with the one shared reader; a broken byte becomes U+FFFD
// (for display only).
std::u32string decode(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint next = next_code_point(text, i);
    out.push_back(next.valid ? static_cast<char32_t>(next.value) : char32_t{0xFFFD});
    i += next.length;
  }
  return out;
}

void encode(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0U | (c >> 6U)));
    out.push_back(static_cast<char>(0x80U | (c & 0x3FU)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0U | (c >> 12U)));
    out.push_back(static_cast<char>(0x80U | ((c >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (c & 0x3FU)));
  } else {
    out.push_back(static_cast<char>(0xF0U | (c >> 18U)));
    out.push_back(static_cast<char>(0x80U | ((c >> 12U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | ((c >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (c & 0x3FU)));
  }
}

bool rtl_char(char32_t c) {
  return (c >= 0x0590 && c <= 0x08FF) ||  // Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic
         (c >= 0xFB1D && c <= 0xFDFF) ||  // Hebrew and Arabic presentation forms A
         (c >= 0xFE70 && c <= 0xFEFE) ||  // Arabic presentation forms B
         c == 0x200F || c == 0x202B || c == 0x202E || c == 0x2067;  // RLM, RLE, RLO, RLI
}

// A paragraph after the bidi algorithm and shaping, still in logical order.
struct Paragraph {
  std::vector<FriBidiChar> shaped;
  std::vector<FriBidiCharType> types;
  std::vector<FriBidiLevel> levels;
  FriBidiParType direction = FRIBIDI_PAR_LTR;
};

Paragraph prepare(const std::u32string& logical) {
  Paragraph p;
  const auto length = static_cast<FriBidiStrIndex>(logical.size());
  p.shaped.assign(logical.begin(), logical.end());
  p.types.resize(logical.size());
  p.levels.resize(logical.size());
  if (logical.empty()) return p;
  std::vector<FriBidiBracketType> brackets(logical.size());
  std::vector<FriBidiArabicProp> joining(logical.size());
  fribidi_get_bidi_types(p.shaped.data(), length, p.types.data());
  fribidi_get_bracket_types(p.shaped.data(), length, p.types.data(), brackets.data());
  FriBidiParType direction = FRIBIDI_PAR_ON;  // from the first strong character
  if (fribidi_get_par_embedding_levels_ex(p.types.data(), brackets.data(), length, &direction, p.levels.data()) == 0) {
    // Out of memory inside FriBidi: show the text as stored.
    p.levels.assign(logical.size(), 0);
    return p;
  }
  p.direction = direction;
  fribidi_get_joining_types(p.shaped.data(), length, joining.data());
  fribidi_join_arabic(p.types.data(), length, p.levels.data(), joining.data());
  fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, p.levels.data(), length, joining.data(), p.shaped.data());
  return p;
}

// Characters [start, end) of the paragraph in visual order, as UTF-8. The
// place-holders FriBidi leaves where two letters became one ligature go.
std::string visual(const Paragraph& p, std::size_t start, std::size_t end) {
  if (start >= end) return {};
  // fribidi_reorder_line works on paragraph-wide arrays at offset `start`,
  // and rewrites the line's part of both.
  std::vector<FriBidiChar> line = p.shaped;
  std::vector<FriBidiLevel> levels = p.levels;
  const auto length = static_cast<FriBidiStrIndex>(end - start);
  if (fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT, p.types.data(), length, static_cast<FriBidiStrIndex>(start),
                           p.direction, levels.data(), line.data(), nullptr) == 0) {
    line = p.shaped;  // out of memory inside FriBidi: the line as stored
  }
  std::string out;
  out.reserve((end - start) * 2);
  for (std::size_t i = start; i < end; ++i) {
    if (line[i] == FRIBIDI_CHAR_FILL) continue;
    encode(line[i], out);
  }
  return out;
}

// UTF-8 of shaped characters [start, end), in logical order (to measure).
std::string logical_run(const Paragraph& p, std::size_t start, std::size_t end) {
  std::string out;
  for (std::size_t i = start; i < end; ++i) {
    if (p.shaped[i] != FRIBIDI_CHAR_FILL) encode(p.shaped[i], out);
  }
  return out;
}

// Greedy wrapping at spaces in logical order: the [start, end) of each line.
std::vector<std::pair<std::size_t, std::size_t>> wrap(const Paragraph& p, float width, const MeasureText& measure) {
  std::vector<std::pair<std::size_t, std::size_t>> lines;
  const std::size_t size = p.shaped.size();
  if (width <= 0.0F || !measure) {
    lines.emplace_back(0, size);
    return lines;
  }
  std::size_t start = 0;
  while (start < size) {
    // Longest run of whole words from `start` that fits.
    std::size_t end = start;
    std::size_t i = start;
    while (i < size) {
      std::size_t word_end = i;
      while (word_end < size && p.shaped[word_end] == U' ') ++word_end;
      while (word_end < size && p.shaped[word_end] != U' ') ++word_end;
      if (measure(logical_run(p, start, word_end)) > width) break;
      end = word_end;
      i = word_end;
    }
    if (end == start) {
      // One word wider than the line: as many characters as fit (at least one).
      end = start + 1;
      while (end < size && p.shaped[end] != U' ' && measure(logical_run(p, start, end + 1)) <= width) ++end;
    }
    std::size_t trimmed = end;
    while (trimmed > start && p.shaped[trimmed - 1] == U' ') --trimmed;
    lines.emplace_back(start, trimmed);
    start = end;
    while (start < size && p.shaped[start] == U' ') ++start;
  }
  if (lines.empty()) lines.emplace_back(0, 0);
  return lines;
}

}  // namespace

bool has_rtl(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    // Every right-to-left character starts with one of these lead bytes:
    // D6-DF (U+0580-U+07FF), E0 (U+0800-U+0FFF), E2 (marks), EF (U+F000-U+FFFF).
    if (byte < 0xD6 || (byte > 0xE0 && byte != 0xE2 && byte != 0xEF) || byte > 0xEF) continue;
    std::size_t length = byte < 0xE0 ? 2U : 3U;
    if (i + length > utf8.size()) return false;
    const auto chars = decode(utf8.substr(i, length));
    if (!chars.empty() && rtl_char(chars.front())) return true;
    i += length - 1;
  }
  return false;
}

std::vector<DisplayLine> display_lines(std::string_view utf8, float width, const MeasureText& measure) {
  std::vector<DisplayLine> out;
  std::size_t start = 0;
  while (start <= utf8.size()) {
    const std::size_t newline = utf8.find('\n', start);
    const std::size_t end = newline == std::string_view::npos ? utf8.size() : newline;
    const Paragraph p = prepare(decode(utf8.substr(start, end - start)));
    const bool rtl = p.direction == FRIBIDI_PAR_RTL;
    for (const auto& [line_start, line_end] : wrap(p, width, measure)) {
      out.push_back({visual(p, line_start, line_end), rtl});
    }
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  return out;
}

std::string display_text(std::string_view utf8) {
  std::string out;
  for (const auto& line : display_lines(utf8, 0.0F, {})) {
    out += line.text;
    out += '\n';
  }
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace attune::ui
