// The byte stream under a connection: TLS 1.3 (attune_server/tls.hpp, the
// handshake runs in async_start) or plain TCP for tools and tests.
#pragma once

#include <asio/ip/tcp.hpp>
#include <cstddef>
#include <functional>
#include <string>
#include <system_error>

namespace attune::server {

class Stream {
 public:
  using IoHandler = std::function<void(std::error_code, std::size_t)>;
  using StartHandler = std::function<void(std::error_code)>;

  virtual ~Stream() = default;
  // Completes once the stream is ready for frames (a TLS handshake, say).
  virtual void async_start(StartHandler handler) = 0;
  virtual void async_read_some(asio::mutable_buffer buffer, IoHandler handler) = 0;
  // Writes the whole buffer.
  virtual void async_write(asio::const_buffer buffer, IoHandler handler) = 0;
  virtual void close() = 0;
  [[nodiscard]] virtual std::string remote_address() const = 0;
  // The peer's certificate fingerprint (SHA-256 hex); "" without TLS or a certificate.
  [[nodiscard]] virtual std::string peer_fingerprint() const { return ""; }
  // Keying material exported from the TLS session for the pairing exchange; "" without TLS.
  [[nodiscard]] virtual std::string channel_binding() const { return ""; }
};

class TcpStream final : public Stream {
 public:
  explicit TcpStream(asio::ip::tcp::socket socket);
  void async_start(StartHandler handler) override;
  void async_read_some(asio::mutable_buffer buffer, IoHandler handler) override;
  void async_write(asio::const_buffer buffer, IoHandler handler) override;
  void close() override;
  [[nodiscard]] std::string remote_address() const override;

 private:
  asio::ip::tcp::socket socket_;
  std::string remote_;
};

[[nodiscard]] std::string format_endpoint(const asio::ip::tcp::endpoint& endpoint);

}  // namespace attune::server
