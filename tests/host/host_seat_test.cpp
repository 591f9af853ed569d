// The host seat over real sockets: pacing, and private notes that never
// reach a partner's connection.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace attune::test {
namespace {

struct HostedRoom {
  RunningServer server;
  Partner host{1};
  Partner a{2};
  Partner b{3};

  bool seat_everyone() {
    host.connect(server.address(), create_plan("Dr. Rivera", v1::SEAT_HOST));
    if (!pump_until({&host}, [&] { return !host.model().join_code.empty(); })) return false;
    a.connect(server.address(), join_plan("Alex", host.model().join_code));
    if (!pump_until({&host, &a}, [&] { return a.model().link == client::Link::kInRoom; })) return false;
    b.connect(server.address(), join_plan("Sam", host.model().join_code));
    return pump_until({&host, &a, &b}, [&] {
      return b.model().link == client::Link::kInRoom && host.model().room.seats[v1::SEAT_PARTNER_B].taken;
    });
  }
};

TEST(HostSeat, PartnersSeeTheHostAndTheHostStartsTheRound) {
  HostedRoom room;
  ASSERT_TRUE(room.seat_everyone());
  EXPECT_TRUE(host_present(room.a.model().room));
  EXPECT_EQ(room.a.model().room.seats[v1::SEAT_HOST].name, "Dr. Rivera");
  EXPECT_EQ(room.a.model().room.stage, Stage::kWaitingForPartner);  // the host starts it
  v1::Command start;
  start.mutable_host_start_round();
  room.host.play(start);
  EXPECT_TRUE(pump_until({&room.host, &room.a, &room.b}, [&] { return room.b.model().room.round.number == 1; }));
}

TEST(HostSeat, APartnerSendingAHostCommandIsRefusedAndNothingChanges) {
  HostedRoom room;
  ASSERT_TRUE(room.seat_everyone());
  v1::Command start;
  start.mutable_host_start_round();
  room.a.play(start);
  ASSERT_TRUE(pump_until({&room.a}, [&] { return room.a.model().problem.has_value(); }));
  EXPECT_EQ(room.a.model().problem->code, v1::ERROR_CODE_NOT_ALLOWED_FOR_SEAT);
  EXPECT_EQ(room.a.model().room.round.number, 0U);
}

TEST(HostSeat, NoPartnerConnectionEverReceivesAByteOfAPrivateNote) {
  HostedRoom room;
  ASSERT_TRUE(room.seat_everyone());
  room.a.autoplay = true;
  room.b.autoplay = true;
  room.host.autoplay = false;
  v1::Command start;
  start.mutable_host_start_round();
  room.host.play(start);
  ASSERT_TRUE(
      pump_until({&room.host, &room.a, &room.b}, [&] { return room.host.model().room.round.card.has_value(); }));
  const std::string secret = "Watch-for-stonewalling-7Q";
  v1::Command note;
  note.mutable_host_note()->set_pinned_seq(room.host.model().room.last_seq);
  note.mutable_host_note()->set_text(secret);
  room.host.play(note);
  v1::Command flag;
  flag.mutable_host_flag()->set_pinned_seq(1);
  flag.mutable_host_flag()->set_label(secret + "-flag");
  ASSERT_TRUE(pump_until({&room.host}, [&] { return !client::waiting_on_server(room.host.model()); }));
  room.host.play(flag);
  ASSERT_TRUE(pump_until(
      {&room.host, &room.a, &room.b},
      [&] {
        return room.a.model().room.finished_rounds.size() == 1 && room.b.model().room.finished_rounds.size() == 1 &&
               room.host.model().room.flags.size() == 1;
      },
      20s));
  EXPECT_EQ(room.host.model().room.notes.size(), 1U);
  for (const Partner* partner : {&room.a, &room.b}) {
    EXPECT_TRUE(partner->model().room.notes.empty());
    EXPECT_EQ(partner->model().gaps_seen, 0U);  // the blanks keep the numbering whole
    for (const auto& envelope : partner->received()) {
      EXPECT_EQ(envelope.SerializeAsString().find("Watch-for"), std::string::npos);
    }
  }
  bool host_got_it = false;
  for (const auto& envelope : room.host.received()) {
    host_got_it |= envelope.SerializeAsString().find(secret) != std::string::npos;
  }
  EXPECT_TRUE(host_got_it);
}

TEST(HostSeat, TwoPartnersOnTheirOwnLaptopsBothPairWithTheHostsOneCode) {
  // Three devices, three identities: each partner pairs with the code.
  TempDir host_device;
  TempDir a_device;
  TempDir b_device;
  server::ServerConfig config;
  config.owner_pairing = true;
  RunningServer server(config);
  // The therapist's laptop pairs as the server's owner with the owner code.
  Partner host(1, client::NetOptions{host_device.path(), server.run([&] { return server.server().owner_code(); })});
  Partner a(2, a_device.path());
  Partner b(3, b_device.path());
  host.connect(server.address(), create_plan("Dr. Rivera", v1::SEAT_HOST));
  ASSERT_TRUE(pump_until({&host}, [&] { return !host.model().join_code.empty(); }));
  const std::string code = host.model().join_code;
  a.connect(server.address(), join_plan("Alex", code));
  ASSERT_TRUE(pump_until({&host, &a}, [&] { return a.model().link == client::Link::kInRoom; }))
      << a.model().lost_reason;
  b.connect(server.address(), join_plan("Sam", code));
  ASSERT_TRUE(pump_until({&host, &a, &b}, [&] { return b.model().link == client::Link::kInRoom; }))
      << b.model().lost_reason;
  // Both seats are taken: the code pairs no third laptop.
  TempDir c_device;
  Partner c(4, c_device.path());
  c.connect(server.address(), join_plan("Eve", code));
  ASSERT_TRUE(pump_until({&c}, [&] { return c.model().link == client::Link::kFailed; }));
}

TEST(HostSeat, ALockedRoomTurnsAwayANewJoinerWithASentence) {
  RunningServer server;
  Partner host(1);
  Partner a(2);
  host.connect(server.address(), create_plan("Dr. Rivera", v1::SEAT_HOST));
  ASSERT_TRUE(pump_until({&host}, [&] { return !host.model().join_code.empty(); }));
  const std::string code = host.model().join_code;
  v1::Command lock;
  lock.mutable_host_lock()->set_on(true);
  host.play(lock);
  ASSERT_TRUE(pump_until({&host}, [&] { return host.model().room.locked; }));
  a.connect(server.address(), join_plan("Alex", code));
  ASSERT_TRUE(pump_until({&a}, [&] { return a.model().link == client::Link::kFailed; }));
  ASSERT_TRUE(a.model().problem.has_value());
  // One answer for every code that seats nobody; the sentence names the lock.
  EXPECT_EQ(a.model().problem->code, v1::ERROR_CODE_UNKNOWN_CODE);
  EXPECT_NE(a.model().problem->message.find("locked"), std::string::npos);
  lock.mutable_host_lock()->set_on(false);
  host.play(lock);
  ASSERT_TRUE(pump_until({&host}, [&] { return !host.model().room.locked; }));
  Partner again(3);
  again.connect(server.address(), join_plan("Alex", code));
  EXPECT_TRUE(pump_until({&host, &again}, [&] { return again.model().link == client::Link::kInRoom; }));
}

TEST(HostSeat, OneServerHostsSeveralCouplesAtOnceEachWithItsOwnHost) {
  RunningServer server;
  std::vector<std::unique_ptr<Partner>> people;
  std::vector<Partner*> hosts;
  for (int couple = 0; couple < 3; ++couple) {
    auto& host = *people.emplace_back(std::make_unique<Partner>(100 + couple));
    host.connect(server.address(), create_plan("Dr. " + std::to_string(couple), v1::SEAT_HOST));
    ASSERT_TRUE(pump_until({&host}, [&] { return !host.model().join_code.empty(); }));
    auto& a = *people.emplace_back(std::make_unique<Partner>(200 + couple));
    a.connect(server.address(), join_plan("A" + std::to_string(couple), host.model().join_code));
    ASSERT_TRUE(pump_until({&host, &a}, [&] { return host.model().room.seats[v1::SEAT_PARTNER_A].taken; }));
    auto& b = *people.emplace_back(std::make_unique<Partner>(300 + couple));
    b.connect(server.address(), join_plan("B" + std::to_string(couple), host.model().join_code));
    ASSERT_TRUE(pump_until({&host, &b}, [&] { return host.model().room.seats[v1::SEAT_PARTNER_B].taken; }));
    a.autoplay = true;
    b.autoplay = true;
    v1::Command start;
    start.mutable_host_start_round();
    host.play(start);
    hosts.push_back(&host);
  }
  std::vector<Partner*> everyone;
  for (auto& person : people) everyone.push_back(person.get());
  ASSERT_TRUE(pump_until(
      everyone,
      [&] {
        for (const auto* host : hosts) {
          if (host->model().room.finished_rounds.empty()) return false;
        }
        return true;
      },
      30s));
  // Three rooms, each its own: different ids, no one saw another room's names.
  EXPECT_NE(hosts[0]->model().room_id, hosts[1]->model().room_id);
  EXPECT_NE(hosts[1]->model().room_id, hosts[2]->model().room_id);
  EXPECT_EQ(server.run([&] { return server.server().lobby().room_count(); }), 3U);
  for (const auto* host : hosts) {
    for (const auto& envelope : host->received()) {
      if (!envelope.has_event() || !envelope.event().has_seat_taken()) continue;
      const std::string& name = envelope.event().seat_taken().name();
      EXPECT_EQ(name.back(), host->model().room.seats[v1::SEAT_HOST].name.back());
    }
  }
}

}  // namespace
}  // namespace attune::test
