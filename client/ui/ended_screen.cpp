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
    // A rating kept with its rater is absent here; the roles follow from the one that is present.
    Seat speaker_seat = v1::SEAT_UNSPECIFIED;
    if (reveal.has_speaker_rating()) speaker_seat = reveal.speaker_rating().by();
    if (reveal.has_listener_prediction()) speaker_seat = other_partner(reveal.listener_prediction().by());
    std::string line = "Round " + std::to_string(i + 1) + ": ";
    if (speaker_seat != v1::SEAT_UNSPECIFIED) {
      const std::string speaker = seat_person(model, speaker_seat);
      const std::string listener = seat_person(model, other_partner(speaker_seat));
      line += (speaker == "You" ? "you shared" : speaker + " shared") + ", " +
              (listener == "You" ? "you listened" : listener + " listened") + ". ";
    }
    if (reveal.no_check_in()) {
      if (reveal.has_speaker_rating()) line += "Feeling " + std::to_string(reveal.intensity_after()) + " at the end.";
    } else {
      line += "Feeling " + std::to_string(reveal.intensity_before()) + " at the start";
      line += reveal.has_speaker_rating() ? ", " + std::to_string(reveal.intensity_after()) + " at the end." : ".";
    }
    muted_text(line);
  }
  end_card();
  gap(8);
  muted_text("Thank you for taking the time to listen to each other.");
  gap(6);
  if (primary_button(ctx.ui, "Back to start")) ctx.dispatch(action::BackToStart{});
}

}  // namespace attune::ui
