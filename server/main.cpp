// attune-server: serves Attune rooms until SIGINT or SIGTERM.
#include <CLI/CLI.hpp>
#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <cstdio>
#include <iostream>
#include <string>

#include "attune/address.hpp"
#include "attune/content.hpp"
#include "attune/files.hpp"
#include "attune/log.hpp"
#include "attune/program_help.hpp"
#include "attune_server/discovery.hpp"
#include "attune_server/server.hpp"
#include "attune_server/store.hpp"
#include "attune_server/stream.hpp"
#include "attune_server/tls_pairing.hpp"

int main(int argc, char** argv) {
  CLI::App app{"attune-server: pairs two partners into a room and runs their rounds."};
  std::string listen = "127.0.0.1:7420";
  std::string assets = attune::default_assets_dir().string();
  unsigned heartbeat = 5;
  std::string data_dir = attune::default_data_dir().string();
  unsigned keep_seat_minutes = 15;
  bool announce = false;
  std::string announce_to;
  app.add_option("--listen", listen, "ADDR:PORT to listen on; port 0 picks a free one")->capture_default_str();
  app.add_option("--assets", assets, "folder with decks, exercises and lexicons")->capture_default_str();
  app.add_option("--heartbeat", heartbeat, "seconds between client heartbeats")
      ->capture_default_str()
      ->check(CLI::Range(1U, 300U));
  app.add_option("--data-dir", data_dir, "folder for the session store (created 0700)")->capture_default_str();
  app.add_option("--keep-seat", keep_seat_minutes, "minutes a dropped partner's seat is kept")
      ->capture_default_str()
      ->check(CLI::Range(1U, 24U * 60U));
  auto* announce_opt = app.add_flag("--announce", announce,
                                    "announce this game on the LAN by UDP broadcast (port 7421): only a random id, "
                                    "the port and the protocol version");
  app.add_option("--announce-to", announce_to, "send the announcements to ADDR:PORT instead of broadcasting")
      ->excludes(announce_opt);
  std::string check_content;
  app.add_option("--check-content", check_content,
                 "check every content file in DIR (exercises, decks, feelings, needs, nudges, care), print counts "
                 "and exit: 0 when all is well, 2 with the file, line and problem when not");
  attune::server::ServerConfig config;
  config.owner_pairing = true;
  app.add_option("--max-connections", config.max_connections, "connections in all")->capture_default_str();
  app.add_option("--max-strangers", config.max_unauthenticated,
                 "connections from devices this host does not know yet (the oldest make room)")
      ->capture_default_str();
  app.add_option("--max-strangers-per-address", config.max_unauthenticated_per_address,
                 "of those, from one network address")
      ->capture_default_str();
  app.add_option("--max-connections-per-device", config.max_connections_per_device,
                 "connections from one paired device")
      ->capture_default_str();
  app.add_option("--max-games-per-device", config.max_rooms_per_device, "games one owner device may run at once")
      ->capture_default_str();
  app.add_option("--max-events-per-game", config.max_events_per_room,
                 "moments one session may record; then only ending it is accepted")
      ->capture_default_str();
  app.add_option("--wrong-codes-per-code", config.wrong_attempts_per_code,
                 "wrong attempts a join or owner code survives before it is replaced")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  attune::describe_program(app, "attune-server",
                           {{"--listen", "ADDR:PORT"},
                            {"--assets", "DIR"},
                            {"--heartbeat", "SECONDS"},
                            {"--data-dir", "DIR"},
                            {"--keep-seat", "MINUTES"},
                            {"--announce-to", "ADDR:PORT"},
                            {"--max-connections", "N"},
                            {"--max-strangers", "N"},
                            {"--max-strangers-per-address", "N"},
                            {"--max-connections-per-device", "N"},
                            {"--max-games-per-device", "N"},
                            {"--max-events-per-game", "N"},
                            {"--wrong-codes-per-code", "N"}},
                           "Examples:\n"
                           "  attune-server                     serve games to this laptop only (127.0.0.1:7420)\n"
                           "  attune-server --listen 0.0.0.0:7420 --announce\n"
                           "                                    serve the whole network and announce the game");
  CLI11_PARSE(app, argc, argv);
  attune::log::init("attune-server");

  if (!check_content.empty()) {
    auto checked = attune::load_content(check_content);
    if (auto* problem = std::get_if<attune::ContentError>(&checked)) {
      std::cerr << "attune-server: " << problem->message << "\n";
      return 2;
    }
    std::cout << "Content in " << check_content << " is valid.\n"
              << attune::describe_content(std::get<attune::Content>(checked));
    return 0;
  }

  attune::HostPort address;
  std::string error;
  if (!attune::parse_host_port(listen, address, error)) {
    attune::log::error(error);
    return 2;
  }
  auto content = attune::load_content(assets);
  if (auto* problem = std::get_if<attune::ContentError>(&content)) {
    attune::log::error(problem->message);
    return 2;
  }

  asio::io_context io;
  config.heartbeat = std::chrono::seconds(heartbeat);
  config.data_dir = data_dir;
  config.keep_seat = std::chrono::minutes(keep_seat_minutes);
  std::unique_ptr<attune::server::Server> owned;
  try {
    owned = std::make_unique<attune::server::Server>(io, std::get<attune::Content>(std::move(content)), config);
  } catch (const std::runtime_error& e) {
    attune::log::error(e.what());
    return 1;
  }
  attune::server::Server& server = *owned;
  if (server.restored_rooms() > 0) {
    attune::log::info("picked up " + std::to_string(server.restored_rooms()) + " unfinished game(s) from " + data_dir);
  }
  try {
    server.listen(address.host, address.port);
  } catch (const std::system_error& e) {
    attune::log::error(e.what());
    return 1;
  }
  std::cout << "attune-server listening on " << attune::server::format_endpoint(server.local_endpoint()) << std::endl;
  attune::log::info("TLS 1.3 only; this host's certificate fingerprint is " + server.fingerprint());
  // The second line is an interface too: scripts read the owner code there.
  std::cout << "owner code: " << server.owner_code() << std::endl;
  attune::log::info(
      "the owner code pairs one laptop as this server's owner (it may then start games here); it works once, until "
      "this server stops");
  server.pairing().on_new_owner_code([](const std::string& code) {
    attune::log::warn("someone tried wrong codes, so the owner code was replaced; the new one is " + code);
  });

  std::unique_ptr<attune::server::Announcer> announcer;
  if (announce || !announce_to.empty()) {
    asio::ip::udp::endpoint target{asio::ip::address_v4::broadcast(), attune::kDiscoveryPort};
    if (!announce_to.empty()) {
      attune::HostPort to;
      std::error_code bad;
      const auto to_address =
          attune::parse_host_port(announce_to, to, error) ? asio::ip::make_address(to.host, bad) : asio::ip::address();
      if (error.empty() && bad) error = "--announce-to needs a numeric address";
      if (!error.empty()) {
        attune::log::error(error);
        return 2;
      }
      target = {to_address, to.port};
    }
    announcer = std::make_unique<attune::server::Announcer>(io, server.local_endpoint().port(), target);
    try {
      announcer->start();
    } catch (const std::system_error& e) {
      attune::log::warn(std::string("cannot announce on the network (") + e.what() +
                        "); addresses typed by hand still work");
      announcer.reset();
    }
  }

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](std::error_code ec, int) {
    if (ec) return;
    attune::log::info("shutting down");
    if (announcer) announcer->stop();
    server.stop();
  });
  // The top-level guard: a handler that throws is logged and the loop goes
  // on, so one room's failure never takes the others down.
  for (;;) {
    try {
      io.run();
      break;
    } catch (const std::exception& e) {
      attune::log::error(std::string("a request failed and was dropped: ") + e.what());
    }
  }
  return 0;
}
