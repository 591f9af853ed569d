// Announces a hosting server on the LAN: a UDP datagram every few seconds
// carrying only a random instance id, the game's port and the protocol
// version (attune/announce.hpp). Runs on the server's io_context.
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <string>

#include "attune/announce.hpp"

namespace attune::server {

class Announcer {
 public:
  // `target`: the broadcast address (255.255.255.255:7421 on a LAN) or, in
  // tests, a loopback listener.
  Announcer(asio::io_context& io, std::uint16_t game_port,
            asio::ip::udp::endpoint target = {asio::ip::address_v4::broadcast(), kDiscoveryPort},
            std::chrono::milliseconds every = std::chrono::seconds(2));
  Announcer(const Announcer&) = delete;
  Announcer& operator=(const Announcer&) = delete;

  // Throws std::system_error when no UDP socket can be opened.
  void start();
  void stop();
  [[nodiscard]] const std::string& instance_id() const { return announcement_.instance_id; }

 private:
  void tick();

  asio::ip::udp::socket socket_;
  asio::steady_timer timer_;
  asio::ip::udp::endpoint target_;
  std::chrono::milliseconds every_;
  Announcement announcement_;
  std::string datagram_;
  bool stopped_ = false;
};

}  // namespace attune::server
