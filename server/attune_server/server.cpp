#include "attune_server/server.hpp"

#include <asio/ip/address.hpp>
#include <random>

#include "attune/keys.hpp"
#include "attune/log.hpp"
#include "attune_server/connection.hpp"
#include "attune_server/tls.hpp"
#include "attune_server/tls_pairing.hpp"

namespace attune::server {
namespace {

std::uint64_t seed_from(std::uint64_t configured) {
  if (configured != 0) return configured;
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32U) ^ device();
}

std::int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::unique_ptr<Store> open_store(const ServerConfig& config) {
  const auto dir = config.data_dir.empty() ? default_data_dir() : config.data_dir;
  auto opened = Store::open(dir, StoreOptions{config.store_max_pages});
  if (auto* problem = std::get_if<std::string>(&opened)) throw std::runtime_error(*problem);
  auto store = std::get<std::unique_ptr<Store>>(std::move(opened));
  // Nothing is added to a damaged store; it is kept for attune-session to read.
  if (store->damage()) {
    throw std::runtime_error(*store->damage() +
                             " The host does not add to a damaged store: move the file aside (keep it; "
                             "`attune-session list` and `export` still read what they can) and start again.");
  }
  return store;
}

}  // namespace

Server::Server(asio::io_context& io, Content content, ServerConfig config)
    : io_(io),
      config_(std::move(config)),
      store_(open_store(config_)),
      lobby_(std::move(content), seed_from(config_.seed), *store_),
      sweep_timer_(io),
      acceptor_(io) {
  if (!config_.clock) config_.clock = &system_now_ms;
  // This host's long-lived TLS identity and the devices paired with it live
  // beside the store, in the same owner-only folder.
  DeviceKeys keys = open_device_keys(config_.data_dir.empty() ? default_data_dir() : config_.data_dir);
  fingerprint_ = keys.identity.fingerprint;
  tls_ = std::make_unique<TlsServerContext>(keys.identity);
  pairing_ =
      std::make_unique<PairingDesk>(keys.trust, fingerprint_,
                                    PairingLimits{config_.pairing_code_lifetime, config_.pairing_attempts_per_address,
                                                  config_.pairing_attempts_overall});
  restored_ = lobby_.restore(config_.clock());
  sweep();
}

void Server::sweep() {
  sweep_timer_.expires_after(std::chrono::seconds(1));
  sweep_timer_.async_wait([this](std::error_code ec) {
    if (ec || stopped_) return;
    try {
      lobby_.expire(now_ms(), std::chrono::duration_cast<std::chrono::milliseconds>(config_.keep_seat).count());
    } catch (const std::exception& failure) {
      // The sweep runs again in a second; the rooms keep serving meanwhile.
      log::error(std::string("Sweeping rooms failed: ") + failure.what());
    }
    sweep();
  });
}


Server::~Server() { stop(); }

std::int64_t Server::now_ms() const { return config_.clock(); }

void Server::listen(const std::string& host, std::uint16_t port) {
  asio::ip::tcp::resolver resolver(io_);
  std::error_code ec;
  const auto results = resolver.resolve(host, std::to_string(port), asio::ip::tcp::resolver::passive, ec);
  if (ec || results.empty()) {
    throw std::system_error(ec, "cannot resolve \"" + host + "\"");
  }
  const asio::ip::tcp::endpoint endpoint = results.begin()->endpoint();
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::ip::tcp::acceptor::reuse_address(true));
  acceptor_.bind(endpoint, ec);
  if (ec) throw std::system_error(ec, "cannot listen on " + format_endpoint(endpoint));
  acceptor_.listen(asio::socket_base::max_listen_connections);
  accept();
}

asio::ip::tcp::endpoint Server::local_endpoint() const { return acceptor_.local_endpoint(); }

void Server::accept() {
  acceptor_.async_accept([this](std::error_code ec, asio::ip::tcp::socket socket) {
    if (stopped_) return;
    if (!ec) admit(std::move(socket));
    accept();
  });
}

void Server::admit(asio::ip::tcp::socket socket) {
  std::error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  if (ec) return;
  const std::string host = peer.address().to_string();
  std::size_t from_host = 0;
  for (const auto& entry : unauthenticated_) {
    if (entry.second == host) ++from_host;
  }
  std::size_t all_from_host = 0;
  for (const auto& entry : address_of_) {
    if (entry.second == host) ++all_from_host;
  }
  // Before TLS is up nothing can be said to the peer, so refusals just close.
  if (from_host >= config_.max_unauthenticated_per_address || all_from_host >= config_.max_connections_per_address ||
      connections_.size() >= config_.max_connections) {
    socket.close(ec);
    return;
  }
  if (unauthenticated_.size() >= config_.max_unauthenticated) {
    // Full of connections that have not said Hello: the oldest makes room,
    // so a flood cannot keep a real partner out for long.
    const Connection* oldest = unauthenticated_.front().first;
    for (const auto& connection : connections_) {
      if (connection.get() == oldest) {
        auto victim = connection;  // close() drops it from the set
        victim->close();
        break;
      }
    }
  }
  auto connection = std::make_shared<Connection>(socket.get_executor(), tls_->wrap(std::move(socket)), *this);
  connections_.insert(connection);
  unauthenticated_.emplace_back(connection.get(), host);
  address_of_[connection.get()] = host;
  connection->start();
}

void Server::authenticated(const Connection* connection) {
  for (auto it = unauthenticated_.begin(); it != unauthenticated_.end(); ++it) {
    if (it->first == connection) {
      unauthenticated_.erase(it);
      return;
    }
  }
}

void Server::forget(const std::shared_ptr<Connection>& connection) {
  authenticated(connection.get());
  address_of_.erase(connection.get());
  connections_.erase(connection);
}

void Server::stop() {
  if (stopped_) return;
  stopped_ = true;
  std::error_code ignored;
  acceptor_.close(ignored);
  sweep_timer_.cancel();
  // close() removes each from the set, so walk a copy.
  auto all = connections_;
  for (const auto& connection : all) connection->close();
  connections_.clear();
}

}  // namespace attune::server
