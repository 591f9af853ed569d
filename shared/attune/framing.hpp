// Framing: one Envelope per frame, prefixed by its length as a base-128
// varint. Pure: bytes in, messages out. A length over the cap is refused
// before anything is allocated for the body.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "attune/v1/wire.pb.h"
#include "attune/version.hpp"

namespace attune {

// Serialises `envelope` with its length prefix appended to `out`.
void append_frame(const v1::Envelope& envelope, std::string& out);
[[nodiscard]] std::string encode_frame(const v1::Envelope& envelope);

// Appends a varint; returns the number of bytes written.
std::size_t append_varint(std::uint64_t value, std::string& out);

// The longest length prefix read: 5 bytes, enough for any length up to 2^35.
inline constexpr std::size_t kMaxVarintBytes = 5;

// Reads the varint at the front of `bytes` (frames and session-file records
// alike). kComplete sets `value` and `used`; kNeedMore: the bytes end inside
// it; kInvalid: no end within kMaxVarintBytes.
enum class VarintRead { kComplete, kNeedMore, kInvalid };
[[nodiscard]] VarintRead read_varint(std::string_view bytes, std::uint64_t& value, std::size_t& used);

class FrameDecoder {
 public:
  enum class Status { kNeedMore, kFrame, kError };
  struct Result {
    Status status = Status::kNeedMore;
    v1::Envelope envelope;
    v1::ErrorCode error = v1::ERROR_CODE_UNSPECIFIED;
    std::string message;
  };

  explicit FrameDecoder(std::size_t max_frame_bytes = kMaxFrameBytes);

  // Adds bytes read from the peer. After an error the decoder stays failed.
  void feed(std::string_view bytes);
  // The next complete frame, kNeedMore, or kError (and then always kError).
  [[nodiscard]] Result next();

  [[nodiscard]] std::size_t buffered() const { return buffer_.size() - offset_; }
  [[nodiscard]] bool failed() const { return failed_; }

 private:
  Result fail(v1::ErrorCode code, std::string message);

  std::size_t max_frame_bytes_;
  std::string buffer_;
  std::size_t offset_ = 0;
  bool failed_ = false;
  Result failure_;
};

// Why an envelope that parsed is still not acceptable: no body, or enum
// fields with values this version does not know. nullopt when it is fine.
[[nodiscard]] std::optional<std::string> validate_envelope(const v1::Envelope& envelope);

}  // namespace attune
