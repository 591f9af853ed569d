// Trust boundaries (issue 9): a couple's words reach only their partner and
// their host. A fake host that skips pairing gets nothing; a seat token is
// worth nothing on another device; codes cannot be guessed or held shut;
// only the host's own devices create games.
#include <gtest/gtest.h>

#include <asio/read.hpp>

#include "attune/keys.hpp"
#include "attune/tls_setup.hpp"
#include "attune_server/tls_pairing.hpp"
#include "harness.hpp"

namespace attune::test {
namespace {

bool seated(const client::Model& model) { return model.link == client::Link::kInRoom; }
bool failed(const client::Model& model) { return model.link == client::Link::kFailed; }

// A TLS endpoint with a certificate of its own that pretends to be a host:
// it answers Hello, ignores pairing (or fakes its end), then seats the
// visitor in an invented room and asks for their words. It records every
// envelope the visitor sends.
class FakeHost {
 public:
  enum class Trick { kSkipPairing, kPairDoneWithoutOffer, kOfferWithWrongCode };

  explicit FakeHost(Trick trick)
      : trick_(trick), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}), identity_(make_ephemeral_identity()) {
    tls::configure(ssl_.native_handle(), identity_);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeHost() {
    stop_ = true;
    std::error_code ignored;
    acceptor_.close(ignored);
    thread_.join();
  }
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  [[nodiscard]] std::string address() const { return "127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }
  [[nodiscard]] std::vector<v1::Envelope> heard() {
    std::lock_guard lock(mutex_);
    return heard_;
  }

 private:
  void serve() {
    std::error_code ec;
    asio::ip::tcp::socket socket(io_);
    acceptor_.accept(socket, ec);
    if (ec) return;
    asio::ssl::stream<asio::ip::tcp::socket> stream(std::move(socket), ssl_);
    stream.handshake(asio::ssl::stream_base::server, ec);
    if (ec) return;
    FrameDecoder decoder;
    std::array<char, 4096> buffer{};
    const auto deadline = std::chrono::steady_clock::now() + 8s;
    while (!stop_ && std::chrono::steady_clock::now() < deadline) {
      const std::size_t n = stream.read_some(asio::buffer(buffer), ec);
      if (ec) return;
      decoder.feed(std::string_view(buffer.data(), n));
      for (auto result = decoder.next(); result.status == FrameDecoder::Status::kFrame; result = decoder.next()) {
        {
          std::lock_guard lock(mutex_);
          heard_.push_back(result.envelope);
        }
        answer(stream, result.envelope);
      }
    }
  }

  void answer(asio::ssl::stream<asio::ip::tcp::socket>& stream, const v1::Envelope& heard) {
    std::string out;
    if (heard.has_hello()) {
      v1::Envelope welcome;
      welcome.mutable_welcome()->set_protocol_version(kProtocolVersion);
      welcome.mutable_welcome()->set_server_name("attune-server");
      out += encode_frame(welcome);
    }
    if (heard.has_pair_start()) {
      if (trick_ == Trick::kPairDoneWithoutOffer) {
        v1::Envelope done;
        done.mutable_pair_done();
        out += encode_frame(done);
      } else if (trick_ == Trick::kOfferWithWrongCode) {
        // A real exchange, but with a code of its own guessing.
        pairing::Responder responder({"ZZZZZZ"}, heard.pair_start().ya(), tls::channel_binding(stream.native_handle()));
        v1::Envelope offer;
        *offer.mutable_pair_offer() = responder.offer();
        out += encode_frame(offer);
      }
      if (trick_ != Trick::kOfferWithWrongCode) out += invented_room();
    }
    if (!out.empty()) {
      std::error_code ignored;
      asio::write(stream, asio::buffer(out), ignored);
    }
  }

  static std::string invented_room() {
    v1::Envelope joined;
    joined.mutable_room_joined()->set_room_id("feedfeedfeedfeed");
    joined.mutable_room_joined()->set_seat(v1::SEAT_PARTNER_B);
    joined.mutable_room_joined()->set_seat_token("0123456789abcdef0123456789abcdef");
    v1::Envelope event;
    event.mutable_event()->set_seq(1);
    return encode_frame(joined) + encode_frame(event);
  }

  Trick trick_;
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  DeviceIdentity identity_;
  asio::ssl::context ssl_{asio::ssl::context::tls_server};
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<v1::Envelope> heard_;
};

bool only_hello_and_pairing(const std::vector<v1::Envelope>& heard, std::string& what) {
  for (const auto& envelope : heard) {
    if (envelope.has_hello() || envelope.has_pair_start() || envelope.has_ping() || envelope.has_pong()) continue;
    what = envelope.ShortDebugString();
    return false;
  }
  return true;
}

class FakeHostTest : public ::testing::TestWithParam<FakeHost::Trick> {};

TEST_P(FakeHostTest, AFakeHostThatSkipsPairingGetsNoCommandNoTextNoToken) {
  FakeHost fake(GetParam());
  TempDir laptop;
  Partner visitor(3, laptop.path());
  visitor.autoplay = true;  // would share its words at once if it believed the fake
  visitor.connect(fake.address(), join_plan("Sam", "K7QF2M"));
  ASSERT_TRUE(pump_until(
      {&visitor}, [&] { return failed(visitor.model()); }, 10s));
  // Either "did not prove it knows the code … nothing you wrote was sent" or,
  // when the fake offers a code of its own, "No game is waiting with code …".
  const std::string& why = visitor.model().lost_reason;
  EXPECT_TRUE(why.find("nothing you wrote was sent") != std::string::npos ||
              why.find("No game is waiting") != std::string::npos)
      << why;
  EXPECT_FALSE(seated(visitor.model()));
  std::string what;
  EXPECT_TRUE(only_hello_and_pairing(fake.heard(), what)) << "the fake host heard: " << what;
  EXPECT_FALSE(fake.heard().empty());
}

INSTANTIATE_TEST_SUITE_P(Trust, FakeHostTest,
                         ::testing::Values(FakeHost::Trick::kSkipPairing, FakeHost::Trick::kPairDoneWithoutOffer,
                                           FakeHost::Trick::kOfferWithWrongCode));

TEST(Trust, AStolenSeatTokenIsRefusedFromAnotherDevice) {
  RunningServer server;
  TempDir laptop_b;
  Partner a;
  Partner b(2, laptop_b.path());
  ASSERT_TRUE(seat_couple(server, a, b));
  const std::string room_id = b.model().room_id;
  const std::string token = b.model().seat_token;
  ASSERT_FALSE(token.empty());

  // The thief's own device (a certificate the host has never seen) ...
  TempDir thief_dir;
  RawClient stranger(server.port(), "127.0.0.1", open_device_keys(thief_dir.path()).identity);
  stranger.hello();
  v1::Envelope resume;
  resume.mutable_join_room()->set_room_id(room_id);
  resume.mutable_join_room()->set_seat_token(token);
  stranger.send(resume);
  auto refused = stranger.receive_error();
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->code(), v1::ERROR_CODE_SEAT_TOKEN_INVALID) << refused->message();

  // ... and the partner A's laptop, which the host does know: still not B's seat.
  RawClient known(server.port());
  known.hello();
  known.send(resume);
  refused = known.receive_error();
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->code(), v1::ERROR_CODE_SEAT_TOKEN_INVALID) << refused->message();

