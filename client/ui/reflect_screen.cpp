// The listener says back what they heard, and may ask one open question.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "attune/text.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_reflect_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const bool busy = client::waiting_on_server(ctx.model);
  const RoundState& round = ctx.model.room.round;
  two_columns(
      "reflect", [&] { round_story(ctx); },
      [&] {
        step_header(ctx);
        if (!round.more.empty()) {
          muted_text(seat_person(ctx.model, round.speaker) +
                     " added more. Reflect the whole of it, including what was "
                     "added.");
        }
        begin_card("composer", p.panel);
        composer(ui, "##reflection", ui.reflection, 140, "If I have it right, you feel ... about ... and you need ...");
        const bool reflection_ok = text_limit_note(ui.reflection, Writing::kReflection, "Send my reflection");
        stem_chips(ui, current_step(ctx.model.room), ui.reflection);
        gap(4);
        ImGui::TextUnformatted("One open question (optional)");
        ImGui::InputTextWithHint("##question", "e.g. What was the hardest moment?", &ui.question);
        const bool question_ok = over_limit_note(ui.question, Writing::kQuestion, "Send my reflection");
        end_card();
        nudge_notes(ctx.assets, v1::STEP_KIND_REFLECT, ui.reflection + "\n" + ui.question);
        gap(6);
        const bool ok = reflection_ok && question_ok;
        if (primary_button(ui, "Send my reflection", ok && !busy) || (ok && !busy && ctrl_enter_pressed())) {
          v1::Command command;
          command.mutable_reflect()->set_text(ui.reflection);
          command.mutable_reflect()->set_question(ui.question);
          ctx.dispatch(action::Play{command, kDraftReflect});
        }
        ImGui::SameLine();
        small_muted("Ctrl+Enter also sends.");
        sending_note(ctx);
      });
}

}  // namespace attune::ui
