// Faults never crash and never lie: a full disk while pairing, a damaged
// store, store writes that fail, a resume from beyond the log, a long
// silence, and files created under a careless umask.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <array>
#include <asio/write.hpp>
#include <csignal>
#include <fstream>

#include "attune/keys.hpp"
#include "attune/log.hpp"
#include "attune_server/lobby.hpp"
#include "attune_server/store.hpp"
#include "harness.hpp"

namespace attune::test {
namespace {

namespace fs = std::filesystem;

mode_t mode_of(const fs::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 0777;
}

// While alive, no file this process writes may grow: the disk is "full"
// for every write (write() fails with EFBIG instead of killing us).
class FullDisk {
 public:
  FullDisk() {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit none = saved_;
    none.rlim_cur = 0;
    ::setrlimit(RLIMIT_FSIZE, &none);
  }
  ~FullDisk() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, old_handler_);
  }
  FullDisk(const FullDisk&) = delete;
  FullDisk& operator=(const FullDisk&) = delete;

 private:
  rlimit saved_{};
  void (*old_handler_)(int) = nullptr;
};

// Runs SQL on a store file from outside the Store, as damage or an old
// version would leave it.
void run_sql(const fs::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int result = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(result, SQLITE_OK) << (error != nullptr ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

v1::Event filler_event(std::uint64_t seq) {
  v1::Event event;
  event.set_seq(seq);
  event.set_at_ms(1000 + static_cast<std::int64_t>(seq));
  event.mutable_break_ended();
  return event;
}

// Records what a room sends to a seat.
class Recorder : public server::SeatLink {
 public:
  void deliver(const v1::Envelope& envelope) override { got.push_back(envelope); }
  std::vector<v1::Envelope> got;
};

TEST(Faults, PairingOnAFullDiskIsRefusedAndTheServerKeepsServing) {
  TempDir laptop_b;
  TempDir laptop_c;
  RunningServer server;
  Partner a(1);
  Partner b(2, laptop_b.path());
  Partner c(3, laptop_c.path());
  a.connect(server.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  const std::string code = a.model().join_code;
  {
    FullDisk full;
    b.connect(server.address(), join_plan("Sam", code));
    ASSERT_TRUE(pump_until({&a, &b}, [&] { return b.model().link == client::Link::kFailed; }));
  }
  EXPECT_NE(b.model().lost_reason.find("could not remember this laptop"), std::string::npos) << b.model().lost_reason;
  // Still serving: the first partner is seated, and the same code (not used
  // up by the failed try) pairs and seats another laptop.
  EXPECT_EQ(a.model().link, client::Link::kInRoom);
  c.connect(server.address(), join_plan("Sam", code));
  ASSERT_TRUE(pump_until(
      {&a, &c}, [&] { return a.model().room.stage == Stage::kPlaying && c.model().room.stage == Stage::kPlaying; }));
}

TEST(Faults, AStoreWithADamagedPageIsReportedByNameAtStart) {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    ASSERT_TRUE(store);
    for (const char* room : {"room-one", "room-two"}) {
      std::vector<v1::Event> events;
      for (std::uint64_t seq = 1; seq <= 40; ++seq) {
        auto event = filler_event(seq);
        event.mutable_shared()->set_text(std::string(900, 'w'));
        events.push_back(event);
      }
      ASSERT_FALSE(store->append(room, "CODE", events));
    }
  }
  const auto file = dir.path() / "attune.db";
  {
    // Scribble over the header of the events table's pages.
    std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
    for (std::streamoff page = 3; page < 6; ++page) {
      bytes.seekp(page * 4096);
      const std::string junk(64, static_cast<char>(0xA5));
      bytes.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
  }
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->damage().has_value());
  EXPECT_NE(store->damage()->find(file.string()), std::string::npos) << *store->damage();
  EXPECT_NE(store->damage()->find("Still readable"), std::string::npos) << *store->damage();
  store.reset();

  server::ServerConfig config;
  config.data_dir = dir.path();
  asio::io_context io;
  try {
    server::Server refused(io, test_content(), config);
    ADD_FAILURE() << "a server started on a damaged store";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    EXPECT_NE(message.find("move the file aside"), std::string::npos) << message;
  }
}

TEST(Faults, AnUnreadableEventRowIsReportedNotSkipped) {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    ASSERT_FALSE(store->append("room", "CODE", {filler_event(1), filler_event(2), filler_event(3)}));
  }
  run_sql(dir.path() / "attune.db", "UPDATE events SET body = x'ffffffff' WHERE seq = 2;");
  auto store = open_store(dir.path());
  auto room = store->load("room");
  ASSERT_TRUE(room);
  ASSERT_TRUE(room->damage.has_value());
  EXPECT_NE(room->damage->find("event 2"), std::string::npos) << *room->damage;
  EXPECT_EQ(room->events.size(), 1U);
  const auto sessions = store->list();
  ASSERT_EQ(sessions.size(), 1U);
  EXPECT_TRUE(sessions[0].damage.has_value());
}

TEST(Faults, TheStoreKeepsASchemaVersionAndRefusesANewerOne) {
  TempDir dir;
  { ASSERT_TRUE(open_store(dir.path())); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir.path() / "attune.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* read = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA user_version;", -1, &read, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(read), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(read, 0), server::kStoreSchemaVersion);
  sqlite3_finalize(read);
  sqlite3_close(db);

  run_sql(dir.path() / "attune.db", "PRAGMA user_version=99;");
  auto opened = server::Store::open(dir.path());
  ASSERT_TRUE(std::holds_alternative<std::string>(opened));
  EXPECT_NE(std::get<std::string>(opened).find("newer Attune"), std::string::npos);
}

TEST(Faults, AStoreFromBeforeVersionsIsMigratedKeepingItsSessions) {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    ASSERT_FALSE(store->append("room", "CODE", {filler_event(1)}));
  }
  run_sql(dir.path() / "attune.db", "PRAGMA user_version=0;");
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  auto room = store->load("room");
  ASSERT_TRUE(room);
  EXPECT_EQ(room->events.size(), 1U);
}

