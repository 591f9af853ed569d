// What the file fuzz targets and their corpus tests run: hostile bytes as a
// session file (decode, index, seek, project, describe) and as a hindsight
// sidecar (parse, check, rate, score), the way the replay viewer uses them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace attune::fuzz {

// Never throws or crashes on any input.
void feed_session(const std::uint8_t* data, std::size_t size);
void feed_hindsight(const std::uint8_t* data, std::size_t size);

}  // namespace attune::fuzz
