#include "attune_server/discovery.hpp"

#include "attune/version.hpp"

namespace attune::server {

Announcer::Announcer(asio::io_context& io, std::uint16_t game_port, asio::ip::udp::endpoint target,
                     std::chrono::milliseconds every)
    : socket_(io), timer_(io), target_(std::move(target)), every_(every) {
  announcement_ = Announcement{new_instance_id(), game_port, kProtocolVersion};
  datagram_ = format_announcement(announcement_);
}

void Announcer::start() {
  socket_.open(target_.protocol());
  if (target_.address().is_v4() && target_.address().to_v4() == asio::ip::address_v4::broadcast()) {
    socket_.set_option(asio::socket_base::broadcast(true));
  }
  tick();
}

void Announcer::stop() {
  stopped_ = true;
  timer_.cancel();
  std::error_code ignored;
  socket_.close(ignored);
}

void Announcer::tick() {
  if (stopped_) return;
  // Best effort: a network that drops broadcast just means nobody hears it.
  socket_.async_send_to(asio::buffer(datagram_), target_, [](std::error_code, std::size_t) {});
  timer_.expires_after(every_);
  timer_.async_wait([this](std::error_code ec) {
    if (!ec) tick();
  });
}

}  // namespace attune::server
