// The bar that is always there in a game: round, whose turn, what the
// partner is doing, and the ways to pause or stop.
#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {
namespace {

std::string host_view_turn(const RoomState& room) {
  if (room.stage == Stage::kWaitingForPartner) return "Waiting for both partners";
  if (room.stage == Stage::kEnded) return "Session ended";
  if (room.pause.active) return "On a break";
  if (room.held) return "Held by you";
  const auto* step = current_step(room);
  const std::string phase = step != nullptr ? step->title() : std::string();
  const bool a = awaits(room, v1::SEAT_PARTNER_A);
  const bool b = awaits(room, v1::SEAT_PARTNER_B);
  if (a && b) return "Both partners: " + phase;
  if (a || b) return display_name(room, a ? v1::SEAT_PARTNER_A : v1::SEAT_PARTNER_B) + "'s turn: " + phase;
  return "Ready for the next round";
}

std::string whose_turn(const client::Model& model) {
  const RoomState& room = model.room;
  if (model.seat == v1::SEAT_HOST) return host_view_turn(room);
  if (room.stage == Stage::kWaitingForPartner) {
    const bool both = room.seats[v1::SEAT_PARTNER_A].taken && room.seats[v1::SEAT_PARTNER_B].taken;
    if (both && room.seats[v1::SEAT_HOST].taken)
      return "Waiting for " + seat_person(model, v1::SEAT_HOST) + " to start";
    return "Waiting for your partner";
  }
  if (room.stage == Stage::kEnded) return "Session ended";
  if (room.pause.active) return "On a break";
  if (room.held) return "Paused by the host for a moment";
  const auto* step = current_step(room);
  const std::string phase = step != nullptr ? step->title() : std::string();
  const auto kind = current_step_kind(room);
  if (is_both_partners_step(kind)) {
    return client::my_turn(model) ? "Both of you: " + phase
                                  : "Waiting for " + client::partner_name(model) + ": " + phase;
  }
  if (client::my_turn(model)) return "Your turn: " + phase;
  return client::partner_name(model) + "'s turn: " + phase;
}

}  // namespace

void draw_top_bar(const ViewContext& ctx) {
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  const float height = px(64);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetMainViewport()->Size.x;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), to_u32(p.panel_alt));
  draw->AddRectFilled(ImVec2(origin.x, origin.y + height - 1), ImVec2(origin.x + width, origin.y + height),
                      to_u32(p.border));

  // Left: the round, then whose turn it is.
  const float line = ImGui::GetTextLineHeight();
  ImGui::SetCursorScreenPos(ImVec2(origin.x + px(24), origin.y + (height - line * 2.0F - px(4)) * 0.5F));
  ImGui::BeginGroup();
  std::string round = "Attune";
  if (model.room.round.number > 0) round += "  ·  Round " + std::to_string(model.room.round.number);
  const bool playing = model.room.stage == Stage::kPlaying && model.room.round.number > 0;
  const bool hosting = model.seat == v1::SEAT_HOST;
  if (hosting) {
    round += "  ·  you are hosting";
  } else if (playing) {
    round += i_speak(model) ? "  ·  you are speaking" : "  ·  you are listening";
  }
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
  ImGui::TextUnformatted(round.c_str());
  ImGui::PopStyleColor();
  const std::string turn = whose_turn(model);
  if (client::my_turn(model)) ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
  line_text(turn);
  if (client::my_turn(model)) ImGui::PopStyleColor();
  ImGui::EndGroup();

  // Middle: what the partner is doing, and whether a host is watching.
  const std::string activity = hosting ? std::string() : client::describe_partner_activity(model);
  const bool host_here = !hosting && host_present(model.room);
  const float buttons_width = px(250);
  const int lines = (activity.empty() ? 0 : 1) + (host_here ? 1 : 0);
  if (lines > 0) {
    const float left = origin.x + width * 0.40F;
    ImGui::SetCursorScreenPos(ImVec2(left, origin.y + (height - line * static_cast<float>(lines)) * 0.5F));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + (origin.x + width - buttons_width - px(16) - left));
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    if (!activity.empty()) wrapped_text(activity);
    if (host_here) {
      if (fonts().small != nullptr) ImGui::PushFont(fonts().small);
      ImGui::TextUnformatted("A host is here and sees both ratings.");
      if (fonts().small != nullptr) ImGui::PopFont();
    }
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
  }

  // Right: Break and Leave.
  const float button_height = ImGui::GetFrameHeight() + px(4);
  ImGui::SetCursorScreenPos(ImVec2(origin.x + width - buttons_width, origin.y + (height - button_height) * 0.5F));
  const bool can_break = model.room.stage == Stage::kPlaying && !model.room.pause.active;
  if (hosting) {
    // The host's dashboard has its own break control; Leave sits at the right.
    const float leave = ImGui::CalcTextSize("Leave").x + px(36);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + width - leave - px(24), origin.y + (height - button_height) * 0.5F));
  } else if (secondary_button(ctx.ui, "Take a break", can_break)) {
    v1::Command command;
    command.mutable_call_break();
    ctx.dispatch(action::Play{command, kDraftNone});
  }
  if (!hosting) ImGui::SameLine();
  if (secondary_button(ctx.ui, "Leave")) ctx.ui.leave_dialog_open = true;

  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height));
  ImGui::Dummy(ImVec2(width, 0));
}

void draw_problem_banner(const ViewContext& ctx) {
  if (!ctx.model.problem || ctx.model.problem->message.empty()) return;
  const Palette& p = palette();
  begin_card("problem", p.warning_bg, 14.0F);
  ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
  wrapped_text(ctx.model.problem->message);
  ImGui::PopStyleColor();
  if (secondary_button(ctx.ui, "Dismiss") || (escape_pressed() && !ctx.ui.leave_dialog_open)) {
    ctx.dispatch(action::DismissProblem{});
  }
  end_card();
  gap(6);
}

void draw_leave_dialog(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  if (ui.leave_dialog_open && !ImGui::IsPopupOpen("Leave this session?")) ImGui::OpenPopup("Leave this session?");
  const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(px(520), 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(24), px(20)));
  if (ImGui::BeginPopupModal("Leave this session?", nullptr,
                             ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
    body_text("Leaving ends this session for both of you.");
    muted_text("If you only need a pause, a break keeps your place.");
    gap(6);
    bool close = false;
    if (primary_button(ui, "Stay")) close = true;
    ImGui::SameLine();
    if (secondary_button(ui, "Take a break instead",
                         ctx.model.room.stage == Stage::kPlaying && !ctx.model.room.pause.active)) {
      v1::Command command;
      command.mutable_call_break();
      ctx.dispatch(action::Play{command, kDraftNone});
      close = true;
    }
    ImGui::SameLine();
    if (secondary_button(ui, "Leave the session")) {
      ctx.dispatch(action::Leave{});
      close = true;
    }
    if (escape_pressed() || !ui.leave_dialog_open) close = true;
    if (close) {
      ui.leave_dialog_open = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

}  // namespace attune::ui
