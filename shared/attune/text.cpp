#include "attune/text.hpp"

#include <array>
#include <cstdint>
#include <ctime>

namespace attune {

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

CodePoint next_code_point(std::string_view text, std::size_t at) {
  const auto c = static_cast<unsigned char>(text[at]);
  if (c < 0x80) return CodePoint{c, 1, true};
  std::size_t extra = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0U) == 0xC0U) {
    extra = 1;
    cp = c & 0x1FU;
  } else if ((c & 0xF0U) == 0xE0U) {
    extra = 2;
    cp = c & 0x0FU;
  } else if ((c & 0xF8U) == 0xF0U) {
    extra = 3;
    cp = c & 0x07U;
  } else {
    return CodePoint{c, 1, false};
  }
  if (at + extra >= text.size()) return CodePoint{c, 1, false};
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto cc = static_cast<unsigned char>(text[at + k]);
    if ((cc & 0xC0U) != 0x80U) return CodePoint{c, 1, false};
    cp = (cp << 6U) | (cc & 0x3FU);
  }
  // Overlong forms, surrogates and values past Unicode are not text.
  const bool valid = !((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
                       (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF);
  return CodePoint{valid ? cp : c, valid ? extra + 1 : 1, valid};
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint next = next_code_point(text, i);
    if (!next.valid) return false;
    i += next.length;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  if (!is_valid_utf8(text)) return text.size();
  std::size_t count = 0;
  for (const char ch : text) {
    if ((static_cast<unsigned char>(ch) & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

std::string format_time(std::int64_t ms, const char* format, TimeZone zone) {
  const auto seconds = static_cast<std::time_t>(ms / 1000);
  std::tm parts{};
  if (zone == TimeZone::kUtc) {
    gmtime_r(&seconds, &parts);
  } else {
    localtime_r(&seconds, &parts);
  }
  std::array<char, 64> text{};
  const std::size_t n = std::strftime(text.data(), text.size(), format, &parts);
  return std::string(text.data(), n);
}

}  // namespace attune
