// While the partner acts: what has been said so far, what to do meanwhile,
// and what the partner is doing.
#include <imgui.h>

#include "ui/cards_view.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_partner_turn_screen(const ViewContext& ctx) {
  const Palette& p = palette();
  two_columns(
      "partner_turn", [&] { round_story(ctx); },
      [&] {
        step_header(ctx);
        begin_card("activity", p.accent_soft);
        const std::string activity = client::describe_partner_activity(ctx.model);
        body_text(activity.empty() ? "Your partner's turn." : activity);
        small_muted("Your screen moves on by itself when it is your turn.");
        end_card();
        if (!i_speak(ctx.model) && current_step_kind(ctx.model.room) == v1::STEP_KIND_PROMPT) {
          // The listener sees the cards their partner chooses from.
          gap(6);
          muted_text("The cards on the table:");
          face_up_cards(ctx, false);
          custom_card_panel(ctx);
        }
        const RoundState& round = ctx.model.room.round;
        if (!i_speak(ctx.model) && !round.shared_text.empty() &&
            current_step_kind(ctx.model.room) == v1::STEP_KIND_CONFIRM) {
          gap(6);
          muted_text("If you missed something, you will get another turn to reflect.");
        }
      },
      0.5F, false);
}

}  // namespace attune::ui
