// The speaker chooses what to talk about: one of the cards face up, a card
// drawn blind, or a topic of their own; once a round they may pass for
// other cards.
#include <imgui.h>

#include "attune/cards.hpp"
#include "attune/text.hpp"
#include "ui/cards_view.hpp"
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
        heading(room.deck.title().empty() ? "Pick a card" : room.deck.title().c_str());
        if (!room.deck.description().empty()) muted_text(room.deck.description());
        if (!card_pool(room).empty()) {
          small_muted("Pick one of the cards below, or draw one blind.");
          if (primary_button(ui, "Draw a card blind", !busy)) {
            v1::Command command;
            command.mutable_draw_card();
            ctx.dispatch(action::Play{command, kDraftNone});
          }
          const auto no_pass = pass_refusal(room);
          ImGui::SameLine();
          if (secondary_button(ui, "Show other cards", !busy && !no_pass)) {
            v1::Command command;
            command.mutable_pass_cards();
            ctx.dispatch(action::Play{command, kDraftNone});
          }
          if (!no_pass) {
            small_muted("You can pass on these cards once this round.");
          } else if (room.round.passes > 0) {
            small_muted("You passed once this round; these are the cards to choose from.");
          }
        }
        end_card();
        gap(4);
        face_up_cards(ctx, true);
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
        gap(8);
        custom_card_panel(ctx);
      });
}

}  // namespace attune::ui