TEST(Faults, ASeatTokenThatCannotBeSavedIsAnErrorToThatSeat) {
  TempDir dir;
  auto store = open_store(dir.path());
  server::Lobby lobby(test_content(), *store);
  run_sql(dir.path() / "attune.db", "DROP TABLE seat_tokens;");
  Recorder link;
  v1::CreateRoom create;
  create.set_display_name("Alex");
  auto result = lobby.create(create, &link, "device", 1000);
  ASSERT_TRUE(std::holds_alternative<Rejection>(result));
  const auto& refused = std::get<Rejection>(result);
  EXPECT_EQ(refused.code, v1::ERROR_CODE_STORAGE_FAILED);
  EXPECT_NE(refused.message.find("could not save your seat"), std::string::npos) << refused.message;
}

TEST(Faults, RestoreErasesAnEndedSessionWithoutConsent) {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    std::vector<v1::Event> log;
    auto created = filler_event(1);
    created.mutable_room_created()->set_room_id("ended");
    created.mutable_room_created()->mutable_exercise()->add_steps()->set_kind(v1::STEP_KIND_PROMPT);
    log.push_back(created);
    auto seated = filler_event(2);
    seated.mutable_seat_taken()->set_seat(v1::SEAT_PARTNER_A);
    seated.mutable_seat_taken()->set_consents_to_recording(false);
    log.push_back(seated);
    auto ended = filler_event(3);
    ended.mutable_session_ended()->set_by(v1::SEAT_PARTNER_A);
    log.push_back(ended);
    // Appended but never finished: the erase after the end did not happen.
    ASSERT_FALSE(store->append("ended", "CODE", log));
  }
  auto store = open_store(dir.path());
  server::Lobby lobby(test_content(), *store);
  EXPECT_EQ(lobby.restore(5000), 0U);
  EXPECT_FALSE(store->load("ended").has_value());
}

