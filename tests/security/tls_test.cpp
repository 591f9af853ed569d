// The transport on a hostile network, end to end over loopback: TLS 1.3 only,
// nothing readable on the wire, pairing by code (wrong, replayed, expired),
// pinned hosts, and floods of silent connections.
#include <gtest/gtest.h>

#include <array>
#include <asio/read.hpp>
#include <cstdio>
#include <mutex>

#include "attune_server/tls_pairing.hpp"
#include "harness.hpp"
#include "model/app.hpp"

namespace attune::test {
namespace {

// A host on a chosen port with its own data folder (its own certificate).
class Host {
 public:
  explicit Host(const std::filesystem::path& dir, std::uint16_t port = 0, server::ServerConfig config = {}) {
    config.data_dir = dir;
    server_ = std::make_unique<server::Server>(io_, test_content(), config);
    server_->pairing().add_owner(client::in_memory_device_keys().identity.fingerprint);
    server_->listen("127.0.0.1", port);
    port_ = server_->local_endpoint().port();
    client::in_memory_device_keys().trust->pin_host(address(), server_->fingerprint());
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Host() {
    asio::post(io_, [this] { server_->stop(); });
    thread_.join();
  }
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  [[nodiscard]] std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] std::uint16_t port() const { return port_; }

 private:
  asio::io_context io_;
  std::unique_ptr<server::Server> server_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

// A partner on a laptop of their own: own data folder, own identity and pins.
class Device {
 public:
  explicit Device(std::filesystem::path dir) : net_([this] { wake(); }, client::NetOptions{std::move(dir), ""}) {}

  void connect(const std::string& address, client::Plan plan) {
    dispatch(client::action::Connect{address, std::move(plan)});
  }
  bool pump_until(const std::function<bool(const client::Model&)>& done, std::chrono::milliseconds limit = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      for (auto& action : net_.poll()) dispatch(action);
      if (done(model_)) return true;
      std::unique_lock lock(mutex_);
      cv_.wait_for(lock, 20ms, [this] { return woken_; });
      woken_ = false;
    }
    return done(model_);
  }
  [[nodiscard]] const client::Model& model() const { return model_; }
  // The window's "Forget this host": the app model decides, the network forgets.
  void forget_host() {
    client::App app;
    app.session = model_;
    auto step = client::update(std::move(app), client::action::ForgetHost{});
    model_ = std::move(step.app.session);
    if (step.effects.forget_host) net_.forget_host(*step.effects.forget_host);
  }

 private:
  void dispatch(const client::Action& action) {
    auto step = client::update(std::move(model_), action);
    model_ = std::move(step.model);
    net_.apply(step.effects);
  }
  void wake() {
    {
      std::lock_guard lock(mutex_);
      woken_ = true;
    }
    cv_.notify_one();
  }

  std::mutex mutex_;
  std::condition_variable cv_;
  bool woken_ = false;
  client::NetClient net_;
  client::Model model_;
};

bool seated(const client::Model& model) { return model.link == client::Link::kInRoom; }
bool failed(const client::Model& model) { return model.link == client::Link::kFailed; }

std::pair<std::string, int> run_command(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {"", -1};
  std::array<char, 4096> chunk{};
  std::size_t n = 0;
  while ((n = std::fread(chunk.data(), 1, chunk.size(), pipe)) > 0) out.append(chunk.data(), n);
  return {out, ::pclose(pipe)};
}

TEST(Transport, OpensslClientNegotiatesTls13AndATls12AttemptIsRefused) {
  RunningServer server;
  const std::string base = "timeout 10 openssl s_client -connect " + server.address() + " -brief ";
  const auto [modern, modern_status] = run_command(base + "-tls1_3 </dev/null 2>&1");
  EXPECT_NE(modern.find("Protocol version: TLSv1.3"), std::string::npos) << modern;
  EXPECT_EQ(modern_status, 0) << modern;
  const auto [old, old_status] = run_command(base + "-tls1_2 </dev/null 2>&1");
  EXPECT_EQ(old.find("Protocol version: TLSv1.2"), std::string::npos) << old;
  EXPECT_NE(old_status, 0) << old;
}

// A TCP relay that records every byte in both directions.
class RecordingRelay {
 public:
  explicit RecordingRelay(std::uint16_t target)
      : target_(asio::ip::make_address("127.0.0.1"), target), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~RecordingRelay() {
    io_.stop();
    thread_.join();
  }
  RecordingRelay(const RecordingRelay&) = delete;
  RecordingRelay& operator=(const RecordingRelay&) = delete;

