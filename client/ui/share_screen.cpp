// The speaker writes what they feel, what it is about and what they need.
#include <imgui.h>

#include "attune/text.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {
namespace {

// "What I need": needs in families; a click adds the word to the draft.
void needs_picker(const ViewContext& ctx) {
  const auto& groups = ctx.assets.needs.groups();
  if (groups.empty()) return;
  UiState& ui = ctx.ui;
  heading("What I need");
  if (toggle_chip(ui, ui.needs_open ? "Hide the words" : "Show words for needs", ui.needs_open)) {
    ui.needs_open = !ui.needs_open;
  }
  if (!ui.needs_open) return;
  small_muted("A click adds the word to what you write.");
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(px(4), px(3)));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(px(5), px(4)));
  if (ImGui::BeginTable("needs", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("family", ImGuiTableColumnFlags_WidthFixed, px(96));
    ImGui::TableSetupColumn("words", ImGuiTableColumnFlags_WidthStretch);
    for (const auto& group : groups) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + px(92));
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(3));
      small_muted(group.name());
      ImGui::PopTextWrapPos();
      ImGui::TableSetColumnIndex(1);
      ImGui::PushID(group.name().c_str());
      ChipFlow flow;
      for (const auto& need : group.words()) {
        flow.next(need.c_str());
        if (toggle_chip(ui, need.c_str(), false)) ui.share = with_need(ui.share, need);
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::PopStyleVar(2);
}

}  // namespace

void draw_share_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const bool busy = client::waiting_on_server(ctx.model);
  two_columns(
      "share",
      [&] {
        round_story(ctx);
        gap(12);
        needs_picker(ctx);
      },
      [&] {
        step_header(ctx);
        begin_card("composer", p.panel);
        composer(ui, "##share", ui.share, 170, "I feel ... about ... and what I need is ...");
        const bool ok = text_limit_note(ui.share, Writing::kShare, "Share");
        stem_chips(ui, current_step(ctx.model.room), ui.share);
        end_card();
        nudge_notes(ctx.assets, v1::STEP_KIND_SHARE, ui.share);
        pseudo_feeling_notes(ctx.assets, ui.share);
        gap(6);
        if (primary_button(ui, "Share", ok && !busy) || (ok && !busy && ctrl_enter_pressed())) {
          v1::Command command;
          command.mutable_share()->set_text(ui.share);
          ctx.dispatch(action::Play{command, kDraftShare});
        }
        ImGui::SameLine();
        small_muted("Ctrl+Enter also shares.");
        sending_note(ctx);
      });
}

}  // namespace attune::ui
