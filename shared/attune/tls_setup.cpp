#include "attune/tls_setup.hpp"

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>

#include "attune/pairing.hpp"
#include "attune/secrets.hpp"

namespace attune::tls {
namespace {

// Self-signed certificates never chain to a CA; who is trusted is decided by
// fingerprint after the handshake, so the chain check always passes here.
int accept_presented_certificate(int /*preverified*/, X509_STORE_CTX* /*store*/) { return 1; }

}  // namespace

void configure(ssl_ctx_st* context, const DeviceIdentity& identity) {
  if (SSL_CTX_set_min_proto_version(context, TLS1_3_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(context, TLS1_3_VERSION) != 1) {
    throw std::runtime_error("This OpenSSL cannot restrict connections to TLS 1.3.");
  }
  SSL_CTX_set_options(context, SSL_OP_NO_TICKET | SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_num_tickets(context, 0);
  SSL_CTX_set_verify(context, SSL_VERIFY_PEER, &accept_presented_certificate);

  std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(
      BIO_new_mem_buf(identity.certificate_pem.data(), static_cast<int>(identity.certificate_pem.size())), &BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr),
                                                   &X509_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(
      BIO_new_mem_buf(identity.private_key_pem.data(), static_cast<int>(identity.private_key_pem.size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  if (!cert || !key || SSL_CTX_use_certificate(context, cert.get()) != 1 ||
      SSL_CTX_use_PrivateKey(context, key.get()) != 1 || SSL_CTX_check_private_key(context) != 1) {
    throw std::runtime_error("The device key and certificate do not load; move the data folder away to start afresh.");
  }
}

std::string peer_fingerprint(ssl_st* ssl) {
  X509* cert = SSL_get0_peer_certificate(ssl);
  if (cert == nullptr) return "";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (X509_digest(cert, EVP_sha256(), digest, &size) != 1) return "";
  return secrets::to_hex(std::string_view(reinterpret_cast<const char*>(digest), size));
}

std::string channel_binding(ssl_st* ssl) {
  std::string out(pairing::kChannelBindingBytes, '\0');
  const std::string_view label = pairing::kExporterLabel;
  if (SSL_export_keying_material(ssl, reinterpret_cast<unsigned char*>(out.data()), out.size(), label.data(),
                                 label.size(), nullptr, 0, 0) != 1) {
    return "";
  }
  return out;
}

std::string protocol_name(ssl_st* ssl) { return SSL_get_version(ssl); }

}  // namespace attune::tls