  [[nodiscard]] std::string address() const { return "127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }
  [[nodiscard]] std::string captured() {
    std::lock_guard lock(mutex_);
    return captured_;
  }

 private:
  using Socket = std::shared_ptr<asio::ip::tcp::socket>;
  void accept() {
    acceptor_.async_accept([this](std::error_code ec, asio::ip::tcp::socket socket) {
      if (ec) return;
      auto client = std::make_shared<asio::ip::tcp::socket>(std::move(socket));
      auto upstream = std::make_shared<asio::ip::tcp::socket>(io_);
      std::error_code connect_ec;
      upstream->connect(target_, connect_ec);
      if (!connect_ec) {
        pipe(client, upstream);
        pipe(upstream, client);
      }
      accept();
    });
  }
  void pipe(const Socket& from, const Socket& to) {
    auto buffer = std::make_shared<std::array<char, 8192>>();
    from->async_read_some(asio::buffer(*buffer), [this, from, to, buffer](std::error_code ec, std::size_t n) {
      if (ec) {
        std::error_code ignored;
        to->shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
        return;
      }
      {
        std::lock_guard lock(mutex_);
        captured_.append(buffer->data(), n);
      }
      asio::async_write(*to, asio::buffer(buffer->data(), n),
                        [this, from, to, buffer](std::error_code wec, std::size_t) {
                          if (!wec) pipe(from, to);
                        });
    });
  }

  asio::io_context io_;
  asio::ip::tcp::endpoint target_;
  asio::ip::tcp::acceptor acceptor_;
  std::mutex mutex_;
  std::string captured_;
  std::thread thread_;
};

TEST(Transport, AFullRoundThroughARecordingRelayNeverShowsWhatWasShared) {
  RunningServer server;
  RecordingRelay relay(server.port());
  Partner a(11);
  Partner b(22);
  a.connect(relay.address(), create_plan("Alexandra"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  const std::string code = a.model().join_code;
  b.connect(relay.address(), join_plan("Samantha", code));
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.stage == Stage::kPlaying && b.model().room.stage == Stage::kPlaying; }));
  a.autoplay = true;
  b.autoplay = true;
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.finished_rounds.size() >= 1; }, 30s));

  std::vector<std::string> secrets = {"Alexandra", "Samantha", code};
  for (const auto& envelope : a.received()) {
    if (!envelope.has_event()) continue;
    const auto& event = envelope.event();
    if (event.has_shared()) secrets.push_back(event.shared().text());
    if (event.has_reflected()) secrets.push_back(event.reflected().text());
  }
  ASSERT_GT(secrets.size(), 4U) << "the round should have shared and reflected text";
  const std::string wire = relay.captured();
  ASSERT_GT(wire.size(), 2000U);
  EXPECT_EQ(wire[0], '\x16') << "the first bytes should be a TLS handshake record";
  for (const auto& secret : secrets) {
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(wire.find(secret), std::string::npos) << "plaintext on the wire: " << secret;
  }
}

TEST(Pairing, AWrongCodeIsRefusedWithASentenceAndTheRightOneStillWorks) {
  RunningServer server;
  Partner a;
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  std::string wrong = a.model().join_code;
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  TempDir laptop;
  Device b(laptop.path());
  b.connect(server.address(), join_plan("Sam", wrong));
  ASSERT_TRUE(b.pump_until(failed));
  ASSERT_TRUE(b.model().problem.has_value());
  EXPECT_EQ(b.model().problem->code, v1::ERROR_CODE_UNKNOWN_CODE);
  EXPECT_NE(b.model().problem->message.find("No game is waiting"), std::string::npos) << b.model().problem->message;

  Device b_again(laptop.path());
  b_again.connect(server.address(), join_plan("Sam", a.model().join_code));
  EXPECT_TRUE(b_again.pump_until(seated));
}

