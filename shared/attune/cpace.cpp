#include "attune/cpace.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace attune::cpace {
namespace {

const unsigned char* bytes(std::string_view data) { return reinterpret_cast<const unsigned char*>(data.data()); }

std::string sha512(std::string_view data) {
  std::string out(crypto_hash_sha512_BYTES, '\0');
  crypto_hash_sha512(reinterpret_cast<unsigned char*>(out.data()), bytes(data), data.size());
  return out;
}

}  // namespace

void initialise() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string prepend_len(std::string_view data) {
  std::string out;
  std::size_t length = data.size();
  do {
    auto byte = static_cast<unsigned char>(length & 0x7fU);
    length >>= 7U;
    if (length != 0) byte = static_cast<unsigned char>(byte | 0x80U);
    out.push_back(static_cast<char>(byte));
  } while (length != 0);
  out.append(data);
  return out;
}

std::string lv_cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto part : parts) out += prepend_len(part);
  return out;
}

std::string generator_string(std::string_view dsi, std::string_view prs, std::string_view ci, std::string_view sid,
                             std::size_t s_in_bytes) {
  const std::size_t used = prepend_len(prs).size() + prepend_len(dsi).size() + 1;
  const std::size_t zpad = s_in_bytes > used ? s_in_bytes - used : 0;
  const std::string zeros(zpad, '\0');
  return lv_cat({dsi, prs, zeros, ci, sid});
}

std::string transcript_ir(std::string_view ya, std::string_view ad_a, std::string_view yb, std::string_view ad_b) {
  return lv_cat({ya, ad_a}) + lv_cat({yb, ad_b});
}

std::string calculate_generator(std::string_view prs, std::string_view ci, std::string_view sid) {
  initialise();
  const std::string hash = sha512(generator_string(kDsi, prs, ci, sid, kHashBlockBytes));
  std::string point(kPointBytes, '\0');
  crypto_core_ristretto255_from_hash(reinterpret_cast<unsigned char*>(point.data()), bytes(hash));
  return point;
}

std::string sample_scalar() {
  initialise();
  std::string scalar(kScalarBytes, '\0');
  crypto_core_ristretto255_scalar_random(reinterpret_cast<unsigned char*>(scalar.data()));
  return scalar;
}

std::optional<std::string> scalar_mult(std::string_view scalar, std::string_view point) {
  return scalar_mult_vfy(scalar, point);
}

std::optional<std::string> scalar_mult_vfy(std::string_view scalar, std::string_view point) {
  initialise();
  if (scalar.size() != kScalarBytes || point.size() != kPointBytes) return std::nullopt;
  std::string out(kPointBytes, '\0');
  // Fails on an encoding that is not a valid element and on an identity result.
  if (crypto_scalarmult_ristretto255(reinterpret_cast<unsigned char*>(out.data()), bytes(scalar), bytes(point)) != 0) {
    return std::nullopt;
  }
  if (std::all_of(out.begin(), out.end(), [](char c) { return c == '\0'; })) return std::nullopt;
  return out;
}

std::string intermediate_session_key(std::string_view sid, std::string_view k, std::string_view ya,
                                     std::string_view ad_a, std::string_view yb, std::string_view ad_b) {
  const std::string dsi_isk = std::string(kDsi) + "_ISK";
  return sha512(lv_cat({dsi_isk, sid, k}) + transcript_ir(ya, ad_a, yb, ad_b));
}

}  // namespace attune::cpace
