// OpenSSL settings both ends share: TLS 1.3 only, this device's certificate,
// peer certificates requested and accepted as presented (self-signed; the
// pins in TrustStore and the pairing exchange decide whom to trust), no
// session resumption. No Asio here: callers pass the native handles.
#pragma once

#include <string>

#include "attune/keys.hpp"

struct ssl_st;
struct ssl_ctx_st;

namespace attune::tls {

// Throws std::runtime_error when the key or certificate do not load.
void configure(ssl_ctx_st* context, const DeviceIdentity& identity);
// SHA-256 fingerprint of the peer's certificate; "" when it sent none.
[[nodiscard]] std::string peer_fingerprint(ssl_st* ssl);
// TLS exported keying material for the pairing exchange; "" before the handshake.
[[nodiscard]] std::string channel_binding(ssl_st* ssl);
// "TLSv1.3", for logs and tests.
[[nodiscard]] std::string protocol_name(ssl_st* ssl);

}  // namespace attune::tls