TEST(Pairing, AUsedCodeDoesNotPairASecondLaptop) {
  RunningServer server;
  Partner a;
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  const std::string code = a.model().join_code;
  TempDir first_laptop;
  Device b(first_laptop.path());
  b.connect(server.address(), join_plan("Sam", code));
  ASSERT_TRUE(b.pump_until(seated));

  TempDir second_laptop;
  Device eve(second_laptop.path());
  eve.connect(server.address(), join_plan("Eve", code));
  ASSERT_TRUE(eve.pump_until(failed));
  ASSERT_TRUE(eve.model().problem.has_value());
  EXPECT_EQ(eve.model().problem->code, v1::ERROR_CODE_UNKNOWN_CODE);
  EXPECT_NE(eve.model().problem->message.find("No game is waiting"), std::string::npos);
}

TEST(Pairing, APairedLaptopJoinsAgainWithoutPairingEvenAfterTheCodeExpired) {
  server::ServerConfig config;
  config.pairing_code_lifetime = std::chrono::seconds(1);
  RunningServer server(config);
  TempDir laptop;
  {
    Partner a;
    a.connect(server.address(), create_plan("Alex"));
    ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
    Device b(laptop.path());
    b.connect(server.address(), join_plan("Sam", a.model().join_code));
    ASSERT_TRUE(b.pump_until(seated));
  }
  Partner a2;
  a2.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a2}, [&] { return !a2.model().join_code.empty(); }));
  std::this_thread::sleep_for(1200ms);  // the new code no longer pairs anyone

  TempDir stranger_laptop;
  Device stranger(stranger_laptop.path());
  stranger.connect(server.address(), join_plan("Eve", a2.model().join_code));
  ASSERT_TRUE(stranger.pump_until(failed));

  Device b_restarted(laptop.path());  // same laptop, app started again
  b_restarted.connect(server.address(), join_plan("Sam", a2.model().join_code));
  EXPECT_TRUE(b_restarted.pump_until(seated)) << b_restarted.model().lost_reason;
}

// Seats `laptop` (pairing it by code) at a host run from `host_dir`, then
// closes that host; returns the port it listened on (0 if seating failed),
// for another host to answer at the same address.
std::uint16_t seated_at_a_host_that_then_closed(const TempDir& host_dir, const TempDir& laptop) {
  Host real(host_dir.path());
  Partner a;
  a.connect(real.address(), create_plan("Alex"));
  if (!pump_until({&a}, [&] { return !a.model().join_code.empty(); })) return 0;
  Device b(laptop.path());
  b.connect(real.address(), join_plan("Sam", a.model().join_code));
  if (!b.pump_until(seated)) return 0;
  return real.port();
}

TEST(Pairing, ARogueHostWithAnotherCertificateIsRefusedWithAClearMessage) {
  TempDir real_host_dir;
  TempDir rogue_host_dir;
  TempDir laptop;
  const std::uint16_t port = seated_at_a_host_that_then_closed(real_host_dir, laptop);
  ASSERT_NE(port, 0);
  // Someone else answers at the same address with a certificate of their own.
  Host rogue(rogue_host_dir.path(), port);
  Device b(laptop.path());
  b.connect(rogue.address(), join_plan("Sam", "ANY234"));
  ASSERT_TRUE(b.pump_until(failed));
  EXPECT_NE(b.model().lost_reason.find("not the host this laptop paired with"), std::string::npos)
      << b.model().lost_reason;
}

