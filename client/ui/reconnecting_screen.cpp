// The link dropped while seated: the model is taking the seat back on its
// own. Say so calmly; nothing typed is lost. The dots move twice a second
// and the loop sleeps in between (no animation frames).
#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_reconnecting_screen(const ViewContext& ctx) {
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  constexpr std::int64_t kDotMs = 500;
  redraw_at(ctx.ui, (ctx.now_ms / kDotMs + 1) * kDotMs);
  gap(40);
  const int dots = static_cast<int>((ctx.now_ms / kDotMs) % 4);
  heading(("Reconnecting" + std::string(static_cast<std::size_t>(dots), '.')).c_str());
  begin_card("reconnecting", p.panel);
  body_text("The connection dropped for a moment. Attune is taking your seat back; the round waits where it was.");
  if (!model.lost_reason.empty()) small_muted(model.lost_reason);
  if (model.reconnect_attempts > 1) {
    small_muted("Attempt " + std::to_string(model.reconnect_attempts) +
                ". Check that both laptops are on the same network. After " + duration_words(model.give_up_after_ms) +
                " without an answer, "
                "Attune stops trying and says what to do.");
  }
  muted_text("Anything you were writing is still here.");
  gap(6);
  if (secondary_button(ctx.ui, "Back to start")) ctx.dispatch(action::BackToStart{});
  end_card();
}

}  // namespace attune::ui
