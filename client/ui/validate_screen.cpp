// The listener says why the feeling makes sense and what they imagine.
#include <imgui.h>

#include "attune/text.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_validate_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const bool busy = client::waiting_on_server(ctx.model);
  two_columns(
      "validate", [&] { round_story(ctx); },
      [&] {
        step_header(ctx);
        begin_card("composer", p.panel);
        ImGui::TextUnformatted("Why it makes sense");
        composer(ui, "##validation", ui.validation, 110, "It makes sense to me that you feel ... because ...");
        const bool words_ok = text_limit_note(ui.validation, Writing::kValidation, "Send");
        stem_chips(ui, current_step(ctx.model.room), ui.validation);
        gap(4);
        ImGui::TextUnformatted("What you imagine they feel (optional)");
        composer(ui, "##empathy", ui.empathy, 70, "I imagine you feel ...");
        const bool empathy_ok = over_limit_note(ui.empathy, Writing::kEmpathy, "Send");
        end_card();
        nudge_notes(ctx.assets, v1::STEP_KIND_VALIDATE, ui.validation + "\n" + ui.empathy);
        gap(6);
        const bool ok = words_ok && empathy_ok;
        if (primary_button(ui, "Send", ok && !busy) || (ok && !busy && ctrl_enter_pressed())) {
          v1::Command command;
          command.mutable_validate()->set_validation(ui.validation);
          command.mutable_validate()->set_empathy(ui.empathy);
          ctx.dispatch(action::Play{command, kDraftValidate});
        }
        ImGui::SameLine();
        small_muted("Ctrl+Enter also sends.");
        sending_note(ctx);
      });
}

}  // namespace attune::ui
