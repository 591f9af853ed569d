// attune-bench: drives N rooms of two partners over real TLS on loopback and
// prints partner latency, events/s, server CPU and RSS per room, each next to
// a bare TLS 1.3 echo server (same TLS settings) and SQLite's own commit
// rates, all measured in the same run. Servers run in child processes so
// their CPU and memory are read from outside (/proc). See docs/performance.md.
#include <malloc.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <asio/connect.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ssl.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>
#include <chrono>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "attune/content.hpp"
#include "attune/framing.hpp"
#include "attune/keys.hpp"
#include "attune/pairing.hpp"
#include "attune/tls_setup.hpp"
#include "attune_server/room.hpp"
#include "attune_server/server.hpp"
#include "attune_server/store.hpp"
#include "attune_server/tls_pairing.hpp"

namespace {

using namespace attune;
using Clock = std::chrono::steady_clock;
using tcp = asio::ip::tcp;

// ------------------------------------------------------------ measurements

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

double median(std::vector<double> values) { return percentile(std::move(values), 0.5); }

// CPU seconds (user + system) and resident KiB of a process, from /proc.
struct ProcessUse {
  double cpu_seconds = 0.0;
  double rss_kib = 0.0;
};

ProcessUse process_use(pid_t pid) {
  ProcessUse use;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  // Fields after the command name, which is in parentheses and may hold spaces.
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) fields.push_back(field);
  if (fields.size() > 12) {
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    use.cpu_seconds = (std::stod(fields[11]) + std::stod(fields[12])) / ticks;  // utime, stime
  }
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) use.rss_kib = std::stod(line.substr(6));
  }
  return use;
}

// ------------------------------------------------------------ servers

// A server in a child process; killed (by its pid) when this goes away.
class ChildServer {
 public:
  ChildServer(pid_t pid, std::uint16_t port) : pid_(pid), port_(port) {}
  ~ChildServer() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  ChildServer(const ChildServer&) = delete;
  ChildServer& operator=(const ChildServer&) = delete;
  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] std::uint16_t port() const { return port_; }

 private:
  pid_t pid_;
  std::uint16_t port_;
};

