#include "ui/theme.hpp"

namespace attune::ui {
namespace {

ImVec4 rgb(int r, int g, int b) {
  return ImVec4(static_cast<float>(r) / 255.0F, static_cast<float>(g) / 255.0F, static_cast<float>(b) / 255.0F, 1.0F);
}

const Palette kLight{
    rgb(246, 241, 234),  // background: warm paper
    rgb(255, 252, 247),  // panel
    rgb(238, 231, 221),  // panel_alt
    rgb(58, 51, 46),     // text
    rgb(122, 111, 101),  // muted
    rgb(94, 138, 116),   // accent: sage
    rgb(214, 229, 219),  // accent_soft
    rgb(196, 121, 86),   // listener: clay
    rgb(150, 96, 40),    // warning
    rgb(250, 236, 210),  // warning_bg
    rgb(221, 211, 198),  // border
};

const Palette kDark{
    rgb(31, 28, 26),     // background
    rgb(43, 39, 36),     // panel
    rgb(52, 47, 43),     // panel_alt
    rgb(237, 230, 221),  // text
    rgb(168, 157, 145),  // muted
    rgb(134, 179, 154),  // accent
    rgb(56, 74, 64),     // accent_soft
    rgb(222, 150, 113),  // listener
    rgb(232, 190, 128),  // warning
    rgb(66, 54, 38),     // warning_bg
    rgb(74, 67, 61),     // border
};

Theme g_theme = Theme::kLight;
Fonts g_fonts;

ImVec4 mix(const ImVec4& a, const ImVec4& b, float t) {
  return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, 1.0F);
}

}  // namespace

const Palette& palette() { return g_theme == Theme::kDark ? kDark : kLight; }
Theme current_theme() { return g_theme; }
void set_fonts(const Fonts& fonts_in) { g_fonts = fonts_in; }
const Fonts& fonts() { return g_fonts; }

ImU32 to_u32(const ImVec4& colour, float alpha) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(colour.x, colour.y, colour.z, colour.w * alpha));
}

void apply_theme(Theme theme, float scale) {
  g_theme = theme;
  const Palette& p = palette();
  ImGuiStyle style;
  if (theme == Theme::kDark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
  style.WindowPadding = ImVec2(0, 0);
  style.FramePadding = ImVec2(12, 8);
  style.ItemSpacing = ImVec2(10, 10);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.WindowRounding = 0;
  style.ChildRounding = 10;
  style.FrameRounding = 8;
  style.PopupRounding = 10;
  style.GrabRounding = 8;
  style.GrabMinSize = 18;
  style.ScrollbarSize = 14;
  style.ScrollbarRounding = 8;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 0;
  style.PopupBorderSize = 1;
  style.FrameBorderSize = 1;

  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = p.text;
  c[ImGuiCol_TextDisabled] = p.muted;
  c[ImGuiCol_WindowBg] = p.background;
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = p.panel;
  c[ImGuiCol_TitleBg] = p.panel_alt;
  c[ImGuiCol_TitleBgActive] = p.panel_alt;
  c[ImGuiCol_TitleBgCollapsed] = p.panel_alt;
  c[ImGuiCol_Border] = p.border;
  c[ImGuiCol_FrameBg] = p.panel;
  c[ImGuiCol_FrameBgHovered] = mix(p.panel, p.accent_soft, 0.5F);
  c[ImGuiCol_FrameBgActive] = p.accent_soft;
  c[ImGuiCol_Button] = p.panel_alt;
  c[ImGuiCol_ButtonHovered] = mix(p.panel_alt, p.accent_soft, 0.7F);
  c[ImGuiCol_ButtonActive] = p.accent_soft;
  c[ImGuiCol_CheckMark] = p.accent;
  c[ImGuiCol_SliderGrab] = p.accent;
  c[ImGuiCol_SliderGrabActive] = mix(p.accent, p.text, 0.2F);
  c[ImGuiCol_Header] = p.accent_soft;
  c[ImGuiCol_HeaderHovered] = mix(p.accent_soft, p.accent, 0.25F);
  c[ImGuiCol_HeaderActive] = mix(p.accent_soft, p.accent, 0.4F);
  c[ImGuiCol_Separator] = p.border;
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = p.border;
  c[ImGuiCol_ScrollbarGrabHovered] = p.muted;
  c[ImGuiCol_ScrollbarGrabActive] = p.muted;
  c[ImGuiCol_NavHighlight] = p.accent;
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.1F, 0.08F, 0.06F, 0.35F);
  c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableHeaderBg] = p.panel_alt;
  c[ImGuiCol_TableRowBgAlt] = ImVec4(p.panel_alt.x, p.panel_alt.y, p.panel_alt.z, 0.5F);
  c[ImGuiCol_TableBorderLight] = p.border;
  c[ImGuiCol_TableBorderStrong] = p.border;
  c[ImGuiCol_TextSelectedBg] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.3F);

  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace attune::ui
