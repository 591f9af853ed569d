// Sample screens: models built by folding a made-up couple's round through
// the engine (no network), for screenshots, the user guide and view tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attune/v1/content.pb.h"
#include "model/model.hpp"
#include "model/replay_viewer.hpp"
#include "ui/ui_state.hpp"
#include "ui/view_context.hpp"

namespace attune::ui {

struct SampleScreen {
  std::string name;  // file name without extension, e.g. "07-share-speaker"
  client::Model model;
  UiState ui;
  std::optional<client::Replay> replay;  // the replay viewer's recording, if this sample shows one
  HostInfo host;
  std::int64_t now_ms = 0;
  bool dark = false;
};

// Every screen and state, in the order of a round.
[[nodiscard]] std::vector<SampleScreen> sample_screens(const v1::Exercise& exercise, const v1::Deck& deck);

// The events of the sample round, up to and including the reveal.
[[nodiscard]] std::vector<v1::Event> sample_round(const v1::Exercise& exercise, const v1::Deck& deck);

// The same round with a therapist in the host seat (settings, a note and a
// flag), acknowledged and ended by the host: for the host and replay screens.
[[nodiscard]] std::vector<v1::Event> sample_hosted_session(const v1::Exercise& exercise, const v1::Deck& deck);

}  // namespace attune::ui
