#include "net/discovery.hpp"

#include <algorithm>
#include <array>
#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>
#include <asio/post.hpp>
#include <map>
#include <mutex>
#include <thread>

#include "attune/version.hpp"

namespace attune::client {

class GameFinder::Impl : public std::enable_shared_from_this<GameFinder::Impl> {
 public:
  explicit Impl(Wake wake) : wake_(std::move(wake)), socket_(io_) {}

  void start(std::uint16_t port, const std::string& listen_address) {
    std::error_code ec;
    const auto address = asio::ip::make_address(listen_address, ec);
    if (!ec) socket_.open(address.is_v6() ? asio::ip::udp::v6() : asio::ip::udp::v4(), ec);
    if (!ec) socket_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) socket_.bind({address, port}, ec);
    if (ec) {
      std::lock_guard lock(mutex_);
      problem_ = "Cannot listen for games on the network (" + ec.message() + "). Type the host's address instead.";
      return;
    }
    port_ = socket_.local_endpoint().port();
    receive();
    thread_ = std::thread([self = shared_from_this()] { self->io_.run(); });
  }

  void stop() {
    asio::post(io_, [self = shared_from_this()] {
      std::error_code ignored;
      self->socket_.close(ignored);
    });
    if (thread_.joinable()) thread_.join();
  }

  std::vector<FoundGame> games(std::chrono::milliseconds fresh) const {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    std::vector<FoundGame> out;
    for (const auto& [key, game] : games_) {
      if (now - game.last_seen <= fresh) out.push_back(game);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.last_seen > b.last_seen; });
    return out;
  }

  std::uint16_t port() const { return port_; }
  std::string problem() const {
    std::lock_guard lock(mutex_);
    return problem_;
  }

 private:
  void receive() {
    socket_.async_receive_from(asio::buffer(buffer_), sender_,
                               [self = shared_from_this()](std::error_code ec, std::size_t size) {
                                 if (ec == asio::error::operation_aborted || !self->socket_.is_open()) return;
                                 if (!ec) self->heard(std::string_view(self->buffer_.data(), size));
                                 self->receive();
                               });
  }

  void heard(std::string_view datagram) {
    auto announcement = parse_announcement(datagram);
    if (!announcement) return;  // not ours, or malformed: ignored
    auto address = sender_.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
      address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    }
    FoundGame game;
    game.address = address.is_v6() ? "[" + address.to_string() + "]:" + std::to_string(announcement->port)
                                   : address.to_string() + ":" + std::to_string(announcement->port);
    game.instance_id = announcement->instance_id;
    game.protocol_version = announcement->protocol_version;
    game.compatible = announcement->protocol_version == kProtocolVersion;
    game.last_seen = std::chrono::steady_clock::now();
    bool is_new = false;
    {
      std::lock_guard lock(mutex_);
      const std::string key = game.instance_id + "@" + game.address;
      is_new = !games_.contains(key);
      // Bounded: a flood of fake hosts cannot grow the list without limit.
      if (is_new && games_.size() >= kMaxGames) return;
      games_[key] = game;
    }
    if (is_new && wake_) wake_();
  }

  static constexpr std::size_t kMaxGames = 64;

  Wake wake_;
  asio::io_context io_;
  asio::ip::udp::socket socket_;
  asio::ip::udp::endpoint sender_;
  std::array<char, kMaxAnnouncementBytes + 1> buffer_{};
  std::thread thread_;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::map<std::string, FoundGame> games_;
  std::string problem_;
};

GameFinder::GameFinder(Wake wake, std::uint16_t port, std::string listen_address)
    : impl_(std::make_shared<Impl>(std::move(wake))) {
  impl_->start(port, listen_address);
}

GameFinder::~GameFinder() { impl_->stop(); }

std::vector<FoundGame> GameFinder::games(std::chrono::milliseconds fresh) const { return impl_->games(fresh); }

std::uint16_t GameFinder::port() const { return impl_->port(); }

std::string GameFinder::problem() const { return impl_->problem(); }

}  // namespace attune::client
