// LAN discovery, kept on loopback: the announcer sends to 127.0.0.1 only.
#include <gtest/gtest.h>

#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>
#include <thread>

#include "attune/announce.hpp"
#include "attune/version.hpp"
#include "attune_server/discovery.hpp"
#include "net/discovery.hpp"

namespace attune {
namespace {

using namespace std::chrono_literals;

TEST(Announcement, CarriesOnlyAnInstanceIdAPortAndTheProtocol) {
  const Announcement sent{new_instance_id(), 7420, kProtocolVersion};
  const std::string datagram = format_announcement(sent);
  EXPECT_EQ(datagram,
            "ATTUNE-HOST 1 instance=" + sent.instance_id + " port=7420 protocol=" + std::to_string(kProtocolVersion));
  auto read = parse_announcement(datagram);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->instance_id, sent.instance_id);
  EXPECT_EQ(read->port, 7420);
  EXPECT_NE(new_instance_id(), new_instance_id());
}

TEST(Announcement, AnythingElseIsIgnored) {
  const std::string id(32, 'a');
  for (const std::string& bad : std::vector<std::string>{
           std::string(), std::string("hello"), "ATTUNE-HOST 1 instance=" + id + " port=0 protocol=1",
           "ATTUNE-HOST 1 instance=" + id + " port=70000 protocol=1",
           "ATTUNE-HOST 1 instance=" + id + " port=7420 protocol=1 name=Alex",
           std::string("ATTUNE-HOST 1 instance=XYZ port=7420 protocol=1"),
           "ATTUNE-HOST 2 instance=" + id + " port=7420 protocol=1",
           "ATTUNE-HOST 1 instance=" + id + " port=7420 protocol=1" + std::string(200, ' ')}) {
    EXPECT_FALSE(parse_announcement(bad).has_value()) << bad;
  }
}

TEST(Discovery, AFinderOnLoopbackHearsAnAnnouncingHost) {
  client::GameFinder finder({}, 0, "127.0.0.1");
  ASSERT_EQ(finder.problem(), "");
  ASSERT_NE(finder.port(), 0);

  asio::io_context io;
  server::Announcer announcer(io, 7420, {asio::ip::make_address("127.0.0.1"), finder.port()}, 50ms);
  announcer.start();
  std::thread thread([&] { io.run_for(1500ms); });
  std::vector<client::FoundGame> games;
  for (int i = 0; i < 100 && games.empty(); ++i) {
    std::this_thread::sleep_for(20ms);
    games = finder.games();
  }
  asio::post(io, [&] { announcer.stop(); });
  thread.join();
  ASSERT_EQ(games.size(), 1U);
  EXPECT_EQ(games[0].address, "127.0.0.1:7420");
  EXPECT_EQ(games[0].instance_id, announcer.instance_id());
  EXPECT_TRUE(games[0].compatible);
}

TEST(Discovery, GarbageDatagramsAreIgnoredAndAFloodIsBounded) {
  client::GameFinder finder({}, 0, "127.0.0.1");
  asio::io_context io;
  asio::ip::udp::socket socket(io, asio::ip::udp::v4());
  const asio::ip::udp::endpoint target(asio::ip::make_address("127.0.0.1"), finder.port());
  socket.send_to(asio::buffer(std::string("not an announcement")), target);
  for (int i = 0; i < 200; ++i) {
    const std::string id = std::string(24, 'b') + std::to_string(10'000'000 + i);
    socket.send_to(asio::buffer(format_announcement({id, 7420, kProtocolVersion})), target);
  }
  std::this_thread::sleep_for(300ms);
  const auto games = finder.games();
  EXPECT_GT(games.size(), 0U);
  EXPECT_LE(games.size(), 64U);
}

}  // namespace
}  // namespace attune