TEST(Pairing, ForgettingAHostWhoseIdentityChangedLetsThisLaptopPairThereAgain) {
  TempDir real_host_dir;
  TempDir new_host_dir;
  TempDir laptop;
  const std::uint16_t port = seated_at_a_host_that_then_closed(real_host_dir, laptop);
  ASSERT_NE(port, 0);
  // The host laptop was reset: a new identity at the same address, a new game.
  Host reset(new_host_dir.path(), port);
  Partner a;
  a.connect(reset.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  Device b(laptop.path());
  b.connect(reset.address(), join_plan("Sam", a.model().join_code));
  ASSERT_TRUE(b.pump_until(failed));
  ASSERT_TRUE(b.model().host_identity_changed) << b.model().lost_reason;
  EXPECT_NE(b.model().lost_reason.find("Forget this host"), std::string::npos) << b.model().lost_reason;
  b.forget_host();
  EXPECT_FALSE(b.model().host_identity_changed);
  b.connect(reset.address(), join_plan("Sam", a.model().join_code));
  EXPECT_TRUE(b.pump_until(seated)) << b.model().lost_reason;
}

TEST(Pairing, OneConnectionGetsOneGuess) {
  RunningServer server;
  Partner a;
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  RawClient eve(server.port());
  eve.hello();
  ASSERT_TRUE(eve.receive().has_value());  // Welcome
  pairing::Initiator first("WRONG2", std::string(32, '\0'));
  eve.send(first.start());
  auto offer = eve.receive();
  ASSERT_TRUE(offer.has_value());
  ASSERT_TRUE(offer->has_pair_offer());
  EXPECT_EQ(offer->pair_offer().candidates_size(), 1);
  eve.send(first.start());  // a second guess on the same connection
  auto error = eve.receive_error();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), v1::ERROR_CODE_INVALID_ARGUMENT);
  EXPECT_TRUE(error->fatal());
  EXPECT_TRUE(eve.closed_by_server());
}

// Plain TCP connections that never say anything, from chosen loopback addresses.
class SilentCrowd {
 public:
  void open(std::uint16_t port, std::size_t count, const std::function<std::string(std::size_t)>& source) {
    for (std::size_t i = 0; i < count; ++i) {
      auto socket = std::make_unique<asio::ip::tcp::socket>(io_);
      socket->open(asio::ip::tcp::v4());
      socket->bind({asio::ip::make_address(source(i)), 0});
      socket->connect({asio::ip::make_address("127.0.0.1"), port});
      sockets_.push_back(std::move(socket));
    }
    opened_at_ = std::chrono::steady_clock::now();
    closed_after_.assign(sockets_.size(), std::nullopt);
    buffers_.assign(sockets_.size(), {});
  }
  // Waits up to `limit` for the server to close them; returns how many it did.
  std::size_t wait_for_closes(std::chrono::milliseconds limit) {
    for (std::size_t i = 0; i < sockets_.size(); ++i) {
      if (closed_after_[i]) continue;
      sockets_[i]->async_read_some(asio::buffer(buffers_[i]), [this, i](std::error_code ec, std::size_t) {
        if (ec == asio::error::operation_aborted) return;
        closed_after_[i] = std::chrono::steady_clock::now() - opened_at_;
      });
    }
    io_.restart();
    io_.run_for(limit);
    for (auto& socket : sockets_) socket->cancel();
    io_.restart();
    io_.run();
    return static_cast<std::size_t>(
        std::count_if(closed_after_.begin(), closed_after_.end(), [](const auto& at) { return at.has_value(); }));
  }
  [[nodiscard]] std::chrono::steady_clock::duration earliest_close() const {
    auto earliest = std::chrono::steady_clock::duration::max();
    for (const auto& at : closed_after_) {
      if (at && *at < earliest) earliest = *at;
    }
    return earliest;
  }

 private:
  asio::io_context io_;
  std::vector<std::unique_ptr<asio::ip::tcp::socket>> sockets_;
  std::vector<std::optional<std::chrono::steady_clock::duration>> closed_after_;
  std::vector<std::array<char, 64>> buffers_;
  std::chrono::steady_clock::time_point opened_at_;
};