// Runs `serve(report_port)` in a child; returns once the child has a port.
std::unique_ptr<ChildServer> spawn(const std::function<void(const std::function<void(std::uint16_t)>&)>& serve) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("Cannot make a pipe for the server process.");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("Cannot start the server process.");
  if (pid == 0) {
    ::close(fds[0]);
    // The child starts with the bench's heap: hand its free pages back, so
    // that the server's memory shows in its RSS instead of reusing them.
    ::malloc_trim(0);
    try {
      serve([&](std::uint16_t port) {
        if (::write(fds[1], &port, sizeof port) != sizeof port) ::_exit(3);
        ::close(fds[1]);
      });
    } catch (const std::exception& error) {
      std::fprintf(stderr, "bench server: %s\n", error.what());
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::uint16_t port = 0;
  const auto got = ::read(fds[0], &port, sizeof port);
  ::close(fds[0]);
  if (got != sizeof port) {
    ::waitpid(pid, nullptr, 0);
    throw std::runtime_error("The server process did not start.");
  }
  return std::make_unique<ChildServer>(pid, port);
}

struct Identities {
  DeviceIdentity partner_a = make_ephemeral_identity();
  DeviceIdentity partner_b = make_ephemeral_identity();
  DeviceIdentity echo = make_ephemeral_identity();
};

std::unique_ptr<ChildServer> spawn_attune(const Content& content, const std::filesystem::path& data_dir,
                                          const Identities& ids) {
  return spawn([&](const std::function<void(std::uint16_t)>& report) {
    asio::io_context io;
    server::ServerConfig config;
    config.data_dir = data_dir;
    // A practice-sized host: the bench's two devices run every room.
    config.max_connections = 10'000;
    config.max_connections_per_device = 5'000;
    config.max_rooms_per_device = 5'000;
    config.max_events_per_room = 1'000'000;
    config.heartbeat = std::chrono::seconds(60);
    server::Server server(io, content, config);
    server.pairing().add_owner(ids.partner_a.fingerprint);
    server.listen("127.0.0.1", 0);
    report(server.local_endpoint().port());
    io.run();
  });
}

// A bare TLS 1.3 echo server with the same TLS settings as Attune.
class EchoSession : public std::enable_shared_from_this<EchoSession> {
 public:
  EchoSession(tcp::socket socket, asio::ssl::context& context) : stream_(std::move(socket), context) {}
  void start() {
    stream_.async_handshake(asio::ssl::stream_base::server, [self = shared_from_this()](std::error_code ec) {
      if (!ec) self->read();
    });
  }

 private:
  void read() {
    stream_.async_read_some(asio::buffer(buffer_), [self = shared_from_this()](std::error_code ec, std::size_t n) {
      if (ec) return;
      asio::async_write(self->stream_, asio::buffer(self->buffer_.data(), n),
                        [self](std::error_code write_error, std::size_t) {
                          if (!write_error) self->read();
                        });
    });
  }
  asio::ssl::stream<tcp::socket> stream_;
  std::array<char, 16384> buffer_{};
};

// `release_buffers`: as the Attune server sets it (server/attune_server/tls.cpp),
// so idle connections hand their record buffers back; without it, OpenSSL's
// defaults (the "before" for memory per connection).
std::unique_ptr<ChildServer> spawn_echo(const Identities& ids, bool release_buffers) {
  return spawn([&](const std::function<void(std::uint16_t)>& report) {
    asio::io_context io;
    asio::ssl::context context(asio::ssl::context::tls_server);
    tls::configure(context.native_handle(), ids.echo);
    if (release_buffers) SSL_CTX_set_mode(context.native_handle(), SSL_MODE_RELEASE_BUFFERS);
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    std::function<void()> accept = [&] {
      acceptor.async_accept([&](std::error_code ec, tcp::socket socket) {
        if (!ec) {
          socket.set_option(tcp::no_delay(true));
          std::make_shared<EchoSession>(std::move(socket), context)->start();
        }
        accept();
      });
    };
    accept();
    report(acceptor.local_endpoint().port());
    io.run();
  });
}

// ------------------------------------------------------------ clients

// One TLS connection speaking the framed protocol.
class Link {
 public:
  Link(asio::io_context& io, asio::ssl::context& context) : stream_(io, context) {}
  std::function<void(const v1::Envelope&)> on_frame;
  std::function<void()> on_ready;
  bool broken = false;

  void open(std::uint16_t port) {
    stream_.lowest_layer().async_connect({asio::ip::make_address("127.0.0.1"), port}, [this](std::error_code ec) {
      if (ec) return fail();
      stream_.lowest_layer().set_option(tcp::no_delay(true));
      stream_.async_handshake(asio::ssl::stream_base::client, [this](std::error_code handshake_error) {
        if (handshake_error) return fail();
        read();
        if (on_ready) on_ready();
      });
    });
  }
  [[nodiscard]] std::string channel_binding() { return tls::channel_binding(stream_.native_handle()); }
  void send(const v1::Envelope& envelope) {
    queue_.push_back(encode_frame(envelope));
    if (!writing_) write();
  }

 private:
  void fail() { broken = true; }
  void write() {
    writing_ = true;
    asio::async_write(stream_, asio::buffer(queue_.front()), [this](std::error_code ec, std::size_t) {
      if (ec) return fail();
      queue_.pop_front();
      writing_ = false;
      if (!queue_.empty()) write();
    });
  }
  void read() {
    stream_.async_read_some(asio::buffer(buffer_), [this](std::error_code ec, std::size_t n) {
      if (ec) return fail();
      decoder_.feed(std::string_view(buffer_.data(), n));
      for (;;) {
        auto result = decoder_.next();
        if (result.status != FrameDecoder::Status::kFrame) break;
        if (on_frame) on_frame(result.envelope);
      }
      read();
    });
  }

  asio::ssl::stream<tcp::socket> stream_;
  FrameDecoder decoder_{8 * 1024 * 1024};
  std::array<char, 16384> buffer_{};
  std::deque<std::string> queue_;
  bool writing_ = false;
};

enum class Mode { kIdle, kPaced, kFlat };

// What every room reports into during a measurement.
struct Tally {
  Mode mode = Mode::kIdle;
  std::vector<double> latencies_us;
  std::uint64_t events = 0;
  std::uint64_t skipped_ticks = 0;  // a paced tick came while the last command was still in flight
};

// One couple: partner A created the room, B joined with its code. They take
// a break and come back from it, round and round: A calls the break, A is
// ready, B is ready (which ends the break). Each command's events reach the
// partner who did not send it; that arrival is what is timed.
class BenchRoom {
 public:
  BenchRoom(asio::io_context& io, asio::ssl::context& a_context, asio::ssl::context& b_context, Tally& tally,
            double pace, bool echo)
      : a_(io, a_context), b_(io, b_context), timer_(io), tally_(tally), pace_(pace), echo_(echo) {}

  void start(std::uint16_t port, std::function<void(bool)> seated) {
    seated_ = std::move(seated);
    a_.on_frame = [this](const v1::Envelope& e) { on_frame(v1::SEAT_PARTNER_A, e); };
    b_.on_frame = [this](const v1::Envelope& e) { on_frame(v1::SEAT_PARTNER_B, e); };
    if (echo_) {
      // Two connections, as a couple holds, though only A's is timed.
      a_.on_ready = [this, port] {
        b_.on_ready = [this] { done_seating(true); };
        b_.open(port);
      };
      a_.open(port);
      return;
    }
    port_ = port;
    a_.on_ready = [this] {
      a_.send(hello());
      v1::Envelope create;
      create.mutable_create_room()->set_display_name("Alex");
      create.mutable_create_room()->set_seat(v1::SEAT_PARTNER_A);
      create.mutable_create_room()->set_consent_to_recording(true);
      a_.send(create);
    };
    a_.open(port);
  }

  // Paced: one command every 1/pace seconds (skipped while one is in flight).
  // Flat out: the next command as soon as the partner heard the last.
  void run(Mode mode, double pace) {
    pace_ = pace;
    if (mode == Mode::kPaced) {
      std::uniform_real_distribution<double> phase(0.0, 1.0 / pace_);
      schedule(std::chrono::duration<double>(phase(random_)));
    } else if (mode == Mode::kFlat && !in_flight_) {
      fire();
    }
  }
  void stop() { timer_.cancel(); }
  [[nodiscard]] bool in_flight() const { return in_flight_; }
  [[nodiscard]] bool broken() const { return a_.broken || b_.broken; }

 private:
  static v1::Envelope hello() {
    v1::Envelope envelope;
    envelope.mutable_hello()->set_protocol_version(kProtocolVersion);
    envelope.mutable_hello()->set_client_name("attune-bench");
    return envelope;
  }

  void done_seating(bool ok) {
    if (seated_) std::exchange(seated_, nullptr)(ok);
  }

  void schedule(std::chrono::duration<double> after) {
    timer_.expires_after(std::chrono::duration_cast<Clock::duration>(after));
    timer_.async_wait([this](std::error_code ec) {
      if (ec || tally_.mode != Mode::kPaced) return;
      if (in_flight_) {
        ++tally_.skipped_ticks;
      } else {
        fire();
      }
      schedule(std::chrono::duration<double>(1.0 / pace_));
    });
  }

  void fire() {
    v1::Envelope envelope;
    auto* command = envelope.mutable_command();
    command->set_command_id(++command_id_);
    const int step = step_ % 3;
    sender_ = step == 2 ? v1::SEAT_PARTNER_B : v1::SEAT_PARTNER_A;
    if (step == 0) {
      command->mutable_call_break();
    } else {
      command->mutable_ready_to_resume();
    }
    in_flight_ = true;
    sent_at_ = Clock::now();
    (echo_ || sender_ == v1::SEAT_PARTNER_A ? a_ : b_).send(envelope);
  }

  void heard(const v1::Envelope& envelope, Seat at) {
    if (!in_flight_) return;
    if (echo_) {
      if (!envelope.has_command()) return;
    } else {
      if (!envelope.has_event() || at == sender_ || envelope.event().actor() != sender_) return;
    }
    ++tally_.events;
    // A ready partner ending the break brings two events; the first times it.
    if (!echo_ && envelope.event().has_ready_to_resume() && step_ % 3 == 2) return;
    in_flight_ = false;
    ++step_;
    // Commands still in flight when a run ends are timed too (while draining).
    tally_.latencies_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - sent_at_).count());
    if (tally_.mode == Mode::kFlat) fire();
  }

  void on_frame(Seat at, const v1::Envelope& envelope) {
    if (envelope.has_error()) {
      std::fprintf(stderr, "attune-bench: the server refused: %s\n", envelope.error().message().c_str());
      if (seated_) done_seating(false);
      in_flight_ = false;
      return;
    }
    if (!echo_ && seated_) {
      if (at == v1::SEAT_PARTNER_A && envelope.has_room_joined() && !envelope.room_joined().code().empty()) {
        code_ = envelope.room_joined().code();
        // B's laptop pairs with the code first (CPace), as a partner's does.
        b_.on_ready = [this] {
          b_.send(hello());
          initiator_ = std::make_unique<pairing::Initiator>(code_, b_.channel_binding());
          b_.send(initiator_->start());
        };
        b_.open(port_);
      }
      if (at == v1::SEAT_PARTNER_B && envelope.has_pair_offer() && initiator_) {
        auto finish = initiator_->finish(envelope.pair_offer());
        if (!finish) return done_seating(false);
        b_.send(*finish);
      }
      if (at == v1::SEAT_PARTNER_B && envelope.has_pair_done()) {
        v1::Envelope join;
        join.mutable_join_room()->set_code(code_);
        join.mutable_join_room()->set_display_name("Sam");
        join.mutable_join_room()->set_consent_to_recording(true);
        b_.send(join);
      }
      if (at == v1::SEAT_PARTNER_A && envelope.has_event() && envelope.event().has_seat_taken() &&
          envelope.event().seat_taken().seat() == v1::SEAT_PARTNER_B) {
        done_seating(true);
      }
      return;
    }
    heard(envelope, at);
  }

  Link a_;
  Link b_;
  asio::steady_timer timer_;
  Tally& tally_;
  double pace_;
  bool echo_;
  std::uint16_t port_ = 0;
  std::string code_;
  std::unique_ptr<pairing::Initiator> initiator_;
  std::function<void(bool)> seated_;
  std::minstd_rand random_{std::random_device{}()};
  std::uint64_t command_id_ = 0;
  int step_ = 0;
  Seat sender_ = v1::SEAT_PARTNER_A;
  bool in_flight_ = false;
  Clock::time_point sent_at_;
};

