// The client's one vocabulary: every change to the client's models is one of
// these actions. Views dispatch them (client/ui), the network thread reports
// with them (client/net), and the window shell reports what it carried out
// with them (client/app). `update(App, Action)` (model/app.hpp) answers all of
// them; `update(Model, Action)` (model/model.hpp) the seat's own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>

#include "attune/engine.hpp"

namespace attune::client {

struct Replay;     // model/replay_viewer.hpp
struct SavedSeat;  // model/saved_seat.hpp

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

// Which drafts a command consumes; the shell clears them once the room has
// accepted it (Effects::clear_drafts), never when it is refused or lost.
enum Draft : std::uint32_t {
  kDraftNone = 0,
  kDraftTopic = 1U << 0U,
  kDraftCheckIn = 1U << 1U,
  kDraftShare = 1U << 2U,
  kDraftReflect = 1U << 3U,
  kDraftConfirm = 1U << 4U,
  kDraftValidate = 1U << 5U,
  kDraftRating = 1U << 6U,
  kDraftHostNote = 1U << 7U,
  kDraftHostSettings = 1U << 8U,
  kDraftAnswer = 1U << 9U,
  kDraftCustomCard = 1U << 20U,  // a card of the couple's own
  kDraftAppreciation = 1U << 15U,
  kDraftStepText = 1U << 25U,  // the one text of a tell or an open question
};

namespace action {

// ---- From the network thread (net/net_client.hpp) and the shell's clock.
struct Connect {  // open a connection for this plan
  std::string server;
  Plan plan;
};
struct Connected {
  // The SHA-256 of the certificate the host proved, for the seat's check.
  std::string host_fingerprint;
};
struct Disconnected {
  std::string reason;
  // The host at this address is not the one this laptop paired with there:
  // the window offers to forget it (ForgetHost).
  bool host_identity_changed = false;
};
struct Tick {  // the shell's clock, a few times a second while anything waits
  std::int64_t now_ms = 0;
};
struct Received {
  v1::Envelope envelope;
};

// ---- From the views: the seat's game.
struct Play {  // a game command; the model gives it its id
  v1::Command command;
  std::uint32_t drafts = kDraftNone;  // the drafts it consumes once accepted
};
struct Leave {};  // mid-game: end the session for both; otherwise back to start
struct DismissProblem {};

// ---- From the views: the window around the game.
struct Host {  // start the server here and sit down as partner A (or as the host)
  std::string name;
  std::uint16_t port = 0;  // 0: any free port
  Seat seat = v1::SEAT_PARTNER_A;
  bool consent_to_recording = false;
};
struct Join {
  std::string name;
  std::string address;  // HOST:PORT
  std::string code;
  bool consent_to_recording = false;
};
struct Reconnect {};    // "Try again" on a failure screen
struct Rejoin {};       // take back the seat saved on this laptop
struct ForgetSeat {};   // drop the saved seat ("Start fresh")
struct ForgetHost {};   // forget the certificate pinned for the failed address, so it can pair again
struct CloseApp {};     // the close button, confirmed: quit, the seat stays kept
struct BackToStart {};  // leave this game's screens (a seat the host keeps stays saved)

// ---- From the views: the replay viewer (model/replay_viewer.hpp).
struct OpenReplay {
  std::string file;
};
struct CloseReplay {};
struct ReplaySeek {
  std::size_t position = 0;  // events applied
};
struct ReplayPlay {
  bool on = false;
};
struct ReplaySpeed {
  double speed = 1.0;
};
struct ReplayViewpoint {
  Seat seat = v1::SEAT_PARTNER_A;
};
struct RateMoment {  // the hindsight dial; 0 leaves a value as it was
  Seat rater = v1::SEAT_PARTNER_A;
  std::uint64_t seq = 0;
  std::uint32_t self = 0;
  std::uint32_t partner = 0;
  std::int64_t at_ms = 0;  // wall clock when rated
};
struct ReplayElapsed {  // the shell's clock while a replay plays
  std::int64_t elapsed_ms = 0;
};

// ---- From the shell: what it carried out (model/app.hpp's effects).
struct ServerStarted {  // the embedded server listens on `port`
  std::uint16_t port = 0;
};
// The shell could not carry out what was asked (the embedded server did not
// start; the host answering is not the one the seat was taken at): the
// failed screen says why, in a sentence a person can act on.
struct Failed {
  std::string reason;
};
struct ReplayOpened {  // the shell read the file OpenReplay named (the model takes it)
  std::shared_ptr<Replay> replay;
};
struct HindsightNotSaved {  // the hindsight layer could not be written
  std::string reason;
};
struct SeatOnDisk {  // read at start: the seat this laptop saved last time, if any
  std::shared_ptr<const SavedSeat> seat;
  std::int64_t now_ms = 0;
};
// Once per turn of the shell's loop: the facts the saved seat follows.
struct KeepSeat {
  std::int64_t now_ms = 0;
  std::string host_fingerprint;               // of the host on this connection
  std::map<std::string, std::string> drafts;  // ui::drafts_to_save
  std::string typed_name;                     // the start screen's name, when the room has none
};

}  // namespace action

using Action =
    std::variant<action::Connect, action::Connected, action::Disconnected, action::Received, action::Tick, action::Play,
                 action::Leave, action::DismissProblem, action::Host, action::Join, action::Reconnect, action::Rejoin,
                 action::ForgetSeat, action::ForgetHost, action::CloseApp, action::BackToStart, action::OpenReplay,
                 action::CloseReplay, action::ReplaySeek, action::ReplayPlay, action::ReplaySpeed,
                 action::ReplayViewpoint, action::RateMoment, action::ReplayElapsed, action::ServerStarted,
                 action::Failed, action::ReplayOpened, action::HindsightNotSaved, action::SeatOnDisk, action::KeepSeat>;

}  // namespace attune::client
