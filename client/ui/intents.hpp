// What a view asks for. Views emit intents; the app turns them into model
// actions (or into hosting / joining). Views never touch the network.
#pragma once

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
};

namespace intent {
struct Host {  // start the server here and sit down as partner A
  std::string name;
  std::uint16_t port = 0;  // 0: any free port
};
struct Join {
  std::string name;
  std::string address;  // HOST:PORT
  std::string code;
};
struct Play {
  v1::Command command;
  std::uint32_t drafts = kDraftNone;
};
struct Leave {};
struct Reconnect {};
struct BackToStart {};
struct DismissProblem {};
}  // namespace intent

using Intent = std::variant<intent::Host, intent::Join, intent::Play, intent::Leave, intent::Reconnect,
                            intent::BackToStart, intent::DismissProblem>;

}  // namespace attune::ui
