// Small, pure helpers for text people type.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace attune {

[[nodiscard]] std::string_view trim(std::string_view text);
[[nodiscard]] bool is_valid_utf8(std::string_view text);
// Code points in valid UTF-8 text (bytes if it is not valid).
[[nodiscard]] std::size_t utf8_length(std::string_view text);
// ASCII lower-casing; other bytes are kept as they are.
[[nodiscard]] std::string ascii_lower(std::string_view text);

}  // namespace attune
