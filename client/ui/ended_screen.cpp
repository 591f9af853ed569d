// The session is over: who ended it and a neutral summary, never a verdict.
#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_ended_screen(const ViewContext& ctx) {
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  const RoomState& room = model.room;
  gap(30);
  heading("The session has ended");
  if (room.ended_by == v1::SEAT_UNSPECIFIED) {
    muted_text("Everyone left, so the session closed.");
  } else {
    const std::string who = seat_person(model, room.ended_by);
    muted_text(who == "You" ? "You ended the session." : who + " ended the session.");
  }
  gap(8);
  begin_card("summary", p.panel);
  const auto rounds = room.finished_rounds.size();
  body_text("You played " + std::to_string(rounds) + (rounds == 1 ? " round" : " rounds") + " together.");
  for (std::size_t i = 0; i < rounds; ++i) {
    const auto& reveal = room.finished_rounds[i];
    const std::string speaker = seat_person(model, reveal.speaker_rating().by());
    const std::string listener = seat_person(model, reveal.listener_prediction().by());
    const std::string shared = speaker == "You" ? "you shared" : speaker + " shared";
    const std::string listened = listener == "You" ? "you listened" : listener + " listened";
    muted_text("Round " + std::to_string(i + 1) + ": " + shared + ", " + listened + ". Feeling " +
               std::to_string(reveal.intensity_before()) + " at the start, " +
               std::to_string(reveal.intensity_after()) + " at the end.");
  }
  end_card();
  gap(8);
  muted_text("Thank you for taking the time to listen to each other.");
  gap(6);
  if (primary_button(ctx.ui, "Back to start")) ctx.emit(intent::BackToStart{});
}

}  // namespace attune::ui