// ------------------------------------------------------------ one server, N rooms

struct Figures {
  double p50_us = 0, p99_us = 0, p999_us = 0;  // paced
  double events_per_s = 0;                     // flat out
  double cpu_percent = 0;                      // of one core, paced
  double rss_per_room_kib = 0;                 // idle, after seating
  std::uint64_t skipped = 0;
  double pace = 0;  // commands per second per room in the latency runs
  bool ok = true;
};

constexpr double kMinOffered = 50.0;

struct Options {
  bool quick = false;
  std::vector<std::size_t> rooms;
  double pace = 1.0;
  double seconds = 0;
  std::filesystem::path assets = ATTUNE_BENCH_ASSETS;
  std::filesystem::path work;  // where the stores go
  std::filesystem::path ram;   // a tmpfs for the "flush is free" server
};

enum class Target { kAttune, kEcho, kAttuneInRam, kEchoDefaultBuffers };

Figures measure(Target target, std::size_t rooms, const Options& options, const Content& content,
                const Identities& ids) {
  static int run = 0;
  const auto base = target == Target::kAttuneInRam ? options.ram : options.work;
  const auto data_dir = base / ("run-" + std::to_string(::getpid()) + "-" + std::to_string(++run));
  const bool echo = target == Target::kEcho || target == Target::kEchoDefaultBuffers;
  auto child = echo ? spawn_echo(ids, target == Target::kEcho) : spawn_attune(content, data_dir, ids);
  const double rss_before = process_use(child->pid()).rss_kib;

  asio::io_context io;
  asio::ssl::context a_context(asio::ssl::context::tls_client);
  asio::ssl::context b_context(asio::ssl::context::tls_client);
  tls::configure(a_context.native_handle(), ids.partner_a);
  tls::configure(b_context.native_handle(), ids.partner_b);

  Tally tally;
  std::vector<std::unique_ptr<BenchRoom>> all;
  Figures figures;
  // Two rooms at a time: the server keeps only a few codes open for pairing.
  std::size_t next = 0, seated = 0, failed = 0, waiting = 0;
  std::function<void()> seat_more = [&] {
    while (next < rooms && waiting < 2) {
      ++waiting;
      auto room = std::make_unique<BenchRoom>(io, a_context, b_context, tally, options.pace, echo);
      room->start(child->port(), [&](bool ok) {
        --waiting;
        ++(ok ? seated : failed);
        seat_more();
      });
      all.push_back(std::move(room));
      ++next;
    }
  };
  seat_more();
  const auto seat_deadline = Clock::now() + std::chrono::seconds(30 + rooms / 5);
  while (seated + failed < rooms && Clock::now() < seat_deadline) {
    io.restart();
    io.run_for(std::chrono::milliseconds(50));
  }
  if (seated < rooms) {
    std::fprintf(stderr, "attune-bench: only %zu of %zu rooms were seated.\n", seated, rooms);
    figures.ok = false;
    all.clear();
    child.reset();
    std::error_code ignored;
    std::filesystem::remove_all(data_dir, ignored);
    return figures;
  }
  io.restart();
  io.run_for(std::chrono::milliseconds(300));  // settle before reading the idle memory
  figures.rss_per_room_kib = (process_use(child->pid()).rss_kib - rss_before) / static_cast<double>(rooms);
  if (target == Target::kEchoDefaultBuffers) return figures;  // memory only

  const double seconds = options.seconds;
  // Few rooms at one command a second give too few samples for a p99: the
  // latency runs offer at least kMinOffered commands a second in all.
  const double pace = std::max(options.pace, kMinOffered / static_cast<double>(rooms));
  figures.pace = pace;
  auto drain = [&] {
    tally.mode = Mode::kIdle;
    for (auto& room : all) room->stop();
    const auto until = Clock::now() + std::chrono::seconds(5);
    while (Clock::now() < until &&
           std::any_of(all.begin(), all.end(), [](const auto& r) { return r->in_flight() && !r->broken(); })) {
      io.restart();
      io.run_for(std::chrono::milliseconds(10));
    }
  };
  std::vector<double> p50, p99, p999, cpu, rate;
  for (int repeat = 0; repeat < 3; ++repeat) {
    // Paced: latency and CPU at the given pace.
    tally.latencies_us.clear();
    tally.mode = Mode::kPaced;
    const ProcessUse before = process_use(child->pid());
    const auto started = Clock::now();
    for (auto& room : all) room->run(Mode::kPaced, pace);
    io.restart();
    io.run_for(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)));
    const double wall = std::chrono::duration<double>(Clock::now() - started).count();
    const ProcessUse after = process_use(child->pid());
    drain();
    p50.push_back(percentile(tally.latencies_us, 0.5));
    p99.push_back(percentile(tally.latencies_us, 0.99));
    p999.push_back(percentile(tally.latencies_us, 0.999));
    cpu.push_back(100.0 * (after.cpu_seconds - before.cpu_seconds) / wall);
    // Flat out: events per second.
    tally.events = 0;
    tally.mode = Mode::kFlat;
    const auto flat_started = Clock::now();
    for (auto& room : all) room->run(Mode::kFlat, pace);
    io.restart();
    io.run_for(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)));
    const double flat_wall = std::chrono::duration<double>(Clock::now() - flat_started).count();
    const auto events = tally.events;
    drain();
    rate.push_back(static_cast<double>(events) / flat_wall);
  }
  figures.p50_us = median(p50);
  figures.p99_us = median(p99);
  figures.p999_us = median(p999);
  figures.cpu_percent = median(cpu);
  figures.events_per_s = median(rate);
  figures.skipped = tally.skipped_ticks;
  if (std::any_of(all.begin(), all.end(), [](const auto& r) { return r->broken(); })) figures.ok = false;
  all.clear();
  child.reset();
  std::error_code ignored;
  std::filesystem::remove_all(data_dir, ignored);
  return figures;
}

