// Test harness for end-to-end tests over loopback: a real server on its own
// thread, real partners built on the client's model and network code, and a
// raw socket client for sending bad bytes.
#pragma once

#include <gtest/gtest.h>

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/post.hpp>
#include <asio/write.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "attune/content.hpp"
#include "attune/framing.hpp"
#include "attune_server/server.hpp"
#include "attune_server/stream.hpp"
#include "bot/scripted_partner.hpp"
#include "net/net_client.hpp"

namespace attune::test {

using namespace std::chrono_literals;

inline Content test_content() {
  auto loaded = load_content(ATTUNE_TEST_ASSETS);
  if (auto* error = std::get_if<ContentError>(&loaded)) {
    ADD_FAILURE() << error->message;
    return {};
  }
  return std::get<Content>(std::move(loaded));
}

// A server on 127.0.0.1 (or ::1) with a free port, running on its own thread.
class RunningServer {
 public:
  explicit RunningServer(server::ServerConfig config = {}, const std::string& host = "127.0.0.1") {
    if (config.seed == 0) config.seed = 42;
    server_ = std::make_unique<server::Server>(io_, test_content(), config);
    server_->listen(host, 0);
    const auto endpoint = server_->local_endpoint();
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
    if (autoplay) {
      if (auto command = script_.next(model_)) play(*command);
    }
  }
  void wait_a_little() {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, 20ms, [this] { return woken_; });
    woken_ = false;
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
  return client::Plan{client::Plan::Kind::kCreate, std::move(name), "", seat};
}
inline client::Plan join_plan(std::string name, std::string code) {
  return client::Plan{client::Plan::Kind::kJoin, std::move(name), std::move(code), v1::SEAT_UNSPECIFIED};
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
  explicit RawClient(std::uint16_t port, const std::string& host = "127.0.0.1") : socket_(io_) {
    socket_.connect({asio::ip::make_address(host), port});
  }

  void send_bytes(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes.data(), bytes.size())); }
  void send(const v1::Envelope& envelope) { send_bytes(encode_frame(envelope)); }
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
      socket_.cancel();
      io_.restart();
      io_.run();
      return false;
    }
    return true;
  }

  asio::io_context io_;
  asio::ip::tcp::socket socket_;
  FrameDecoder decoder_;
  std::array<char, 4096> buffer_{};
  bool closed_ = false;
};

}  // namespace attune::test
