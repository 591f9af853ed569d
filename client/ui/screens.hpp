// One function per screen. Each reads the context and emits intents.
#pragma once

#include "ui/view_context.hpp"

namespace attune::ui {

void draw_start_screen(const ViewContext& ctx);
void draw_connecting_screen(const ViewContext& ctx);
void draw_waiting_screen(const ViewContext& ctx);
void draw_lost_screen(const ViewContext& ctx);
void draw_reconnecting_screen(const ViewContext& ctx);
void draw_failed_screen(const ViewContext& ctx);
void draw_prompt_screen(const ViewContext& ctx);
void draw_check_in_screen(const ViewContext& ctx);
void draw_share_screen(const ViewContext& ctx);
void draw_reflect_screen(const ViewContext& ctx);
void draw_confirm_screen(const ViewContext& ctx);
void draw_validate_screen(const ViewContext& ctx);
void draw_answer_screen(const ViewContext& ctx);
void draw_more_screen(const ViewContext& ctx);
void draw_tell_screen(const ViewContext& ctx);
void draw_ask_screen(const ViewContext& ctx);
void draw_rate_screen(const ViewContext& ctx);
void draw_reveal_screen(const ViewContext& ctx);
void draw_break_screen(const ViewContext& ctx);
void draw_partner_turn_screen(const ViewContext& ctx);
void draw_ended_screen(const ViewContext& ctx);
// Choosing together, the opening breath and the closing (rituals.hpp).
void draw_choose_screen(const ViewContext& ctx);
void draw_breathe_screen(const ViewContext& ctx);
void draw_closing_screen(const ViewContext& ctx);
// Above a round nobody has begun: what is played, and the ways to choose
// something else, breathe first or close the evening.
void draw_round_frame_bar(const ViewContext& ctx);
// The feelings named this evening, as a quiet card (closing and end).
void draw_feelings_named_card(const ViewContext& ctx);
// This partner opened the picker ("Choose something else together").
[[nodiscard]] bool choose_screen_open(const ViewContext& ctx);
// The host's dashboard (the host seat), and the replay viewer (ui.replay).
void draw_host_screen(const ViewContext& ctx);
void draw_replay_screen(const ViewContext& ctx);
// The screen screen_for picks, without the bar around it.
void draw_screen_for(const ViewContext& ctx);

// "Try again" and "Back to start", in the same places on every failure screen.
void failure_buttons(const ViewContext& ctx, bool retry_helps);
// Dialogs: closing the window mid-round, and the host ending the session.
void draw_close_dialog(const ViewContext& ctx);
void draw_end_session_dialog(const ViewContext& ctx);

// Always-visible pieces around the screens.
void draw_top_bar(const ViewContext& ctx);
void draw_problem_banner(const ViewContext& ctx);
void draw_leave_dialog(const ViewContext& ctx);

// Which screen the model calls for; the name is used for screenshots.
enum class Screen {
  kStart,
  kConnecting,
  kWaiting,
  kLost,
  kReconnecting,
  kFailed,
  kPrompt,
  kCheckIn,
  kShare,
  kReflect,
  kConfirm,
  kValidate,
  kRate,
  kReveal,
  kBreak,
  kPartnerTurn,
  kEnded,
  kHost,
  kAnswer,  // the window's ui map and its tests name screens by number: append only
  kChoose,
  kBreathe,
  kClosing,
  kMore,
  kTell,
  kAsk,
};
[[nodiscard]] Screen screen_for(const client::Model& model);

}  // namespace attune::ui
