#include "attune_server/tls.hpp"

#include <asio/ssl.hpp>
#include <asio/write.hpp>

#include "attune/tls_setup.hpp"

namespace attune::server {
namespace {

class TlsStream final : public Stream {
 public:
  TlsStream(asio::ip::tcp::socket socket, asio::ssl::context& context) : stream_(std::move(socket), context) {
    std::error_code ec;
    const auto endpoint = stream_.lowest_layer().remote_endpoint(ec);
    remote_ = ec ? std::string("unknown peer") : format_endpoint(endpoint);
    stream_.lowest_layer().set_option(asio::ip::tcp::no_delay(true), ec);
  }

  void async_start(StartHandler handler) override {
    stream_.async_handshake(asio::ssl::stream_base::server, [this, handler = std::move(handler)](std::error_code ec) {
      if (!ec) {
        fingerprint_ = tls::peer_fingerprint(stream_.native_handle());
        binding_ = tls::channel_binding(stream_.native_handle());
      }
      handler(ec);
    });
  }
  void async_read_some(asio::mutable_buffer buffer, IoHandler handler) override {
    stream_.async_read_some(buffer, std::move(handler));
  }
  void async_write(asio::const_buffer buffer, IoHandler handler) override {
    asio::async_write(stream_, buffer, std::move(handler));
  }
  void close() override {
    std::error_code ignored;
    stream_.lowest_layer().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    stream_.lowest_layer().close(ignored);
  }
  [[nodiscard]] std::string remote_address() const override { return remote_; }
  [[nodiscard]] std::string peer_fingerprint() const override { return fingerprint_; }
  [[nodiscard]] std::string channel_binding() const override { return binding_; }

 private:
  asio::ssl::stream<asio::ip::tcp::socket> stream_;
  std::string remote_;
  std::string fingerprint_;
  std::string binding_;
};

}  // namespace

struct TlsServerContext::Impl {
  asio::ssl::context context{asio::ssl::context::tls_server};
};

TlsServerContext::TlsServerContext(const DeviceIdentity& identity) : impl_(std::make_unique<Impl>()) {
  tls::configure(impl_->context.native_handle(), identity);
  // An idle connection gives its record buffers back to the allocator
  // (docs/performance.md: memory per waiting room).
  SSL_CTX_set_mode(impl_->context.native_handle(), SSL_MODE_RELEASE_BUFFERS);
}

TlsServerContext::~TlsServerContext() = default;

std::unique_ptr<Stream> TlsServerContext::wrap(asio::ip::tcp::socket socket) {
  return std::make_unique<TlsStream>(std::move(socket), impl_->context);
}

}  // namespace attune::server
