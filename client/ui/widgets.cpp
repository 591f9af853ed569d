#include "ui/widgets.hpp"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <ctime>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <vector>

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include "attune/content.hpp"
#include "attune/nudges.hpp"
#include "attune/text.hpp"
#include "ui/bidi_text.hpp"
#include "ui/theme.hpp"

namespace attune::ui {
namespace {

float g_scale = 1.0F;
std::vector<ImWchar> g_wanted;  // since the last take_wanted_glyphs
std::set<ImWchar> g_reported;   // asked for once already: not again
constexpr std::size_t kMaxReported = 65536;

void record(UiState& ui, const char* label) {
  if (!ui.record_items) return;
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  ui.items[label] = {min.x, min.y, max.x, max.y};
}

bool styled_button(UiState& ui, const char* label, bool enabled, float width, bool primary) {
  const Palette& p = palette();
  int colours = 0;
  if (primary) {
    ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(p.accent.x * 0.9F, p.accent.y * 0.9F, p.accent.z * 0.9F, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(p.accent.x * 0.8F, p.accent.y * 0.8F, p.accent.z * 0.8F, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, current_theme() == Theme::kDark ? p.background : ImVec4(1, 1, 1, 1));
    ImGui::PushStyleColor(ImGuiCol_Border, p.accent);
    colours = 5;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(px(18), px(10)));
  if (!enabled) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.45F);
  bool clicked = ImGui::Button(label, ImVec2(width, 0)) || enter_on_last_item();
  if (!enabled) {
    ImGui::PopStyleVar();
    clicked = false;
  }
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(colours);
  record(ui, label);
  return clicked && enabled;
}

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false); }
bool key_pressed_repeat(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true); }

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    if (!out.empty()) out += ", ";
    out += word;
  }
  return out;
}

void story_entry(const char* id, const std::string& label, const std::string& text, bool speaker_side,
                 const std::string& extra = {}) {
  const Palette& p = palette();
  begin_card(id, speaker_side ? p.panel : p.panel_alt, 14.0F);
  small_muted(label);
  body_text(text);
  if (!extra.empty()) small_muted(extra);
  end_card();
}

}  // namespace

float px(float size) { return size * g_scale; }

void record_item(UiState& ui, const std::string& name) {
  if (!ui.record_items) return;
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  ui.items[name] = {min.x, min.y, max.x, max.y};
}

void redraw_at(UiState& ui, std::int64_t ms) {
  if (ms > 0 && (ui.redraw_at_ms == 0 || ms < ui.redraw_at_ms)) ui.redraw_at_ms = ms;
}

std::string duration_words(std::int64_t ms) {
  const std::int64_t seconds = (ms + 500) / 1000;
  if (seconds == 90) return "a minute and a half";
  if (seconds == 60) return "a minute";
  if (seconds < 120) return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
  return std::to_string((seconds + 30) / 60) + " minutes";
}

std::string clock_time(std::int64_t ms) { return format_time(ms, "%H:%M"); }
void set_scale(float scale) { g_scale = scale; }

void note_glyphs(std::string_view text) {
  const char* at = text.data();
  const char* end = at + text.size();
  ImFont* font = ImGui::GetFont();
  while (at < end) {
    if (static_cast<unsigned char>(*at) < 0x80) {
      ++at;
      continue;
    }
    unsigned int c = 0;
    const int length = ImTextCharFromUtf8(&c, at, end);
    at += length > 0 ? length : 1;
    const auto glyph = static_cast<ImWchar>(c);
    if (c == IM_UNICODE_CODEPOINT_INVALID || font == nullptr || font->FindGlyphNoFallback(glyph) != nullptr) continue;
    if (g_reported.size() < kMaxReported && g_reported.insert(glyph).second) g_wanted.push_back(glyph);
  }
}

std::vector<ImWchar> take_wanted_glyphs() {
  std::vector<ImWchar> out;
  out.swap(g_wanted);
  return out;
}

void forget_noted_glyphs() {
  g_wanted.clear();
  g_reported.clear();
}

