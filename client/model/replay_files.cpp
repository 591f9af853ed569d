#include "model/replay_files.hpp"

#include "attune/files.hpp"

namespace attune::client {

Replay open_replay(const std::string& file) {
  auto read = read_session_file(file);
  if (auto* error = std::get_if<SessionError>(&read)) {
    Replay replay;
    replay.file = file;
    replay.error = error->message;
    return replay;
  }
  auto sidecar = read_small_file(hindsight_path(file), kMaxHindsightFileBytes);
  Replay replay = replay_from_session(file, std::get<Session>(std::move(read)), sidecar.bytes);
  if (sidecar.error) {
    // Too big to be ours: shown, left untouched, and never overwritten.
    replay.hindsight_note = *sidecar.error;
    replay.hindsight_saves = false;
  }
  return replay;
}

std::optional<std::string> save_hindsight(const Replay& replay) {
  if (!replay.hindsight_saves) return std::string("Rating is off for this file.");
  return save_private_file(hindsight_path(replay.file), replay.hindsight.SerializeAsString());
}

}  // namespace attune::client
