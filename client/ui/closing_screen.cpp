// The closing: each partner writes one appreciation (or passes), beside a
// neutral list of the feelings named this evening. The other's words stay
// hidden until both are in; then the session ends and both see them.
#include <imgui.h>

#include "attune/rituals.hpp"
#include "attune/text.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_feelings_named_card(const ViewContext& ctx) {
  const Palette& p = palette();
  begin_card("feelings_named", p.panel);
  small_muted("Feelings named this evening");
  body_text(feelings_summary(ctx.model.room));
  small_muted("From the check-ins, as they were named: what was present, not a score.");
  end_card();
}

void draw_closing_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  const RoomState& room = model.room;
  const ClosingState& closing = room.closing;
  const std::string partner = client::partner_name(model);
  const bool busy = client::waiting_on_server(model);
  gap(12);
  heading("Closing the evening");
  const std::string who = seat_person(model, closing.started_by);
  muted_text((who == "You" ? std::string("You") : who) + " began the closing. Each of you writes one appreciation: " +
             "something you noticed and valued in the other tonight. You will see both together.");
  gap(6);
  two_columns(
      "closing", [&] { draw_feelings_named_card(ctx); },
      [&] {
        if (!is_partner(model.seat)) {
          begin_card("closing_host", p.accent_soft);
          body_text("The partners are writing their appreciations.");
          end_card();
          return;
        }
        const bool mine = model.seat == v1::SEAT_PARTNER_A ? closing.a_written : closing.b_written;
        const bool theirs = model.seat == v1::SEAT_PARTNER_A ? closing.b_written : closing.a_written;
        if (mine) {
          begin_card("closing_done", p.accent_soft);
          body_text("Thank you. " + partner + (theirs ? " has written theirs too." : " is still writing."));
          small_muted("You will both see the appreciations as soon as " + partner + " is done.");
          end_card();
          return;
        }
        begin_card("appreciation", p.panel);
        ImGui::TextUnformatted(("One appreciation for " + partner).c_str());
        composer(ui, "##appreciation", ui.appreciation, 110,
                 "I appreciated how you... / Thank you for... / Something I noticed tonight...");
        const bool fits = text_limit_note(ui.appreciation, Writing::kAppreciation, "Share my appreciation");
        const bool has_words = !trim(ui.appreciation).empty();
        const bool enabled = fits && has_words && !busy && !ui.read_only;
        if (primary_button(ui, "Share my appreciation", enabled) || (enabled && ctrl_enter_pressed())) {
          v1::Command command;
          command.mutable_appreciate()->set_text(ui.appreciation);
          ctx.dispatch(action::Play{command, kDraftAppreciation});
        }
        ImGui::SameLine();
        if (secondary_button(ui, "Pass this time", !busy && !ui.read_only)) {
          v1::Command command;
          command.mutable_appreciate();
          ctx.dispatch(action::Play{command, kDraftNone});
        }
        small_muted(theirs ? partner + " has written theirs; it stays hidden until yours is in."
                           : "Passing is fine on a hard evening.");
        sending_note(ctx);
        end_card();
      },
      0.42F);
}

}  // namespace attune::ui
