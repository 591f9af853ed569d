// "Is there more?": the speaker adds what is still unsaid, and the listener
// mirrors it again, until the speaker says that's all.
#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_more_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const bool busy = client::waiting_on_server(ctx.model);
  const RoomState& room = ctx.model.room;
  const std::string listener = seat_person(ctx.model, room.round.listener);
  const bool wide = wide_layout();
  two_columns(
      "more", [&] { round_story(ctx); },
      [&] {
        step_header(ctx);
        if (!wide && !room.round.reflections.empty()) {
          begin_card("latest", p.panel_alt);
          small_muted(listener + " mirrored");
          body_text(room.round.reflections.back().text);
          end_card();
          gap(6);
        }
        body_text(listener + " asks: is there more?");
        begin_card("composer", p.panel);
        composer(ui, "##more", ui.more, 90, "There is more: ...");
        const bool ok = text_limit_note(ui.more, Writing::kMore, "There is more");
        stem_chips(ui, current_step(room), ui.more);
        end_card();
        gap(6);
        const bool has_more = ok && !ui.more.empty();
        if (primary_button(ui, "There is more", has_more && !busy)) {
          v1::Command command;
          command.mutable_tell_more()->set_more(ui.more);
          ctx.dispatch(action::Play{command, kDraftConfirm});
        }
        ImGui::SameLine();
        if (secondary_button(ui, "That's all", !busy)) {
          v1::Command command;
          command.mutable_tell_more()->set_done(true);
          ctx.dispatch(action::Play{command, kDraftConfirm});
        }
        if (room.round.loops_back >= room.settings.max_reflect_loops()) {
          small_muted("After this answer the round moves on, whatever you choose.");
        }
        sending_note(ctx);
      });
}

}  // namespace attune::ui
