// The seat's model: everything a seat knows, rebuilt from what the server
// sends with the engine's own fold. `update` is pure: it returns the next
// model and the effects (messages to send, connect, disconnect, drafts to
// clear) for the shell to carry out. Views read the model and dispatch
// actions (model/actions.hpp); they never change it. The window's own model
// around it (hosting, the saved seat, the replay viewer) is model/app.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "attune/engine.hpp"
#include "model/actions.hpp"

namespace attune::client {

enum class Link {
  kIdle,         // not connected, nothing asked
  kConnecting,   // TCP connect under way
  kHandshaking,  // Hello sent, waiting for Welcome
  kSeating,      // CreateRoom / JoinRoom sent
  kInRoom,
  kReconnecting,  // dropped while seated; taking the seat back with backoff
  kLost,          // the connection dropped after it worked and cannot be resumed
  kFailed,        // could not connect, or the server refused us for good
};

struct Problem {
  v1::ErrorCode code = v1::ERROR_CODE_UNSPECIFIED;
  std::string message;
  std::uint64_t command_id = 0;
  bool fatal = false;
};

// How long a dropped seat keeps trying before the host counts as gone.
inline constexpr std::int64_t kGiveUpReconnectingMs = 90'000;

struct Model {
  Link link = Link::kIdle;
  std::string server;  // HOST:PORT as typed
  std::optional<Plan> plan;
  std::string server_name;
  std::uint32_t heartbeat_seconds = 0;
  Seat seat = v1::SEAT_UNSPECIFIED;
  std::string room_id;
  std::string join_code;    // to give the partner; empty once used
  std::string code_notice;  // why the code changed (wrong codes were tried), for the screen
  RoomState room;           // this seat's projection, folded event by event
  std::uint64_t next_command_id = 1;
  // The command sent and neither accepted nor refused yet (it carries its
  // id), re-sent on resume, and the drafts it consumes once accepted.
  struct InFlight {
    v1::Command command;
    std::uint32_t drafts = kDraftNone;
  };
  std::optional<InFlight> in_flight;
  std::optional<Problem> problem;  // the latest refusal or failure to show
  std::string lost_reason;         // why the link is kLost / kFailed
  std::uint64_t gaps_seen = 0;     // events that arrived out of sequence
  // Resuming after a drop.
  std::string seat_token;         // secret from RoomJoined for this seat
  std::int64_t seat_kept_ms = 0;  // how long the host keeps the seat after a drop (0: it did not say)
  std::uint32_t reconnect_attempts = 0;
  std::int64_t reconnect_delay_ms = 0;     // wait before the next attempt
  std::int64_t reconnect_due_ms = 0;       // 0: not scheduled yet (set on the next Tick)
  bool resume_connected = false;           // the reconnect's TCP link is up
  std::int64_t reconnecting_since_ms = 0;  // first Tick after the drop; 0: not yet
  // Past this long without getting the seat back, the host is taken to be
  // gone (window closed, laptop off): link kLost with host_gone set.
  std::int64_t give_up_after_ms = kGiveUpReconnectingMs;
  bool host_gone = false;
  // The last failure was a host whose identity changed at `server`: the
  // failed screen offers to forget it (action::ForgetHost).
  bool host_identity_changed = false;
};

// Backoff between reconnect attempts: 0.5 s, 1 s, 2 s, 4 s, then 8 s.
[[nodiscard]] std::int64_t reconnect_delay_ms(std::uint32_t attempt);

struct Effects {
  std::optional<std::string> connect_to;  // open a connection to HOST:PORT
  bool disconnect = false;
  std::vector<v1::Envelope> send;
  std::uint32_t clear_drafts = kDraftNone;  // the room accepted a command: these drafts are done
};

struct Step {
  Model model;
  Effects effects;
};

// Answers the seat's actions (network, Play, Leave, DismissProblem); the
// window's actions (Host, OpenReplay, ...) leave the seat as it is: they are
// model/app.hpp's.
[[nodiscard]] Step update(Model model, const Action& action);

// Convenience for views and bots.
[[nodiscard]] bool my_turn(const Model& model);
[[nodiscard]] bool waiting_on_server(const Model& model);      // a command is in flight
[[nodiscard]] std::uint64_t in_flight_id(const Model& model);  // 0: none
[[nodiscard]] std::string partner_name(const Model& model);
[[nodiscard]] std::string describe_partner_activity(const Model& model);

}  // namespace attune::client
