// A device's long-lived identity (an Ed25519 key and a self-signed
// certificate, made on first run) and the peers it has paired with. Files
// live in a data folder kept owner-only: the folder 0700, every file 0600,
// whatever the umask.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "attune/files.hpp"

namespace attune {

struct DeviceIdentity {
  std::string certificate_pem;
  std::string private_key_pem;
  std::string fingerprint;  // SHA-256 of the certificate (DER), lower-case hex
};

// Loads device.key + device.crt from `dir`, creating them on first run.
// Throws std::runtime_error with a sentence a person can act on.
[[nodiscard]] DeviceIdentity load_or_create_identity(const std::filesystem::path& dir);
// A fresh identity that lives only in memory (tests, one-off tools).
[[nodiscard]] DeviceIdentity make_ephemeral_identity();
// Fingerprint of a PEM certificate; "" when it cannot be read.
[[nodiscard]] std::string certificate_fingerprint(const std::string& certificate_pem);

// Who this device trusts. A client pins each host it paired with (by
// fingerprint, remembering at which address it was seen); a host remembers
// the devices that paired with it. Thread-safe. Kept in `trust` in the data
// folder, or only in memory.
class TrustStore {
 public:
  TrustStore() = default;
  explicit TrustStore(std::filesystem::path file);

  [[nodiscard]] bool trusts_host(const std::string& fingerprint) const;
  // The fingerprint pinned for `address` (HOST:PORT), if any.
  [[nodiscard]] std::optional<std::string> host_at(const std::string& address) const;
  // The writers throw std::runtime_error when the file cannot be written
  // (disk full): a pin stays in memory for this run; a device that could
  // not be saved is not trusted.
  void pin_host(const std::string& address, const std::string& fingerprint);
  // Drops every pin for `address` (the person chose to pair again).
  void forget_address(const std::string& address);

  [[nodiscard]] bool trusts_device(const std::string& fingerprint) const;
  void trust_device(const std::string& fingerprint);
  // An owner device may create games on this host (a therapist's own laptop
  // paired with the owner code, or a line `owner <fingerprint>` in `trust`).
  // An owner is also a trusted device.
  [[nodiscard]] bool trusts_owner(const std::string& fingerprint) const;
  void trust_owner(const std::string& fingerprint);

 private:
  void save_locked() const;

  std::optional<std::filesystem::path> file_;
  mutable std::mutex mutex_;
  std::set<std::string> hosts_;
  std::map<std::string, std::string> addresses_;  // address -> host fingerprint
  std::set<std::string> devices_;
  std::set<std::string> owners_;
};

// Identity and trust together: what a program or test hands to its TLS code.
struct DeviceKeys {
  DeviceIdentity identity;
  std::shared_ptr<TrustStore> trust;
};

// From a data folder (persistent), or in memory when `dir` is empty.
[[nodiscard]] DeviceKeys open_device_keys(const std::filesystem::path& dir);

}  // namespace attune