Figures measure_flat_only(std::size_t rooms, const Options& options, const Content& content, const Identities& ids) {
  return measure(Target::kAttuneInRam, rooms, options, content, ids);
}

// ------------------------------------------------------------ SQLite alone

struct SqliteRates {
  double single_commits_per_s = 0;
  double batch_rows_per_s = 0;
};

SqliteRates sqlite_rates(const std::filesystem::path& dir, double seconds) {
  auto run_once = [&](int rows_per_commit) {
    std::filesystem::create_directories(dir);
    const auto file = dir / "sqlite-alone.db";
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix, ignored);
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t(room TEXT, seq INTEGER, body "
                 "BLOB, PRIMARY KEY(room, seq)) WITHOUT ROWID;",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t VALUES(?, ?, ?);", -1, &insert, nullptr);
    const std::string body(120, 'x');  // about one event's size
    std::int64_t seq = 0;
    std::uint64_t rows = 0;
    const auto started = Clock::now();
    const auto until = started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    while (Clock::now() < until) {
      sqlite3_exec(db, "BEGIN IMMEDIATE;", nullptr, nullptr, nullptr);
      for (int i = 0; i < rows_per_commit; ++i) {
        sqlite3_bind_text(insert, 1, "room", -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 2, ++seq);
        sqlite3_bind_blob(insert, 3, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
        sqlite3_step(insert);
        sqlite3_reset(insert);
      }
      sqlite3_exec(db, "COMMIT;", nullptr, nullptr, nullptr);
      rows += static_cast<std::uint64_t>(rows_per_commit);
    }
    const double wall = std::chrono::duration<double>(Clock::now() - started).count();
    sqlite3_finalize(insert);
    sqlite3_close(db);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix, ignored);
    return static_cast<double>(rows) / wall;
  };
  std::vector<double> single, batch;
  for (int repeat = 0; repeat < 3; ++repeat) {
    single.push_back(run_once(1));
    batch.push_back(run_once(100));
  }
  return SqliteRates{median(single), median(batch)};
}

