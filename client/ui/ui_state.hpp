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

namespace attune::ui {

struct UiState {
  // Start screen.
  std::string name;
  std::string join_address;
  std::string join_code;
  int host_port = 0;                  // 0: any free port
  bool consent_to_recording = false;  // "Keep a recording", asked before joining
  std::string replay_path;            // "Open a recording"

  // The replay viewer (the recording itself is client::App::replay).
  std::size_t replay_scrolled_to = static_cast<std::size_t>(-1);  // the timeline follows the cursor

  // The host's drafts.
  std::string host_note;
  std::string host_flag = "Come back to this";
  v1::HostSettings host_settings;     // the settings panel's draft
  bool host_settings_edited = false;  // false: follow the room's settings

  // Drafts, one per thing a person writes or picks.
  std::string topic;
  std::string custom_card;  // "Add a card of your own"
  std::set<std::string> feelings;
  int intensity = 5;
  std::string share;
  std::string reflection;
  std::string question;
  bool confirm_partly = false;
  std::string more;
  std::string validation;
  std::string empathy;
  std::string answer_note;  // beside the listener's yes / no / not now
  std::string step_text;    // a step that keeps one text: a tell, an open question
  std::array<int, 6> parts{4, 4, 4, 4, 4, 4};
  int rating_intensity = -1;  // -1: not touched yet, start from the check-in value
  std::string comment;
  // Choosing together (choose_screen.cpp): the picker is open, and what is
  // picked in it (empty: what is in play, or what the partner proposed).
  bool choosing = false;
  std::string chosen_exercise;
  std::string chosen_deck;
  std::string appreciation;  // the closing's one appreciation

  bool leave_dialog_open = false;
  bool close_dialog_open = false;        // the window's close button, mid-round
  bool close_confirmed = false;          // "Close, keep my seat" pressed
  bool end_session_dialog_open = false;  // the host's "End session", confirmed first
  // Start screen: a seat this laptop can take back ("Rejoin the game with Maya").
  std::string rejoin_partner;        // empty: nothing to rejoin
  std::string rejoin_note;           // when it is kept until, or why it cannot be read
  std::int64_t rejoin_until_ms = 0;  // the host lets the seat go then (0: unknown); past it, no Rejoin
  // The earliest wall-clock time (ms) a view needs to be drawn again on its
  // own (a clock, a countdown, dots); 0: none. Reset before each frame.
  std::int64_t redraw_at_ms = 0;
  // Scrolls the window to the newest item of the round story once (after
  // "Partly", the new reflection to confirm).
  std::size_t story_seen = 0;
  bool care_dialog_open = false;  // "Where to find help" from the footer
  bool needs_open = false;        // the "what I need" words beside the share composer
  bool read_only = false;         // drawn inside the replay viewer: no controls
  bool wants_animation = false;   // set by views that move (the breathing guide)

  // Where named buttons were last drawn, for headless view tests.
  bool record_items = false;
  std::map<std::string, std::array<float, 4>> items;
};

// The share draft with a need added: "What I need is rest." the first time,
// then "... rest and quiet." Keeps what the speaker wrote.
[[nodiscard]] std::string with_need(const std::string& draft, const std::string& need);

// Clears the drafts a command carried once the room accepted it (the seat
// model's Effects::clear_drafts, client::Draft bits).
void clear_drafts(UiState& ui, std::uint32_t drafts);

// The drafts as named text fields, for the saved seat (model/saved_seat.hpp),
// and back. Unknown or malformed fields are skipped, never half-applied.
[[nodiscard]] std::map<std::string, std::string> drafts_to_save(const UiState& ui);
void restore_drafts(UiState& ui, const std::map<std::string, std::string>& drafts);

}  // namespace attune::ui
