// The link dropped after it worked: say so, keep the drafts, offer a way back.
#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_lost_screen(const ViewContext& ctx) {
  const Palette& p = palette();
  gap(40);
  heading("The connection was lost");
  begin_card("lost", p.panel);
  body_text(ctx.model.lost_reason.empty() ? std::string("The other end stopped answering.") : ctx.model.lost_reason);
  gap(4);
  muted_text(
      "Anything you were writing is still here. Check that both laptops are on the same network and that the "
      "hosting laptop is still running Attune, then try again.");
  muted_text(
      "Trying again opens a new connection with the same details; if the game has already been used, "
      "start a new one from the start screen.");
  gap(6);
  if (primary_button(ctx.ui, "Reconnect")) ctx.emit(intent::Reconnect{});
  ImGui::SameLine();
  if (secondary_button(ctx.ui, "Back to start")) ctx.emit(intent::BackToStart{});
  end_card();
}

}  // namespace attune::ui
