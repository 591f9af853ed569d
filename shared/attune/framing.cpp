#include "attune/framing.hpp"

namespace attune {

VarintRead read_varint(std::string_view bytes, std::uint64_t& value, std::size_t& used) {
  std::uint64_t read = 0;
  for (std::size_t i = 0; i < bytes.size() && i < kMaxVarintBytes; ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    read |= static_cast<std::uint64_t>(byte & 0x7FU) << (7U * i);
    if ((byte & 0x80U) == 0) {
      value = read;
      used = i + 1;
      return VarintRead::kComplete;
    }
  }
  return bytes.size() >= kMaxVarintBytes ? VarintRead::kInvalid : VarintRead::kNeedMore;
}

std::size_t append_varint(std::uint64_t value, std::string& out) {
  std::size_t written = 0;
  while (value >= 0x80U) {
    out.push_back(static_cast<char>((value & 0x7FU) | 0x80U));
    value >>= 7U;
    ++written;
  }
  out.push_back(static_cast<char>(value));
  return written + 1;
}

void append_frame(const v1::Envelope& envelope, std::string& out) {
  const std::size_t size = envelope.ByteSizeLong();
  append_varint(size, out);
  const std::size_t start = out.size();
  out.resize(start + size);
  envelope.SerializeWithCachedSizesToArray(reinterpret_cast<std::uint8_t*>(out.data() + start));
}

std::string encode_frame(const v1::Envelope& envelope) {
  std::string out;
  append_frame(envelope, out);
  return out;
}

FrameDecoder::FrameDecoder(std::size_t max_frame_bytes) : max_frame_bytes_(max_frame_bytes) {}

void FrameDecoder::feed(std::string_view bytes) {
  if (failed_) return;
  // Drop what was consumed before growing, so the buffer stays near one frame.
  if (offset_ > 0 && offset_ == buffer_.size()) {
    buffer_.clear();
    offset_ = 0;
  } else if (offset_ > 4096 && offset_ * 2 > buffer_.size()) {
    buffer_.erase(0, offset_);
    offset_ = 0;
  }
  buffer_.append(bytes);
}

FrameDecoder::Result FrameDecoder::fail(v1::ErrorCode code, std::string message) {
  failed_ = true;
  failure_ = Result{Status::kError, {}, code, std::move(message)};
  buffer_.clear();
  buffer_.shrink_to_fit();
  offset_ = 0;
  return failure_;
}

FrameDecoder::Result FrameDecoder::next() {
  if (failed_) return failure_;
  const std::size_t available = buffer_.size() - offset_;
  std::uint64_t length = 0;
  std::size_t header = 0;
  switch (read_varint(std::string_view(buffer_).substr(offset_), length, header)) {
    case VarintRead::kComplete: break;
    case VarintRead::kNeedMore: return Result{};
    case VarintRead::kInvalid:
      return fail(v1::ERROR_CODE_MALFORMED_FRAME, "The frame's length prefix is not a valid varint.");
  }
  if (length > max_frame_bytes_) {
    return fail(v1::ERROR_CODE_FRAME_TOO_LARGE, "A frame of " + std::to_string(length) +
                                                    " bytes is over the limit of " + std::to_string(max_frame_bytes_) +
                                                    " bytes.");
  }
  if (length == 0) {
    return fail(v1::ERROR_CODE_MALFORMED_FRAME, "An empty frame carries no message.");
  }
  if (available < header + length) return Result{};
  Result result;
  const char* body = buffer_.data() + offset_ + header;
  if (!result.envelope.ParseFromArray(body, static_cast<int>(length))) {
    return fail(v1::ERROR_CODE_MALFORMED_FRAME, "A frame did not hold a valid Attune message.");
  }
  offset_ += header + static_cast<std::size_t>(length);
  // Fields this version does not know are dropped at the door, so no part of
  // a peer's bytes can ride along when a message is copied and re-sent.
  result.envelope.DiscardUnknownFields();
  if (auto problem = validate_envelope(result.envelope)) {
    return fail(v1::ERROR_CODE_MALFORMED_FRAME, *problem);
  }
  result.status = Status::kFrame;
  return result;
}

namespace {

bool known_seat(int seat) { return v1::Seat_IsValid(seat); }

}  // namespace

std::optional<std::string> validate_envelope(const v1::Envelope& envelope) {
  switch (envelope.body_case()) {
    case v1::Envelope::BODY_NOT_SET: return "The message is empty or of a kind this version does not know.";
    case v1::Envelope::kCreateRoom:
      if (!known_seat(envelope.create_room().seat())) return "CreateRoom names an unknown seat.";
      break;
    case v1::Envelope::kRoomJoined:
      if (!known_seat(envelope.room_joined().seat())) return "RoomJoined names an unknown seat.";
      break;
    case v1::Envelope::kError:
      if (!v1::ErrorCode_IsValid(envelope.error().code())) return "Error carries an unknown code.";
      break;
    case v1::Envelope::kPairStart:
      if (envelope.pair_start().ya().size() != 32) return "PairStart must carry a 32-byte share.";
      break;
    case v1::Envelope::kPairOffer:
      if (envelope.pair_offer().candidates_size() > 4) return "PairOffer carries too many candidates.";
      for (const auto& candidate : envelope.pair_offer().candidates()) {
        if (candidate.yb().size() != 32 || candidate.server_confirm().size() != 32) {
          return "PairOffer carries a malformed candidate.";
        }
      }
      break;
    case v1::Envelope::kPairFinish:
      if (envelope.pair_finish().client_confirm().size() != 32) return "PairFinish must carry a 32-byte tag.";
      break;
    default: break;
  }
  return std::nullopt;
}

}  // namespace attune
