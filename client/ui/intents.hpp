// What a view asks for. Views emit intents; the app turns them into model
// actions (or into hosting / joining). Views never touch the network.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "attune/v1/game.pb.h"

namespace attune::ui {

// Which drafts a command consumes; they are cleared once the room accepts it.
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
};

namespace intent {
struct Host {  // start the server here and sit down as partner A (or as the host)
  std::string name;
  std::uint16_t port = 0;  // 0: any free port
  v1::Seat seat = v1::SEAT_PARTNER_A;
  bool consent_to_recording = false;
};
struct Join {
  std::string name;
  std::string address;  // HOST:PORT
  std::string code;
  bool consent_to_recording = false;
};
struct Play {
  v1::Command command;
  std::uint32_t drafts = kDraftNone;
};
struct Leave {};
struct Reconnect {};
struct Rejoin {};      // take back the seat saved on this laptop
struct ForgetSeat {};  // drop the saved seat ("Start fresh")
struct CloseApp {};    // the close button, confirmed: quit, the seat stays kept
struct BackToStart {};
struct DismissProblem {};

// The replay viewer.
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
  v1::Seat seat = v1::SEAT_PARTNER_A;
};
struct RateMoment {  // the hindsight dial; 0 leaves a value as it was
  v1::Seat rater = v1::SEAT_PARTNER_A;
  std::uint64_t seq = 0;
  std::uint32_t self = 0;
  std::uint32_t partner = 0;
};
}  // namespace intent

using Intent = std::variant<intent::Host, intent::Join, intent::Play, intent::Leave, intent::Reconnect, intent::Rejoin,
                            intent::ForgetSeat, intent::CloseApp, intent::BackToStart, intent::DismissProblem,
                            intent::OpenReplay, intent::CloseReplay, intent::ReplaySeek, intent::ReplayPlay,
                            intent::ReplaySpeed, intent::ReplayViewpoint, intent::RateMoment>;

}  // namespace attune::ui