namespace {

// Display lines of right-to-left texts drawn recently, so that FriBidi runs
// once per text, width and font rather than every frame.
struct BidiKey {
  std::string text;
  const ImFont* font;
  int glyphs;  // the atlas was rebuilt: widths may have changed
  float size;
  float width;
  bool operator<(const BidiKey& o) const {
    return std::tie(text, font, glyphs, size, width) < std::tie(o.text, o.font, o.glyphs, o.size, o.width);
  }
};
std::map<BidiKey, std::vector<DisplayLine>> g_bidi_lines;
constexpr std::size_t kMaxBidiLines = 512;

const std::vector<DisplayLine>& bidi_lines(const std::string& text, float width) {
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  BidiKey key{text, font, font->Glyphs.Size, size, width};
  if (auto found = g_bidi_lines.find(key); found != g_bidi_lines.end()) return found->second;
  if (g_bidi_lines.size() >= kMaxBidiLines) g_bidi_lines.clear();
  const auto measure = [font, size](std::string_view run) {
    return font->CalcTextSizeA(size, FLT_MAX, 0.0F, run.data(), run.data() + run.size()).x;
  };
  return g_bidi_lines.emplace(std::move(key), display_lines(text, width, measure)).first->second;
}

}  // namespace

void wrapped_text(const std::string& text) {
  if (!has_rtl(text)) {
    note_glyphs(text);
    ImGui::TextWrapped("%s", text.c_str());
    return;
  }
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  // As TextWrapped: at the pushed wrap position, else the window's edge.
  const float width =
      std::max(1.0F, ImGui::CalcWrapWidthForPos(window->DC.CursorPos, std::max(window->DC.TextWrapPos, 0.0F)));
  const auto& lines = bidi_lines(text, width);
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  ImGui::BeginGroup();
  const float left = ImGui::GetCursorPosX();
  for (const auto& line : lines) {
    note_glyphs(line.text);
    if (line.rtl) {
      const float used =
          font->CalcTextSizeA(size, FLT_MAX, 0.0F, line.text.data(), line.text.data() + line.text.size()).x;
      ImGui::SetCursorPosX(left + std::max(0.0F, width - used));
    }
    ImGui::TextUnformatted(line.text.data(), line.text.data() + line.text.size());
  }
  ImGui::EndGroup();
}

void line_text(const std::string& text) {
  if (!has_rtl(text)) {
    note_glyphs(text);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    return;
  }
  const auto& lines = bidi_lines(text, 0.0F);
  std::string shown;
  for (const auto& line : lines) shown += (shown.empty() ? "" : "\n") + line.text;
  note_glyphs(shown);
  ImGui::TextUnformatted(shown.data(), shown.data() + shown.size());
}

void rtl_preview(const char* id, const std::string& text) {
  if (!has_rtl(text)) return;
  const Palette& p = palette();
  ImGui::PushID(id);
  begin_card("rtl-preview", p.panel_alt, 10.0F);
  small_muted("How it reads (the box above keeps the typing order, left to right):");
  wrapped_text(text);
  end_card();
  ImGui::PopID();
}

void heading(const char* text) {
  if (fonts().heading != nullptr) ImGui::PushFont(fonts().heading);
  wrapped_text(text);
  if (fonts().heading != nullptr) ImGui::PopFont();
}

void big_text(const char* text) {
  if (fonts().big != nullptr) ImGui::PushFont(fonts().big);
  ImGui::TextUnformatted(text);
  if (fonts().big != nullptr) ImGui::PopFont();
}

void muted_text(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  wrapped_text(text);
  ImGui::PopStyleColor();
}

void small_muted(const std::string& text) {
  if (fonts().small != nullptr) ImGui::PushFont(fonts().small);
  muted_text(text);
  if (fonts().small != nullptr) ImGui::PopFont();
}

void body_text(const std::string& text) { wrapped_text(text); }

void gap(float size) { ImGui::Dummy(ImVec2(1, px(size))); }

