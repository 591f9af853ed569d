// What a partner's client sees when things go wrong on the network.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace attune::test {
namespace {

TEST(ClientFailures, AnUnreachableAddressFailsWithASentence) {
  // Bind and close a port so that nothing listens there.
  std::uint16_t port = 0;
  {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    port = acceptor.local_endpoint().port();
  }
  Partner a;
  a.connect("127.0.0.1:" + std::to_string(port), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return a.model().link == client::Link::kFailed; }));
  EXPECT_NE(a.model().lost_reason.find("Nothing is answering"), std::string::npos) << a.model().lost_reason;
}

TEST(ClientFailures, AnAddressThatIsNotHostPortFailsWithASentence) {
  Partner a;
  a.connect("no-port-here", create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return a.model().link == client::Link::kFailed; }));
  EXPECT_NE(a.model().lost_reason.find("HOST:PORT"), std::string::npos) << a.model().lost_reason;
}

TEST(ClientFailures, AServerThatVanishesMidRoundLeavesBothPartnersReconnectingWithTheirRoundKept) {
  auto server = std::make_unique<RunningServer>();
  Partner a;
  Partner b;
  ASSERT_TRUE(seat_couple(*server, a, b));
  v1::Command draw;
  draw.mutable_draw_card();
  a.play(draw);
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return b.model().room.round.card.has_value(); }));
  server.reset();  // the host laptop's server goes away
  ASSERT_TRUE(pump_until({&a, &b}, [&] {
    return a.model().link == client::Link::kReconnecting && b.model().link == client::Link::kReconnecting;
  }));
  EXPECT_FALSE(a.model().lost_reason.empty());
  // With nobody answering, they keep trying with growing pauses.
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return a.model().reconnect_attempts >= 3; }, 10s));
  EXPECT_EQ(a.model().link, client::Link::kReconnecting);
  // What was on screen is still there to show while reconnecting.
  EXPECT_TRUE(b.model().room.round.card.has_value());
  EXPECT_EQ(b.model().room.round.number, 1U);
}

}  // namespace
}  // namespace attune::test
