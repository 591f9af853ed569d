#include "attune/secrets.hpp"

#include <sodium.h>

#include <stdexcept>

namespace attune::secrets {
namespace {

void ready() {
  // sodium_init is idempotent and thread-safe; it fails only without entropy.
  if (sodium_init() < 0) throw std::runtime_error("The system's random source is not available.");
}

}  // namespace

std::string normalise_code(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (const char ch : code) {
    if (ch == ' ' || ch == '-' || ch == '\t' || ch == '\n' || ch == '\r') continue;
    out.push_back((ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch);
  }
  return out;
}

std::string code(std::size_t length) {
  ready();
  std::string out;
  out.reserve(length);
  for (std::size_t i = 0; i < length; ++i) {
    // randombytes_uniform avoids the modulo bias of a plain remainder.
    out.push_back(kCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))]);
  }
  return out;
}

std::string hex(std::size_t bytes) {
  ready();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return to_hex(raw);
}

std::string to_hex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  out.pop_back();  // sodium_bin2hex writes a terminating NUL
  return out;
}

std::uint64_t u64() {
  ready();
  std::uint64_t value = 0;
  randombytes_buf(&value, sizeof value);
  return value;
}

bool same(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace attune::secrets