namespace {
struct CardFrame {
  ImGuiID id;
  ImVec2 start;
  float width;
  float padding;
};
std::vector<CardFrame> g_cards;
}  // namespace

void begin_card(const char* id, const ImVec4& background, float padding) {
  const float pad = px(padding);
  const ImGuiID key = ImGui::GetID(id);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  // The height is the one measured last frame; the first frame settles it.
  const float height = ImGui::GetStateStorage()->GetFloat(key, 0.0F);
  if (height > 0.0F) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(start, ImVec2(start.x + width, start.y + height), to_u32(background), px(10));
    draw->AddRect(start, ImVec2(start.x + width, start.y + height), to_u32(palette().border, 0.6F), px(10));
  }
  g_cards.push_back({key, start, width, pad});
  ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad);
  ImGui::PushItemWidth(width - 2 * pad);
  ImGui::PushID(id);
}

void end_card() {
  ImGui::PopID();
  ImGui::PopItemWidth();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const CardFrame frame = g_cards.back();
  g_cards.pop_back();
  const float bottom = ImGui::GetItemRectMax().y + frame.padding;
  ImGui::GetStateStorage()->SetFloat(frame.id, bottom - frame.start.y);
  ImGui::SetCursorScreenPos(ImVec2(frame.start.x, bottom));
  ImGui::Dummy(ImVec2(frame.width, 0));
}

bool primary_button(UiState& ui, const char* label, bool enabled, float width) {
  return styled_button(ui, label, enabled, width, true);
}

bool secondary_button(UiState& ui, const char* label, bool enabled, float width) {
  return styled_button(ui, label, enabled, width, false);
}

bool chip(UiState& ui, const char* label) {
  const Palette& p = palette();
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, px(14));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(px(10), px(5)));
  ImGui::PushStyleColor(ImGuiCol_Button, p.accent_soft);
  if (fonts().small != nullptr) ImGui::PushFont(fonts().small);
  const bool clicked = ImGui::Button(label) || enter_on_last_item();
  if (fonts().small != nullptr) ImGui::PopFont();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);
  record(ui, label);
  return clicked;
}

bool toggle_chip(UiState& ui, const char* label, bool picked) {
  const Palette& p = palette();
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, px(12));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(px(9), px(4)));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0F);
  ImGui::PushStyleColor(ImGuiCol_Button, picked ? p.accent : p.panel);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, picked ? p.accent : p.accent_soft);
  ImGui::PushStyleColor(ImGuiCol_Border, picked ? p.accent : p.border);
  ImGui::PushStyleColor(ImGuiCol_Text,
                        picked ? (current_theme() == Theme::kDark ? p.background : ImVec4(1, 1, 1, 1)) : p.text);
  if (fonts().small != nullptr) ImGui::PushFont(fonts().small);
  // Enter on the focused chip toggles it, as on any button (keyboard play).
  const bool clicked = ImGui::Button(label) || enter_on_last_item();
  if (fonts().small != nullptr) ImGui::PopFont();
  ImGui::PopStyleColor(4);
  ImGui::PopStyleVar(3);
  record(ui, label);
  return clicked;
}

ChipFlow::ChipFlow() : avail_(ImGui::GetContentRegionAvail().x) {}

void ChipFlow::next(const char* label) {
  if (fonts().small != nullptr) ImGui::PushFont(fonts().small);
  const float width = ImGui::CalcTextSize(label).x + 2 * px(10);
  if (fonts().small != nullptr) ImGui::PopFont();
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  if (!first_ && used_ + spacing + width <= avail_) {
    ImGui::SameLine();
    used_ += spacing + width;
  } else {
    used_ = width;
  }
  first_ = false;
}

bool enter_on_last_item() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiID id = ImGui::GetItemID();
  // A Tab landing asks for input with TryToPreserveState; Enter does not.
  return id != 0 && g.NavActivateInputId == id && (g.NavActivateFlags & ImGuiActivateFlags_TryToPreserveState) == 0;
}

