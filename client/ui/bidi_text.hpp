// Right-to-left text for display only: Hebrew and Arabic are stored and sent
// in logical order (the order they were typed), but Dear ImGui draws every
// string left to right, one character at a time. These functions make a copy
// for the screen with GNU FriBidi: the Unicode bidi algorithm per line
// (right-to-left runs reversed, numbers and Latin inside them kept in their
// order) and Arabic letters shaped into their joined presentation forms.
// The text they are given is never changed.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::ui {

// True when the text holds a character of a right-to-left script (Hebrew,
// Arabic, Syriac, Thaana, N'Ko and their presentation forms) or a
// right-to-left mark: only such text needs the display transform.
[[nodiscard]] bool has_rtl(std::string_view utf8);

// One line as drawn: its characters in visual (left-to-right screen) order,
// and whether its paragraph reads right to left (then it is right-aligned).
struct DisplayLine {
  std::string text;
  bool rtl = false;
};

// The width a run of characters takes on screen (UTF-8, shaped).
using MeasureText = std::function<float(std::string_view)>;

// The text as lines for the screen. Each paragraph (split at '\n') gets its
// direction from its first strong character, is shaped, then wrapped in
// logical order at spaces within `width` (a word wider than the line is
// broken between characters), and each line is reordered on its own, so a
// wrapped right-to-left paragraph reads from its top right corner.
// `width` <= 0: no wrapping.
[[nodiscard]] std::vector<DisplayLine> display_lines(std::string_view utf8, float width, const MeasureText& measure);

// The same without wrapping: each paragraph on one line, joined with '\n'.
[[nodiscard]] std::string display_text(std::string_view utf8);

}  // namespace attune::ui