// ------------------------------------------------------------ engine side

// A seat that drops what it is sent: the rooms below are measured alone.
class QuietSeat final : public server::SeatLink {
 public:
  void deliver(const v1::Envelope&) override {}
};

// Heap bytes per idle room on the engine side: the Room, its state (content
// shared) and its window of events, for `rooms` rooms each with two partners
// seated, in this process, with the store in RAM. No connections.
double engine_bytes_per_room(const Content& content, const std::filesystem::path& dir, std::size_t rooms) {
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  auto opened = server::Store::open(dir);
  if (!std::holds_alternative<std::unique_ptr<server::Store>>(opened)) return 0;
  auto store = std::get<std::unique_ptr<server::Store>>(std::move(opened));
  QuietSeat seat;
  std::vector<std::unique_ptr<server::Room>> all;
  all.reserve(rooms);
  auto open_one = [&](std::size_t i) {
    const std::string id = "room-" + std::to_string(i);
    auto room = std::make_unique<server::Room>(id, "CODE" + std::to_string(i), *store);
    OpenRoom open{id,   content.exercise,  content.deck, i + 1, v1::SEAT_PARTNER_A, "Alex",
                  true, content.exercises, content.decks};
    if (room->open(open, &seat, 1000) || room->seat(TakeSeat{v1::SEAT_PARTNER_B, "Sam", true}, &seat, 1001)) {
      return std::unique_ptr<server::Room>();
    }
    return room;
  };
  // One room first, so the store's statements and the shared content are
  // counted once and not against every room.
  all.push_back(open_one(0));
  ::malloc_trim(0);
  const auto before = ::mallinfo2().uordblks;
  for (std::size_t i = 1; i <= rooms; ++i) all.push_back(open_one(i));
  const auto after = ::mallinfo2().uordblks;
  const bool ok = std::all_of(all.begin(), all.end(), [](const auto& room) { return room != nullptr; });
  all.clear();
  store.reset();
  std::filesystem::remove_all(dir, ignored);
  return ok ? static_cast<double>(after - before) / static_cast<double>(rooms) : 0;
}

