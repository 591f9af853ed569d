#include "attune/pairing.hpp"

#include <sodium.h>

#include "attune/cpace.hpp"
#include "attune/secrets.hpp"

namespace attune::pairing {
namespace {

constexpr std::string_view kChannelIdentifier = "attune-pairing-v1";

// Key confirmation: HMAC-SHA-512 keyed with the ISK over a role label,
// truncated to 32 bytes. Distinct labels keep one side's tag from serving as
// the other's.
std::string confirm_tag(const std::string& isk, std::string_view role) {
  crypto_auth_hmacsha512_state state;
  crypto_auth_hmacsha512_init(&state, reinterpret_cast<const unsigned char*>(isk.data()), isk.size());
  crypto_auth_hmacsha512_update(&state, reinterpret_cast<const unsigned char*>(role.data()), role.size());
  std::string mac(crypto_auth_hmacsha512_BYTES, '\0');
  crypto_auth_hmacsha512_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
  mac.resize(kConfirmBytes);
  return mac;
}

bool same_tag(std::string_view a, std::string_view b) { return a.size() == kConfirmBytes && secrets::same(a, b); }

}  // namespace

Initiator::Initiator(std::string_view code, std::string channel_binding)
    : prs_(secrets::normalise_code(code)), binding_(std::move(channel_binding)), scalar_(cpace::sample_scalar()) {
  const std::string generator = cpace::calculate_generator(prs_, kChannelIdentifier, binding_);
  share_ = cpace::scalar_mult(scalar_, generator).value_or(std::string());
}

v1::Envelope Initiator::start() const {
  v1::Envelope envelope;
  envelope.mutable_pair_start()->set_ya(share_);
  return envelope;
}

std::optional<v1::Envelope> Initiator::finish(const v1::PairOffer& offer) const {
  if (share_.empty() || static_cast<std::size_t>(offer.candidates_size()) > kMaxCandidates) return std::nullopt;
  for (const auto& candidate : offer.candidates()) {
    auto k = cpace::scalar_mult_vfy(scalar_, candidate.yb());
    if (!k) continue;  // G.I: abort this candidate
    const std::string isk = cpace::intermediate_session_key(binding_, *k, share_, "", candidate.yb(), "");
    if (!same_tag(confirm_tag(isk, "attune server confirms"), candidate.server_confirm())) continue;
    v1::Envelope envelope;
    envelope.mutable_pair_finish()->set_client_confirm(confirm_tag(isk, "attune client confirms"));
    return envelope;
  }
  return std::nullopt;
}

Responder::Responder(const std::vector<std::string>& codes, std::string_view ya, std::string channel_binding) {
  if (ya.size() != cpace::kPointBytes) return;
  for (const auto& code : codes) {
    if (static_cast<std::size_t>(offer_.candidates_size()) >= kMaxCandidates) break;
    const std::string prs = secrets::normalise_code(code);
    const std::string generator = cpace::calculate_generator(prs, kChannelIdentifier, channel_binding);
    const std::string scalar = cpace::sample_scalar();
    auto yb = cpace::scalar_mult(scalar, generator);
    auto k = cpace::scalar_mult_vfy(scalar, ya);
    if (!yb || !k) return;  // an invalid or identity share: no candidates at all
    const std::string isk = cpace::intermediate_session_key(channel_binding, *k, ya, "", *yb, "");
    auto* candidate = offer_.add_candidates();
    candidate->set_yb(*yb);
    candidate->set_server_confirm(confirm_tag(isk, "attune server confirms"));
    expected_.emplace_back(code, confirm_tag(isk, "attune client confirms"));
  }
  share_valid_ = true;
  if (codes.empty()) {
    // Still check the share so a bad one is refused the same way.
    share_valid_ = cpace::scalar_mult_vfy(cpace::sample_scalar(), ya).has_value();
  }
}

std::optional<std::string> Responder::confirmed_code(std::string_view client_confirm) const {
  for (const auto& [code, tag] : expected_) {
    if (same_tag(tag, client_confirm)) return code;
  }
  return std::nullopt;
}

}  // namespace attune::pairing
