// The client's model: everything a seat knows, rebuilt from what the server
// sends with the engine's own fold. `update` is pure: it returns the next
// model and the effects (messages to send, connect, disconnect) for the shell
// to carry out. Views read the model and emit actions; they never change it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "attune/engine.hpp"

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

struct Plan {
  // kResume: take back a seat this laptop held before (saved on disk), with
  // the room id and seat token from then.
  enum class Kind { kCreate, kJoin, kResume };
  Kind kind = Kind::kCreate;
  std::string name;
  std::string code;                // for kJoin
  Seat seat = v1::SEAT_PARTNER_A;  // for kCreate: partner A or host
  // Asked on screen before joining; without everyone's yes nothing is kept
  // after the session ends.
  bool consent_to_recording = false;
  std::string room_id = {};     // for kResume
  std::string seat_token = {};  // for kResume
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
  std::uint64_t pending_command = 0;  // sent, neither accepted nor refused yet
  std::optional<Problem> problem;     // the latest refusal or failure to show
  std::string lost_reason;            // why the link is kLost / kFailed
  std::uint64_t gaps_seen = 0;        // events that arrived out of sequence
  // Resuming after a drop.
  std::string seat_token;              // secret from RoomJoined for this seat
  std::int64_t seat_kept_ms = 0;       // how long the host keeps the seat after a drop (0: it did not say)
  std::optional<v1::Command> pending;  // the command in flight, re-sent on resume
  std::uint32_t reconnect_attempts = 0;
  std::int64_t reconnect_delay_ms = 0;     // wait before the next attempt
  std::int64_t reconnect_due_ms = 0;       // 0: not scheduled yet (set on the next Tick)
  bool resume_connected = false;           // the reconnect's TCP link is up
  std::int64_t reconnecting_since_ms = 0;  // first Tick after the drop; 0: not yet
  // Past this long without getting the seat back, the host is taken to be
  // gone (window closed, laptop off): link kLost with host_gone set.
  std::int64_t give_up_after_ms = kGiveUpReconnectingMs;
  bool host_gone = false;
};

// Backoff between reconnect attempts: 0.5 s, 1 s, 2 s, 4 s, then 8 s.
[[nodiscard]] std::int64_t reconnect_delay_ms(std::uint32_t attempt);

namespace action {
struct Connect {  // the person asked to host or join
  std::string server;
  Plan plan;
};
struct Connected {};
struct Disconnected {
  std::string reason;
};
struct Tick {  // the shell's clock, a few times a second while anything waits
  std::int64_t now_ms = 0;
};
struct Received {
  v1::Envelope envelope;
};
struct Play {  // a game command; the model gives it its id
  v1::Command command;
};
struct Leave {};
struct DismissProblem {};
}  // namespace action

using Action = std::variant<action::Connect, action::Connected, action::Disconnected, action::Received, action::Play,
                            action::Leave, action::DismissProblem, action::Tick>;

struct Effects {
  std::optional<std::string> connect_to;  // open a connection to HOST:PORT
  bool disconnect = false;
  std::vector<v1::Envelope> send;
};

struct Step {
  Model model;
  Effects effects;
};

[[nodiscard]] Step update(Model model, const Action& action);

// Convenience for views and bots.
[[nodiscard]] bool my_turn(const Model& model);
[[nodiscard]] bool waiting_on_server(const Model& model);
[[nodiscard]] std::string partner_name(const Model& model);
[[nodiscard]] std::string describe_partner_activity(const Model& model);

}  // namespace attune::client
