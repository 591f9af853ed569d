// Finding games on the LAN: listens for hosts' UDP announcements (see
// attune/announce.hpp) on its own thread and keeps a list of what it heard.
// The GUI polls games() (and may redraw when `wake` is called). Typing an
// address by hand always works too, for networks that block broadcast.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "attune/announce.hpp"

namespace attune::client {

struct FoundGame {
  std::string address;      // "IP:PORT", ready for NetClient::connect / action::Connect
  std::string instance_id;  // random per host run; tells two hosts on one laptop apart
  std::uint32_t protocol_version = 0;
  bool compatible = false;  // speaks this app's protocol version
  std::chrono::steady_clock::time_point last_seen;
};

class GameFinder {
 public:
  using Wake = std::function<void()>;

  // Listens on UDP `listen_address`:`port` (all interfaces, kDiscoveryPort by
  // default; port 0 picks a free one, for tests). Never sends anything.
  explicit GameFinder(Wake wake = {}, std::uint16_t port = kDiscoveryPort, std::string listen_address = "0.0.0.0");
  ~GameFinder();
  GameFinder(const GameFinder&) = delete;
  GameFinder& operator=(const GameFinder&) = delete;

  // Hosts heard within `fresh` (a few missed announcements), newest first.
  [[nodiscard]] std::vector<FoundGame> games(std::chrono::milliseconds fresh = std::chrono::seconds(7)) const;
  // The UDP port listened on; 0 when listening failed.
  [[nodiscard]] std::uint16_t port() const;
  // Why listening failed ("" when it works), as a sentence for the screen.
  [[nodiscard]] std::string problem() const;

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace attune::client
