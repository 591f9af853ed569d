// Test harness for end-to-end tests over loopback: a real server on its own
// thread, real partners built on the client's model and network code, and a
// raw socket client for sending bad bytes.
#pragma once

#include <gtest/gtest.h>

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/post.hpp>
#include <asio/ssl.hpp>
#include <asio/write.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "attune/content.hpp"
#include "attune/framing.hpp"
#include "attune/pairing.hpp"
#include "attune/tls_setup.hpp"
#include "attune_server/server.hpp"
#include "attune_server/store.hpp"
#include "attune_server/stream.hpp"
#include "attune_server/tls_pairing.hpp"
#include "bot/scripted_partner.hpp"
#include "net/net_client.hpp"

namespace attune::test {

using namespace std::chrono_literals;

// A store in `dir`, or a test failure with the store's own sentence.
inline std::unique_ptr<server::Store> open_store(const std::filesystem::path& dir) {
  auto opened = server::Store::open(dir);
  if (auto* problem = std::get_if<std::string>(&opened)) {
    ADD_FAILURE() << *problem;
    return nullptr;
  }
  return std::get<std::unique_ptr<server::Store>>(std::move(opened));
}

inline Content test_content() {
  auto loaded = load_content(ATTUNE_TEST_ASSETS);
  if (auto* error = std::get_if<ContentError>(&loaded)) {
    ADD_FAILURE() << error->message;
    return {};
  }
  return std::get<Content>(std::move(loaded));
}

// A private folder under the system's temp dir, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "attune-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    if (path_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(TempDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  TempDir& operator=(TempDir&& other) noexcept {
    std::swap(path_, other.path_);
    return *this;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A server on 127.0.0.1 (or ::1) with a free port, running on its own thread.
class RunningServer {
 public:
  explicit RunningServer(server::ServerConfig config = {}, const std::string& host = "127.0.0.1",
                         std::uint16_t port = 0, std::optional<Content> content = std::nullopt) {
    if (config.data_dir.empty()) {
      data_dir_ = TempDir();
      config.data_dir = data_dir_->path();
    }
    server_ = std::make_unique<server::Server>(io_, content ? std::move(*content) : test_content(), config);
    server_->listen(host, port);
    // The tests' in-memory laptop is this host's owner, as the host laptop
    // itself is for its embedded server: it may create games, and it knows
    // the host's certificate (as after pairing with the owner code).
    server_->pairing().add_owner(client::in_memory_device_keys().identity.fingerprint);
    const auto endpoint = server_->local_endpoint();
    client::in_memory_device_keys().trust->pin_host(server::format_endpoint(endpoint), server_->fingerprint());
    address_ = server::format_endpoint(endpoint);
    port_ = endpoint.port();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~RunningServer() {
    run([this] { server_->stop(); });
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  [[nodiscard]] const std::string& address() const { return address_; }
  [[nodiscard]] std::uint16_t port() const { return port_; }

  // Runs `work` on the server's thread and waits for it.
  template <typename F>
  auto run(F work) -> decltype(work()) {
    std::packaged_task<decltype(work())()> task(std::move(work));
    auto future = task.get_future();
    asio::post(io_, [&task] { task(); });
    return future.get();
  }

  server::Server& server() { return *server_; }

 private:
  std::optional<TempDir> data_dir_;
  asio::io_context io_;
  std::unique_ptr<server::Server> server_;
  std::string address_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

// A seat played through the real client model and network thread.
class Partner {
 public:
  explicit Partner(std::uint64_t seed = 1) : net_([this] { wake(); }), script_(seed) {}
  // A partner on a laptop of its own: its own key, certificate and pins.
  Partner(std::uint64_t seed, const std::filesystem::path& device_dir)
      : net_([this] { wake(); }, client::NetOptions{device_dir, ""}), script_(seed) {}
  Partner(std::uint64_t seed, client::NetOptions options)
      : net_([this] { wake(); }, std::move(options)), script_(seed) {}

  void dispatch(const client::Action& action) {
    auto step = client::update(std::move(model_), action);
    model_ = std::move(step.model);
    net_.apply(step.effects);
  }
  void connect(const std::string& address, client::Plan plan) {
    dispatch(client::action::Connect{address, std::move(plan)});
  }
  void play(v1::Command command) { dispatch(client::action::Play{std::move(command)}); }

  // Applies what arrived; when `autoplay`, lets the script take its turn.
  void pump() {
    for (auto& action : net_.poll()) {
      if (auto* received = std::get_if<client::action::Received>(&action)) received_.push_back(received->envelope);
      dispatch(action);
    }
    dispatch(client::action::Tick{
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count()});
    if (autoplay) {
      if (auto command = script_.next(model_)) play(*command);
    }
  }
  void wait_a_little() {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, 20ms, [this] { return woken_; });
    woken_ = false;
  }

  // The network drops under this partner (Wi-Fi gone, lid closed).
  void drop() {
    net_.disconnect();
    dispatch(client::action::Disconnected{"dropped by the test"});
  }

  [[nodiscard]] const client::Model& model() const { return model_; }
  [[nodiscard]] const std::vector<v1::Envelope>& received() const { return received_; }
  bool autoplay = false;

 private:
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
  client::ScriptedPartner script_;
  client::Model model_;
  std::vector<v1::Envelope> received_;
};

// Pumps the partners until `done` holds or the time runs out.
inline bool pump_until(std::vector<Partner*> partners, const std::function<bool()>& done,
                       std::chrono::milliseconds limit = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    for (auto* partner : partners) partner->pump();
    if (done()) return true;
    partners.front()->wait_a_little();
  }
  for (auto* partner : partners) partner->pump();
  return done();
}

inline client::Plan create_plan(std::string name, Seat seat = v1::SEAT_PARTNER_A) {
  return client::Plan{client::Plan::Kind::kCreate, std::move(name), "", seat, true};
}
inline client::Plan join_plan(std::string name, std::string code) {
  return client::Plan{client::Plan::Kind::kJoin, std::move(name), std::move(code), v1::SEAT_UNSPECIFIED, true};
}

// Seats two partners in a fresh room; returns false if that did not happen.
inline bool seat_couple(const RunningServer& server, Partner& a, Partner& b) {
  a.connect(server.address(), create_plan("Alex"));
  if (!pump_until({&a}, [&] { return !a.model().join_code.empty(); })) return false;
  b.connect(server.address(), join_plan("Sam", a.model().join_code));
  return pump_until({&a, &b},
                    [&] { return a.model().room.stage == Stage::kPlaying && b.model().room.stage == Stage::kPlaying; });
}

// A plain socket for bytes no real client would send.
class RawClient {
 public:
  // Speaks TLS 1.3 like the app, with the tests' in-memory device identity
  // (an owner of every test host) or the identity given.
  explicit RawClient(std::uint16_t port, const std::string& host = "127.0.0.1",
                     const DeviceIdentity& identity = client::in_memory_device_keys().identity)
      : socket_(io_, configured(ssl_, identity)) {
    socket_.lowest_layer().connect({asio::ip::make_address(host), port});
    socket_.handshake(asio::ssl::stream_base::client);
  }

