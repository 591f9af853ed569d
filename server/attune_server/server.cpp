#include "attune_server/server.hpp"

#include <asio/ip/address.hpp>
#include <random>

#include "attune_server/connection.hpp"

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

}  // namespace

Server::Server(asio::io_context& io, Content content, ServerConfig config)
    : io_(io), config_(std::move(config)), lobby_(std::move(content), seed_from(config_.seed)), acceptor_(io) {
  if (!config_.clock) config_.clock = &system_now_ms;
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
    if (!ec) {
      auto connection =
          std::make_shared<Connection>(socket.get_executor(), std::make_unique<TcpStream>(std::move(socket)), *this);
      connections_.insert(connection);
      if (connections_.size() > config_.max_connections) {
        connection->start();
        v1::Envelope busy;
        busy.mutable_error()->set_code(v1::ERROR_CODE_SERVER_BUSY);
        busy.mutable_error()->set_message("The server has too many connections right now; try again in a moment.");
        busy.mutable_error()->set_fatal(true);
        connection->deliver(busy);
        connection->close();
      } else {
        connection->start();
      }
    }
    accept();
  });
}

void Server::forget(const std::shared_ptr<Connection>& connection) { connections_.erase(connection); }

void Server::stop() {
  if (stopped_) return;
  stopped_ = true;
  std::error_code ignored;
  acceptor_.close(ignored);
  // close() removes each from the set, so walk a copy.
  auto all = connections_;
  for (const auto& connection : all) connection->close();
  connections_.clear();
}

}  // namespace attune::server
