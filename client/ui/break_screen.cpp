// A break: a calm screen with a paced breathing guide (4 s in, 6 s out), the
// suggested return time and who is ready to go on.
#include <cmath>
#include <ctime>

#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {
namespace {

constexpr double kInhaleSeconds = 4.0;
constexpr double kExhaleSeconds = 6.0;

}  // namespace

void draw_break_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  const BreakState& pause = model.room.pause;
  ui.wants_animation = true;

  const float width = ImGui::GetContentRegionAvail().x;
  const auto centred = [&](const std::string& text, bool muted) {
    const float w = std::min(ImGui::CalcTextSize(text.c_str()).x, width);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - w) * 0.5F);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w + 1.0F);
    if (muted) ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextWrapped("%s", text.c_str());
    if (muted) ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
  };

  gap(10);
  const std::string who = seat_person(model, pause.called_by);
  if (fonts().heading != nullptr) ImGui::PushFont(fonts().heading);
  centred("Taking a break", false);
  if (fonts().heading != nullptr) ImGui::PopFont();
  centred((who == "You" ? std::string("You") : who) + " asked for a pause. The round waits exactly where it was.",
          true);

  // The breathing guide.
  const double seconds = static_cast<double>(ctx.now_ms % 600000) / 1000.0;
  const double phase = std::fmod(seconds, kInhaleSeconds + kExhaleSeconds);
  const bool inhale = phase < kInhaleSeconds;
  const double t = inhale ? phase / kInhaleSeconds : (phase - kInhaleSeconds) / kExhaleSeconds;
  const double eased = 0.5 - 0.5 * std::cos(t * 3.14159265358979);
  const float grow = static_cast<float>(inhale ? eased : 1.0 - eased);
  const float area = std::min(px(240), ImGui::GetContentRegionAvail().y * 0.38F);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 centre(at.x + width * 0.5F, at.y + area * 0.5F + px(8));
  const float radius = area * (0.22F + 0.26F * grow);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddCircleFilled(centre, area * 0.48F, to_u32(p.accent_soft, 0.35F), 96);
  draw->AddCircleFilled(centre, radius, to_u32(p.accent, 0.55F), 96);
  draw->AddCircle(centre, area * 0.48F, to_u32(p.accent, 0.4F), 96, px(1.5F));
  const char* cue = inhale ? "Breathe in" : "Breathe out";
  const ImVec2 cue_size = ImGui::CalcTextSize(cue);
  draw->AddText(ImVec2(centre.x - cue_size.x * 0.5F, centre.y - cue_size.y * 0.5F), to_u32(p.text), cue);
  ImGui::Dummy(ImVec2(width, area + px(16)));
  centred("In for four, out for six. Let your shoulders drop.", true);
  gap(6);

  if (pause.return_at_ms > 0) {
    const std::int64_t left_ms = pause.return_at_ms - ctx.now_ms;
    if (left_ms > 0) {
      redraw_at(ui, ctx.now_ms + (left_ms % 60000) + 1);  // the countdown's next minute
      const std::int64_t minutes = (left_ms + 59999) / 60000;
      centred("Suggested return: " + clock_time(pause.return_at_ms) + " (in about " + std::to_string(minutes) +
                  (minutes == 1 ? " minute)" : " minutes)"),
              false);
    } else {
      centred("The suggested break time is up. Come back when you both feel ready.", false);
    }
  }
  const std::string partner = client::partner_name(model);
  const bool me_ready = model.seat == v1::SEAT_PARTNER_A ? pause.a_ready : pause.b_ready;
  const bool partner_ready = model.seat == v1::SEAT_PARTNER_A ? pause.b_ready : pause.a_ready;
  centred(std::string("You: ") + (me_ready ? "ready" : "not yet") + "   ·   " + partner + ": " +
              (partner_ready ? "ready" : "not yet"),
          true);
  gap(6);
  const char* label = me_ready ? "You are ready" : "I'm ready to resume";
  const float button_width = ImGui::CalcTextSize(label).x + px(36);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - button_width) * 0.5F);
  if (primary_button(ui, label, !me_ready && !client::waiting_on_server(model), button_width)) {
    v1::Command command;
    command.mutable_ready_to_resume();
    ctx.dispatch(action::Play{command, kDraftNone});
  }
  if (me_ready && !partner_ready) centred("The round goes on when " + partner + " is ready too.", true);
}

}  // namespace attune::ui
