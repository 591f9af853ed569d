// How the program runs: its options and the live window.
#pragma once

#include <optional>
#include <string>

#include "attune/address.hpp"

#include "ui/theme.hpp"

namespace attune::app {

struct AppOptions {
  std::string name;
  bool host = false;
  bool host_seat = false;          // with host: the therapist's seat
  bool record = false;             // agree to recording from the start
  int port = 7420;                 // with host: the port to listen on (7420, else any free one), 0 for any
  bool announce = true;            // announce a hosted game on the LAN (tests turn it off)
  std::optional<JoinTarget> join;  // --join CODE@HOST:PORT, parsed
  float scale = 1.0F;              // on top of the display's own scale
  ui::Theme theme = ui::Theme::kLight;
  // For demos and end-to-end checks: a scripted partner plays this seat for
  // this many rounds, then ends the session and the program quits.
  unsigned demo_rounds = 0;
  // Saves a PNG of each new screen the live window shows into this folder.
  std::string snapshot_dir;
  // For tests that drive the window with real input (xdotool): after each
  // frame that moved anything, writes "screen N" and one line per named
  // button, text box and feeling, "NAME<TAB>x0 y0 x1 y1" in window pixels.
  std::string ui_map;
  // How long a dropped seat keeps trying before the host counts as gone.
  int give_up_seconds = 90;
  // Opens this session file in the replay viewer.
  std::string replay;
};

// The window and its loop. Returns the process exit code.
int run_live(const AppOptions& options);

}  // namespace attune::app
