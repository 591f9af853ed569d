// Connecting: which address, and which part of the handshake we are in.
#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_connecting_screen(const ViewContext& ctx) {
  const client::Model& model = ctx.model;
  gap(80);
  heading(("Connecting to " + model.server).c_str());
  switch (model.link) {
    case client::Link::kConnecting: muted_text("Opening the connection..."); break;
    case client::Link::kHandshaking: muted_text("Saying hello to the game..."); break;
    default: muted_text("Finding your seat..."); break;
  }
  gap(12);
  if (secondary_button(ctx.ui, "Cancel")) ctx.dispatch(action::BackToStart{});
}

}  // namespace attune::ui
