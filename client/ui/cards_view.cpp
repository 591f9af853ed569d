// Face-up cards to pick from, and a card of the couple's own.
#include "ui/cards_view.hpp"

#include <imgui.h>

#include <string>

#include "attune/cards.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {
namespace {

const char* depth_words(const v1::Card& card) {
  if (is_custom_card(card)) return "one of your own";
  switch (card.depth()) {
    case v1::DEPTH_MEDIUM: return "medium";
    case v1::DEPTH_DEEP: return "deep";
    default: return "light";
  }
}

}  // namespace

void face_up_cards(const ViewContext& ctx, bool can_pick) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const auto offer = offered_cards(ctx.model.room);
  if (offer.empty()) return;
  const bool busy = client::waiting_on_server(ctx.model);
  for (std::size_t i = 0; i < offer.size(); ++i) {
    const v1::Card& card = *offer[i];
    ImGui::PushID(static_cast<int>(i));
    const std::string id = "face_up_" + std::to_string(i);
    begin_card(id.c_str(), p.panel, 10.0F);
    small_muted(std::string("Card ") + std::to_string(i + 1) + " - " + depth_words(card));
    body_text(card.prompt());
    if (can_pick && !ui.read_only) {
      const std::string label = "Talk about card " + std::to_string(i + 1);
      if (secondary_button(ui, label.c_str(), !busy)) {
        v1::Command command;
        command.mutable_draw_card()->set_card_id(card.id());
        ctx.dispatch(action::Play{command, kDraftNone});
      }
    }
    end_card();
    ImGui::PopID();
    gap(2);
  }
}

void custom_card_panel(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const auto& seats = ctx.model.room.seats;
  // The card is kept for the couple, so it waits until both are seated.
  if (ui.read_only || !seats[v1::SEAT_PARTNER_A].taken || !seats[v1::SEAT_PARTNER_B].taken) return;
  const Palette& p = palette();
  const bool busy = client::waiting_on_server(ctx.model);
  begin_card("custom_card", p.panel);
  const bool partner = is_partner(ctx.model.seat);
  ImGui::TextUnformatted(partner ? "Add a card of your own" : "Add a card for this couple");
  small_muted(partner ? "A question you would like to be asked one day. It joins the cards offered to you both, and "
                        "the host's laptop keeps it for your next evenings."
                      : "It joins the cards offered to the couple, and this laptop keeps it for their later evenings.");
  composer(ui, "##custom_card", ui.custom_card, 60, "What would you like us to talk about some time?");
  const bool fits = text_limit_note(ui.custom_card, Writing::kCustomCard, "Add this card");
  if (secondary_button(ui, "Add this card", fits && !busy)) {
    v1::Command command;
    command.mutable_add_custom_card()->set_prompt(ui.custom_card);
    ctx.dispatch(action::Play{command, kDraftCustomCard});
  }
  const std::size_t own = ctx.model.room.custom_cards.size();
  if (own > 0) {
    small_muted("You have " + std::to_string(own) + (own == 1 ? " card" : " cards") + " of your own.");
  }
  end_card();
}

}  // namespace attune::ui
