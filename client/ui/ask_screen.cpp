// The listener asks one open question about what the speaker shared: no
// counter-point, no advice, a question that cannot be answered yes or no.
#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_ask_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const bool busy = client::waiting_on_server(ctx.model);
  two_columns(
      "ask", [&] { round_story(ctx); },
      [&] {
        step_header(ctx);
        begin_card("composer", p.panel);
        composer(ui, "##ask", ui.step_text, 60, "What does it mean to you?");
        const bool fits = text_limit_note(ui.step_text, Writing::kOpenQuestion, "Ask");
        stem_chips(ui, current_step(ctx.model.room), ui.step_text);
        end_card();
        // The engine takes a question only; say so before the button is pressed.
        const auto end = ui.step_text.find_last_not_of(" \n\t");
        const bool asks = end != std::string::npos && ui.step_text[end] == '?';
        if (!ui.step_text.empty() && !asks) small_muted("End it with a question mark: it is a question, not a point.");
        gap(6);
        if (primary_button(ui, "Ask", fits && asks && !busy)) {
          v1::Command command;
          command.mutable_ask_open_question()->set_question(ui.step_text);
          ctx.dispatch(action::Play{command, kDraftStepText});
        }
        sending_note(ctx);
      });
}

}  // namespace attune::ui