bool check_box(const char* label, bool* value) {
  bool changed = ImGui::Checkbox(label, value);
  if (!changed && enter_on_last_item()) {
    *value = !*value;
    changed = true;
  }
  return changed;
}

bool keyboard_slider(UiState& ui, const char* id, int* value, int min, int max, const char* format) {
  // A Tab landing only focuses it (1.86 would start a drag or a text box).
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g.NavActivateInputId == ImGui::GetID(id) && (g.NavActivateFlags & ImGuiActivateFlags_TryToPreserveState) != 0) {
    g.NavActivateInputId = 0;
  }
  // NoInput: no text box on Tab or Ctrl+click; the scope makes it a Tab stop.
  bool changed = ImGui::SliderInt(id, value, min, max, format, ImGuiSliderFlags_NoInput | ImGuiSliderFlags_AlwaysClamp);
  record(ui, id);
  if (ImGui::IsItemFocused() && !ImGui::IsItemActive()) {
    int step = 0;
    if (key_pressed_repeat(ImGuiKey_RightArrow)) step = 1;
    if (key_pressed_repeat(ImGuiKey_LeftArrow)) step = -1;
    if (step != 0) ImGui::NavMoveRequestCancel();  // the arrows change the value, not the focus
    const int next = std::clamp(*value + step, min, max);
    if (next != *value) {
      *value = next;
      changed = true;
    }
  }
  return changed;
}

void begin_keyboard_scope() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  // The first scope of a frame decides; later ones only push the flag.
  static const ImGuiContext* seen_context = nullptr;
  static int seen_frame = -1;
  if (seen_context != &g || seen_frame != g.FrameCount) {
    seen_context = &g;
    seen_frame = g.FrameCount;
    // 1.86 tabs from the active text box only, else back to the first stop:
    // from a control with the focus ring on, Tab goes on to the next one.
    if ((g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) != 0 && g.NavTabbingDir == 0 && g.NavId != 0 &&
        !g.NavDisableHighlight && (g.NavMoveFlags & ImGuiNavMoveFlags_FocusApi) == 0) {
      g.NavTabbingDir = +1;
    }
    // Tab was pressed or just landed somewhere: show where (1.86 hides the
    // ring after Tab).
    if (g.NavJustMovedToId != 0 || key_pressed(ImGuiKey_Tab)) {
      g.NavDisableHighlight = false;
      g.NavDisableMouseHover = true;
    }
  }
  ImGui::PushItemFlag(ImGuiItemFlags_Inputable, true);
}

void end_keyboard_scope() { ImGui::PopItemFlag(); }

bool ctrl_enter_pressed() {
  const ImGuiIO& io = ImGui::GetIO();
  return io.KeyCtrl && (key_pressed(ImGuiKey_Enter) || key_pressed(ImGuiKey_KeyPadEnter));
}

bool escape_pressed() { return key_pressed(ImGuiKey_Escape); }