TEST(Faults, AResumeFromBeyondTheLogGetsTheWholeHistoryAgain) {
  RunningServer server;
  Partner a(1);
  Partner b(2);
  ASSERT_TRUE(seat_couple(server, a, b));
  const auto last_seq = a.model().room.last_seq;
  RawClient raw(server.port());
  raw.hello();
  ASSERT_TRUE(raw.receive().has_value());  // Welcome
  v1::Envelope resume;
  resume.mutable_join_room()->set_room_id(a.model().room_id);
  resume.mutable_join_room()->set_seat_token(a.model().seat_token);
  resume.mutable_join_room()->set_last_seq(last_seq + 50);
  raw.send(resume);
  auto first = raw.receive();
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(first->has_resync());
  EXPECT_EQ(first->resync().last_seq(), last_seq);
  RoomState rebuilt;
  // The whole history follows (the server may then hand the seat back to
  // the partner's own connection from the same device; that is not the point).
  for (;;) {
    auto next = raw.receive();
    if (!next || next->has_room_joined()) break;
    if (next->has_event()) rebuilt = fold(std::move(rebuilt), next->event());
  }
  EXPECT_EQ(rebuilt.last_seq, last_seq);
  EXPECT_EQ(rebuilt.stage, Stage::kPlaying);
}

TEST(Faults, AClientThatResyncsRebuildsItsRoom) {
  client::Model model;
  model.link = client::Link::kReconnecting;
  model.seat = v1::SEAT_PARTNER_A;
  model.seat_token = "t";
  model.room.last_seq = 80;  // events the host no longer has
  v1::Envelope resync;
  resync.mutable_resync()->set_last_seq(2);
  model = client::update(std::move(model), client::action::Received{resync}).model;
  for (std::uint64_t seq = 1; seq <= 2; ++seq) {
    v1::Envelope event;
    *event.mutable_event() = filler_event(seq);
    model = client::update(std::move(model), client::action::Received{event}).model;
  }
  EXPECT_EQ(model.room.last_seq, 2U);
  EXPECT_EQ(model.gaps_seen, 0U);
}

