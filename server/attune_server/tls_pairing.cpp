#include "attune_server/tls_pairing.hpp"

#include <algorithm>

#include "attune/secrets.hpp"

namespace attune::server {

PairingDesk::PairingDesk(std::shared_ptr<TrustStore> trust, std::string own_fingerprint, PairingLimits limits,
                         bool owner_pairing)
    : trust_(std::move(trust)), own_fingerprint_(std::move(own_fingerprint)), limits_(limits) {
  if (owner_pairing) owner_code_ = secrets::code(kOwnerCodeLength);
}

void PairingDesk::offer(const std::string& code, std::int64_t now_ms, std::size_t devices) {
  const std::string normal = secrets::normalise_code(code);
  if (normal.empty() || devices == 0 || spent_.contains(normal)) return;
  if (auto open = open_.find(normal); open != open_.end()) {
    open->second.devices_left = std::min(open->second.devices_left, devices);
    return;
  }
  open_[normal] = OpenCode{now_ms, devices, 0};
}

void PairingDesk::withdraw(const std::string& code) {
  const std::string normal = secrets::normalise_code(code);
  if (open_.erase(normal) > 0) spent_[normal] = 0;
}

bool PairingDesk::device_trusted(const std::string& fingerprint) const {
  if (fingerprint.empty()) return false;
  return fingerprint == own_fingerprint_ || trust_->trusts_device(fingerprint);
}

bool PairingDesk::device_is_owner(const std::string& fingerprint) const {
  if (fingerprint.empty()) return false;
  return fingerprint == own_fingerprint_ || trust_->trusts_owner(fingerprint);
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

std::size_t PairingDesk::wrong_attempts(const std::string& code) const {
  const std::string normal = secrets::normalise_code(code);
  if (normal == owner_code_) return owner_wrong_;
  auto found = open_.find(normal);
  return found == open_.end() ? 0 : found->second.wrong;
}

void PairingDesk::count_wrong(const std::string& code) {
  if (!owner_code_.empty() && code == owner_code_) {
    if (++owner_wrong_ < limits_.wrong_attempts_per_code) return;
    owner_code_ = secrets::code(kOwnerCodeLength);
    owner_wrong_ = 0;
    if (tell_owner_) tell_owner_(owner_code_);
    return;
  }
  auto open = open_.find(code);
  if (open == open_.end()) return;
  if (++open->second.wrong < limits_.wrong_attempts_per_code) return;
  spent_[code] = 0;
  open_.erase(open);
  retired_.push_back(code);
}

PairingDesk::Start PairingDesk::start(const std::string& ya, const std::string& channel_binding,
                                      const std::string& fingerprint, std::int64_t now_ms) {
  if (channel_binding.empty()) {
    return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT, "Pairing needs an encrypted connection."};
  }
  if (fingerprint.empty()) {
    return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT,
                     "This app did not present a device certificate, so it cannot be paired."};
  }
  expire(now_ms);
  // The owner code first, then join codes newest first: a client accepts
  // at most kMaxCandidates (the lobby refuses a game that would not fit).
  std::vector<std::string> codes;
  if (!owner_code_.empty()) codes.push_back(owner_code_);
  std::vector<std::pair<std::int64_t, std::string>> by_age;
  for (const auto& [code, open] : open_) by_age.emplace_back(open.offered_at_ms, code);
  std::sort(by_age.begin(), by_age.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& entry : by_age) {
    if (codes.size() == pairing::kMaxCandidates) break;
    codes.push_back(entry.second);
  }
  auto responder = std::make_shared<pairing::Responder>(codes, ya, channel_binding);
  if (!responder->share_was_valid()) {
    return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT, "The pairing message was not valid."};
  }
  // Every offered code may be the one being guessed; the code the client
  // then proves gets its count back in finish().
  for (const auto& code : codes) count_wrong(code);
  return responder;
}

PairingDesk::Finish PairingDesk::finish(const pairing::Responder& responder, const std::string& client_confirm,
                                        const std::string& fingerprint, std::int64_t now_ms) {
  auto code = responder.confirmed_code(client_confirm);
  expire(now_ms);
  const Rejection refused{
      v1::ERROR_CODE_UNKNOWN_CODE,
      "Pairing failed: the code did not match a game waiting on this host, or it was already used."};
  if (!code) return refused;
  if (!owner_code_.empty() && *code == owner_code_) {
    trust_->trust_owner(fingerprint);
    owner_code_.clear();  // single use; restart attune-server for another
    owner_wrong_ = 0;
    return Paired{*code, true};
  }
  auto open = open_.find(*code);
  if (open == open_.end()) return refused;  // used, expired or retired meanwhile
  trust_->trust_device(fingerprint);
  if (open->second.wrong > 0) --open->second.wrong;
  if (--open->second.devices_left == 0) {
    open_.erase(open);
    spent_[*code] = now_ms;
  }
  return Paired{*code, false};
}

std::vector<std::string> PairingDesk::take_retired() {
  std::vector<std::string> out;
  out.swap(retired_);
  return out;
}

}  // namespace attune::server