namespace {

// ImGui 1.86 does not wrap words in a multi-line box, so the box shows a
// copy of the draft in which some spaces are turned into line breaks ("soft"
// breaks). The copy has the same length as the draft, so the cursor never
// moves; the draft itself never contains a soft break.
struct WrapBox {
  std::string display;     // the buffer ImGui edits; never touched inside its callback
  std::string shadow;      // what display holds after the last wrap
  std::vector<char> soft;  // 1 where shadow has a soft break
  std::string draft;       // what shadow means, soft breaks read as spaces
  float width = -1.0F;
};
std::map<ImGuiID, WrapBox> g_wrap_boxes;

void wrap_into(WrapBox& box, const std::string& draft, float width) {
  box.draft = draft;
  box.shadow = draft;
  box.soft.assign(draft.size(), 0);
  box.width = width;
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  std::size_t line_start = 0;
  std::size_t last_space = std::string::npos;
  const char* data = box.shadow.data();
  for (std::size_t i = 0; i <= box.shadow.size(); ++i) {
    const bool end = i == box.shadow.size();
    const char c = end ? '\0' : box.shadow[i];
    if (!end && c != ' ' && c != '\n') continue;
    const float line = font->CalcTextSizeA(size, FLT_MAX, 0.0F, data + line_start, data + i).x;
    if (line > width && last_space != std::string::npos && last_space >= line_start) {
      box.shadow[last_space] = '\n';
      box.soft[last_space] = 1;
      line_start = last_space + 1;
    }
    if (c == '\n') {
      line_start = i + 1;
      last_space = std::string::npos;
    } else if (!end) {
      last_space = i;
    }
  }
}

int rewrap_on_edit(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag != ImGuiInputTextFlags_CallbackEdit) return 0;
  auto* box = static_cast<WrapBox*>(data->UserData);
  const std::string now(data->Buf, static_cast<std::size_t>(data->BufTextLen));
  const std::string before = box->shadow;
  const std::vector<char> before_soft = box->soft;
  // Soft breaks outside the edited span keep their place.
  std::size_t prefix = 0;
  while (prefix < now.size() && prefix < before.size() && now[prefix] == before[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < now.size() - prefix && suffix < before.size() - prefix &&
         now[now.size() - 1 - suffix] == before[before.size() - 1 - suffix]) {
    ++suffix;
  }
  std::string draft = now;
  for (std::size_t i = 0; i < prefix; ++i) {
    if (before_soft[i] != 0) draft[i] = ' ';
  }
  for (std::size_t j = 0; j < suffix; ++j) {
    if (before_soft[before.size() - 1 - j] != 0) draft[now.size() - 1 - j] = ' ';
  }
  wrap_into(*box, draft, box->width);
  for (std::size_t i = 0; i < now.size(); ++i) {
    if (data->Buf[i] != box->shadow[i]) {
      data->Buf[i] = box->shadow[i];
      data->BufDirty = true;
    }
  }
  return 0;
}

}  // namespace

bool composer(UiState& ui, const char* id, std::string& text, float height, const char* placeholder) {
  const float width = ImGui::CalcItemWidth();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrap_width = width - 2 * style.FramePadding.x - style.ScrollbarSize - px(4);
  const ImGuiID key = ImGui::GetID(id);
  WrapBox& box = g_wrap_boxes[key];
  const bool active = ImGui::GetActiveID() == key;
  if (!active && (box.draft != text || box.width != wrap_width || box.display != box.shadow)) {
    wrap_into(box, text, wrap_width);
    box.display = box.shadow;
  }
  // Its inner scrollbar is no Tab stop; the box itself still is.
  ImGui::PushItemFlag(ImGuiItemFlags_Inputable, false);
  const bool edited = ImGui::InputTextMultiline(id, &box.display, ImVec2(width, px(height)),
                                                ImGuiInputTextFlags_CallbackEdit, rewrap_on_edit, &box);
  ImGui::PopItemFlag();
  record(ui, id);
  if (edited) text = box.draft;
  note_glyphs(text);
  if (text.empty() && !ImGui::IsItemActive() && placeholder != nullptr) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 pad = style.FramePadding;
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(min.x + pad.x, min.y + pad.y),
                                        to_u32(palette().muted), placeholder, nullptr, width - 2 * pad.x);
  }
  rtl_preview(id, text);
  return edited;
}

void stem_chips_for_more(UiState& ui, const v1::ExerciseStep* step, std::string& text) {
  if (step == nullptr) return;
  v1::ExerciseStep partly = *step;
  partly.clear_stems();
  for (const auto& stem : step->stems()) {
    if (stem.rfind("Yes", 0) != 0) partly.add_stems(stem);
  }
  stem_chips(ui, &partly, text);
}

namespace {

void past_limit_sentence(const std::string& counter, std::size_t over, const char* button) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette().warning);
  ImGui::TextWrapped("%s. That is %zu more than fits: shorten it to turn \"%s\" back on.", counter.c_str(), over,
                     button);
  ImGui::PopStyleColor();
}

}  // namespace