// A loopback relay between one client and the server that can "sleep":
// while asleep nothing moves either way (a laptop with its lid shut); on
// waking, whatever waited in the sockets is passed on.
class SleepyRelay {
 public:
  explicit SleepyRelay(std::uint16_t server_port)
      : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}), server_port_(server_port) {
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~SleepyRelay() {
    asio::post(io_, [this] {
      std::error_code ignored;
      acceptor_.close(ignored);
      for (auto& pipe : pipes_) {
        pipe->client.close(ignored);
        pipe->server.close(ignored);
      }
    });
    io_.stop();
    thread_.join();
  }
  SleepyRelay(const SleepyRelay&) = delete;
  SleepyRelay& operator=(const SleepyRelay&) = delete;

  [[nodiscard]] std::string address() const { return "127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }
  void sleep() {
    asio::post(io_, [this] { asleep_ = true; });
  }
  void wake() {
    asio::post(io_, [this] {
      asleep_ = false;
      for (auto& pipe : pipes_) {
        for (auto& [from, to] : {std::pair{&pipe->client, &pipe->server}, std::pair{&pipe->server, &pipe->client}}) {
          pump(pipe, *from, *to);
        }
      }
    });
  }

 private:
  struct Pipe {
    explicit Pipe(asio::io_context& io) : client(io), server(io) {}
    asio::ip::tcp::socket client;
    asio::ip::tcp::socket server;
    std::array<char, 8192> up{};
    std::array<char, 8192> down{};
    bool reading_up = false;    // a read in flight from the client
    bool reading_down = false;  // a read in flight from the server
  };

  void accept() {
    auto pipe = std::make_shared<Pipe>(io_);
    acceptor_.async_accept(pipe->client, [this, pipe](std::error_code ec) {
      if (ec) return;
      std::error_code connect_ec;
      pipe->server.connect({asio::ip::make_address("127.0.0.1"), server_port_}, connect_ec);
      if (!connect_ec) {
        pipes_.push_back(pipe);
        pump(pipe, pipe->client, pipe->server);
        pump(pipe, pipe->server, pipe->client);
      }
      accept();
    });
  }

  void pump(const std::shared_ptr<Pipe>& pipe, asio::ip::tcp::socket& from, asio::ip::tcp::socket& to) {
    const bool up = &from == &pipe->client;
    bool& reading = up ? pipe->reading_up : pipe->reading_down;
    if (asleep_ || reading || !from.is_open()) return;
    reading = true;
    auto& buffer = up ? pipe->up : pipe->down;
    from.async_read_some(asio::buffer(buffer),
                         [this, pipe, &from, &to, &buffer, &reading](std::error_code ec, std::size_t n) {
                           reading = false;
                           std::error_code ignored;
                           if (ec) {
                             to.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
                             return;
                           }
                           asio::write(to, asio::buffer(buffer.data(), n), ignored);
                           pump(pipe, from, to);
                         });
  }

  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::uint16_t server_port_;
  std::vector<std::shared_ptr<Pipe>> pipes_;
  bool asleep_ = false;
  std::thread thread_;
};

TEST(Faults, ALaptopSilentPastTheIdleLimitTakesItsSeatBack) {
  // The production limits scaled down (away after 15 s, closed after 120 s,
  // the seat kept 15 minutes): away after 1 s, closed after 2 s; the laptop
  // sleeps for 3 s, longer than the limit, as a lid shut for 3 minutes would.
  server::ServerConfig config;
  config.heartbeat = std::chrono::seconds(1);
  config.away_after_heartbeats = 1;
  config.idle_close = std::chrono::seconds(2);
  RunningServer server(config);
  SleepyRelay relay(server.port());
  Partner a(1);
  Partner b(2);
  a.connect(relay.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  b.connect(server.address(), join_plan("Sam", a.model().join_code));
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.stage == Stage::kPlaying && b.model().room.stage == Stage::kPlaying; }));
  const auto room_id = a.model().room_id;
  const auto seat = a.model().seat;
  relay.sleep();
  // B sees A go away while A's laptop sleeps.
  const auto b_sees_away = [&] { return b.model().room.seats[static_cast<std::size_t>(seat)].away; };
  ASSERT_TRUE(pump_until({&b}, b_sees_away, 10s));
  std::this_thread::sleep_for(3s);
  relay.wake();
  auto timed_out = [&] {
    for (const auto& envelope : a.received()) {
      if (envelope.has_error() && envelope.error().code() == v1::ERROR_CODE_IDLE_TIMEOUT) return true;
    }
    return false;
  };
  ASSERT_TRUE(pump_until({&a, &b}, timed_out, 10s));
  EXPECT_NE(a.model().link, client::Link::kFailed) << a.model().lost_reason;
  auto resumed = [&] {
    for (const auto& envelope : a.received()) {
      if (envelope.has_room_joined() && envelope.room_joined().resumed())
        return a.model().link == client::Link::kInRoom;
    }
    return false;
  };
  ASSERT_TRUE(pump_until({&a, &b}, resumed, 15s)) << a.model().lost_reason;
  EXPECT_EQ(a.model().room_id, room_id);
  EXPECT_EQ(a.model().seat, seat);
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return !b_sees_away(); }, 10s));
}

TEST(Faults, AHostThatGoesQuietIsADropAndTheClientResumes) {
  // The host keeps the connection open (idle_close is long) but nothing
  // reaches the client: after four heartbeats without a byte it reconnects.
  server::ServerConfig config;
  config.heartbeat = std::chrono::seconds(1);
  RunningServer server(config);
  SleepyRelay relay(server.port());
  Partner a(1);
  Partner b(2);
  a.connect(relay.address(), create_plan("Alex"));
  ASSERT_TRUE(pump_until({&a}, [&] { return !a.model().join_code.empty(); }));
  b.connect(server.address(), join_plan("Sam", a.model().join_code));
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().room.stage == Stage::kPlaying && b.model().room.stage == Stage::kPlaying; }));
  relay.sleep();
  ASSERT_TRUE(pump_until(
      {&a, &b}, [&] { return a.model().link == client::Link::kReconnecting; }, 15s));
  EXPECT_NE(a.model().lost_reason.find("has not answered"), std::string::npos) << a.model().lost_reason;
  relay.wake();
  auto resumed = [&] {
    for (const auto& envelope : a.received()) {
      if (envelope.has_room_joined() && envelope.room_joined().resumed())
        return a.model().link == client::Link::kInRoom;
    }
    return false;
  };
  ASSERT_TRUE(pump_until({&a, &b}, resumed, 15s)) << a.model().lost_reason;
}

