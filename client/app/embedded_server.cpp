#include "app/embedded_server.hpp"

#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <iostream>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "attune/content.hpp"
#include "attune/log.hpp"
#include "attune_server/discovery.hpp"
#include "attune_server/server.hpp"

namespace attune::app {

struct EmbeddedServer::Impl {
  asio::io_context io;
  std::unique_ptr<server::Server> server;
  std::unique_ptr<server::Announcer> announcer;
  std::thread thread;
  std::uint16_t port = 0;
  std::string announce_problem;
};

EmbeddedServer::EmbeddedServer() = default;

EmbeddedServer::~EmbeddedServer() { stop(); }

std::optional<std::string> EmbeddedServer::start(const std::string& host, std::uint16_t port,
                                                 const std::filesystem::path& assets_dir, bool announce) {
  stop();
  auto content = load_content(assets_dir);
  if (auto* problem = std::get_if<ContentError>(&content)) {
    return "The game content could not be loaded: " + problem->message;
  }
  auto impl = std::make_unique<Impl>();
  try {
    impl->server =
        std::make_unique<server::Server>(impl->io, std::get<Content>(std::move(content)), server::ServerConfig{});
  } catch (const std::exception& e) {
    // A damaged store or an unwritable data folder: said on screen, not a crash.
    log::error(e.what());
    return std::string("This laptop cannot host right now: ") + e.what();
  }
  try {
    impl->server->listen(host, port);
  } catch (const std::system_error& e) {
    return "This laptop could not host on port " + std::to_string(port) + ": " + e.what() +
           ". Try another port, or 0 for any free one.";
  }
  impl->port = impl->server->local_endpoint().port();
  // Announce the game on the LAN (only a random id, the port and the
  // protocol version), so the partner picks it from "Games on this network".
  try {
    if (announce) {
      impl->announcer = std::make_unique<server::Announcer>(impl->io, impl->port);
      impl->announcer->start();
    }
  } catch (const std::system_error& e) {
    impl->announcer.reset();
    impl->announce_problem = std::string("This game cannot be announced on the network (") + e.what() +
                             "); your partner can still type the address.";
  }
  impl->thread = std::thread([raw = impl.get()] {
    // The top-level guard: a handler that throws is logged and the others go on.
    for (;;) {
      try {
        raw->io.run();
        return;
      } catch (const std::exception& e) {
        log::error(std::string("the hosted game hit a problem and carried on: ") + e.what());
      }
    }
  });
  impl_ = std::move(impl);
  return std::nullopt;
}

std::uint16_t EmbeddedServer::port() const { return impl_ ? impl_->port : 0; }

bool EmbeddedServer::running() const { return impl_ != nullptr; }

std::string EmbeddedServer::announce_problem() const { return impl_ ? impl_->announce_problem : std::string(); }

void EmbeddedServer::stop() {
  if (!impl_) return;
  // Close the connections on the server's own thread, then let it go.
  asio::post(impl_->io, [raw = impl_.get()] {
    if (raw->announcer) raw->announcer->stop();
    raw->server->stop();
    raw->io.stop();
  });
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->announcer.reset();
  impl_->server.reset();
  impl_.reset();
}

}  // namespace attune::app
