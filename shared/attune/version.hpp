// The protocol version and the caps every connection and file honours.
#pragma once

#include <cstddef>
#include <cstdint>

namespace attune {

// Bump on any change a peer of the previous version would misread.
inline constexpr std::uint32_t kProtocolVersion = 2;
inline constexpr const char* kVersionString = "0.1.0";

// No single frame may be larger; checked before any allocation. This is what
// a server accepts from a client.
inline constexpr std::size_t kMaxFrameBytes = 64 * 1024;
// What a client accepts from its server: the event that opens a room carries
// every deck (400+ cards), far more than any command a client sends.
inline constexpr std::size_t kMaxServerFrameBytes = 1024 * 1024;

}  // namespace attune
