// The game server, run inside the window's process when this laptop hosts.
// Its io_context lives on its own thread; Asio stays out of this header.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace attune::app {

class EmbeddedServer {
 public:
  EmbeddedServer();
  ~EmbeddedServer();
  EmbeddedServer(const EmbeddedServer&) = delete;
  EmbeddedServer& operator=(const EmbeddedServer&) = delete;

  // Loads the content and starts listening on host:port (port 0: any free
  // one). Returns a sentence a person can act on when it cannot.
  // With `announce`, the game is announced on the LAN while it runs.
  [[nodiscard]] std::optional<std::string> start(const std::string& host, std::uint16_t port,
                                                 const std::filesystem::path& assets_dir, bool announce = true);
  // The port actually bound; 0 when not running.
  [[nodiscard]] std::uint16_t port() const;
  [[nodiscard]] bool running() const;
  // Why the game is not announced on the network ("" when it is): games
  // hosted here announce themselves like `attune-server --announce`.
  [[nodiscard]] std::string announce_problem() const;
  // Closes every connection and joins the thread. Safe to call twice.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace attune::app
