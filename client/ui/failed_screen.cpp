// The game could not start: the reason, and what to do about it.
#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

namespace {

std::string advice_for(const client::Model& model) {
  const auto code = model.problem ? model.problem->code : v1::ERROR_CODE_UNSPECIFIED;
  switch (code) {
    case v1::ERROR_CODE_UNKNOWN_CODE:
      return "Check the code on the host's screen (letters and digits, no spaces) and try again.";
    case v1::ERROR_CODE_ROOM_FULL:
      return "Both seats of that game are taken. Ask the host to start a new game and read you the new code.";
    case v1::ERROR_CODE_VERSION_MISMATCH:
      return "The two laptops run different versions of Attune. Install the same version on both, then try again.";
    case v1::ERROR_CODE_ROOM_ENDED: return "That session has ended. The host can start a new game.";
    case v1::ERROR_CODE_SERVER_BUSY: return "The game is busy. Wait a moment and try again.";
    case v1::ERROR_CODE_NOT_OWNER:
      return "Start the game on the laptop that hosts it. A therapist's own laptop can start games on an "
             "attune-server once it has paired with the owner code the server printed.";
    case v1::ERROR_CODE_NOT_PAIRED:
      return "Join with the code shown on the host's screen: it pairs this laptop with the host first.";
    case v1::ERROR_CODE_SEAT_TOKEN_INVALID:
      return "This laptop could not take its seat back there. Ask the host for a new code and join again.";
    default:
      return "Check the address (for example 192.168.1.20:7420), that both laptops are on the same network, and "
             "that the host's screen still shows the code.";
  }
}

}  // namespace

void failure_buttons(const ViewContext& ctx, bool retry_helps) {
  // Same places on every failure screen: "Try again" first, "Back to start"
  // beside it; only the emphasis moves to the one that can help.
  if (retry_helps) {
    if (primary_button(ctx.ui, "Try again")) ctx.dispatch(action::Reconnect{});
    ImGui::SameLine();
    if (secondary_button(ctx.ui, "Back to start")) ctx.dispatch(action::BackToStart{});
  } else {
    if (secondary_button(ctx.ui, "Try again")) ctx.dispatch(action::Reconnect{});
    ImGui::SameLine();
    if (primary_button(ctx.ui, "Back to start")) ctx.dispatch(action::BackToStart{});
  }
}

void draw_failed_screen(const ViewContext& ctx) {
  const Palette& p = palette();
  gap(40);
  heading("We could not start the game");
  begin_card("failed", p.panel);
  std::string reason = ctx.model.lost_reason;
  if (reason.empty() && ctx.model.problem) reason = ctx.model.problem->message;
  if (reason.empty()) reason = "The connection did not work.";
  body_text(reason);
  gap(4);
  small_muted("What to do");
  muted_text(advice_for(ctx.model));
  gap(6);
  // When the same details cannot work again, going back is the main way on.
  const auto code = ctx.model.problem ? ctx.model.problem->code : v1::ERROR_CODE_UNSPECIFIED;
  const bool retry_helps = code != v1::ERROR_CODE_UNKNOWN_CODE && code != v1::ERROR_CODE_ROOM_FULL &&
                           code != v1::ERROR_CODE_VERSION_MISMATCH && code != v1::ERROR_CODE_ROOM_ENDED &&
                           code != v1::ERROR_CODE_SEAT_TOKEN_INVALID;
  failure_buttons(ctx, retry_helps);
  // The host's identity changed at this address (a reset laptop, or someone
  // else): forgetting it lets this laptop pair there again with a new code.
  if (ctx.model.host_identity_changed) {
    ImGui::SameLine();
    if (secondary_button(ctx.ui, "Forget this host")) ctx.dispatch(action::ForgetHost{});
  }
  end_card();
}

}  // namespace attune::ui
