// Secrets and identifiers that a peer must not be able to predict: join and
// owner codes, room ids, room seeds and seat tokens. All come from the
// operating system's CSPRNG (libsodium's randombytes_buf); nothing here is
// derived from a generator whose output a client sees.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace attune::secrets {

// Letters and digits that are easy to read aloud and type: no 0/O, 1/I/L.
inline constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

// A code as the lobby and the pairing read it: spaces, tabs, line breaks and
// dashes dropped, ASCII letters upper-cased, every other byte kept as typed
// (so a wrong character stays wrong rather than turning into a right one).
[[nodiscard]] std::string normalise_code(std::string_view code);

// `length` characters drawn uniformly from kCodeAlphabet.
[[nodiscard]] std::string code(std::size_t length);
// `bytes` random bytes as lower-case hex (2 * bytes characters).
[[nodiscard]] std::string hex(std::size_t bytes);
// Any bytes as lower-case hex (fingerprints, ids), through sodium_bin2hex.
[[nodiscard]] std::string to_hex(std::string_view bytes);
[[nodiscard]] std::uint64_t u64();
// Compares two secrets in time that does not depend on where they differ;
// false when either is empty or the sizes differ.
[[nodiscard]] bool same(std::string_view a, std::string_view b);

}  // namespace attune::secrets
