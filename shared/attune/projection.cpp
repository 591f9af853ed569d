#include "attune/projection.hpp"

#include "attune/engine.hpp"
#include "attune/rules.hpp"

namespace attune {

using v1::Event;

namespace {

// A partner's (or the couple's) copy of a reveal when the host keeps each
// rating with its rater: nothing that comes from the other's rating remains.
void keep_own_rating_only(v1::Revealed& revealed, Seat viewer) {
  // Only a partner owns a rating; the couple's copy owns none, whatever `by` says.
  const bool own_speaker = is_partner(viewer) && revealed.speaker_rating().by() == viewer;
  const bool own_listener = is_partner(viewer) && revealed.listener_prediction().by() == viewer;
  if (!own_speaker) {
    revealed.clear_speaker_rating();
    revealed.clear_intensity_after();  // the speaker's rating carries it
  }
  if (!own_listener) {
    revealed.clear_listener_prediction();
    revealed.clear_intensity_guess();  // the listener's prediction carries it
  }
  // Both come from comparing the two ratings.
  revealed.clear_empathic_accuracy();
  revealed.clear_gaps();
}

}  // namespace

Event project_event(const Event& event, Seat viewer, const v1::HostSettings& in_force) {
  if (viewer == v1::SEAT_HOST) return event;
  if (event.has_note_pinned() || event.has_moment_flagged()) {
    // Not a byte of it: only the number and time, so the sequence stays whole.
    Event blank;
    blank.set_seq(event.seq());
    blank.set_at_ms(event.at_ms());
    return blank;
  }
  if (event.has_rating_submitted() && (!is_partner(viewer) || event.rating_submitted().by() != viewer)) {
    Event redacted = event;
    redacted.mutable_rating_submitted()->clear_rating();
    return redacted;
  }
  if (event.has_appreciation_written() && (!is_partner(viewer) || event.appreciation_written().by() != viewer)) {
    // Like a rating: the other's appreciation is shown when the session ends.
    Event redacted = event;
    redacted.mutable_appreciation_written()->clear_text();
    redacted.mutable_appreciation_written()->clear_passed();
    return redacted;
  }
  if (event.has_revealed() && !in_force.partners_see_ratings()) {
    Event redacted = event;
    keep_own_rating_only(*redacted.mutable_revealed(), viewer);
    return redacted;
  }
  return event;
}

std::vector<Event> project_log(const std::vector<Event>& events, Seat viewer) {
  std::vector<Event> seen;
  seen.reserve(events.size());
  // Settings changes reach every viewer unchanged, so the viewer's own fold
  // knows the settings in force at each event.
  RoomState room;
  for (const auto& event : events) {
    seen.push_back(project_event(event, viewer, room.settings));
    room = fold(std::move(room), seen.back());
  }
  return seen;
}

RoomState view_of(const std::vector<Event>& events, Seat viewer) {
  RoomState seen;
  for (const auto& event : events) seen = fold(std::move(seen), project_event(event, viewer, seen.settings));
  return seen;
}

}  // namespace attune
