// Everything a view reads, and where it puts what it asks for.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "attune/nudges.hpp"
#include "attune/v1/content.pb.h"
#include "model/actions.hpp"
#include "model/model.hpp"
#include "model/replay_viewer.hpp"
#include "ui/ui_state.hpp"

namespace attune::ui {

// Views speak the client's one vocabulary (model/actions.hpp).
namespace action = client::action;
using client::Action;
using enum client::Draft;

// Content the views use locally: the feelings picker, the nudges, the needs
// offered while sharing and the care resources behind the footer.
struct Assets {
  v1::FeelingsList feelings;
  v1::NudgeLexicon nudges;
  v1::NeedsList needs;
  v1::CareList care;
  // The nudge lexicon compiled on first use, and the last draft's nudges:
  // views draw every frame, matching runs only when the draft changes.
  struct NudgeCache {
    std::unique_ptr<NudgeMatcher> matcher;
    v1::StepKind step = v1::STEP_KIND_UNSPECIFIED;
    std::string draft;
    std::vector<Nudge> nudges;
  };
  mutable std::shared_ptr<NudgeCache> nudge_cache;
};

// When this laptop hosts: where the partner can find the game.
struct HostInfo {
  bool hosting = false;
  std::uint16_t port = 0;
  std::vector<std::string> addresses;  // non-loopback IPv4 of this laptop
  // When the usual port (7420) was taken and the game fell back to another:
  // a sentence saying so, shown beside the address.
  std::string port_note;
  std::string announce_note;  // when the game cannot be announced on the network
  // Games other laptops announce on the network ("IP:PORT"), for joining.
  std::vector<std::string> games_nearby;
};

struct ViewContext {
  const client::Model& model;
  UiState& ui;
  const Assets& assets;
  const HostInfo& host;
  std::int64_t now_ms = 0;  // wall clock, milliseconds since the Unix epoch
  std::vector<Action>& actions;
  const client::Replay* replay = nullptr;  // the recording open in the replay viewer, if any

  void dispatch(Action action) const { actions.push_back(std::move(action)); }
};

// Draws the whole window for the current model: top bar, the screen for the
// phase and role, the problem banner, the footer note and dialogs.
void draw_app(const ViewContext& ctx);

}  // namespace attune::ui
