// The host's side of pairing: which codes are open for pairing (single use,
// expiring, retired after too many wrong tries), the owner code, and which
// devices have paired. The cryptography is attune::pairing (CPace); this only
// keeps the books. Limits are per code, never per address or global, so no
// stranger can hold pairing shut for a real partner (docs/security.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "attune/engine.hpp"
#include "attune/keys.hpp"
#include "attune/pairing.hpp"

namespace attune::server {

struct PairingLimits {
  std::chrono::seconds code_lifetime{300};  // a join code pairs a device for this long
  // A code that has seen this many wrong attempts (pairing or join, from
  // anyone) is retired; the room gets a fresh one.
  std::size_t wrong_attempts_per_code = 20;
};

// Length of the owner code attune-server prints (~49.5 bits).
inline constexpr std::size_t kOwnerCodeLength = 10;

class PairingDesk {
 public:
  // `owner_code`: empty for a host with no owner pairing (the window's
  // embedded server: its own laptop is the only owner).
  PairingDesk(std::shared_ptr<TrustStore> trust, std::string own_fingerprint, PairingLimits limits, bool owner_pairing);

  // A room is waiting for partners with this code: it may pair `devices`
  // laptops, one each (the free partner seats). Offering it again neither
  // extends its life nor adds uses.
  void offer(const std::string& code, std::int64_t now_ms, std::size_t devices = 1);
  // The room no longer takes partners by this code.
  void withdraw(const std::string& code);
  // This host itself (same data folder) or a device that paired before.
  [[nodiscard]] bool device_trusted(const std::string& fingerprint) const;
  // Lists a device as an owner, as a line `owner <fingerprint>` in `trust`.
  void add_owner(const std::string& fingerprint) { trust_->trust_owner(fingerprint); }
  // This host itself, or a device paired with the owner code: may create games.
  [[nodiscard]] bool device_is_owner(const std::string& fingerprint) const;

  using Start = std::variant<std::shared_ptr<pairing::Responder>, Rejection>;
  // A PairStart. Counts as one wrong attempt against every code offered,
  // taken back from the code the client then proves.
  [[nodiscard]] Start start(const std::string& ya, const std::string& channel_binding, const std::string& fingerprint,
                            std::int64_t now_ms);
  struct Paired {
    std::string code;
    bool owner = false;  // paired with the owner code
  };
  using Finish = std::variant<Paired, Rejection>;
  // A PairFinish. On success the code is used up and the device trusted
  // (as an owner, for the owner code). Throws what the trust file's write
  // throws; the caller turns it into an error for the device.
  [[nodiscard]] Finish finish(const pairing::Responder& responder, const std::string& client_confirm,
                              const std::string& fingerprint, std::int64_t now_ms);
  // Join codes retired for too many wrong attempts since the last call.
  [[nodiscard]] std::vector<std::string> take_retired();
  // The code that pairs a device as an owner; empty once used (or when this
  // host has no owner pairing). A retired owner code is replaced at once.
  [[nodiscard]] const std::string& owner_code() const { return owner_code_; }
  // Called with each new owner code after a retirement (to print it).
  void on_new_owner_code(std::function<void(const std::string&)> tell) { tell_owner_ = std::move(tell); }

  [[nodiscard]] std::size_t open_code_count(std::int64_t now_ms);
  [[nodiscard]] std::size_t wrong_attempts(const std::string& code) const;

 private:
  void expire(std::int64_t now_ms);
  void count_wrong(const std::string& code);

  std::shared_ptr<TrustStore> trust_;
  std::string own_fingerprint_;
  PairingLimits limits_;
  std::string owner_code_;
  std::size_t owner_wrong_ = 0;
  std::function<void(const std::string&)> tell_owner_;
  struct OpenCode {
    std::int64_t offered_at_ms = 0;
    std::size_t devices_left = 1;
    std::size_t wrong = 0;
  };
  std::map<std::string, OpenCode> open_;       // code -> when offered, uses and wrong tries left
  std::map<std::string, std::int64_t> spent_;  // code -> used, expired or retired at; never offered again
  std::vector<std::string> retired_;
};

}  // namespace attune::server