  // B kept its seat and was never told it was replaced.
  pump_until(
      {&a, &b}, [] { return false; }, 300ms);
  EXPECT_EQ(b.model().link, client::Link::kInRoom);
}

// Says Hello and `request` over TLS without presenting any certificate;
// returns the first Error the host answers. Fails the test on any event.
std::optional<v1::Error> first_error_without_a_certificate(std::uint16_t port, const v1::Envelope& request) {
  asio::io_context io;
  asio::ssl::context context(asio::ssl::context::tls_client);
  asio::ssl::stream<asio::ip::tcp::socket> stream(io, context);
  stream.lowest_layer().connect({asio::ip::make_address("127.0.0.1"), port});
  stream.handshake(asio::ssl::stream_base::client);
  v1::Envelope hello;
  hello.mutable_hello()->set_protocol_version(kProtocolVersion);
  asio::write(stream, asio::buffer(encode_frame(hello) + encode_frame(request)));
  FrameDecoder decoder;
  std::array<char, 4096> buffer{};
  std::optional<v1::Error> error;
  std::error_code ec;
  while (!error && !ec) {
    const std::size_t n = stream.read_some(asio::buffer(buffer), ec);
    decoder.feed(std::string_view(buffer.data(), n));
    for (auto result = decoder.next(); result.status == FrameDecoder::Status::kFrame; result = decoder.next()) {
      if (result.envelope.has_error()) error = result.envelope.error();
      EXPECT_FALSE(result.envelope.has_event()) << "no history for a device without a certificate";
    }
  }
  return error;
}

