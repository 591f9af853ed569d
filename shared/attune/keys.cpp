#include "attune/keys.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "attune/secrets.hpp"

namespace attune {
namespace fs = std::filesystem;
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

// The files helpers (attune/files.hpp), throwing their sentence: key
// loading reports failures as exceptions.
static void ensure_private_dir(const fs::path& dir) {
  if (auto problem = make_private_dirs(dir)) throw std::runtime_error(*problem);
}

static void write_private_file(const fs::path& file, const std::string& content) {
  if (auto problem = save_private_file(file, content)) throw std::runtime_error(*problem);
}

std::string certificate_fingerprint(const std::string& certificate_pem) {
  Bio bio(BIO_new_mem_buf(certificate_pem.data(), static_cast<int>(certificate_pem.size())));
  Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) return "";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (X509_digest(cert.get(), EVP_sha256(), digest, &size) != 1) return "";
  return secrets::to_hex(std::string_view(reinterpret_cast<const char*>(digest), size));
}

DeviceIdentity make_ephemeral_identity() {
  Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  Cert cert(X509_new());
  if (!key || !cert) throw std::runtime_error("Cannot create a device key (OpenSSL failed).");
  X509_set_version(cert.get(), 2);
  // A positive 62-bit serial from the system's CSPRNG.
  ASN1_INTEGER_set_int64(X509_get_serialNumber(cert.get()), static_cast<int64_t>(secrets::u64() >> 2U));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -24L * 3600L);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 20L * 365L * 24L * 3600L);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("attune device"), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), name);
  if (X509_sign(cert.get(), key.get(), nullptr) <= 0) throw std::runtime_error("Cannot sign the device certificate.");

  DeviceIdentity identity;
  Bio cert_bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(cert_bio.get(), cert.get());
  identity.certificate_pem = bio_text(cert_bio.get());
  Bio key_bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  identity.private_key_pem = bio_text(key_bio.get());
  identity.fingerprint = certificate_fingerprint(identity.certificate_pem);
  return identity;
}

DeviceIdentity load_or_create_identity(const fs::path& dir) {
  ensure_private_dir(dir);
  const fs::path key_file = dir / "device.key";
  const fs::path cert_file = dir / "device.crt";
  if (fs::exists(key_file) && fs::exists(cert_file)) {
    // Older files keep their content but not a wider mode.
    ::chmod(key_file.c_str(), 0600);
    ::chmod(cert_file.c_str(), 0600);
    DeviceIdentity identity{read_file(cert_file), read_file(key_file), ""};
    identity.fingerprint = certificate_fingerprint(identity.certificate_pem);
    if (identity.fingerprint.empty()) {
      throw std::runtime_error("The device certificate in " + dir.string() +
                               " cannot be read. Move the folder away to start afresh (you will pair again).");
    }
    return identity;
  }
  DeviceIdentity identity = make_ephemeral_identity();
  write_private_file(key_file, identity.private_key_pem);
  write_private_file(cert_file, identity.certificate_pem);
  return identity;
}

TrustStore::TrustStore(fs::path file) : file_(std::move(file)) {
  // A trust file left wider than owner-only (an older version, a copy) is
  // narrowed before it is read.
  if (fs::exists(*file_)) ::chmod(file_->c_str(), 0600);
  std::ifstream in(*file_);
  std::string kind;
  std::string fingerprint;
  while (in >> kind >> fingerprint) {
    if (kind == "host") {
      std::string address;
      in >> address;
      hosts_.insert(fingerprint);
      if (!address.empty() && address != "-") addresses_[address] = fingerprint;
    } else if (kind == "device") {
      devices_.insert(fingerprint);
    } else if (kind == "owner") {
      devices_.insert(fingerprint);
      owners_.insert(fingerprint);
    }
  }
}

bool TrustStore::trusts_host(const std::string& fingerprint) const {
  std::lock_guard lock(mutex_);
  return hosts_.contains(fingerprint);
}

std::optional<std::string> TrustStore::host_at(const std::string& address) const {
  std::lock_guard lock(mutex_);
  auto found = addresses_.find(address);
  if (found == addresses_.end()) return std::nullopt;
  return found->second;
}

void TrustStore::pin_host(const std::string& address, const std::string& fingerprint) {
  std::lock_guard lock(mutex_);
  hosts_.insert(fingerprint);
  addresses_[address] = fingerprint;
  save_locked();
}

void TrustStore::forget_address(const std::string& address) {
  std::lock_guard lock(mutex_);
  addresses_.erase(address);
  save_locked();
}

bool TrustStore::trusts_device(const std::string& fingerprint) const {
  std::lock_guard lock(mutex_);
  return devices_.contains(fingerprint);
}

void TrustStore::trust_device(const std::string& fingerprint) {
  std::lock_guard lock(mutex_);
  const bool added = devices_.insert(fingerprint).second;
  try {
    save_locked();
  } catch (...) {
    // Not saved, not trusted: the next attempt starts from the same place.
    if (added) devices_.erase(fingerprint);
    throw;
  }
}

bool TrustStore::trusts_owner(const std::string& fingerprint) const {
  std::lock_guard lock(mutex_);
  return owners_.contains(fingerprint);
}

void TrustStore::trust_owner(const std::string& fingerprint) {
  std::lock_guard lock(mutex_);
  devices_.insert(fingerprint);
  owners_.insert(fingerprint);
  save_locked();
}

void TrustStore::save_locked() const {
  if (!file_) return;
  std::string text;
  for (const auto& host : hosts_) {
    bool listed = false;
    for (const auto& [address, fingerprint] : addresses_) {
      if (fingerprint != host) continue;
      text += "host " + host + " " + address + "\n";
      listed = true;
    }
    if (!listed) text += "host " + host + " -\n";
  }
  for (const auto& device : devices_) {
    text += (owners_.contains(device) ? "owner " : "device ") + device + "\n";
  }
  write_private_file(*file_, text);
}

DeviceKeys open_device_keys(const fs::path& dir) {
  if (dir.empty()) return DeviceKeys{make_ephemeral_identity(), std::make_shared<TrustStore>()};
  DeviceIdentity identity = load_or_create_identity(dir);
  return DeviceKeys{std::move(identity), std::make_shared<TrustStore>(dir / "trust")};
}

}  // namespace attune
