// libFuzzer entry: bytes as a session file, through the replay viewer's model.
#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>

#include "files_to_replay.hpp"

// Protobuf logs every malformed string it meets; hostile input is the point here.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  attune::fuzz::feed_session(data, size);
  return 0;
}
