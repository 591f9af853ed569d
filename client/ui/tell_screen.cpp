// The speaker writes one more part of their account, under the step's own
// title: what set them off, their own part, a plan, their appreciations.
#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_tell_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const bool busy = client::waiting_on_server(ctx.model);
  const auto* step = current_step(ctx.model.room);
  two_columns(
      "tell", [&] { round_story(ctx); },
      [&] {
        step_header(ctx);
        begin_card("composer", p.panel);
        composer(ui, "##tell", ui.step_text, 140, "In my own words ...");
        const bool ok = text_limit_note(ui.step_text, Writing::kTold, "Send") && !ui.step_text.empty();
        stem_chips(ui, step, ui.step_text);
        end_card();
        gap(6);
        if (primary_button(ui, "Send", ok && !busy) || (ok && !busy && ctrl_enter_pressed())) {
          v1::Command command;
          command.mutable_tell()->set_text(ui.step_text);
          ctx.dispatch(action::Play{command, kDraftStepText});
        }
        sending_note(ctx);
      });
}

}  // namespace attune::ui
