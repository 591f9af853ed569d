// The speaker writes what they feel, what it is about and what they need.
#include <imgui.h>

#include "attune/text.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_share_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const bool busy = client::waiting_on_server(ctx.model);
  two_columns(
      "share", [&] { round_story(ctx); },
      [&] {
        step_header(ctx);
        begin_card("composer", p.panel);
        composer(ui, "##share", ui.share, 170, "I feel ... about ... and what I need is ...");
        const bool ok = text_limit_note(ui.share, kMaxTextChars, "Share");
        stem_chips(ui, current_step(ctx.model.room), ui.share);
        end_card();
        nudge_notes(ctx.assets, v1::STEP_KIND_SHARE, ui.share);
        gap(6);
        if (primary_button(ui, "Share", ok && !busy) || (ok && !busy && ctrl_enter_pressed())) {
          v1::Command command;
          command.mutable_share()->set_text(ui.share);
          ctx.emit(intent::Play{command, kDraftShare});
        }
        ImGui::SameLine();
        small_muted("Ctrl+Enter also shares.");
        sending_note(ctx);
      });
}

}  // namespace attune::ui
