// Transient widget state: what the person is typing or choosing before it
// becomes a command. Lives beside the model, never inside it, so a refused
// or lost command leaves every draft where it was.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "model/model.hpp"
#include "ui/replay_state.hpp"

namespace attune::ui {

struct UiState {
  // Start screen.
  std::string name;
  std::string join_address;
  std::string join_code;
  int host_port = 0;                  // 0: any free port
  bool consent_to_recording = false;  // "Keep a recording", asked before joining
  std::string replay_path;            // "Open a recording"

  // The replay viewer, while a recording is open.
  std::optional<ReplayState> replay;
  std::size_t replay_scrolled_to = static_cast<std::size_t>(-1);  // the timeline follows the cursor

  // The host's drafts.
  std::string host_note;
  std::string host_flag = "Come back to this";
  v1::HostSettings host_settings;     // the settings panel's draft
  bool host_settings_edited = false;  // false: follow the room's settings

  // Drafts, one per thing a person writes or picks.
  std::string topic;
  std::set<std::string> feelings;
  int intensity = 5;
  std::string share;
  std::string reflection;
  std::string question;
  bool confirm_partly = false;
  std::string more;
  std::string validation;
  std::string empathy;
  std::array<int, 6> parts{4, 4, 4, 4, 4, 4};
  int rating_intensity = -1;  // -1: not touched yet, start from the check-in value
  std::string comment;

  // The command in flight and the drafts it carries.
  std::uint64_t inflight_id = 0;
  std::uint32_t inflight_drafts = 0;

  bool leave_dialog_open = false;
  bool care_dialog_open = false;
  bool needs_open = false;  // the "what I need" words under the share composer  // "Where to find help" from the footer
  bool read_only = false;   // drawn inside the replay viewer: no controls
  bool wants_animation = false;  // set by views that move (the breathing guide)
  float scale = 1.0F;

  // Where named buttons were last drawn, for headless view tests.
  bool record_items = false;
  std::map<std::string, std::array<float, 4>> items;
};

// Clears the drafts a command carried once the room has accepted it; keeps
// them when it was refused or the link dropped first. Call once per frame.
void settle_drafts(const client::Model& model, UiState& ui);
// The share draft with a need added: "What I need is rest." the first time,
// then "... rest and quiet." Keeps what the speaker wrote.
[[nodiscard]] std::string with_need(const std::string& draft, const std::string& need);

void clear_drafts(UiState& ui, std::uint32_t drafts);

}  // namespace attune::ui
