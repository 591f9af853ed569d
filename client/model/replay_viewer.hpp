// The replay viewer's state beside the views: the opened session, its index,
// the cursor, the seat it is seen as and the hindsight layer. Views read it
// and emit intents; apply_replay changes it (pure), the app saves the layer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attune/session_file.hpp"
#include "model/replay.hpp"
#include "ui/intents.hpp"

namespace attune::ui {

struct ReplayState {
  std::string file;
  // Set when the file could not be opened at all (not a session, a newer
  // version, unreadable): the viewer shows only this.
  std::optional<std::string> error;
  std::optional<std::string> warning;  // a damaged tail: what could be read
  v1::SessionHeader header;
  // The file's events as made for the file's viewer (session_viewer), seen
  // as `viewpoint`, one of `viewpoints`.
  client::ReplayIndex index{std::vector<v1::Event>{}, v1::SEAT_PARTNER_A};
  std::vector<std::string> lines;  // describe_event for each event
  client::ReplayCursor cursor;
  std::vector<Seat> viewpoints{v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B};  // replay_viewpoints(header)
  Seat viewpoint = v1::SEAT_PARTNER_A;
  v1::HindsightFile hindsight;
  bool hindsight_saves = true;                // false when the sidecar was unusable
  std::optional<std::string> hindsight_note;  // why it was not loaded or saved
};

// Builds the viewer for a session read from `file` (pure; `hindsight` is the
// sidecar's bytes when there is one).
[[nodiscard]] ReplayState replay_from_session(const std::string& file, Session session,
                                              const std::optional<std::string>& hindsight_bytes);
// Reads the session file and its hindsight sidecar.
[[nodiscard]] ReplayState open_replay(const std::string& file);

// Applies a replay intent; returns true when the hindsight layer changed
// (the app then saves it). Other intents are ignored.
bool apply_replay(ReplayState& replay, const Intent& intent, std::int64_t now_ms);

// Writes the hindsight layer beside the session file (FILE.hindsight),
// owner-only and atomically. Never touches the session file. Returns an
// error sentence on failure.
[[nodiscard]] std::optional<std::string> save_hindsight(const ReplayState& replay);

// The event the cursor stands on (the last one applied), if any.
[[nodiscard]] const v1::Event* current_event(const ReplayState& replay);

// The partner names from the header, "Partner A" / "Partner B" when absent.
[[nodiscard]] std::string replay_seat_name(const ReplayState& replay, Seat seat);

}  // namespace attune::ui