TEST(Trust, AConnectionWithoutACertificateCanOnlyPair) {
  RunningServer server;
  Partner a;
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  // Neither a seat's token ...
  v1::Envelope resume;
  resume.mutable_join_room()->set_room_id(a.model().room_id);
  resume.mutable_join_room()->set_seat_token(a.model().seat_token);
  auto error = first_error_without_a_certificate(server.port(), resume);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), v1::ERROR_CODE_NOT_PAIRED);
  EXPECT_TRUE(error->fatal());
  // ... nor the code itself, skipping pairing, seats it.
  v1::Envelope join;
  join.mutable_join_room()->set_code(a.model().join_code);
  join.mutable_join_room()->set_display_name("Eve");
  error = first_error_without_a_certificate(server.port(), join);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), v1::ERROR_CODE_NOT_PAIRED);
  EXPECT_NE(error->message().find("certificate"), std::string::npos) << error->message();
  EXPECT_FALSE(a.model().room.seats[v1::SEAT_PARTNER_B].taken);
}

TEST(Trust, AStrangerCannotCreateAGame) {
  RunningServer server;
  TempDir stranger_dir;
  RawClient stranger(server.port(), "127.0.0.1", open_device_keys(stranger_dir.path()).identity);
  stranger.hello();
  v1::Envelope create;
  create.mutable_create_room()->set_display_name("Spam");
  stranger.send(create);
  auto refused = stranger.receive_error();
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->code(), v1::ERROR_CODE_NOT_OWNER);
  EXPECT_TRUE(stranger.closed_by_server());
  EXPECT_EQ(server.run([&] { return server.server().lobby().room_count(); }), 0U);

  // The app refuses on its own side: it does not even send the request.
  Partner app(4, stranger_dir.path());
  app.connect(server.address(), create_plan("Spam"));
  ASSERT_TRUE(pump_until({&app}, [&] { return failed(app.model()); }));
  EXPECT_EQ(app.model().problem->code, v1::ERROR_CODE_NOT_OWNER);
  EXPECT_EQ(server.run([&] { return server.server().lobby().room_count(); }), 0U);
}

TEST(Trust, TheOwnerCodeLetsAnotherLaptopCreateGamesOnce) {
  server::ServerConfig config;
  config.owner_pairing = true;
  RunningServer server(config);
  const std::string owner_code = server.run([&] { return server.server().owner_code(); });
  ASSERT_EQ(owner_code.size(), server::kOwnerCodeLength);

  TempDir wrong_dir;
  client::NetOptions wrong{wrong_dir.path(), "ABCDEFGHJK"};
  TempDir therapist_dir;
  client::NetOptions right{therapist_dir.path(), owner_code};
  {
    Partner guesser(5, wrong);
    guesser.connect(server.address(), create_plan("Eve", v1::SEAT_HOST));
    ASSERT_TRUE(pump_until({&guesser}, [&] { return failed(guesser.model()); }));
    EXPECT_EQ(server.run([&] { return server.server().lobby().room_count(); }), 0U);
  }
  Partner therapist(6, right);
  therapist.connect(server.address(), create_plan("Dr. Rivera", v1::SEAT_HOST));
  ASSERT_TRUE(pump_until({&therapist}, [&] { return seated(therapist.model()); }));
  EXPECT_TRUE(server.run([&] { return server.server().owner_code().empty(); })) << "the owner code works once";
  // A second game from the same laptop needs no code: it is an owner now.
  Partner again(7, client::NetOptions{therapist_dir.path(), ""});
  again.connect(server.address(), create_plan("Dr. Rivera", v1::SEAT_HOST));
  ASSERT_TRUE(pump_until({&again}, [&] { return seated(again.model()); }));
}

