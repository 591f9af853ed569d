// Questions asked before something that cannot be undone by a click:
// closing the window mid-round, and the host ending the session.
#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {
namespace {

bool begin_modal(const char* title, bool& open_flag) {
  if (open_flag && !ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(px(540), 0));
  return ImGui::BeginPopupModal(title, nullptr,
                                ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
}

}  // namespace

void draw_close_dialog(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const char* title = "Close Attune?";
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(24), px(20)));
  if (begin_modal(title, ui.close_dialog_open)) {
    const bool hosting_here = ctx.host.hosting;
    body_text(
        "Your seat in this game is kept. Open Attune again and choose \"Rejoin\" to carry on where you "
        "were, with what you were writing.");
    if (hosting_here) {
      muted_text("This laptop hosts the game: while Attune is closed, " + client::partner_name(ctx.model) +
                 " waits, and after " + duration_words(ctx.model.give_up_after_ms) +
                 " their screen says the game has stopped for now. "
                 "The host keeps a dropped seat for about 15 minutes.");
    } else {
      muted_text("The host keeps a dropped seat for about 15 minutes. " + client::partner_name(ctx.model) +
                 " sees that your connection dropped and that your seat is kept.");
    }
    gap(6);
    bool close = false;
    if (primary_button(ui, "Stay")) close = true;
    ImGui::SameLine();
    if (secondary_button(ui, "Close, keep my seat")) {
      ctx.dispatch(action::CloseApp{});
      close = true;
    }
    if (escape_pressed() || !ui.close_dialog_open) close = true;
    if (close) {
      ui.close_dialog_open = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

void draw_end_session_dialog(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const char* title = "End the session for everyone?";
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(24), px(20)));
  if (begin_modal(title, ui.end_session_dialog_open)) {
    body_text("Both partners' screens move to the closing screen, and no more rounds can be played in this game.");
    muted_text("If they only need a pause, \"Call break\" keeps their place.");
    gap(6);
    bool close = false;
    if (primary_button(ui, "Keep the session going")) close = true;
    ImGui::SameLine();
    if (secondary_button(ui, "End the session")) {
      v1::Command command;
      command.mutable_end_session();
      ctx.dispatch(action::Play{command, kDraftNone});
      close = true;
    }
    if (escape_pressed() || !ui.end_session_dialog_open) close = true;
    if (close) {
      ui.end_session_dialog_open = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

}  // namespace attune::ui
