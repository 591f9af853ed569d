#include "model/replay_viewer.hpp"

#include <algorithm>
#include <variant>

namespace attune::client {

Replay replay_from_session(const std::string& file, Session session,
                           const std::optional<std::string>& hindsight_bytes) {
  Replay replay;
  replay.file = file;
  replay.header = std::move(session.header);
  replay.warning = std::move(session.warning);
  // An older file may hold the host's whole log though it was made for the
  // couple: it is read through the same projection as a new one.
  std::vector<v1::Event> events = project_log(session.events, session_viewer(replay.header));
  replay.lines.reserve(events.size());
  {
    RoomState state;
    for (const auto& event : events) {
      replay.lines.push_back(describe_event(state, event));
      state = fold(std::move(state), event);
    }
  }
  replay.viewpoints = replay_viewpoints(replay.header);
  replay.viewpoint = replay.viewpoints.front();
  replay.index = ReplayIndex(std::move(events), replay.viewpoint);
  replay.hindsight.set_room_id(replay.header.room_id());
  if (hindsight_bytes) {
    v1::HindsightFile layer;
    if (!layer.ParseFromString(*hindsight_bytes)) {
      replay.hindsight_note = "The hindsight ratings beside this file could not be read; they were left as they are.";
      replay.hindsight_saves = false;
    } else if (auto problem = check_hindsight(layer, replay.header)) {
      replay.hindsight_note = *problem;
      replay.hindsight_saves = false;
    } else {
      replay.hindsight = std::move(layer);
      if (replay.hindsight.room_id().empty()) replay.hindsight.set_room_id(replay.header.room_id());
    }
  }
  return replay;
}

bool update_replay(Replay& replay, const Action& action) {
  const std::size_t size = replay.index.size();
  if (const auto* seek = std::get_if<action::ReplaySeek>(&action)) {
    replay.cursor.position = std::min(seek->position, size);
    replay.cursor.carry_ms = 0;
    if (replay.cursor.position >= size) replay.cursor.playing = false;
  } else if (const auto* play = std::get_if<action::ReplayPlay>(&action)) {
    replay.cursor.playing = play->on && size > 0;
    replay.cursor.carry_ms = 0;
    // Playing from the end starts again from the beginning.
    if (replay.cursor.playing && replay.cursor.position >= size) replay.cursor.position = 0;
  } else if (const auto* speed = std::get_if<action::ReplaySpeed>(&action)) {
    replay.cursor.speed = std::clamp(speed->speed, 0.25, 16.0);
  } else if (const auto* elapsed = std::get_if<action::ReplayElapsed>(&action)) {
    if (replay.cursor.playing) replay.cursor = advance(replay.index, replay.cursor, elapsed->elapsed_ms);
  } else if (const auto* view = std::get_if<action::ReplayViewpoint>(&action)) {
    // Only the seats this file was made for (a couple's file has no host view).
    if (std::find(replay.viewpoints.begin(), replay.viewpoints.end(), view->seat) == replay.viewpoints.end()) {
      return false;
    }
    replay.viewpoint = view->seat;
    replay.index.view_as(view->seat);
  } else if (const auto* rate = std::get_if<action::RateMoment>(&action)) {
    if (rate->rater != v1::SEAT_PARTNER_A && rate->rater != v1::SEAT_PARTNER_B) return false;
    if (!replay.hindsight_saves) return false;
    rate_moment(replay.hindsight, rate->rater, rate->seq, rate->self, rate->partner, rate->at_ms);
    return true;
  }
  return false;
}

const v1::Event* current_event(const Replay& replay) {
  if (replay.cursor.position == 0 || replay.cursor.position > replay.index.size()) return nullptr;
  return &replay.index.events()[replay.cursor.position - 1];
}

std::string replay_seat_name(const Replay& replay, Seat seat) {
  for (const auto& s : replay.header.seats()) {
    if (s.seat() == seat && !s.name().empty()) return display_name(s.name(), seat);
  }
  return display_name(std::string_view(), seat);
}

}  // namespace attune::client