// One pairing attempt with `code` from a device of its own.
void pair_once(const RunningServer& server, const std::string& code) {
  RawClient guesser(server.port(), "127.0.0.1", make_ephemeral_identity());
  guesser.hello();
  (void)guesser.receive();  // Welcome
  v1::Envelope join;
  join.mutable_join_room()->set_code(code);
  guesser.send(join);  // pairs first, as the app does
}

TEST(Trust, GuessingAJoinCodeRetiresItAfterTheDocumentedNumberOfAttempts) {
  server::ServerConfig config;
  config.wrong_attempts_per_code = 5;
  RunningServer server(config);
  Partner a;
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  const std::string first_code = a.model().join_code;
  for (int i = 0; i < 5; ++i) pair_once(server, "WRONG" + std::to_string(2 + i));
  ASSERT_TRUE(pump_until({&a}, [&] { return a.model().join_code != first_code; }));
  EXPECT_FALSE(a.model().join_code.empty());
  EXPECT_NE(a.model().code_notice.find("wrong codes"), std::string::npos) << a.model().code_notice;

  // The old code is dead even if someone had learned it; the new one works.
  TempDir late_dir;
  Partner late(8, late_dir.path());
  late.connect(server.address(), join_plan("Eve", first_code));
  ASSERT_TRUE(pump_until({&late}, [&] { return failed(late.model()); }));
  TempDir b_dir;
  Partner b(9, b_dir.path());
  b.connect(server.address(), join_plan("Sam", a.model().join_code));
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return seated(b.model()); }));
}

TEST(Trust, ThirtyBadPairingAttemptsAndFortyStrangersCreatingGamesDoNotStopARealPartner) {
  RunningServer server;  // the documented defaults: 20 wrong attempts per code
  Partner a;
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  // Forty strangers try to open games of their own (which would push the
  // real code out of the four a client accepts) ...
  for (int i = 0; i < 40; ++i) {
    RawClient stranger(server.port(), "127.0.0.1", make_ephemeral_identity());
    stranger.hello();
    v1::Envelope create;
    create.mutable_create_room()->set_display_name("Spam");
    stranger.send(create);
    auto refused = stranger.receive_error();
    ASSERT_TRUE(refused.has_value());
    ASSERT_EQ(refused->code(), v1::ERROR_CODE_NOT_OWNER);
  }
  EXPECT_EQ(server.run([&] { return server.server().lobby().room_count(); }), 1U);
  // ... and thirty wrong pairing attempts come in from several addresses.
  for (int i = 0; i < 30; ++i) pair_once(server, "WRONG" + std::string(1, static_cast<char>('A' + i % 20)));
  // The partner reads the code now on A's screen and is seated within seconds.
  pump_until(
      {&a}, [] { return false; }, 200ms);
  const auto started = std::chrono::steady_clock::now();
  TempDir b_dir;
  Partner b(10, b_dir.path());
  b.connect(server.address(), join_plan("Sam", a.model().join_code));
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return seated(b.model()); }, 5s))
      << b.model().lost_reason;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(Trust, CouplesWhoseLaptopsPairedBeforeDoNotFillThePairingPlaces) {
  // Five couples in a row whose partner laptops the host already knows: each
  // game's code is withdrawn from pairing once both sit, so the fifth game can
  // still be started (a client accepts only four pairing candidates).
  RunningServer server;
  std::vector<std::unique_ptr<Partner>> partners;
  for (int i = 0; i < 5; ++i) {
    partners.push_back(std::make_unique<Partner>());
    partners.push_back(std::make_unique<Partner>());
    ASSERT_TRUE(seat_couple(server, *partners[partners.size() - 2], *partners.back())) << "couple " << i;
  }
}

TEST(Trust, JoinCodesStopAfterTheDocumentedNumberOfRenewals) {
  server::ServerConfig config;
  config.wrong_attempts_per_code = 2;
  config.codes_per_room = 3;
  RunningServer server(config);
  Partner a;
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  for (int i = 0; i < 6; ++i) pair_once(server, "WRONG" + std::to_string(2 + i));
  ASSERT_TRUE(pump_until({&a}, [&] { return a.model().join_code.empty(); }));
  EXPECT_NE(a.model().code_notice.find("no longer takes partners by code"), std::string::npos);
}

