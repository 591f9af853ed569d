// The protocol version and the caps every connection and file honours.
#pragma once

#include <cstddef>
#include <cstdint>

namespace attune {

// Bump on any change a peer of the previous version would misread.
inline constexpr std::uint32_t kProtocolVersion = 2;
inline constexpr const char* kVersionString = "0.1.0";

// No single frame may be larger; checked before any allocation.
inline constexpr std::size_t kMaxFrameBytes = 64 * 1024;

}  // namespace attune
