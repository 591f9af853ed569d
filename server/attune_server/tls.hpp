// TLS 1.3 for the server: one context holding this host's certificate, and a
// Stream that runs the handshake in async_start. Connections and rooms only
// see server::Stream.
#pragma once

#include <asio/ip/tcp.hpp>
#include <memory>

#include "attune/keys.hpp"
#include "attune_server/stream.hpp"

namespace attune::server {

class TlsServerContext {
 public:
  // Throws std::runtime_error when the identity does not load.
  explicit TlsServerContext(const DeviceIdentity& identity);
  ~TlsServerContext();
  TlsServerContext(const TlsServerContext&) = delete;
  TlsServerContext& operator=(const TlsServerContext&) = delete;

  [[nodiscard]] std::unique_ptr<Stream> wrap(asio::ip::tcp::socket socket);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace attune::server
