#include "attune_server/tls_pairing.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "attune/log.hpp"

namespace attune::server {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;

void drop_older_than(std::deque<std::int64_t>& times, std::int64_t cutoff) {
  while (!times.empty() && times.front() <= cutoff) times.pop_front();
}

}  // namespace

PairingDesk::PairingDesk(std::shared_ptr<TrustStore> trust, std::string own_fingerprint, PairingLimits limits)
    : trust_(std::move(trust)), own_fingerprint_(std::move(own_fingerprint)), limits_(limits) {}

void PairingDesk::offer(const std::string& code, std::int64_t now_ms, std::size_t devices) {
  const std::string normal = pairing::normalise_code(code);
  if (normal.empty() || devices == 0 || spent_.contains(normal)) return;
  if (auto open = open_.find(normal); open != open_.end()) {
    open->second.devices_left = std::min(open->second.devices_left, devices);
    return;
  }
  open_[normal] = OpenCode{now_ms, devices};
}

bool PairingDesk::device_trusted(const std::string& fingerprint) const {
  if (fingerprint.empty()) return false;
  return fingerprint == own_fingerprint_ || trust_->trusts_device(fingerprint);
}

void PairingDesk::expire(std::int64_t now_ms) {
  const std::int64_t lifetime_ms = std::chrono::duration_cast<std::chrono::milliseconds>(limits_.code_lifetime).count();
  for (auto it = open_.begin(); it != open_.end();) {
    if (now_ms - it->second.offered_at_ms >= lifetime_ms) {
      spent_[it->first] = now_ms;
      it = open_.erase(it);
    } else {
      ++it;
    }
  }
}

std::size_t PairingDesk::open_code_count(std::int64_t now_ms) {
  expire(now_ms);
  return open_.size();
}

PairingDesk::Start PairingDesk::start(const std::string& host, const std::string& ya,
                                      const std::string& channel_binding, const std::string& fingerprint,
                                      std::int64_t now_ms) {
  if (channel_binding.empty()) {
    return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT, "Pairing needs an encrypted connection."};
  }
  if (fingerprint.empty()) {
    return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT,
                     "This app did not present a device certificate, so it cannot be paired."};
  }
  auto& mine = attempts_by_host_[host];
  drop_older_than(mine, now_ms - kMinuteMs);
  drop_older_than(attempts_, now_ms - kMinuteMs);
  if (mine.size() >= limits_.attempts_per_address || attempts_.size() >= limits_.attempts_overall) {
    return Rejection{v1::ERROR_CODE_SERVER_BUSY,
                     "Too many pairing attempts in the last minute. Wait a minute, then check the code and try again."};
  }
  mine.push_back(now_ms);
  attempts_.push_back(now_ms);

  expire(now_ms);
  // Newest first: if more codes are open than a client accepts, the newest win.
  std::vector<std::pair<std::int64_t, std::string>> by_age;
  for (const auto& [code, open] : open_) by_age.emplace_back(open.offered_at_ms, code);
  std::sort(by_age.begin(), by_age.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> codes;
  for (const auto& entry : by_age) {
    if (codes.size() == pairing::kMaxCandidates) break;
    codes.push_back(entry.second);
  }
  auto responder = std::make_shared<pairing::Responder>(codes, ya, channel_binding);
  if (!responder->share_was_valid()) {
    return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT, "The pairing message was not valid."};
  }
  return responder;
}

std::optional<Rejection> PairingDesk::finish(const pairing::Responder& responder, const std::string& client_confirm,
                                             const std::string& fingerprint, std::int64_t now_ms) {
  auto code = responder.confirmed_code(client_confirm);
  expire(now_ms);
  if (!code || !open_.contains(*code)) {
    // Either the tag is wrong or the code was used or expired meanwhile.
    return Rejection{v1::ERROR_CODE_UNKNOWN_CODE,
                     "Pairing failed: the code did not match a game waiting on this host, or it was already used."};
  }
  // Saved first: a device the host cannot remember (disk full) is not
  // paired, and the code stays usable for the next try.
  try {
    trust_->trust_device(fingerprint);
  } catch (const std::exception& failure) {
    log::error(std::string("Pairing a device failed: ") + failure.what());
    return Rejection{v1::ERROR_CODE_STORAGE_FAILED,
                     "The host could not save this laptop's pairing (its disk may be full), so nothing was paired. "
                     "Free some space on the host, then enter the code again."};
  }
  auto& open = open_.at(*code);
  if (--open.devices_left == 0) {
    open_.erase(*code);
    spent_[*code] = now_ms;
  }
  return std::nullopt;
}

}  // namespace attune::server
