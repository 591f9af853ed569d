// The protocol version and the caps every connection and file honours.
#pragma once

#include <cstddef>
#include <cstdint>

#include "attune/project_version.hpp"

namespace attune {

// Bump on any change a peer of the previous version would misread.
inline constexpr std::uint32_t kProtocolVersion = 1;
// The release, from project(attune VERSION ...) in CMakeLists.txt.
inline constexpr const char* kVersionString = ATTUNE_PROJECT_VERSION;

// No single frame may be larger; checked before any allocation.
inline constexpr std::size_t kMaxFrameBytes = 64 * 1024;

}  // namespace attune
