// Calm, warm colours and the fonts the views use. Pure ImGui.
#pragma once

#include <imgui.h>

namespace attune::ui {

enum class Theme { kLight, kDark };

struct Palette {
  ImVec4 background;
  ImVec4 panel;
  ImVec4 panel_alt;  // the partner's words, the bar
  ImVec4 text;
  ImVec4 muted;
  ImVec4 accent;  // primary actions, the speaker
  ImVec4 accent_soft;
  ImVec4 listener;  // the listener's colour in the radar
  ImVec4 warning;   // gentle, never alarming
  ImVec4 warning_bg;
  ImVec4 border;
};

struct Fonts {
  ImFont* body = nullptr;  // nullptr: ImGui's current font
  ImFont* heading = nullptr;
  ImFont* big = nullptr;
  ImFont* small = nullptr;
};

void apply_theme(Theme theme, float scale);
[[nodiscard]] const Palette& palette();
[[nodiscard]] Theme current_theme();
void set_fonts(const Fonts& fonts);
[[nodiscard]] const Fonts& fonts();

[[nodiscard]] ImU32 to_u32(const ImVec4& colour, float alpha = 1.0F);

}  // namespace attune::ui
