// libFuzzer entry: bytes -> frames -> parse -> engine (and pairing).
#include <cstddef>
#include <cstdint>

#include "frames_to_engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  attune::fuzz::feed(data, size);
  return 0;
}
