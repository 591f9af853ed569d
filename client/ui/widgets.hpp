// Small building blocks the screens share: headings, cards, calm buttons,
// composers with stems and nudges, and the round told so far.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "ui/view_context.hpp"

// Dear ImGui must be built with 32-bit ImWchar (see client/CMakeLists.txt):
// with 16 bits, emoji are replaced at input and the texts change.
static_assert(sizeof(ImWchar) == 4, "Dear ImGui built without IMGUI_USE_WCHAR32");

namespace attune::ui {

// Scales a size given for 1x.
[[nodiscard]] float px(float size);
void set_scale(float scale);

void heading(const char* text);
void big_text(const char* text);
void muted_text(const std::string& text);
void small_muted(const std::string& text);
void body_text(const std::string& text);
void gap(float size = 8.0F);

// Characters a text on screen needs that the current font lacks: the
// window adds them to its font atlas (CJK, emoji) before the next frame.
// The text functions above call note_glyphs themselves.
void note_glyphs(std::string_view text);
[[nodiscard]] std::vector<ImWchar> take_wanted_glyphs();
void forget_noted_glyphs();  // a new ImGui context (tests)

// A rounded panel behind what is drawn between begin and end. Not nested.
void begin_card(const char* id, const ImVec4& background, float padding = 18.0F);
void end_card();

// Buttons. `enabled` false greys them out. Named ones are recorded for tests.
// Asks for the window to be drawn again at wall-clock `ms` (a ticking clock,
// a countdown) without drawing in between.
void redraw_at(UiState& ui, std::int64_t ms);
// A wait in words: "a minute and a half", "20 seconds", "3 minutes".
[[nodiscard]] std::string duration_words(std::int64_t ms);
// "14:05", local time.
[[nodiscard]] std::string clock_time(std::int64_t ms);

// Records where the last item was drawn under `name` (ui.items), when
// ui.record_items is on: for view tests and the window's --ui-map.
void record_item(UiState& ui, const std::string& name);

bool primary_button(UiState& ui, const char* label, bool enabled = true, float width = 0.0F);
bool secondary_button(UiState& ui, const char* label, bool enabled = true, float width = 0.0F);
bool chip(UiState& ui, const char* label);
// A chip that stays lit while picked; returns true when clicked.
bool toggle_chip(UiState& ui, const char* label, bool picked);
// Lays out chips left to right, wrapping within the space left on the row.
// Call before each chip with its label; handles SameLine.
class ChipFlow {
 public:
  ChipFlow();
  void next(const char* label);

 private:
  float avail_;
  float used_ = 0.0F;
  bool first_ = true;
};

// A checkbox that Enter toggles too (Space does in Dear ImGui already).
bool check_box(const char* label, bool* value);
// A min..max slider for the keyboard and the mouse: Tab reaches it without
// turning it into a text box, and Left/Right change the value.
bool keyboard_slider(UiState& ui, const char* id, int* value, int min, int max);

// Keyboard play (Dear ImGui 1.86 tabs only between text boxes and Enter
// never presses a button): begin/end around what the window draws make
// every control a Tab stop, in drawing order, with the focus ring shown.
void begin_keyboard_scope();
void end_keyboard_scope();
// Enter was pressed on the item drawn last (not a Tab landing on it).
[[nodiscard]] bool enter_on_last_item();

// Ctrl+Enter (either Enter key) was pressed this frame.
[[nodiscard]] bool ctrl_enter_pressed();
[[nodiscard]] bool escape_pressed();

// A multi-line text box with a placeholder; returns true when edited.
bool composer(UiState& ui, const char* id, std::string& text, float height, const char* placeholder);
// The step's sentence starters as chips; a click appends the stem to `text`.
void stem_chips(UiState& ui, const v1::ExerciseStep* step, std::string& text);
// The same, without the stems that answer "yes" (for the "Partly" panel).
void stem_chips_for_more(UiState& ui, const v1::ExerciseStep* step, std::string& text);
// Under a text box: the length against the engine's limit for this writing
// (rules.hpp, writing_rule), in the warning colour with a sentence once it is
// over (or close), and why the button is off when a required text is empty.
// True when the text can be sent.
bool text_limit_note(const std::string& text, Writing writing, const char* button);
// For an optional side field (a question, a comment): says nothing until the
// text is past its limit, then what to shorten. True when it fits.
bool over_limit_note(const std::string& text, Writing writing, const char* button);
// Gentle suggestions for a draft, under its box; never blocking.
void nudge_notes(const Assets& assets, v1::StepKind step, const std::string& draft);
// Hints for pseudo-feelings ("rejected") in a speaker's draft.
void pseudo_feeling_notes(const Assets& assets, const std::string& draft);

// The step's title and the instruction for this seat's role.
void step_header(const ViewContext& ctx);
// What has been said in this round so far, as quiet cards.
void round_story(const ViewContext& ctx);
// What the listener wrote to close the step (the validation and empathy, or
// the last reflection when the exercise has no validate step), for the
// speaker to read before rating; nothing when there is none yet.
void closing_words(const client::Model& model, const char* id);
// The sentence under "Submit privately": who sees a rating, and when.
[[nodiscard]] std::string rating_privacy(const client::Model& model);

// Two columns when there is room: the story on the left, the action on the
// right. When narrow, the action comes first and the story below it.
void two_columns(const char* id, const std::function<void()>& story, const std::function<void()>& action,
                 float story_share = 0.42F, bool action_first_when_narrow = true);

// Whether two_columns would put the columns side by side here.
[[nodiscard]] bool wide_layout();

// "Sending..." under a button while a command waits for the room.
void sending_note(const ViewContext& ctx);

// The reveal's six-axis radar: the speaker's rating over the listener's
// prediction, `size` wide.
void reveal_radar(const v1::Revealed& reveal, float size);

// Sets the next item's width so it ends where the current item width does
// (inside a card: the card's inner edge), for a row that began at `row_x`
// (a GetCursorPosX value).
void fill_rest_of_row(float row_x);

// Helpers over the model.
[[nodiscard]] bool i_speak(const client::Model& model);
[[nodiscard]] std::string seat_person(const client::Model& model, Seat seat);

}  // namespace attune::ui