bool over_limit_note(const std::string& text, Writing writing, const char* button) {
  const std::size_t max_chars = writing_rule(writing).max_chars;
  const std::size_t length = utf8_length(text);
  if (length <= max_chars) return true;
  past_limit_sentence(std::to_string(length) + " / " + std::to_string(max_chars) + " characters", length - max_chars,
                      button);
  return false;
}

bool text_limit_note(const std::string& text, Writing writing, const char* button) {
  const Palette& p = palette();
  const WritingRule rule = writing_rule(writing);
  const std::size_t max_chars = rule.max_chars;
  const bool required = rule.required;
  const std::size_t length = utf8_length(text);
  const bool blank = trim(text).empty();
  const std::string counter = std::to_string(length) + " / " + std::to_string(max_chars) + " characters";
  if (length > max_chars) {
    past_limit_sentence(counter, length - max_chars, button);
    return false;
  }
  if (length * 10 >= max_chars * 9) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("%s: close to the limit.", counter.c_str());
    ImGui::PopStyleColor();
  } else {
    small_muted(counter);
  }
  if (blank && required) {
    small_muted(length == 0 ? std::string("\"") + button + "\" turns on once you have written something."
                            : std::string("Only spaces so far: \"") + button + "\" turns on once there are words.");
    return false;
  }
  return true;
}

void stem_chips(UiState& ui, const v1::ExerciseStep* step, std::string& text) {
  if (step == nullptr || step->stems().empty()) return;
  small_muted("Sentence starters (click to add):");
  const float avail = ImGui::GetContentRegionAvail().x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  float used = 0.0F;
  bool first = true;
  for (const auto& stem : step->stems()) {
    if (fonts().small != nullptr) ImGui::PushFont(fonts().small);
    const float width = ImGui::CalcTextSize(stem.c_str()).x + 2 * px(10);
    if (fonts().small != nullptr) ImGui::PopFont();
    if (!first && used + spacing + width <= avail) {
      ImGui::SameLine();
      used += spacing + width;
    } else {
      used = width;
    }
    first = false;
    if (chip(ui, stem.c_str())) {
      if (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) == 0) text += ' ';
      text += stem;
    }
  }
}

void nudge_notes(const Assets& assets, v1::StepKind step, const std::string& draft) {
  if (!assets.nudge_cache) assets.nudge_cache = std::make_shared<Assets::NudgeCache>();
  auto& cache = *assets.nudge_cache;
  if (!cache.matcher) {
    cache.matcher = std::make_unique<NudgeMatcher>(assets.nudges);
    cache.nudges = cache.matcher->find(step, draft);
  } else if (cache.step != step || cache.draft != draft) {
    cache.nudges = cache.matcher->find(step, draft);
  }
  cache.step = step;
  cache.draft = draft;
  const auto& nudges = cache.nudges;
  if (nudges.empty()) return;
  const Palette& p = palette();
  begin_card("nudges", p.warning_bg, 12.0F);
  ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
  for (const auto& nudge : nudges) wrapped_text("A gentle thought about \"" + nudge.phrase + "\": " + nudge.message);
  ImGui::PopStyleColor();
  end_card();
}

void pseudo_feeling_notes(const Assets& assets, const std::string& draft) {
  const auto hints = pseudo_feeling_hints(assets.feelings, draft);
  if (hints.empty()) return;
  const Palette& p = palette();
  begin_card("pseudo-feelings", p.panel_alt, 12.0F);
  for (const auto& hint : hints) small_muted(hint);
  end_card();
}

void step_header(const ViewContext& ctx) {
  const auto* step = current_step(ctx.model.room);
  if (step == nullptr) return;
  heading(step->title().c_str());
  muted_text(i_speak(ctx.model) ? step->instruction_speaker() : step->instruction_listener());
  gap(4);
}

