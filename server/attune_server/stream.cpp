#include "attune_server/stream.hpp"

#include <asio/post.hpp>
#include <asio/write.hpp>

namespace attune::server {

TcpStream::TcpStream(asio::ip::tcp::socket socket) : socket_(std::move(socket)) {
  std::error_code ec;
  const auto endpoint = socket_.remote_endpoint(ec);
  remote_ = ec ? std::string("unknown peer") : format_endpoint(endpoint);
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
}

void TcpStream::async_start(StartHandler handler) {
  asio::post(socket_.get_executor(), [handler = std::move(handler)] { handler({}); });
}

void TcpStream::async_read_some(asio::mutable_buffer buffer, IoHandler handler) {
  socket_.async_read_some(buffer, std::move(handler));
}

void TcpStream::async_write(asio::const_buffer buffer, IoHandler handler) {
  asio::async_write(socket_, buffer, std::move(handler));
}

void TcpStream::close() {
  std::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

std::string TcpStream::remote_address() const { return remote_; }

std::string format_endpoint(const asio::ip::tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  const std::string port = std::to_string(endpoint.port());
  if (address.is_v6()) return "[" + address.to_string() + "]:" + port;
  return address.to_string() + ":" + port;
}

}  // namespace attune::server
