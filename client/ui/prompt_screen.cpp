// The speaker chooses what to talk about: a card from the deck, or a topic
// of their own.
#include <imgui.h>

#include "attune/text.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_prompt_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const RoomState& room = ctx.model.room;
  const bool busy = client::waiting_on_server(ctx.model);
  two_columns(
      "prompt", [&] { round_story(ctx); },
      [&] {
        step_header(ctx);
        begin_card("deck", p.panel);
        heading(room.deck.title().empty() ? "Draw a card" : room.deck.title().c_str());
        if (!room.deck.description().empty()) muted_text(room.deck.description());
        if (primary_button(ui, "Draw a card", !busy)) {
          v1::Command command;
          command.mutable_draw_card();
          ctx.dispatch(action::Play{command, kDraftNone});
        }
        end_card();
        gap(8);
        begin_card("topic", p.panel);
        ImGui::TextUnformatted("Or write your own topic");
        composer(ui, "##topic", ui.topic, 80, "Something on your mind you would like to be heard about...");
        // The topic's limit is shorter than a share's; say so before pressing.
        const bool has_topic = text_limit_note(ui.topic, Writing::kTopic, "Use my topic");
        if (secondary_button(ui, "Use my topic", has_topic && !busy) || (has_topic && !busy && ctrl_enter_pressed())) {
          v1::Command command;
          command.mutable_draw_card()->set_own_topic(ui.topic);
          ctx.dispatch(action::Play{command, kDraftTopic});
        }
        sending_note(ctx);
        end_card();
      });
}

}  // namespace attune::ui
