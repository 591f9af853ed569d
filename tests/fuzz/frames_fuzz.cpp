// libFuzzer entry: bytes -> frames -> parse -> engine (and pairing).
#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>

#include "frames_to_engine.hpp"

// Protobuf logs every malformed string it meets; hostile input is the point here.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  attune::fuzz::feed(data, size);
  return 0;
}
