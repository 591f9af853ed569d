// The replay viewer's model, the window's second model beside the seat's:
// the opened session, its index, the cursor, the seat it is seen as and the
// hindsight layer. Views read it and dispatch actions; `update_replay`
// changes it (pure). Reading the file and saving the layer are
// model/replay_files.hpp's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attune/session_file.hpp"
#include "model/actions.hpp"
#include "model/replay.hpp"

namespace attune::client {

struct Replay {
  std::string file;
  // Set when the file could not be opened at all (not a session, a newer
  // version, unreadable): the viewer shows only this.
  std::optional<std::string> error;
  std::optional<std::string> warning;  // a damaged tail: what could be read
  v1::SessionHeader header;
  // The file's events as made for the file's viewer (session_viewer), seen
  // as `viewpoint`, one of `viewpoints`.
  ReplayIndex index{std::vector<v1::Event>{}, v1::SEAT_PARTNER_A};
  std::vector<std::string> lines;  // describe_event for each event
  ReplayCursor cursor;
  std::vector<Seat> viewpoints{v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B};  // replay_viewpoints(header)
  Seat viewpoint = v1::SEAT_PARTNER_A;
  v1::HindsightFile hindsight;
  bool hindsight_saves = true;                // false when the sidecar was unusable
  std::optional<std::string> hindsight_note;  // why it was not loaded or saved
};

// Builds the viewer for a session read from `file` (pure; `hindsight_bytes`
// is the sidecar's content when there is one).
[[nodiscard]] Replay replay_from_session(const std::string& file, Session session,
                                         const std::optional<std::string>& hindsight_bytes);

// Applies a replay action (ReplaySeek, ReplayPlay, ReplaySpeed,
// ReplayViewpoint, RateMoment, ReplayElapsed); returns true when the
// hindsight layer changed (the shell then saves it). Other actions leave it.
bool update_replay(Replay& replay, const Action& action);

// The event the cursor stands on (the last one applied), if any.
[[nodiscard]] const v1::Event* current_event(const Replay& replay);

// The partner names from the header, "Partner A" / "Partner B" when absent.
[[nodiscard]] std::string replay_seat_name(const Replay& replay, Seat seat);

}  // namespace attune::client