  void send_bytes(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes.data(), bytes.size())); }
  void send(const v1::Envelope& envelope) {
    // Joining by code pairs this device first, as NetClient does.
    if (envelope.has_join_room() && envelope.join_room().seat_token().empty() && !paired_) {
      pair(envelope.join_room().code());
    }
    send_bytes(encode_frame(envelope));
  }
  void hello(std::uint32_t version = kProtocolVersion) {
    v1::Envelope envelope;
    envelope.mutable_hello()->set_protocol_version(version);
    envelope.mutable_hello()->set_client_name("raw test client");
    send(envelope);
  }

  // The next frame, or nullopt when the peer closed or `limit` passed.
  std::optional<v1::Envelope> receive(std::chrono::milliseconds limit = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
      auto result = decoder_.next();
      if (result.status == FrameDecoder::Status::kFrame) return result.envelope;
      if (result.status == FrameDecoder::Status::kError || closed_) return std::nullopt;
      if (!read_until(deadline)) return std::nullopt;
    }
  }

  // The next Error, skipping anything else.
  std::optional<v1::Error> receive_error(std::chrono::milliseconds limit = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      auto envelope =
          receive(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
      if (!envelope) return std::nullopt;
      if (envelope->has_error()) return envelope->error();
    }
    return std::nullopt;
  }

  // True when the server closes the connection within `limit`.
  bool closed_by_server(std::chrono::milliseconds limit = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!closed_ && std::chrono::steady_clock::now() < deadline) {
      (void)decoder_.next();
      if (!read_until(deadline)) break;
    }
    return closed_;
  }

 private:
  bool read_until(std::chrono::steady_clock::time_point deadline) {
    bool done = false;
    socket_.async_read_some(asio::buffer(buffer_), [&](std::error_code ec, std::size_t count) {
      done = true;
      if (ec == asio::error::operation_aborted) return;
      if (ec) {
        closed_ = true;
        return;
      }
      decoder_.feed(std::string_view(buffer_.data(), count));
    });
    io_.restart();
    io_.run_until(deadline);
    if (!done) {
      socket_.lowest_layer().cancel();
      io_.restart();
      io_.run();
      return false;
    }
    return true;
  }

  asio::io_context io_;
  static asio::ssl::context& configured(asio::ssl::context& context, const DeviceIdentity& identity) {
    tls::configure(context.native_handle(), identity);
    return context;
  }
  void pair(const std::string& code) {
    paired_ = true;
    pairing::Initiator initiator(code, tls::channel_binding(socket_.native_handle()));
    send_bytes(encode_frame(initiator.start()));
    auto offer = receive();
    if (!offer || !offer->has_pair_offer()) return;
    if (auto finish = initiator.finish(offer->pair_offer())) {
      send_bytes(encode_frame(*finish));
      (void)receive();  // PairDone
    }
  }

  asio::ssl::context ssl_{asio::ssl::context::tls_client};
  asio::ssl::stream<asio::ip::tcp::socket> socket_;
  bool paired_ = false;
  FrameDecoder decoder_{kMaxServerFrameBytes};  // what a server may send (its opening event is large)
  std::array<char, 4096> buffer_{};
  bool closed_ = false;
};

}  // namespace attune::test