TEST(Hardening, HundredsOfSilentConnectionsAreCutAtTheirDeadlineWhileARealPairJoinsPromptly) {
  server::ServerConfig config;
  config.handshake_timeout = 3s;
  config.max_unauthenticated = 600;
  RunningServer server(config);
  constexpr std::size_t kSilent = 300;
  SilentCrowd crowd;
  // Ten from each of thirty loopback addresses, under the per-address cap.
  crowd.open(server.port(), kSilent, [](std::size_t i) { return "127.0.0." + std::to_string(10 + i % 30); });
  const auto before_pair = std::chrono::steady_clock::now();
  Partner a;
  Partner b;
  ASSERT_TRUE(seat_couple(server, a, b));
  const auto pair_took = std::chrono::steady_clock::now() - before_pair;
  EXPECT_LT(pair_took, 3s) << "the pair should be seated before the silent ones are even cut";
  const std::size_t still_waiting = server.run([&] { return server.server().unauthenticated_count(); });
  EXPECT_GE(still_waiting, kSilent - 10) << "the silent crowd should still be there while the pair played";

  EXPECT_EQ(crowd.wait_for_closes(8s), kSilent);
  EXPECT_GE(crowd.earliest_close(), 2500ms) << "cut at their deadline, not before";
  EXPECT_EQ(server.run([&] { return server.server().unauthenticated_count(); }), 0U);
  EXPECT_EQ(a.model().link, client::Link::kInRoom);
}

TEST(Hardening, OneAddressCannotHoldMoreThanItsShareOfUnauthenticatedConnections) {
  server::ServerConfig config;
  config.max_unauthenticated_per_address = 16;
  RunningServer server(config);
  SilentCrowd crowd;
  crowd.open(server.port(), 30, [](std::size_t) { return std::string("127.0.0.99"); });
  EXPECT_EQ(crowd.wait_for_closes(1500ms), 14U);
  Partner a;
  Partner b;
  EXPECT_TRUE(seat_couple(server, a, b));
}

TEST(Hardening, AFloodPastTheOverallCapEvictsTheOldestAndARealPairStillJoins) {
  server::ServerConfig config;
  config.max_unauthenticated = 32;
  config.max_unauthenticated_per_address = 1000;
  RunningServer server(config);
  SilentCrowd crowd;
  crowd.open(server.port(), 120, [](std::size_t) { return std::string("127.0.0.42"); });
  Partner a;
  Partner b;
  EXPECT_TRUE(seat_couple(server, a, b));
  EXPECT_LE(server.run([&] { return server.server().unauthenticated_count(); }), 32U);
}

TEST(Hardening, ConnectionsThatSayHelloButNeverSitDownAreCappedToo) {
  server::ServerConfig config;
  config.max_unauthenticated = 8;
  config.max_unauthenticated_per_address = 100;
  RunningServer server(config);
  std::vector<std::unique_ptr<RawClient>> idlers;
  for (int i = 0; i < 20; ++i) {
    idlers.push_back(std::make_unique<RawClient>(server.port(), "127.0.0.1", make_ephemeral_identity()));
    idlers.back()->hello();
  }
  Partner a;
  Partner b;
  EXPECT_TRUE(seat_couple(server, a, b));
  EXPECT_LE(server.run([&] { return server.server().unauthenticated_count(); }), 8U);
  std::size_t closed = 0;
  for (auto& idler : idlers) closed += idler->closed_by_server(100ms) ? 1U : 0U;
  EXPECT_GE(closed, 12U);
}

TEST(Hardening, APartnerBehindTheSameAddressAsAFloodStillGetsIn) {
  // A neighbour behind the same router (one address for both) floods the
  // host with silent connections; the partner's laptop, which the host knows,
  // is not counted against that address.
  server::ServerConfig config;
  config.max_unauthenticated_per_address = 8;
  RunningServer server(config);
  SilentCrowd crowd;
  crowd.open(server.port(), 40, [](std::size_t) { return std::string("127.0.0.1"); });
  Partner a;
  Partner b;
  EXPECT_TRUE(seat_couple(server, a, b));
  EXPECT_LE(server.run([&] { return server.server().unauthenticated_count(); }), 8U);
}

TEST(Hardening, AFrameThatTricklesInIsCutAtTheFrameDeadline) {
  server::ServerConfig config;
  config.frame_timeout = 500ms;
  RunningServer server(config);
  RawClient slow(server.port());
  slow.hello();
  ASSERT_TRUE(slow.receive().has_value());      // Welcome
  slow.send_bytes(std::string("\x20\x4a", 2));  // a 32-byte frame begins ... and stalls
  auto error = slow.receive_error(3s);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), v1::ERROR_CODE_IDLE_TIMEOUT);
  EXPECT_TRUE(slow.closed_by_server());
}

}  // namespace
}  // namespace attune::test