TEST(Faults, IdleTimeoutWhileSeatedKeepsTheSeatAndReconnects) {
  client::Model model;
  model.link = client::Link::kInRoom;
  model.seat = v1::SEAT_PARTNER_B;
  model.seat_token = "token";
  model.room.stage = Stage::kPlaying;
  v1::Envelope error;
  error.mutable_error()->set_code(v1::ERROR_CODE_IDLE_TIMEOUT);
  error.mutable_error()->set_fatal(true);
  error.mutable_error()->set_message("Nothing arrived for too long; closing the connection.");
  auto step = client::update(std::move(model), client::action::Received{error});
  EXPECT_EQ(step.model.link, client::Link::kReconnecting);
  EXPECT_TRUE(step.effects.disconnect);
  EXPECT_EQ(step.model.seat_token, "token");
  EXPECT_NE(step.model.lost_reason.find("asleep"), std::string::npos);
}

TEST(Faults, TheLogNeverHoldsAPartnersWords) {
  log::set_level(log::Level::kDebug);
  testing::internal::CaptureStderr();
  std::vector<v1::Event> said;
  {
    RunningServer server;
    Partner a(11);
    Partner b(12);
    ASSERT_TRUE(seat_couple(server, a, b));
    a.autoplay = true;
    b.autoplay = true;
    ASSERT_TRUE(pump_until(
        {&a, &b}, [&] { return a.model().room.finished_rounds.size() >= 1; }, 30s));
    a.autoplay = false;
    b.autoplay = false;
    RawClient raw(server.port());
    raw.hello();
    (void)raw.receive();
    v1::Envelope resume;
    resume.mutable_join_room()->set_room_id(a.model().room_id);
    resume.mutable_join_room()->set_seat_token(a.model().seat_token);
    resume.mutable_join_room()->set_last_seq(a.model().room.last_seq + 10);
    raw.send(resume);
    (void)raw.receive();
    said = server.run([&] { return server.server().lobby().find(a.model().room_id)->log(); });
  }
  const std::string logged = testing::internal::GetCapturedStderr();
  log::set_level(log::Level::kInfo);
  EXPECT_NE(logged.find("sending the whole history again"), std::string::npos) << logged;
  std::vector<std::string> words = {"Alex", "Sam"};
  for (const auto& event : said) {
    if (event.has_shared()) words.push_back(event.shared().text());
    if (event.has_reflected()) words.push_back(event.reflected().text());
    if (event.has_validated()) words.push_back(event.validated().validation());
    if (event.has_confirmed() && !event.confirmed().more().empty()) words.push_back(event.confirmed().more());
  }
  ASSERT_GT(words.size(), 4U);
  for (const auto& word : words) {
    if (word.empty()) continue;
    EXPECT_EQ(logged.find(word), std::string::npos) << "the log holds \"" << word << "\"";
  }
}

TEST(Faults, UnderUmaskZeroNoFolderOrFileIsOpenToOthers) {
  TempDir root;
  const auto trust_dir = root.path() / "pre";
  fs::create_directories(trust_dir);
  { std::ofstream(trust_dir / "trust") << "device abc\n"; }
  ::chmod((trust_dir / "trust").c_str(), 0644);
  const mode_t old = ::umask(0);
  const auto dir = root.path() / "new-parent" / "and-another" / "data";
  auto keys = open_device_keys(dir);
  keys.trust->trust_device("0123");
  auto existing = open_device_keys(trust_dir);
  ::umask(old);
  for (const auto& folder : {root.path() / "new-parent", root.path() / "new-parent" / "and-another", dir}) {
    EXPECT_EQ(mode_of(folder), 0700U) << folder;
  }
  for (const char* name : {"device.key", "device.crt", "trust"}) EXPECT_EQ(mode_of(dir / name), 0600U) << name;
  EXPECT_EQ(mode_of(trust_dir / "trust"), 0600U);
  EXPECT_TRUE(existing.trust->trusts_device("abc"));
}

}  // namespace
}  // namespace attune::test
