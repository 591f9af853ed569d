// Framing: varint-length-prefixed Envelopes in, decoded Envelopes out.
#include "attune/framing.hpp"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace attune {
namespace {

using Status = FrameDecoder::Status;

v1::Envelope hello(std::uint32_t version, const std::string& name) {
  v1::Envelope envelope;
  envelope.mutable_hello()->set_protocol_version(version);
  envelope.mutable_hello()->set_client_name(name);
  return envelope;
}

v1::Envelope ping(std::uint64_t nonce) {
  v1::Envelope envelope;
  envelope.mutable_ping()->set_nonce(nonce);
  return envelope;
}

v1::Envelope share_command(std::uint64_t id, const std::string& text) {
  v1::Envelope envelope;
  envelope.mutable_command()->set_command_id(id);
  envelope.mutable_command()->mutable_share()->set_text(text);
  return envelope;
}

v1::Envelope reflected_event(std::uint64_t seq, const std::string& text) {
  v1::Envelope envelope;
  auto* event = envelope.mutable_event();
  event->set_seq(seq);
  event->set_at_ms(1'700'000'000'000);
  event->set_actor(v1::SEAT_PARTNER_B);
  event->mutable_reflected()->set_text(text);
  event->mutable_reflected()->set_attempt(2);
  return envelope;
}

bool same(const v1::Envelope& a, const v1::Envelope& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

std::string bytes(std::initializer_list<unsigned char> values) {
  std::string out;
  for (const unsigned char value : values) out.push_back(static_cast<char>(value));
  return out;
}

// A frame with `body` as its bytes, whatever they are.
std::string raw_frame(const std::string& body) {
  std::string out;
  append_varint(body.size(), out);
  out += body;
  return out;
}

TEST(Framing, RoundTripsOneEnvelope) {
  const v1::Envelope sent = hello(kProtocolVersion, "attune-test 0.1");
  const std::string frame = encode_frame(sent);
  ASSERT_GT(frame.size(), 1U);
  EXPECT_EQ(static_cast<std::size_t>(static_cast<unsigned char>(frame[0])), frame.size() - 1);

  FrameDecoder decoder;
  decoder.feed(frame);
  EXPECT_EQ(decoder.buffered(), frame.size());
  FrameDecoder::Result result = decoder.next();
  ASSERT_EQ(result.status, Status::kFrame) << result.message;
  EXPECT_TRUE(same(result.envelope, sent));
  EXPECT_EQ(result.envelope.hello().client_name(), "attune-test 0.1");
  EXPECT_EQ(decoder.buffered(), 0U);
  EXPECT_EQ(decoder.next().status, Status::kNeedMore);
  EXPECT_FALSE(decoder.failed());
}

TEST(Framing, AppendFrameMatchesEncodeFrameAndAppends) {
  const v1::Envelope sent = ping(77);
  std::string out = "prefix";
  append_frame(sent, out);
  EXPECT_EQ(out, "prefix" + encode_frame(sent));
}

TEST(Framing, RoundTripsManyEnvelopesInOneFeed) {
  std::vector<v1::Envelope> sent;
  for (std::uint64_t i = 0; i < 60; ++i) {
    switch (i % 4) {
      case 0: sent.push_back(ping(i)); break;
      case 1: sent.push_back(hello(static_cast<std::uint32_t>(i), "client " + std::to_string(i))); break;
      case 2: sent.push_back(share_command(i, std::string(i * 10, 'x'))); break;
      default: sent.push_back(reflected_event(i, "You feel \xE2\x80\x9Cunseen\xE2\x80\x9D.")); break;
    }
  }
  std::string stream;
  for (const auto& envelope : sent) append_frame(envelope, stream);

  FrameDecoder decoder;
  decoder.feed(stream);
  for (std::size_t i = 0; i < sent.size(); ++i) {
    FrameDecoder::Result result = decoder.next();
    ASSERT_EQ(result.status, Status::kFrame) << "frame " << i << ": " << result.message;
    EXPECT_TRUE(same(result.envelope, sent[i])) << "frame " << i;
  }
  EXPECT_EQ(decoder.next().status, Status::kNeedMore);
  EXPECT_EQ(decoder.buffered(), 0U);
}

TEST(Framing, DecodesBytesFedOneAtATime) {
  std::vector<v1::Envelope> sent{hello(1, "byte by byte"), share_command(3, std::string(300, 'y')), ping(9)};
  std::string stream;
  for (const auto& envelope : sent) append_frame(envelope, stream);

  FrameDecoder decoder;
  std::vector<v1::Envelope> received;
  for (const char byte : stream) {
    decoder.feed(std::string_view(&byte, 1));
    FrameDecoder::Result result = decoder.next();
    ASSERT_NE(result.status, Status::kError) << result.message;
    if (result.status == Status::kFrame) received.push_back(result.envelope);
  }
  ASSERT_EQ(received.size(), sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) EXPECT_TRUE(same(received[i], sent[i])) << i;
}

TEST(Framing, FrameSplitAcrossFeedsWaitsForTheRest) {
  // Large enough that the length prefix takes two bytes.
  const v1::Envelope sent = share_command(5, std::string(500, 'z'));
  const std::string frame = encode_frame(sent);
  ASSERT_GT(frame.size(), 130U);
  ASSERT_NE(static_cast<unsigned char>(frame[0]) & 0x80U, 0U);

  FrameDecoder decoder;
  decoder.feed(frame.substr(0, 1));  // half the header
  EXPECT_EQ(decoder.next().status, Status::kNeedMore);
  decoder.feed(frame.substr(1, 100));  // rest of the header, part of the body
  EXPECT_EQ(decoder.next().status, Status::kNeedMore);
  EXPECT_EQ(decoder.next().status, Status::kNeedMore);  // asking again changes nothing
  decoder.feed(frame.substr(101, frame.size() - 102));  // all but the last byte
  EXPECT_EQ(decoder.next().status, Status::kNeedMore);
  decoder.feed(frame.substr(frame.size() - 1) + encode_frame(ping(1)));  // the last byte and a whole frame
  FrameDecoder::Result result = decoder.next();
  ASSERT_EQ(result.status, Status::kFrame) << result.message;
  EXPECT_TRUE(same(result.envelope, sent));
  result = decoder.next();
  ASSERT_EQ(result.status, Status::kFrame) << result.message;
  EXPECT_EQ(result.envelope.ping().nonce(), 1U);
}

TEST(Framing, LengthOverCapIsRejectedBeforeBodyArrives) {
  std::string header;
  EXPECT_EQ(append_varint(std::uint64_t{1} << 30U, header), 5U);  // 1 GiB
  FrameDecoder decoder;
  decoder.feed(header);
  const FrameDecoder::Result result = decoder.next();
  EXPECT_EQ(result.status, Status::kError);
  EXPECT_EQ(result.error, v1::ERROR_CODE_FRAME_TOO_LARGE);
  EXPECT_FALSE(result.message.empty());
  EXPECT_TRUE(decoder.failed());
  EXPECT_LE(decoder.buffered(), header.size());
}

TEST(Framing, CapIsInclusive) {
  // A body of exactly the cap is fine; one byte more is not.
  const v1::Envelope small = ping(1);
  const std::size_t size = small.ByteSizeLong();
  FrameDecoder at_cap(size);
  at_cap.feed(encode_frame(small));
  EXPECT_EQ(at_cap.next().status, Status::kFrame);

  FrameDecoder under_cap(size - 1);
  under_cap.feed(encode_frame(small));
  const FrameDecoder::Result result = under_cap.next();
  EXPECT_EQ(result.status, Status::kError);
  EXPECT_EQ(result.error, v1::ERROR_CODE_FRAME_TOO_LARGE);

  std::string header;
  append_varint(kMaxFrameBytes + 1, header);
  FrameDecoder default_cap;
  default_cap.feed(header);
  EXPECT_EQ(default_cap.next().error, v1::ERROR_CODE_FRAME_TOO_LARGE);
}

TEST(Framing, VarintLongerThanFiveBytesIsMalformed) {
  FrameDecoder decoder;
  decoder.feed(bytes({0x80, 0x80, 0x80, 0x80}));
  EXPECT_EQ(decoder.next().status, Status::kNeedMore);  // could still end
  decoder.feed(bytes({0x80, 0x01}));
  const FrameDecoder::Result result = decoder.next();
  EXPECT_EQ(result.status, Status::kError);
  EXPECT_EQ(result.error, v1::ERROR_CODE_MALFORMED_FRAME);
  EXPECT_TRUE(decoder.failed());
}

TEST(Framing, ZeroLengthFrameIsMalformed) {
  FrameDecoder decoder;
  decoder.feed(bytes({0x00}));
  const FrameDecoder::Result result = decoder.next();
  EXPECT_EQ(result.status, Status::kError);
  EXPECT_EQ(result.error, v1::ERROR_CODE_MALFORMED_FRAME);
}

TEST(Framing, GarbageBodyIsMalformed) {
  // Field 1 with wire type 7, which does not exist.
  FrameDecoder decoder;
  decoder.feed(raw_frame(bytes({0x0F, 0xFF, 0xFF, 0xFF})));
  const FrameDecoder::Result result = decoder.next();
  EXPECT_EQ(result.status, Status::kError);
  EXPECT_EQ(result.error, v1::ERROR_CODE_MALFORMED_FRAME);

  // A body that claims a longer field than it holds.
  FrameDecoder truncated;
  truncated.feed(raw_frame(bytes({0x0A, 0x10, 0x08})));
  EXPECT_EQ(truncated.next().error, v1::ERROR_CODE_MALFORMED_FRAME);
}

TEST(Framing, EnvelopeWithNoBodyIsMalformed) {
  EXPECT_TRUE(validate_envelope(v1::Envelope{}).has_value());
  // It parses (field 99 is merely unknown) but sets no body.
  FrameDecoder decoder;
  decoder.feed(raw_frame(bytes({0x98, 0x06, 0x01})));
  const FrameDecoder::Result result = decoder.next();
  EXPECT_EQ(result.status, Status::kError);
  EXPECT_EQ(result.error, v1::ERROR_CODE_MALFORMED_FRAME);
  EXPECT_FALSE(result.message.empty());
}

TEST(Framing, UnknownSeatInCreateRoomIsMalformed) {
  // Envelope.create_room (field 4) holding CreateRoom.seat (field 2) = 7.
  FrameDecoder decoder;
  decoder.feed(raw_frame(bytes({0x22, 0x02, 0x10, 0x07})));
  const FrameDecoder::Result result = decoder.next();
  EXPECT_EQ(result.status, Status::kError);
  EXPECT_EQ(result.error, v1::ERROR_CODE_MALFORMED_FRAME);

  // A known seat passes.
  v1::Envelope fine;
  fine.mutable_create_room()->set_display_name("Ana");
  fine.mutable_create_room()->set_seat(v1::SEAT_HOST);
  EXPECT_FALSE(validate_envelope(fine).has_value());
  FrameDecoder ok;
  ok.feed(encode_frame(fine));
  const FrameDecoder::Result good = ok.next();
  ASSERT_EQ(good.status, Status::kFrame) << good.message;
  EXPECT_EQ(good.envelope.create_room().seat(), v1::SEAT_HOST);
}

TEST(Framing, UnknownEnumsElsewhereAreRejectedByValidation) {
  v1::Envelope joined;
  joined.mutable_room_joined()->set_seat(static_cast<v1::Seat>(9));
  EXPECT_TRUE(validate_envelope(joined).has_value());
  v1::Envelope error;
  error.mutable_error()->set_code(static_cast<v1::ErrorCode>(999));
  EXPECT_TRUE(validate_envelope(error).has_value());
  v1::Envelope known_error;
  known_error.mutable_error()->set_code(v1::ERROR_CODE_ROOM_FULL);
  EXPECT_FALSE(validate_envelope(known_error).has_value());
}

TEST(Framing, DecoderStaysFailedAfterError) {
  FrameDecoder decoder;
  decoder.feed(bytes({0x00}));
  const FrameDecoder::Result first = decoder.next();
  ASSERT_EQ(first.status, Status::kError);
  decoder.feed(encode_frame(ping(3)));  // a perfectly good frame
  EXPECT_EQ(decoder.buffered(), 0U);    // ignored
  for (int i = 0; i < 3; ++i) {
    const FrameDecoder::Result again = decoder.next();
    EXPECT_EQ(again.status, Status::kError);
    EXPECT_EQ(again.error, first.error);
    EXPECT_EQ(again.message, first.message);
  }
  EXPECT_TRUE(decoder.failed());
}

TEST(Framing, GoodFramesBeforeAnErrorAreStillDelivered) {
  FrameDecoder decoder;
  decoder.feed(encode_frame(ping(1)) + bytes({0x00}));
  EXPECT_EQ(decoder.next().status, Status::kFrame);
  EXPECT_EQ(decoder.next().error, v1::ERROR_CODE_MALFORMED_FRAME);
}

TEST(Framing, AppendVarintSizes) {
  struct Case {
    std::uint64_t value;
    std::size_t size;
    std::string encoded;
  };
  const std::vector<Case> cases{
      {0, 1, bytes({0x00})},
      {127, 1, bytes({0x7F})},
      {128, 2, bytes({0x80, 0x01})},
      {16383, 2, bytes({0xFF, 0x7F})},
      {16384, 3, bytes({0x80, 0x80, 0x01})},
  };
  for (const auto& c : cases) {
    std::string out = "x";
    EXPECT_EQ(append_varint(c.value, out), c.size) << c.value;
    EXPECT_EQ(out, "x" + c.encoded) << c.value;
  }
}

// One varint reader serves frames and session-file records alike.
TEST(Framing, ReadVarintReadsBackWhatAppendVarintWrote) {
  for (const std::uint64_t value : {std::uint64_t{0}, std::uint64_t{127}, std::uint64_t{128}, std::uint64_t{16384},
                                    std::uint64_t{1} << 30U, (std::uint64_t{1} << 35U) - 1}) {
    std::string out;
    const std::size_t size = append_varint(value, out);
    std::uint64_t read = 0;
    std::size_t used = 0;
    ASSERT_EQ(read_varint(out + "tail", read, used), VarintRead::kComplete) << value;
    EXPECT_EQ(read, value);
    EXPECT_EQ(used, size);
    EXPECT_EQ(read_varint(out.substr(0, size - 1), read, used), VarintRead::kNeedMore) << "cut short: wait for more";
  }
}

TEST(Framing, ReadVarintRefusesAPrefixLongerThanFiveBytes) {
  std::uint64_t value = 0;
  std::size_t used = 0;
  EXPECT_EQ(read_varint(std::string(5, static_cast<char>(0x80)), value, used), VarintRead::kInvalid);
  EXPECT_EQ(read_varint(std::string(4, static_cast<char>(0x80)), value, used), VarintRead::kNeedMore);
}

TEST(Framing, BufferStaysNearOneFrameOverLongStreams) {
  FrameDecoder decoder;
  const std::string frame = encode_frame(share_command(1, std::string(1000, 'w')));
  for (int i = 0; i < 200; ++i) {
    decoder.feed(frame);
    ASSERT_EQ(decoder.next().status, Status::kFrame);
    EXPECT_EQ(decoder.buffered(), 0U);
  }
}

}  // namespace
}  // namespace attune
