// The link dropped after it worked: say so, keep the drafts, offer a way back.
// When the host stayed silent past the bounded wait (its window closed, its
// laptop off), this is the final, calm screen: what was kept, what to do.
#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {
namespace {

// Who ran the game, as a person (the rules say whose laptop it is), or
// "the host" when that is this laptop or nobody gave a name.
std::string host_person(const client::Model& model) {
  const Seat hosting = hosting_seat(model.room);
  if (hosting == model.seat || (!is_partner(hosting) && hosting != v1::SEAT_HOST)) return "the host";
  const auto& seat = model.room.seats[static_cast<std::size_t>(hosting)];
  return seat.taken && !seat.name.empty() ? seat.name : std::string("the host");
}

void draw_host_gone(const ViewContext& ctx) {
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  const std::string host = host_person(model);
  const std::string host_laptop = host == "the host" ? "the hosting laptop" : host + "'s laptop";
  gap(40);
  heading("The game has stopped for now");
  begin_card("gone", p.panel);
  body_text("Attune waited " + duration_words(model.give_up_after_ms) + ", and " + host_laptop +
            " did not answer. Its window was probably closed, or the laptop went to sleep or was switched off.");
  gap(6);
  small_muted("What was kept");
  std::string kept = "Your seat in this game";
  if (model.room.round.number > 0) kept += ", round " + std::to_string(model.room.round.number) + " where it stopped";
  kept += ", and anything you were writing. The host keeps a dropped seat for about 15 minutes after it was last seen.";
  muted_text(kept);
  gap(4);
  small_muted("What to do");
  muted_text("When " + (host == "the host" ? std::string("the host opens") : host + " opens") +
             " Attune again and chooses \"Rejoin\", press \"Try again\" here. You can also close this window: "
             "the start screen will offer to rejoin.");
  gap(8);
  failure_buttons(ctx, true);
  end_card();
}

}  // namespace

void draw_lost_screen(const ViewContext& ctx) {
  if (ctx.model.host_gone) {
    draw_host_gone(ctx);
    return;
  }
  const Palette& p = palette();
  gap(40);
  heading("The connection was lost");
  begin_card("lost", p.panel);
  body_text(ctx.model.lost_reason.empty() ? std::string("The other end stopped answering.") : ctx.model.lost_reason);
  gap(4);
  muted_text(
      "Anything you were writing is still here. Check that both laptops are on the same network and that the "
      "hosting laptop is still running Attune, then try again.");
  muted_text("Trying again takes your seat back, if the host still keeps it.");
  gap(6);
  failure_buttons(ctx, true);
  end_card();
}

}  // namespace attune::ui
