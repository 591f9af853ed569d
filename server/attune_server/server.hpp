// The Attune server: accepts connections on one io_context, speaks the
// framed protocol, and seats people in the lobby's rooms.
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "attune/content.hpp"
#include "attune_server/lobby.hpp"
#include "attune_server/store.hpp"

namespace attune::server {

struct ServerConfig {
  std::chrono::milliseconds hello_timeout{10'000};  // a connection must say Hello by then
  std::chrono::seconds heartbeat{5};                // clients send something this often
  int away_after_heartbeats = 3;                    // silent this long: marked away
  std::chrono::seconds idle_close{120};             // silent this long: closed
  std::size_t max_queued_bytes = 4 * 1024 * 1024;   // a peer that stops reading is cut off
  std::filesystem::path data_dir;                   // empty: default_data_dir()
  std::optional<int> store_max_pages;               // tests fill the "disk" with this
  std::chrono::minutes keep_seat{15};               // a dropped seat is kept this long
  // attune-server prints an owner code that pairs one more laptop as an
  // owner (it may create games); the window's embedded server has none.
  bool owner_pairing = false;
  // Limits (docs/security.md), flags of attune-server. Strangers (no known
  // certificate yet) share a small pool that is evicted first; devices the
  // host knows are limited per device, never per address, so a neighbour
  // behind the same router cannot lock a partner out.
  std::size_t max_connections = 4096;
  std::size_t max_unauthenticated = 128;             // connections from devices the host does not know yet
  std::size_t max_unauthenticated_per_address = 16;  // beyond: that address's oldest stranger goes
  std::size_t max_connections_per_device = 16;
  std::size_t max_rooms_per_device = 16;               // games one owner device may run at once
  std::size_t max_events_per_room = 20'000;            // a session's log cannot grow without bound
  std::chrono::milliseconds handshake_timeout{5'000};  // TLS handshake done by then
  std::chrono::milliseconds frame_timeout{10'000};     // a frame, once begun, arrives in full by then
  std::chrono::seconds pairing_code_lifetime{300};     // a join code pairs a new device this long
  std::size_t wrong_attempts_per_code = 20;            // then the code is retired and renewed
  std::size_t codes_per_room = 10;                     // renewals stop after this many codes
  // Milliseconds since the Unix epoch; replaceable for tests.
  std::function<std::int64_t()> clock;
};

class Connection;
class PairingDesk;
class TlsServerContext;

class Server {
 public:
  // Opens the store in config.data_dir and rebuilds the rooms it holds.
  // Throws std::runtime_error with a sentence when the store cannot be used.
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
  [[nodiscard]] Store& store() { return *store_; }
  [[nodiscard]] std::size_t restored_rooms() const { return restored_; }
  [[nodiscard]] const ServerConfig& config() const { return config_; }
  [[nodiscard]] std::int64_t now_ms() const;
  [[nodiscard]] std::size_t connection_count() const { return connections_.size(); }

  // Called by connections.
  void forget(const std::shared_ptr<Connection>& connection);
  // The connection is seated in a room: it no longer counts as unauthenticated.
  void authenticated(const Connection* connection);
  // The connection's peer is a device the host knows: it leaves the pool of
  // strangers. False when that device already has too many connections.
  [[nodiscard]] bool device_connected(const Connection* connection, const std::string& device);
  // Whether a new game's code could still be offered for pairing.
  [[nodiscard]] bool can_offer_another_code();
  // Gives each room whose code saw too many wrong attempts a fresh one.
  void renew_retired_codes();
  // A join by a code that seated nobody: counted against every open code.
  void wrong_join();
  // The code that pairs a laptop as an owner ("" once used, or none).
  [[nodiscard]] std::string owner_code() const;
  [[nodiscard]] PairingDesk& pairing() { return *pairing_; }
  // This host's certificate fingerprint (SHA-256 hex).
  [[nodiscard]] const std::string& fingerprint() const { return fingerprint_; }
  [[nodiscard]] std::size_t unauthenticated_count() const { return unauthenticated_.size(); }

 private:
  void accept();
  void admit(asio::ip::tcp::socket socket);
  void sweep();
  // Closes the oldest stranger from the address that has the most of them.
  void evict_a_stranger(const std::string& prefer_host);

  asio::io_context& io_;
  ServerConfig config_;
  std::unique_ptr<Store> store_;
  Lobby lobby_;
  std::size_t restored_ = 0;
  asio::steady_timer sweep_timer_;
  asio::ip::tcp::acceptor acceptor_;
  std::set<std::shared_ptr<Connection>> connections_;
  std::unique_ptr<TlsServerContext> tls_;
  std::unique_ptr<PairingDesk> pairing_;
  std::string fingerprint_;
  // Oldest first: (connection, peer address without port).
  std::deque<std::pair<const Connection*, std::string>> unauthenticated_;
  std::map<const Connection*, std::string> address_of_;  // every connection's peer address
  std::map<const Connection*, std::string> device_of_;   // known devices' connections
  std::map<std::string, std::size_t> connections_of_device_;
  bool stopped_ = false;
  // Lets a flush posted to the io_context tell that the server is gone.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace attune::server
