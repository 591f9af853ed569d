// One projection for a viewer: the single secrecy rule every output uses
// (the wire, exports, the report, the replay). Nothing else decides what a
// seat may see.
#pragma once

#include <vector>

#include "attune/room_state.hpp"

namespace attune {

// The one secrecy rule, for one event on its way to `viewer`:
//   SEAT_HOST        everything;
//   SEAT_PARTNER_A/B that partner's view: the other partner's rating is
//                    cleared until the reveal; at the reveal, when
//                    `in_force.partners_see_ratings()` is off, every field
//                    that comes from the other's rating is cleared too (their
//                    rating, the gaps, their intensity, the accuracy);
//   anything else    the couple together (a shared export): what *both*
//                    partners may see, so neither partner's private rating.
// Host notes and flags reach everyone but the host as a blank event with only
// their number and time, so the sequence stays gapless. `in_force` is the
// room's settings when the event happened; there is deliberately no default.
[[nodiscard]] v1::Event project_event(const v1::Event& event, Seat viewer, const v1::HostSettings& in_force);

// A whole log as `viewer` receives it, each event under the settings in force
// when it happened (folded from the log itself).
[[nodiscard]] std::vector<v1::Event> project_log(const std::vector<v1::Event>& events, Seat viewer);

// The room as `viewer` sees it after `events`: the fold of project_log.
[[nodiscard]] RoomState view_of(const std::vector<v1::Event>& events, Seat viewer);

}  // namespace attune
