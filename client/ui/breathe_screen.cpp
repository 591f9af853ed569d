// The opening breath: a shared settling moment before the first round. The
// circle's phase comes from the event's time and pace (rituals.hpp,
// breath_moment), so both laptops breathe in step; either partner ends it
// for both.
#include <cmath>

#include <imgui.h>

#include "attune/rituals.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_breathe_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  const RoomState& room = model.room;
  const BreathMoment moment = breath_moment(room.breath, ctx.now_ms);
  if (!moment.finished) ui.wants_animation = true;

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
  if (fonts().heading != nullptr) ImGui::PushFont(fonts().heading);
  centred("Settling in together", false);
  if (fonts().heading != nullptr) ImGui::PopFont();
  centred(
      "Before you begin, a minute of slow breathing. " + client::partner_name(model) + "'s screen breathes with yours.",
      true);

  // The circle grows on the in-breath and settles on the out-breath.
  const double eased = 0.5 - 0.5 * std::cos(moment.progress * 3.14159265358979);
  const float grow = static_cast<float>(moment.finished ? 0.0 : (moment.inhale ? eased : 1.0 - eased));
  const float area = std::min(px(260), ImGui::GetContentRegionAvail().y * 0.45F);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 centre(at.x + width * 0.5F, at.y + area * 0.5F + px(10));
  const float radius = area * (0.22F + 0.26F * grow);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddCircleFilled(centre, area * 0.48F, to_u32(p.accent_soft, 0.35F), 96);
  draw->AddCircleFilled(centre, radius, to_u32(p.accent, 0.55F), 96);
  draw->AddCircle(centre, area * 0.48F, to_u32(p.accent, 0.4F), 96, px(1.5F));
  const char* cue = moment.finished ? "Settled" : (moment.inhale ? "Breathe in" : "Breathe out");
  const ImVec2 cue_size = ImGui::CalcTextSize(cue);
  draw->AddText(ImVec2(centre.x - cue_size.x * 0.5F, centre.y - cue_size.y * 0.5F), to_u32(p.text), cue);
  ImGui::Dummy(ImVec2(width, area + px(20)));

  const bool busy = client::waiting_on_server(model);
  const char* label = nullptr;
  if (moment.finished) {
    centred("That was a minute together. Begin when you are both ready.", false);
    label = host_present(room) && room.stage == Stage::kWaitingForPartner ? "We are settled" : "Begin";
  } else {
    centred("Breath " + std::to_string(moment.breath) + " of " + std::to_string(room.breath.breaths) +
                ". In for four, out for six. Let your shoulders drop.",
            true);
    label = "Finish now";
  }
  gap(8);
  const float button_width = ImGui::CalcTextSize(label).x + px(36);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - button_width) * 0.5F);
  const bool finished = moment.finished;
  const bool pressed = finished ? primary_button(ui, label, !busy && !ui.read_only, button_width)
                                : secondary_button(ui, label, !busy && !ui.read_only, button_width);
  if (pressed) {
    v1::Command command;
    command.mutable_breathe()->set_on(false);
    ctx.dispatch(action::Play{command, kDraftNone});
  }
  centred("Either of you can end it; it ends on both screens.", true);
}

}  // namespace attune::ui
