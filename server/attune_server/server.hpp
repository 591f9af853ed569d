// The Attune server: accepts connections on one io_context, speaks the
// framed protocol, and seats people in the lobby's rooms.
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "attune/content.hpp"
#include "attune_server/lobby.hpp"

namespace attune::server {

struct ServerConfig {
  std::chrono::milliseconds hello_timeout{10'000};  // a connection must say Hello by then
  std::chrono::seconds heartbeat{5};                // clients send something this often
  int away_after_heartbeats = 3;                    // silent this long: marked away
  std::chrono::seconds idle_close{120};             // silent this long: closed
  std::size_t max_connections = 512;
  std::size_t max_queued_bytes = 4 * 1024 * 1024;  // a peer that stops reading is cut off
  std::uint64_t seed = 0;                          // 0: from std::random_device
  // Milliseconds since the Unix epoch; replaceable for tests.
  std::function<std::int64_t()> clock;
};

class Connection;

class Server {
 public:
  Server(asio::io_context& io, Content content, ServerConfig config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts accepting. Throws std::system_error with a readable
  // message when the address cannot be used.
  void listen(const std::string& host, std::uint16_t port);
  [[nodiscard]] asio::ip::tcp::endpoint local_endpoint() const;
  // Stops accepting and closes every connection; the io_context then runs out.
  void stop();

  [[nodiscard]] Lobby& lobby() { return lobby_; }
  [[nodiscard]] const ServerConfig& config() const { return config_; }
  [[nodiscard]] std::int64_t now_ms() const;
  [[nodiscard]] std::size_t connection_count() const { return connections_.size(); }

  // Called by connections.
  void forget(const std::shared_ptr<Connection>& connection);

 private:
  void accept();

  asio::io_context& io_;
  ServerConfig config_;
  Lobby lobby_;
  asio::ip::tcp::acceptor acceptor_;
  std::set<std::shared_ptr<Connection>> connections_;
  bool stopped_ = false;
};

}  // namespace attune::server