void round_story(const ViewContext& ctx) {
  const RoomState& room = ctx.model.room;
  const RoundState& round = room.round;
  const std::string speaker = seat_person(ctx.model, round.speaker);
  const std::string listener = seat_person(ctx.model, round.listener);
  heading("This round so far");
  if (!round.card) {
    muted_text(speaker == "You" ? "Nothing yet. Choose a card or write your own topic."
                                : "Nothing yet. " + speaker + " is choosing what to talk about.");
    return;
  }
  // The card says how deep it goes and which ATTUNE part it leans on.
  const std::string tags = card_tags(*round.card);
  const std::string card_label = round.card->id().empty() ? "Own topic" : tags.empty() ? "Card" : "Card · " + tags;
  story_entry("card", card_label, round.card->prompt(), true, round.card->hint());
  if (round.checked_in) {
    story_entry("checkin", speaker == "You" ? "You are feeling" : speaker + " is feeling", joined(round.feelings), true,
                "Intensity " + std::to_string(round.intensity_before) + " out of 10");
  }
  // What was written in text-only steps (a tell, an open question), under
  // the step's own title, in the place of its step: before the share, between
  // the share and the validation, or after.
  const auto steps_before = [&](v1::StepKind kind) {
    for (int i = 0; i < room.exercise.steps_size(); ++i) {
      if (room.exercise.steps(i).kind() == kind) return static_cast<std::size_t>(i);
    }
    return static_cast<std::size_t>(room.exercise.steps_size());
  };
  std::size_t shown = 0;
  const auto writings_until = [&](std::size_t step) {
    for (; shown < round.writings.size() && round.writings[shown].step < step; ++shown) {
      const auto& writing = round.writings[shown];
      const std::string who = seat_person(ctx.model, writing.by);
      const auto at = static_cast<int>(writing.step);
      const std::string title = at < room.exercise.steps_size() ? room.exercise.steps(at).title() : std::string();
      ImGui::PushID(static_cast<int>(shown));
      story_entry("writing", title.empty() ? who : who + " · " + title, writing.text, writing.by == round.speaker);
      ImGui::PopID();
    }
  };
  writings_until(steps_before(v1::STEP_KIND_SHARE));
  if (!round.shared_text.empty()) {
    story_entry("shared", speaker == "You" ? "You shared" : speaker + " shared", round.shared_text, true);
  }
  // Reflections exist once the listener reflected; the speaker said yes once
  // the round moved past reflecting and confirming.
  const auto past_confirm = [&] {
    const auto kind = current_step_kind(room);
    return kind != v1::STEP_KIND_REFLECT && kind != v1::STEP_KIND_CONFIRM && kind != v1::STEP_KIND_MORE;
  }();
  // Mirroring asks "is there more?" instead of "did I get it?".
  const bool asks_more = std::any_of(room.exercise.steps().begin(), room.exercise.steps().end(),
                                     [](const auto& step) { return step.kind() == v1::STEP_KIND_MORE; });
  const std::string more_label = asks_more ? ": there is more" : ": partly, there is more";
  for (std::size_t i = 0; i < round.reflections.size(); ++i) {
    const auto& reflection = round.reflections[i];
    std::string label = listener == "You" ? "You reflected" : listener + " reflected";
    if (i > 0) label += " (again)";
    ImGui::PushID(static_cast<int>(i));
    story_entry("reflection", label, reflection.text, false,
                reflection.question.empty() ? std::string() : "Asked: " + reflection.question);
    const bool newest = i + 1 == round.reflections.size();
    const std::size_t key = static_cast<std::size_t>(round.number) * 1000 + round.reflections.size();
    if (newest && i > 0 && current_step_kind(room) == v1::STEP_KIND_CONFIRM && speaker == "You" &&
        ctx.ui.story_seen != key && !ctx.ui.read_only) {
      // After "Partly", the new reflection to confirm may be below the fold:
      // bring its bottom into view, once.
      ImGui::SetScrollHereY(1.0F);
      ctx.ui.story_seen = key;
    }
    if (i < round.more.size()) {
      story_entry("more", (speaker == "You" ? std::string("You") : speaker) + more_label, round.more[i], true);
    } else if (past_confirm && i + 1 == round.reflections.size()) {
      story_entry("yes", speaker == "You" ? "You answered" : speaker + " answered",
                  asks_more ? "That's all." : "Yes, that's it.", true);
    }
    ImGui::PopID();
  }
  writings_until(steps_before(v1::STEP_KIND_VALIDATE));
  if (round.validation) {
    story_entry("validation", listener == "You" ? "You said it makes sense" : listener + " said it makes sense",
                round.validation->validation(), false,
                round.validation->empathy().empty() ? std::string() : "\"" + round.validation->empathy() + "\"");
  }
  if (round.answer) {
    std::string words = request_answer_words(round.answer->answer());
    if (!words.empty()) words[0] = static_cast<char>(words[0] - 'a' + 'A');
    story_entry("answer", listener == "You" ? "You answered the request" : listener + " answered the request",
                words + ".", false, round.answer->note());
  }
  writings_until(round.writings.empty() ? 0 : round.writings.back().step + 1);
}

