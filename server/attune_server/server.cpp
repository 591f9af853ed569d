#include "attune_server/server.hpp"

#include <algorithm>
#include <asio/ip/address.hpp>
#include <asio/post.hpp>

#include "attune/keys.hpp"
#include "attune/log.hpp"
#include "attune_server/connection.hpp"
#include "attune_server/tls.hpp"
#include "attune_server/tls_pairing.hpp"

namespace attune::server {
namespace {

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
      lobby_(std::move(content), *store_,
             LobbyLimits{config_.max_rooms_per_device, config_.codes_per_room, config_.max_events_per_room,
                         config_.wrong_attempts_per_code}),
      sweep_timer_(io),
      acceptor_(io) {
  if (!config_.clock) config_.clock = &system_now_ms;
  // This host's long-lived TLS identity and the devices paired with it live
  // beside the store, in the same owner-only folder.
  DeviceKeys keys = open_device_keys(config_.data_dir.empty() ? default_data_dir() : config_.data_dir);
  fingerprint_ = keys.identity.fingerprint;
  tls_ = std::make_unique<TlsServerContext>(keys.identity);
  pairing_ = std::make_unique<PairingDesk>(
      keys.trust, fingerprint_, PairingLimits{config_.pairing_code_lifetime, config_.wrong_attempts_per_code},
      config_.owner_pairing);
  restored_ = lobby_.restore(config_.clock());
  // Group commit: commands that arrive together (already queued on the
  // io_context, across rooms) share one transaction and one flush to disk;
  // the flush runs after them, and only then are their events broadcast.
  store_->group_commits([this, alive = std::weak_ptr<bool>(alive_)] {
    asio::post(io_, [this, alive] {
      if (alive.lock()) (void)store_->flush();
    });
  });
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
  // Strangers make room for the newcomer rather than the newcomer being
  // turned away: a flood cannot keep a real partner out for long, and one
  // address flooding only pushes out its own oldest connections.
  if (from_host >= config_.max_unauthenticated_per_address) {
    evict_a_stranger(host);
  } else if (unauthenticated_.size() >= config_.max_unauthenticated || connections_.size() >= config_.max_connections) {
    evict_a_stranger({});
  }
  if (connections_.size() >= config_.max_connections) {
    // Full of devices the host knows: nothing can be said before TLS is up.
    socket.close(ec);
    return;
  }
  auto connection = std::make_shared<Connection>(socket.get_executor(), tls_->wrap(std::move(socket)), *this);
  connections_.insert(connection);
  unauthenticated_.emplace_back(connection.get(), host);
  address_of_[connection.get()] = host;
  connection->start();
}

void Server::evict_a_stranger(const std::string& prefer_host) {
  if (unauthenticated_.empty()) return;
  std::string host = prefer_host;
  if (host.empty()) {
    std::map<std::string, std::size_t> count;
    for (const auto& entry : unauthenticated_) ++count[entry.second];
    host = std::max_element(count.begin(), count.end(), [](const auto& a, const auto& b) {
             return a.second < b.second;
           })->first;
  }
  const Connection* oldest = nullptr;
  for (const auto& entry : unauthenticated_) {
    if (entry.second == host) {
      oldest = entry.first;
      break;
    }
  }
  for (const auto& connection : connections_) {
    if (connection.get() == oldest) {
      auto victim = connection;  // close() drops it from the set
      victim->close();
      return;
    }
  }
}

void Server::authenticated(const Connection* connection) {
  for (auto it = unauthenticated_.begin(); it != unauthenticated_.end(); ++it) {
    if (it->first == connection) {
      unauthenticated_.erase(it);
      return;
    }
  }
}

bool Server::device_connected(const Connection* connection, const std::string& device) {
  if (device_of_.contains(connection)) return true;
  auto& count = connections_of_device_[device];
  if (count >= config_.max_connections_per_device) return false;
  ++count;
  device_of_[connection] = device;
  authenticated(connection);
  return true;
}

bool Server::can_offer_another_code() {
  const std::size_t taken = pairing_->open_code_count(now_ms()) + (pairing_->owner_code().empty() ? 0U : 1U);
  return taken < pairing::kMaxCandidates;
}

void Server::renew_retired_codes() {
  for (const auto& code : pairing_->take_retired()) {
    const auto renewed = lobby_.renew(code, now_ms());
    if (!renewed.code.empty()) pairing_->offer(renewed.code, now_ms(), renewed.devices);
  }
}

void Server::wrong_join() {
  for (const auto& [old_code, renewed] : lobby_.wrong_join(now_ms())) {
    pairing_->withdraw(old_code);
    if (!renewed.code.empty()) pairing_->offer(renewed.code, now_ms(), renewed.devices);
  }
}

std::string Server::owner_code() const { return pairing_->owner_code(); }

void Server::forget(const std::shared_ptr<Connection>& connection) {
  authenticated(connection.get());
  address_of_.erase(connection.get());
  if (auto known = device_of_.find(connection.get()); known != device_of_.end()) {
    if (auto count = connections_of_device_.find(known->second);
        count != connections_of_device_.end() && --count->second == 0) {
      connections_of_device_.erase(count);
    }
    device_of_.erase(known);
  }
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
