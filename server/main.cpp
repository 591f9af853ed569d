// attune-server: serves Attune rooms until SIGINT or SIGTERM.
#include <CLI/CLI.hpp>
#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <cstdio>
#include <iostream>

#include "attune/address.hpp"
#include "attune/content.hpp"
#include "attune_server/server.hpp"
#include "attune_server/stream.hpp"

int main(int argc, char** argv) {
  CLI::App app{"attune-server: pairs two partners into a room and runs their rounds."};
  std::string listen = "127.0.0.1:7420";
  std::string assets = attune::default_assets_dir().string();
  unsigned heartbeat = 5;
  app.add_option("--listen", listen, "ADDR:PORT to listen on; port 0 picks a free one")->capture_default_str();
  app.add_option("--assets", assets, "folder with decks, exercises and lexicons")->capture_default_str();
  app.add_option("--heartbeat", heartbeat, "seconds between client heartbeats")
      ->capture_default_str()
      ->check(CLI::Range(1U, 300U));
  CLI11_PARSE(app, argc, argv);

  attune::HostPort address;
  std::string error;
  if (!attune::parse_host_port(listen, address, error)) {
    std::cerr << "attune-server: " << error << "\n";
    return 2;
  }
  auto content = attune::load_content(assets);
  if (auto* problem = std::get_if<attune::ContentError>(&content)) {
    std::cerr << "attune-server: " << problem->message << "\n";
    return 2;
  }

  asio::io_context io;
  attune::server::ServerConfig config;
  config.heartbeat = std::chrono::seconds(heartbeat);
  attune::server::Server server(io, std::get<attune::Content>(std::move(content)), config);
  try {
    server.listen(address.host, address.port);
  } catch (const std::system_error& e) {
    std::cerr << "attune-server: " << e.what() << "\n";
    return 1;
  }
  std::cout << "attune-server listening on " << attune::server::format_endpoint(server.local_endpoint()) << std::endl;

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](std::error_code ec, int) {
    if (ec) return;
    std::cerr << "attune-server: shutting down\n";
    server.stop();
  });
  io.run();
  return 0;
}
