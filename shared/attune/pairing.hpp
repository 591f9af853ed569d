// The pairing exchange on top of CPace: a device proves it knows the host's
// short code without sending it, inside a TLS channel the exchange is bound
// to (its exported keying material is the CPace sid). Pure: no sockets.
//
//   client                                   server (one candidate per open code)
//   PairStart{Ya}              ───────►
//                              ◄───────      PairOffer{[Yb_j, server_confirm_j]}
//   (checks each server tag; at most one can match its own code)
//   PairFinish{client_confirm} ───────►      (checks it against each candidate)
//                              ◄───────      PairDone / Error
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attune/v1/wire.pb.h"

namespace attune::pairing {

// A client accepts no more candidates than this, which bounds what a rogue
// host learns from one attempt (see docs/security.md).
inline constexpr std::size_t kMaxCandidates = 4;
inline constexpr std::size_t kConfirmBytes = 32;
// The TLS exporter label both sides use for the channel binding.
inline constexpr std::string_view kExporterLabel = "EXPORTER-attune-pairing-v1";
inline constexpr std::size_t kChannelBindingBytes = 32;

class Initiator {
 public:
  // `channel_binding`: the TLS exported keying material for this connection.
  Initiator(std::string_view code, std::string channel_binding);

  [[nodiscard]] v1::Envelope start() const;
  // The PairFinish to send when a candidate proves the host knows the same
  // code; nullopt when none does (a wrong code, or not this host).
  [[nodiscard]] std::optional<v1::Envelope> finish(const v1::PairOffer& offer) const;

 private:
  std::string prs_;
  std::string binding_;
  std::string scalar_;
  std::string share_;
};

class Responder {
 public:
  // One candidate per open code. `ya` is what the client sent.
  Responder(const std::vector<std::string>& codes, std::string_view ya, std::string channel_binding);

  // The offer to send; empty candidates when `ya` was malformed.
  [[nodiscard]] const v1::PairOffer& offer() const { return offer_; }
  [[nodiscard]] bool share_was_valid() const { return share_valid_; }
  // The code whose candidate the client's tag confirms, if any.
  [[nodiscard]] std::optional<std::string> confirmed_code(std::string_view client_confirm) const;

 private:
  v1::PairOffer offer_;
  bool share_valid_ = false;
  std::vector<std::pair<std::string, std::string>> expected_;  // (code, client tag)
};

}  // namespace attune::pairing
