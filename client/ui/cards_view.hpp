// The face-up cards at the prompt step, and the panel where partners add a
// card of their own. Shared by the speaker's prompt screen and the
// listener's waiting screen: both see the same cards.
#pragma once

#include "ui/view_context.hpp"

namespace attune::ui {

// The cards on the table (cards.hpp, offered_cards). With `can_pick`, each
// has a button that draws it ("Talk about this one").
void face_up_cards(const ViewContext& ctx, bool can_pick);

// "Add a card of your own": a short text box and a button; the card is kept
// on the hosting laptop for the two of them.
void custom_card_panel(const ViewContext& ctx);

}  // namespace attune::ui