// ------------------------------------------------------------ report

std::string ms(double us) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", us / 1000.0);
  return text;
}

std::string fixed(double value, int digits = 1) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

std::string ratio(double ours, double theirs) { return theirs > 0 ? fixed(ours / theirs, 2) + "x" : "-"; }

void raise_file_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  std::vector<std::size_t> rooms;
  std::string work;
  CLI::App app{"attune-bench: rooms of two partners over TLS on loopback, next to a TLS echo and SQLite alone"};
  app.add_flag("--quick", options.quick, "1 and 100 rooms, one-second runs: under a minute");
  app.add_option("--rooms", rooms, "room counts to run (default 1 100 1000; --quick: 1 100)")->delimiter(',');
  app.add_option("--pace", options.pace, "commands per second per room in the latency runs")
      ->check(CLI::PositiveNumber);
  app.add_option("--seconds", options.seconds, "length of each timed run (default 1, or 4 without --quick)");
  app.add_option("--assets", options.assets, "folder with exercises and decks");
  app.add_option("--work", work, "folder for the bench's stores (default: the system's temp folder)");
  CLI11_PARSE(app, argc, argv);
  if (rooms.empty()) rooms = options.quick ? std::vector<std::size_t>{1, 100} : std::vector<std::size_t>{1, 100, 1000};
  options.rooms = rooms;
  if (options.seconds <= 0) options.seconds = options.quick ? 1.0 : 4.0;
  options.work = work.empty() ? std::filesystem::temp_directory_path() / "attune-bench" : std::filesystem::path(work);
  options.ram = std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm/attune-bench") : options.work;
  raise_file_limit();
  ::signal(SIGPIPE, SIG_IGN);

  auto loaded = load_content(options.assets);
  if (auto* error = std::get_if<ContentError>(&loaded)) {
    std::fprintf(stderr, "attune-bench: %s\n", error->message.c_str());
    return 2;
  }
  const Content content = std::get<Content>(std::move(loaded));
  const Identities ids;

  std::printf("attune-bench: pace %.2f commands/s per room, %.1f s runs, medians of 3\n", options.pace,
              options.seconds);
  std::fflush(stdout);
  const SqliteRates sqlite = sqlite_rates(options.work, options.quick ? 0.3 : 1.0);
  const double commit_us = sqlite.single_commits_per_s > 0 ? 1e6 / sqlite.single_commits_per_s : 0;
  std::printf(
      "sqlite alone (WAL, synchronous=FULL): %.0f single commits/s (%.3f ms each), %.0f rows/s in 100-row "
      "commits\n",
      sqlite.single_commits_per_s, commit_us / 1000.0, sqlite.batch_rows_per_s);
  std::printf("\n%6s | %-6s | %-26s | %-26s | %-26s | %-30s | %-12s | %-22s\n", "rooms", "pace",
              "p50 ms attune/echo/ratio", "p99 ms attune/echo/ratio", "p99.9 ms attune/echo/ratio",
              "events/s attune/echo/in-RAM", "CPU % (paced)", "RSS KiB/room attune/echo/ratio");
  bool all_ok = true;
  for (const std::size_t count : options.rooms) {
    const Figures attune = measure(Target::kAttune, count, options, content, ids);
    const Figures echo = measure(Target::kEcho, count, options, content, ids);
    const Figures echo_default = measure(Target::kEchoDefaultBuffers, count, options, content, ids);
    const Figures in_ram = measure_flat_only(count, options, content, ids);
    all_ok = all_ok && attune.ok && echo.ok && in_ram.ok && echo_default.ok;
    std::printf(
        "%6zu | %-6s | %-26s | %-26s | %-26s | %-30s | %-12s | %-22s\n", count, fixed(attune.pace).c_str(),
        (ms(attune.p50_us) + "/" + ms(echo.p50_us) + "/" + ratio(attune.p50_us, echo.p50_us)).c_str(),
        (ms(attune.p99_us) + "/" + ms(echo.p99_us) + "/" + ratio(attune.p99_us, echo.p99_us)).c_str(),
        (ms(attune.p999_us) + "/" + ms(echo.p999_us) + "/" + ratio(attune.p999_us, echo.p999_us)).c_str(),
        (fixed(attune.events_per_s, 0) + "/" + fixed(echo.events_per_s, 0) + "/" + fixed(in_ram.events_per_s, 0))
            .c_str(),
        (fixed(attune.cpu_percent) + " (" + fixed(attune.cpu_percent / static_cast<double>(count), 3) + ")").c_str(),
        (fixed(attune.rss_per_room_kib) + "/" + fixed(echo.rss_per_room_kib) + "/" +
         ratio(attune.rss_per_room_kib, echo.rss_per_room_kib))
            .c_str());
    std::printf(
        "       targets: p50 %s ms <= 1.3 x (echo %s + commit %s) = %s ms: %s; durable events/s %.2fx the "
        "in-RAM store (target >= 0.5x)%s\n",
        ms(attune.p50_us).c_str(), ms(echo.p50_us).c_str(), ms(commit_us).c_str(),
        ms(1.3 * (echo.p50_us + commit_us)).c_str(),
        attune.p50_us <= 1.3 * (echo.p50_us + commit_us) ? "met" : "NOT met",
        in_ram.events_per_s > 0 ? attune.events_per_s / in_ram.events_per_s : 0.0,
        attune.skipped > 0 ? ("; " + std::to_string(attune.skipped) +
                              " paced ticks found the last command "
                              "still in flight")
                                 .c_str()
                           : "");
    std::printf(
        "       memory: RSS per idle room %.1f KiB = %s the echo server's pair of idle connections (target <= "
        "1.3x); echo with OpenSSL's default buffers: %.1f KiB per pair (SSL_MODE_RELEASE_BUFFERS saves %.1f)\n",
        attune.rss_per_room_kib, ratio(attune.rss_per_room_kib, echo.rss_per_room_kib).c_str(),
        echo_default.rss_per_room_kib, echo_default.rss_per_room_kib - echo.rss_per_room_kib);
    std::fflush(stdout);
  }
  // Last, so that its heap is not what the servers' children start with.
  const std::size_t engine_rooms = options.quick ? 200 : 1000;
  const double engine_kib = engine_bytes_per_room(content, options.ram / "engine-side", engine_rooms) / 1024.0;
  std::printf(
      "engine side per idle room (Room, state, window; %zu rooms of two seated partners, no connections): %.1f "
      "KiB (target <= 16 KiB), of which the exercise and deck in play, copied per room: %.1f KiB\n",
      engine_rooms, engine_kib,
      static_cast<double>(content.exercise.SpaceUsedLong() + content.deck.SpaceUsedLong()) / 1024.0);
  std::error_code ignored;
  // Only the folders this run made, and only when empty.
  std::filesystem::remove(options.ram, ignored);
  std::filesystem::remove(options.work, ignored);
  if (!all_ok) {
    std::fprintf(stderr, "attune-bench: some runs did not complete; their figures are not trustworthy.\n");
    return 1;
  }
  return 0;
}
