// The replay viewer's files: the session file it opens (never written) and
// the hindsight sidecar beside it (FILE.hindsight), owner-only. The window
// shell calls these for the effects of model/app.hpp; the model stays pure.
#pragma once

#include <optional>
#include <string>

#include "model/replay_viewer.hpp"

namespace attune::client {

// Reads the session file and its hindsight sidecar.
[[nodiscard]] Replay open_replay(const std::string& file);

// Writes the hindsight layer beside the session file, owner-only and
// atomically. Never touches the session file. Returns an error sentence on
// failure.
[[nodiscard]] std::optional<std::string> save_hindsight(const Replay& replay);

}  // namespace attune::client
