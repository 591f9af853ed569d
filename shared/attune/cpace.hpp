// CPace (draft-irtf-cfrg-cpace, cipher suite CPACE-RISTR255-SHA512), built
// only from libsodium's primitives: SHA-512, ristretto255 element derivation
// and scalar multiplication. Byte strings are std::string holding raw bytes.
// Checked against the draft's published test vectors (tests/security).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace attune::cpace {

inline constexpr std::size_t kPointBytes = 32;
inline constexpr std::size_t kScalarBytes = 32;
inline constexpr std::size_t kIskBytes = 64;
inline constexpr std::size_t kHashBlockBytes = 128;  // SHA-512's input block, H.s_in_bytes
inline constexpr std::string_view kDsi = "CPaceRistretto255";

// libsodium must be initialised before anything below; safe to call often.
void initialise();

// The draft's string helpers (Appendix A.1).
[[nodiscard]] std::string prepend_len(std::string_view data);
[[nodiscard]] std::string lv_cat(std::initializer_list<std::string_view> parts);
[[nodiscard]] std::string generator_string(std::string_view dsi, std::string_view prs, std::string_view ci,
                                           std::string_view sid, std::size_t s_in_bytes);
[[nodiscard]] std::string transcript_ir(std::string_view ya, std::string_view ad_a, std::string_view yb,
                                        std::string_view ad_b);

// G.calculate_generator: the encoded ristretto255 generator for these inputs.
[[nodiscard]] std::string calculate_generator(std::string_view prs, std::string_view ci, std::string_view sid);
// G.sample_scalar: a uniformly random scalar, little endian.
[[nodiscard]] std::string sample_scalar();
// G.scalar_mult(y, g) for an encoded generator g.
[[nodiscard]] std::optional<std::string> scalar_mult(std::string_view scalar, std::string_view point);
// G.scalar_mult_vfy: nullopt stands for G.I (an invalid encoding or the identity);
// the protocol must abort then.
[[nodiscard]] std::optional<std::string> scalar_mult_vfy(std::string_view scalar, std::string_view point);
// ISK for the initiator-responder setting.
[[nodiscard]] std::string intermediate_session_key(std::string_view sid, std::string_view k, std::string_view ya,
                                                   std::string_view ad_a, std::string_view yb, std::string_view ad_b);

}  // namespace attune::cpace