// A renewed code outlives a restart of the host: the game comes back with
// the fresh code, which seats the partner; the retired one stays dead.
TEST(Trust, AfterTheHostRestartsTheGameKeepsItsRenewedCodeNotTheRetiredOne) {
  TempDir data;
  server::ServerConfig config;
  config.data_dir = data.path();
  config.wrong_attempts_per_code = 5;
  Partner a;
  std::string first_code;
  std::string fresh_code;
  std::uint16_t port = 0;
  {
    RunningServer server(config);
    port = server.port();
    a.connect(server.address(), create_plan("Alex"));
    ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
    first_code = a.model().join_code;
    for (int i = 0; i < 5; ++i) pair_once(server, "WRONG" + std::to_string(2 + i));
    ASSERT_TRUE(pump_until({&a}, [&] { return a.model().join_code != first_code; }));
    fresh_code = a.model().join_code;
    ASSERT_FALSE(fresh_code.empty());
  }
  RunningServer again(config, "127.0.0.1", port);
  // Alex's window takes its seat back and shows the code the game has now.
  ASSERT_TRUE(pump_until(
      {&a}, [&] { return seated(a.model()) && a.model().join_code == fresh_code; }, 15s))
      << a.model().lost_reason << " code " << a.model().join_code;
  TempDir late_dir;
  Partner late(8, late_dir.path());
  late.connect(again.address(), join_plan("Eve", first_code));
  ASSERT_TRUE(pump_until({&a, &late}, [&] { return failed(late.model()); }));
  TempDir b_dir;
  Partner b(9, b_dir.path());
  b.connect(again.address(), join_plan("Sam", fresh_code));
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return seated(b.model()); })) << b.model().lost_reason;
}

TEST(Trust, GuessingCodesFromAPairedDeviceIsCutOffToo) {
  server::ServerConfig config;
  config.wrong_attempts_per_code = 4;
  RunningServer server(config);
  Partner a;
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  const std::string first_code = a.model().join_code;
  // The tests' in-memory laptop is known to the host: its joins skip pairing.
  RawClient known(server.port());
  known.hello();
  (void)known.receive();
  for (int i = 0; i < 3; ++i) {
    v1::Envelope join;
    join.mutable_join_room()->set_code("WRONG" + std::to_string(2 + i));
    known.send(join);
    auto error = known.receive_error();
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->code(), v1::ERROR_CODE_UNKNOWN_CODE);
  }
  EXPECT_TRUE(known.closed_by_server()) << "three wrong codes close the connection";
  RawClient again(server.port());
  again.hello();
  (void)again.receive();
  v1::Envelope join;
  join.mutable_join_room()->set_code("WRONG9");
  again.send(join);
  ASSERT_TRUE(again.receive_error().has_value());
  ASSERT_TRUE(pump_until({&a}, [&] { return a.model().join_code != first_code; }));
}

TEST(Trust, NoSuchCodeAndAFullGameGetTheSameAnswer) {
  RunningServer server;
  Partner a;
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }))
      << (a.model().problem ? a.model().problem->message : a.model().lost_reason);
  const std::string couple_code = a.model().join_code;
  Partner b;
  b.connect(server.address(), join_plan("Sam", couple_code));
  ASSERT_TRUE(pump_until({&a, &b}, [&] { return seated(b.model()); }));
  RawClient known(server.port());
  known.hello();
  (void)known.receive();
  auto ask = [&](const std::string& code) {
    v1::Envelope join;
    join.mutable_join_room()->set_code(code);
    known.send(join);
    auto error = known.receive_error();
    EXPECT_TRUE(error.has_value());
    return error ? *error : v1::Error();
  };
  const v1::Error full = ask(couple_code);
  const v1::Error none = ask("NOBODY");
  EXPECT_EQ(full.code(), none.code());
  // The same sentence but for the code itself.
  auto without_code = [](const v1::Error& error, const std::string& code) {
    std::string text = error.message();
    const auto at = text.find(code);
    if (at != std::string::npos) text.erase(at, code.size());
    return text;
  };
  EXPECT_EQ(without_code(full, couple_code), without_code(none, "NOBODY"));
}

}  // namespace
}  // namespace attune::test
