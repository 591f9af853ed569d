// Everything a view reads, and where it puts what it asks for.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attune/v1/content.pb.h"
#include "model/model.hpp"
#include "ui/intents.hpp"
#include "ui/ui_state.hpp"

namespace attune::ui {

// Content the views use locally (the feelings picker and the nudges).
struct Assets {
  v1::FeelingsList feelings;
  v1::NudgeLexicon nudges;
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
  std::vector<Intent>& intents;

  void emit(Intent intent) const { intents.push_back(std::move(intent)); }
};

// Draws the whole window for the current model: top bar, the screen for the
// phase and role, the problem banner, the footer note and dialogs.
void draw_app(const ViewContext& ctx);

}  // namespace attune::ui
