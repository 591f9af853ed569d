// The window's model: the seat's model (model.hpp) inside it, the replay
// viewer (replay_viewer.hpp) beside it, and what the window itself decides —
// hosting here, the seat saved on this laptop, what "Try again" repeats,
// quitting. `update` is pure and answers every action of the one vocabulary
// (actions.hpp); what it needs done outside (start the server, write a file,
// forget a pinned host) comes back as effects for the shell (client/app) to
// carry out, which reports the outcome with another action.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "model/actions.hpp"
#include "model/model.hpp"
#include "model/replay_viewer.hpp"
#include "model/saved_seat.hpp"

namespace attune::client {

// How long the host keeps a dropped seat (ServerConfig::keep_seat default).
inline constexpr std::int64_t kSeatKeptMs = 15 * 60 * 1000;
// Drafts are written to disk at most this often while typing.
inline constexpr std::int64_t kDraftSaveEveryMs = 1500;
// The saved seat is written once a minute regardless: the host's keep time
// counts from when the seat was last seen.
inline constexpr std::int64_t kSeatRefreshMs = 60'000;

struct App {
  Model session;
  std::optional<Replay> replay;  // while a recording is open
  // A seat this laptop holds or can take back (also on disk: saved_seat.hpp).
  std::optional<SavedSeat> saved;
  std::optional<action::Connect> last_connect;  // what "Try again" repeats
  // The embedded server being started, and the seat plan that waits for it.
  struct Starting {
    Plan plan;
    std::uint16_t port = 0;         // asked for (0: any)
    std::uint16_t needed_port = 0;  // a rejoin needs exactly this one; 0: any will do
    std::string server;             // where to connect then; "": 127.0.0.1:PORT
  };
  std::optional<Starting> starting;
  bool hosting = false;  // the embedded server runs
  std::uint16_t port = 0;
  bool restore_drafts = false;  // after a rejoin: the saved drafts go back once seated
  // Keeping the saved seat current (action::KeepSeat).
  bool seat_dirty = false;    // the seat changed: write at once
  bool drafts_dirty = false;  // only drafts changed: write at most every kDraftSaveEveryMs
  std::int64_t last_seat_save_ms = 0;
  bool quit = false;
  // How long a dropped seat keeps trying (Model::give_up_after_ms).
  std::int64_t give_up_after_ms = kGiveUpReconnectingMs;
};

struct AppEffects {
  Effects session;                            // to the network thread; clear_drafts to the views' drafts
  std::optional<std::uint16_t> start_server;  // listen here (0: any); report ServerStarted or Failed
  bool stop_server = false;
  std::optional<std::string> remember_name;                          // the start screen's fields, for next time
  std::optional<std::string> remember_address;                       //
  bool forget_saved_seat = false;                                    // remove the seat file
  bool save_seat = false;                                            // write App::saved now
  std::optional<std::string> open_replay;                            // read this file; report ReplayOpened
  bool save_hindsight = false;                                       // write the replay's hindsight layer
  std::optional<std::string> forget_host;                            // HOST:PORT whose pinned certificate is dropped
  std::optional<std::map<std::string, std::string>> restore_drafts;  // back into the composer (ui::restore_drafts)
  bool quit = false;
};

struct AppStep {
  App app;
  AppEffects effects;
};

[[nodiscard]] AppStep update(App app, const Action& action);

// Mid-game: seated (or taking the seat back) in a session that has begun and
// not ended. Closing the window asks first then.
[[nodiscard]] bool mid_game(const Model& model);

// Who this seat plays with, for "Rejoin the game with Maya": the partner's
// name, or both partners' for the host seat; "" when unknown.
[[nodiscard]] std::string partner_label(const Model& model);

}  // namespace attune::client
