// The host's side of pairing: which codes are open for pairing (single use,
// expiring), how often anyone may try, and which devices have paired. The
// cryptography is attune::pairing (CPace); this only keeps the books.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <variant>

#include "attune/engine.hpp"
#include "attune/keys.hpp"
#include "attune/pairing.hpp"

namespace attune::server {

struct PairingLimits {
  std::chrono::seconds code_lifetime{300};  // a code pairs a device for this long
  std::size_t attempts_per_address = 5;     // pairing attempts per minute from one address
  std::size_t attempts_overall = 30;        // pairing attempts per minute in all
};

class PairingDesk {
 public:
  PairingDesk(std::shared_ptr<TrustStore> trust, std::string own_fingerprint, PairingLimits limits);

  // A room is waiting for partners with this code: it may pair `devices`
  // laptops, one each (the free partner seats). Offering it again neither
  // extends its life nor adds uses.
  void offer(const std::string& code, std::int64_t now_ms, std::size_t devices = 1);
  // This host itself (same data folder) or a device that paired before.
  [[nodiscard]] bool device_trusted(const std::string& fingerprint) const;

  using Start = std::variant<std::shared_ptr<pairing::Responder>, Rejection>;
  // A PairStart from `host` (an address without port). Counts as one attempt.
  [[nodiscard]] Start start(const std::string& host, const std::string& ya, const std::string& channel_binding,
                            const std::string& fingerprint, std::int64_t now_ms);
  // A PairFinish. On success the code is used up and the device trusted.
  [[nodiscard]] std::optional<Rejection> finish(const pairing::Responder& responder, const std::string& client_confirm,
                                                const std::string& fingerprint, std::int64_t now_ms);

  [[nodiscard]] std::size_t open_code_count(std::int64_t now_ms);

 private:
  void expire(std::int64_t now_ms);

  std::shared_ptr<TrustStore> trust_;
  std::string own_fingerprint_;
  PairingLimits limits_;
  struct OpenCode {
    std::int64_t offered_at_ms = 0;
    std::size_t devices_left = 1;
  };
  std::map<std::string, OpenCode> open_;       // code -> when offered, how many more devices
  std::map<std::string, std::int64_t> spent_;  // code -> used or expired at, never offered again
  std::map<std::string, std::deque<std::int64_t>> attempts_by_host_;
  std::deque<std::int64_t> attempts_;
};

}  // namespace attune::server
