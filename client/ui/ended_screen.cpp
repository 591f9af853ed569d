// The session is over: who ended it, the appreciations from the closing, the
// feelings named and a neutral summary of the rounds, never a verdict.
#include <imgui.h>

#include "attune/rituals.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_ended_screen(const ViewContext& ctx) {
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  const RoomState& room = model.room;
  const auto* from_a = appreciation_of(room, v1::SEAT_PARTNER_A);
  const auto* from_b = appreciation_of(room, v1::SEAT_PARTNER_B);
  const bool closed_together = from_a != nullptr && from_b != nullptr;
  gap(closed_together ? 16 : 30);
  if (closed_together) {
    heading("The evening is closed");
    muted_text("You closed it together. Here is what you wrote for each other.");
    gap(6);
    begin_card("appreciations", p.accent_soft);
    for (const auto* written : {from_a, from_b}) {
      const std::string who = seat_person(model, written->by());
      small_muted(who == "You" ? "From you" : "From " + who);
      if (written->passed()) {
        muted_text((who == "You" ? std::string("You") : who) + " chose not to write one this time.");
      } else {
        body_text(written->text());
      }
      gap(4);
    }
    end_card();
  } else {
    heading("The session has ended");
    if (room.ended_by == v1::SEAT_UNSPECIFIED) {
      muted_text("Everyone left, so the session closed.");
    } else {
      const std::string who = seat_person(model, room.ended_by);
      muted_text(who == "You" ? "You ended the session." : who + " ended the session.");
    }
  }
  gap(8);
  if (!room.feelings_named.empty()) {
    draw_feelings_named_card(ctx);
    gap(8);
  }
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
