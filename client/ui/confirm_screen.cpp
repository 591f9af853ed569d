// The speaker says whether the reflection got it, or what more there is.
#include <imgui.h>

#include "attune/text.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_confirm_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const bool busy = client::waiting_on_server(ctx.model);
  const RoomState& room = ctx.model.room;
  const std::string listener = seat_person(ctx.model, room.round.listener);
  // Side by side, the story already shows the reflection; stacked, repeat it.
  const bool wide = wide_layout();
  two_columns(
      "confirm", [&] { round_story(ctx); },
      [&] {
        step_header(ctx);
        if (!wide && !room.round.reflections.empty()) {
          begin_card("latest", p.panel_alt);
          small_muted(listener + " reflected");
          body_text(room.round.reflections.back().text);
          if (!room.round.reflections.back().question.empty()) {
            small_muted("Asked: " + room.round.reflections.back().question);
          }
          end_card();
          gap(6);
        }
        body_text("Did " + listener + " get it?");
        if (primary_button(ui, "Yes, that's it", !busy)) {
          v1::Command command;
          command.mutable_confirm()->set_complete(true);
          ctx.dispatch(action::Play{command, kDraftConfirm});
        }
        ImGui::SameLine();
        if (secondary_button(ui, "Partly — there is more", !busy)) ui.confirm_partly = true;
        if (room.round.loops_back >= room.exercise.max_reflect_loops()) {
          small_muted("After this answer the round moves on to validating, whatever you choose.");
        }
        if (ui.confirm_partly) {
          gap(6);
          begin_card("more", p.panel);
          ImGui::TextUnformatted("What was missed, or what else is there?");
          composer(ui, "##more", ui.more, 90, "The piece I would add is ...");
          const bool ok = text_limit_note(ui.more, Writing::kMore, "Send");
          stem_chips_for_more(ui, current_step(room), ui.more);
          end_card();
          nudge_notes(ctx.assets, v1::STEP_KIND_CONFIRM, ui.more);
          gap(6);
          if (primary_button(ui, "Send", ok && !busy) || (ok && !busy && ctrl_enter_pressed())) {
            v1::Command command;
            command.mutable_confirm()->set_complete(false);
            command.mutable_confirm()->set_more(ui.more);
            ctx.dispatch(action::Play{command, kDraftConfirm});
          }
          ImGui::SameLine();
          if (secondary_button(ui, "Cancel")) ui.confirm_partly = false;
        }
        sending_note(ctx);
      });
}

}  // namespace attune::ui
