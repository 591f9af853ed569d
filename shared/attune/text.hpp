// Small, pure helpers for text people type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace attune {

[[nodiscard]] std::string_view trim(std::string_view text);
struct CodePoint {
  std::uint32_t value = 0;  // the byte itself when not valid
  std::size_t length = 1;   // bytes it takes (1 when not valid)
  bool valid = false;
};
// Decodes the UTF-8 sequence starting at `at` (< text.size()).
[[nodiscard]] CodePoint next_code_point(std::string_view text, std::size_t at);
[[nodiscard]] bool is_valid_utf8(std::string_view text);
// Code points in valid UTF-8 text (bytes if it is not valid).
[[nodiscard]] std::size_t utf8_length(std::string_view text);
// A moment (milliseconds since the Unix epoch) through strftime's `format`,
// in this computer's time zone or in UTC. The one time formatter of every
// screen, listing and report.
enum class TimeZone { kLocal, kUtc };
[[nodiscard]] std::string format_time(std::int64_t ms, const char* format, TimeZone zone = TimeZone::kLocal);

// ASCII lower-casing; other bytes are kept as they are.
[[nodiscard]] std::string ascii_lower(std::string_view text);

}  // namespace attune
