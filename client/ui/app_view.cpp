// The window: top bar, the screen the model calls for, banner, footer.
#include <imgui.h>

#include "attune/rituals.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

Screen screen_for(const client::Model& model) {
  using client::Link;
  switch (model.link) {
    case Link::kIdle: return Screen::kStart;
    case Link::kConnecting:
    case Link::kHandshaking:
    case Link::kSeating: return Screen::kConnecting;
    case Link::kReconnecting: return Screen::kReconnecting;
    case Link::kLost: return Screen::kLost;
    case Link::kFailed: return Screen::kFailed;
    case Link::kInRoom: break;
  }
  const RoomState& room = model.room;
  if (model.seat == v1::SEAT_HOST && room.stage != Stage::kEmpty) return Screen::kHost;
  if (room.stage != Stage::kEnded && room.breath.active && !room.pause.active) return Screen::kBreathe;
  switch (room.stage) {
    case Stage::kEmpty: return Screen::kConnecting;
    case Stage::kWaitingForPartner: return Screen::kWaiting;
    case Stage::kEnded: return Screen::kEnded;
    case Stage::kPlaying: break;
  }
  if (room.pause.active) return Screen::kBreak;
  if (room.closing.active) return Screen::kClosing;
  if (room.proposal) return Screen::kChoose;
  const bool speaker = model.seat == room.round.speaker;
  switch (current_step_kind(room)) {
    case v1::STEP_KIND_PROMPT: return speaker ? Screen::kPrompt : Screen::kPartnerTurn;
    case v1::STEP_KIND_CHECK_IN: return speaker ? Screen::kCheckIn : Screen::kPartnerTurn;
    case v1::STEP_KIND_SHARE: return speaker ? Screen::kShare : Screen::kPartnerTurn;
    case v1::STEP_KIND_REFLECT: return speaker ? Screen::kPartnerTurn : Screen::kReflect;
    case v1::STEP_KIND_CONFIRM: return speaker ? Screen::kConfirm : Screen::kPartnerTurn;
    case v1::STEP_KIND_VALIDATE: return speaker ? Screen::kPartnerTurn : Screen::kValidate;
    case v1::STEP_KIND_ANSWER: return speaker ? Screen::kPartnerTurn : Screen::kAnswer;
    case v1::STEP_KIND_MORE: return speaker ? Screen::kMore : Screen::kPartnerTurn;
    case v1::STEP_KIND_TELL: return speaker ? Screen::kTell : Screen::kPartnerTurn;
    case v1::STEP_KIND_ASK: return speaker ? Screen::kPartnerTurn : Screen::kAsk;
    case v1::STEP_KIND_RATE: return Screen::kRate;
    case v1::STEP_KIND_REVEAL: return Screen::kReveal;
    default: return Screen::kPartnerTurn;
  }
}

