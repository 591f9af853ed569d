// The listener answers the request the speaker made: yes, no or not now,
// with an optional word on what they can offer instead or when.
#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_answer_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const bool busy = client::waiting_on_server(ctx.model);
  two_columns(
      "answer", [&] { round_story(ctx); },
      [&] {
        step_header(ctx);
        begin_card("composer", p.panel);
        ImGui::TextUnformatted("What you can offer instead, or when (optional)");
        composer(ui, "##answer_note", ui.answer_note, 70, "Not tonight, but Saturday morning is yours.");
        const bool ok = over_limit_note(ui.answer_note, Writing::kAnswerNote, "your answer");
        stem_chips(ui, current_step(ctx.model.room), ui.answer_note);
        end_card();
        gap(6);
        // A "no" is an answer too: the request was heard either way.
        for (const auto& [label, answer] :
             {std::pair{"Yes", v1::REQUEST_ANSWER_YES}, std::pair{"Not now", v1::REQUEST_ANSWER_NOT_NOW},
              std::pair{"No", v1::REQUEST_ANSWER_NO}}) {
          const bool pressed = answer == v1::REQUEST_ANSWER_YES ? primary_button(ui, label, ok && !busy)
                                                                : secondary_button(ui, label, ok && !busy);
          if (pressed) {
            v1::Command command;
            command.mutable_answer_request()->set_answer(answer);
            command.mutable_answer_request()->set_note(ui.answer_note);
            ctx.dispatch(action::Play{command, client::kDraftAnswer});
          }
          ImGui::SameLine();
        }
        ImGui::NewLine();
        sending_note(ctx);
      });
}

}  // namespace attune::ui