void closing_words(const client::Model& model, const char* id) {
  const RoundState& round = model.room.round;
  const std::string listener = seat_person(model, round.listener);
  const bool mine = listener == "You";
  if (round.validation) {
    const auto& words = *round.validation;
    story_entry(id,
                mine ? "What you wrote to " + seat_person(model, round.speaker) : "What " + listener + " wrote to you",
                words.validation(), false, words.empathy().empty() ? std::string() : "\"" + words.empathy() + "\"");
    return;
  }
  if (!round.reflections.empty()) {
    const auto& last = round.reflections.back();
    story_entry(id, mine ? "Your reflection" : listener + "'s reflection", last.text, false,
                last.question.empty() ? std::string() : "Asked: " + last.question);
  }
}

std::string rating_privacy(const client::Model& model) {
  const RoomState& room = model.room;
  const std::string partner = client::partner_name(model);
  if (room.seats[static_cast<std::size_t>(v1::SEAT_HOST)].taken && model.seat != v1::SEAT_HOST) {
    // The host seat sees ratings as they arrive (engine project()).
    return partner + " sees it once you have both rated; " + seat_person(model, v1::SEAT_HOST) +
           ", hosting, sees it as it arrives.";
  }
  return "Nobody sees it until you have both rated.";
}

void two_columns(const char* id, const std::function<void()>& story, const std::function<void()>& action,
                 float story_share, bool action_first_when_narrow) {
  if (!wide_layout()) {
    if (action_first_when_narrow) {
      action();
      gap(16);
      story();
    } else {
      story();
      gap(16);
      action();
    }
    return;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(px(14), 0));
  if (ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("story", ImGuiTableColumnFlags_WidthStretch, story_share);
    ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthStretch, 1.0F - story_share);
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    story();
    ImGui::TableSetColumnIndex(1);
    action();
    ImGui::EndTable();
  }
  ImGui::PopStyleVar();
}

void fill_rest_of_row(float row_x) {
  const float width = ImGui::CalcItemWidth() - (ImGui::GetCursorPosX() - row_x);
  ImGui::SetNextItemWidth(std::max(width, px(60)));
}

bool wide_layout() { return ImGui::GetContentRegionAvail().x >= px(820); }

void sending_note(const ViewContext& ctx) {
  if (client::waiting_on_server(ctx.model)) small_muted("Sending...");
}

bool i_speak(const client::Model& model) { return model.seat == model.room.round.speaker; }

std::string seat_person(const client::Model& model, Seat seat) {
  if (seat == model.seat) return "You";
  if (seat == v1::SEAT_HOST) {
    // The therapist's own name when they gave one; never "Nobody".
    const auto& host = model.room.seats[static_cast<std::size_t>(v1::SEAT_HOST)];
    return host.name.empty() ? std::string("The host") : host.name;
  }
  if (!is_partner(seat)) return "Nobody";
  const auto& info = model.room.seats[static_cast<std::size_t>(seat)];
  return info.name.empty() ? std::string("Your partner") : info.name;
}

}  // namespace attune::ui