namespace {

void draw_screen(Screen screen, const ViewContext& ctx) {
  switch (screen) {
    case Screen::kStart: draw_start_screen(ctx); break;
    case Screen::kConnecting: draw_connecting_screen(ctx); break;
    case Screen::kWaiting: draw_waiting_screen(ctx); break;
    case Screen::kLost: draw_lost_screen(ctx); break;
    case Screen::kReconnecting: draw_reconnecting_screen(ctx); break;
    case Screen::kFailed: draw_failed_screen(ctx); break;
    case Screen::kPrompt: draw_prompt_screen(ctx); break;
    case Screen::kCheckIn: draw_check_in_screen(ctx); break;
    case Screen::kShare: draw_share_screen(ctx); break;
    case Screen::kReflect: draw_reflect_screen(ctx); break;
    case Screen::kConfirm: draw_confirm_screen(ctx); break;
    case Screen::kValidate: draw_validate_screen(ctx); break;
    case Screen::kAnswer: draw_answer_screen(ctx); break;
    case Screen::kMore: draw_more_screen(ctx); break;
    case Screen::kTell: draw_tell_screen(ctx); break;
    case Screen::kAsk: draw_ask_screen(ctx); break;
    case Screen::kRate: draw_rate_screen(ctx); break;
    case Screen::kReveal: draw_reveal_screen(ctx); break;
    case Screen::kBreak: draw_break_screen(ctx); break;
    case Screen::kPartnerTurn: draw_partner_turn_screen(ctx); break;
    case Screen::kEnded: draw_ended_screen(ctx); break;
    case Screen::kHost: draw_host_screen(ctx); break;
    case Screen::kChoose: draw_choose_screen(ctx); break;
    case Screen::kBreathe: draw_breathe_screen(ctx); break;
    case Screen::kClosing: draw_closing_screen(ctx); break;
  }
}

constexpr const char* kFooter =
    "Attune is practice, not therapy. If there is fear or harm in your relationship, please reach out to a "
    "professional or a helpline.";

constexpr const char* kCareButton = "Where to find help";

// The care resources from assets/care.textproto, one after another.
void draw_care_dialog(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  constexpr const char* kTitle = "Where to find help";
  if (ui.care_dialog_open && !ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
  const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(px(620), 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(24), px(20)));
  if (ImGui::BeginPopupModal(kTitle, nullptr,
                             ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
    muted_text(ctx.assets.care.note());
    gap(4);
    for (const auto& resource : ctx.assets.care.resources()) {
      heading(resource.kind().c_str());
      body_text(resource.how());
      if (!resource.url().empty()) small_muted(resource.url());
      gap(4);
    }
    if (primary_button(ui, "Close") || escape_pressed() || !ui.care_dialog_open) {
      ui.care_dialog_open = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

}  // namespace

void draw_screen_for(const ViewContext& ctx) { draw_screen(screen_for(ctx.model), ctx); }

void draw_app(const ViewContext& ctx) {
  ctx.ui.wants_animation = false;
  ctx.ui.redraw_at_ms = 0;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Attune", nullptr, flags);
  if (fonts().body != nullptr) ImGui::PushFont(fonts().body);
  begin_keyboard_scope();

  const bool replaying = ctx.replay != nullptr;
  Screen screen = screen_for(ctx.model);
  // Not above the reveal: its buttons must stay in view without scrolling.
  const bool frames_round = screen == Screen::kPrompt || screen == Screen::kPartnerTurn;
  if (frames_round && choose_screen_open(ctx)) screen = Screen::kChoose;
  if (!choosing_open(ctx.model.room)) ctx.ui.choosing = false;  // the moment to choose has passed
  if (ctx.model.link == client::Link::kInRoom && !replaying) draw_top_bar(ctx);

  if (fonts().small != nullptr) ImGui::PushFont(fonts().small);
  const float footer_height = ImGui::GetTextLineHeightWithSpacing() * 2.0F + px(12);
  if (fonts().small != nullptr) ImGui::PopFont();

  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(32), px(20)));
  // Flattened: Tab and the arrows move between the top bar and the body.
  end_keyboard_scope();  // the body's scrollbar is no Tab stop
  ImGui::BeginChild("body", ImVec2(0, -footer_height), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NavFlattened);
  begin_keyboard_scope();
  // Keep lines at a readable length on wide windows.
  const float max_width = px(1180);
  const float avail = ImGui::GetContentRegionAvail().x;
  if (avail > max_width) ImGui::Indent((avail - max_width) * 0.5F);
  ImGui::PushItemWidth(-1.0F);
  if (replaying) {
    draw_replay_screen(ctx);
  } else {
    if (screen != Screen::kFailed) draw_problem_banner(ctx);
    if (frames_round && screen != Screen::kChoose) draw_round_frame_bar(ctx);
    draw_screen(screen, ctx);
  }
  ImGui::PopItemWidth();
  end_keyboard_scope();
  ImGui::EndChild();
  begin_keyboard_scope();
  ImGui::PopStyleVar();

  // Footer: the care note, always there.
  const Palette& p = palette();
  const ImVec2 footer_min = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(footer_min, ImVec2(footer_min.x + viewport->Size.x, footer_min.y + 1),
                                            to_u32(p.border));
  const std::string& care_note = ctx.assets.care.note();
  const char* note = care_note.empty() ? kFooter : care_note.c_str();
  const bool has_resources = !ctx.assets.care.resources().empty();
  if (fonts().small != nullptr) ImGui::PushFont(fonts().small);
  const float spacing = px(10);
  const float button_width = has_resources ? ImGui::CalcTextSize(kCareButton).x + 2 * px(10) + spacing : 0.0F;
  const float wrap = viewport->Size.x - px(64) - button_width;
  const float text_width = ImGui::CalcTextSize(note, nullptr, false, wrap).x;
  ImGui::SetCursorPos(ImVec2((viewport->Size.x - text_width - button_width) * 0.5F, ImGui::GetCursorPosY() + px(6)));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_width + 1.0F);
  ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
  ImGui::TextWrapped("%s", note);
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  if (has_resources) {
    ImGui::SameLine(0, spacing);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - px(4));
    if (chip(ctx.ui, kCareButton)) ctx.ui.care_dialog_open = true;
  }
  if (fonts().small != nullptr) ImGui::PopFont();

  draw_care_dialog(ctx);
  draw_leave_dialog(ctx);
  draw_close_dialog(ctx);
  draw_end_session_dialog(ctx);
  end_keyboard_scope();
  if (fonts().body != nullptr) ImGui::PopFont();
  ImGui::End();
}

}  // namespace attune::ui
