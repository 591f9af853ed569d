// CPace over ristretto255 against the published test vectors of
// draft-irtf-cfrg-cpace-13, Appendix B.3 ("Test vector for CPace using group
// ristretto255 and hash SHA-512"), and the pairing exchange built on it.
#include <gtest/gtest.h>

#include <string>

#include "attune/cpace.hpp"
#include "attune/framing.hpp"
#include "attune/pairing.hpp"
#include "attune/secrets.hpp"

namespace attune {
namespace {

std::string unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::string tohex(std::string_view bytes) { return secrets::to_hex(bytes); }

// Inputs of B.3 (PRS, CI, sid, ya, ADa, yb, ADb).
const std::string kPrs = "Password";
const std::string kCi = unhex("6f630b425f726573706f6e6465720b415f696e69746961746f72");
const std::string kSid = unhex("7e4b4791d6a8ef019b936c79fb7f2c57");
const std::string kYa = unhex("da3d23700a9e5699258aef94dc060dfda5ebb61f02a5ea77fad53f4ff0976d08");
const std::string kYb = unhex("d2316b454718c35362d83d69df6320f38578ed5984651435e2949762d900b80d");
const std::string kAdA = "ADa";
const std::string kAdB = "ADb";

TEST(CpaceVectors, GeneratorStringPadsTheFirstHashBlock) {
  const std::string gen = cpace::generator_string(cpace::kDsi, kPrs, kCi, kSid, cpace::kHashBlockBytes);
  EXPECT_EQ(gen.size(), 172U);  // B.3.1: ZPAD length 100
  // lv(DSI) || lv(PRS) || the length of the 100-byte zero pad
  EXPECT_EQ(tohex(gen.substr(0, 28)), "11435061636552697374726574746f3235350850617373776f726464");
  EXPECT_EQ(gen.substr(28, 100), std::string(100, '\0'));
  EXPECT_EQ(gen.substr(128), cpace::lv_cat({kCi, kSid}));
}

TEST(CpaceVectors, GeneratorMatchesB31) {
  EXPECT_EQ(tohex(cpace::calculate_generator(kPrs, kCi, kSid)),
            "a6fc82c3b8968fbb2e06fee81ca858586dea50d248f0c7ca6a18b0902a30b36b");
}

TEST(CpaceVectors, MessagesSecretPointAndIskMatchB32ToB35) {
  const std::string g = cpace::calculate_generator(kPrs, kCi, kSid);
  const auto ya_point = cpace::scalar_mult(kYa, g);
  const auto yb_point = cpace::scalar_mult(kYb, g);
  ASSERT_TRUE(ya_point && yb_point);
  EXPECT_EQ(tohex(*ya_point), "d40fb265a7abeaee7939d91a585fe59f7053f982c296ec413c624c669308f87a");
  EXPECT_EQ(tohex(*yb_point), "08bcf6e9777a9c313a3db6daa510f2d398403319c2341bd506a92e672eb7e307");

  const auto k_a = cpace::scalar_mult_vfy(kYa, *yb_point);
  const auto k_b = cpace::scalar_mult_vfy(kYb, *ya_point);
  ASSERT_TRUE(k_a && k_b);
  EXPECT_EQ(tohex(*k_a), "e22b1ef7788f661478f3cddd4c600774fc0f41e6b711569190ff88fa0e607e09");
  EXPECT_EQ(*k_a, *k_b);

  EXPECT_EQ(tohex(cpace::transcript_ir(*ya_point, kAdA, *yb_point, kAdB)),
            "20d40fb265a7abeaee7939d91a585fe59f7053f982c296ec413c624c669308f87a0341446120"
            "08bcf6e9777a9c313a3db6daa510f2d398403319c2341bd506a92e672eb7e30703414462");
  EXPECT_EQ(tohex(cpace::intermediate_session_key(kSid, *k_a, *ya_point, kAdA, *yb_point, kAdB)),
            "4c5469a16b2364c4b944ebc1a79e51d1674ad47db26e8718154f59faebfaa52d"
            "8346f30aa58377117eb20d527f2cbc5c76381f7fd372e89df8239f87f2e02ed1");
}

TEST(CpaceVectors, ScalarMultWithValidInputsMatchesB310) {
  const std::string s = unhex("7cd0e075fa7955ba52c02759a6c90dbbfc10e6d40aea8d283e407d88cf538a05");
  const std::string x = unhex("2c3c6b8c4f3800e7aef6864025b4ed79bd599117e427c41bd47d93d654b4a51c");
  const auto result = cpace::scalar_mult_vfy(s, x);
  ASSERT_TRUE(result);
  EXPECT_EQ(tohex(*result), "7c13645fe790a468f62c39beb7388e541d8405d1ade69d1778c5fe3e7f6b600e");
}

TEST(CpaceVectors, InvalidEncodingsAndTheIdentityAreRefusedAsInB311) {
  const std::string s = unhex("7cd0e075fa7955ba52c02759a6c90dbbfc10e6d40aea8d283e407d88cf538a05");
  EXPECT_FALSE(cpace::scalar_mult_vfy(s, unhex("2b3c6b8c4f3800e7aef6864025b4ed79bd599117e427c41bd47d93d654b4a51c")));
  EXPECT_FALSE(cpace::scalar_mult_vfy(s, std::string(32, '\0')));
  EXPECT_FALSE(cpace::scalar_mult_vfy(s, "too short"));
}

const std::string kBinding(32, '\x5a');

TEST(Pairing, TheSameCodeOnTheSameChannelPairs) {
  pairing::Initiator client("ab3-k9z", kBinding);
  pairing::Responder server({"QQQQQQ", "AB3K9Z"}, client.start().pair_start().ya(), kBinding);
  ASSERT_EQ(server.offer().candidates_size(), 2);
  auto finish = client.finish(server.offer());
  ASSERT_TRUE(finish.has_value());
  EXPECT_EQ(server.confirmed_code(finish->pair_finish().client_confirm()), "AB3K9Z");
}

TEST(Pairing, AWrongCodeFindsNoCandidateAndNothingToConfirm) {
  pairing::Initiator client("WRONG1", kBinding);
  pairing::Responder server({"AB3K9Z"}, client.start().pair_start().ya(), kBinding);
  EXPECT_FALSE(client.finish(server.offer()).has_value());
  EXPECT_FALSE(server.confirmed_code(std::string(32, '\0')).has_value());
}

TEST(Pairing, APairingRelayedOntoAnotherChannelFails) {
  // A machine in the middle has two TLS sessions, hence two bindings.
  pairing::Initiator client("AB3K9Z", kBinding);
  pairing::Responder server({"AB3K9Z"}, client.start().pair_start().ya(), std::string(32, '\x11'));
  EXPECT_FALSE(client.finish(server.offer()).has_value());
}

TEST(Pairing, AReplayedFinishIsRefusedByAFreshResponder) {
  pairing::Initiator client("AB3K9Z", kBinding);
  const std::string ya = client.start().pair_start().ya();
  pairing::Responder first({"AB3K9Z"}, ya, kBinding);
  auto finish = client.finish(first.offer());
  ASSERT_TRUE(finish.has_value());
  // Same share, same channel, new server randomness: the old tag is worthless.
  pairing::Responder second({"AB3K9Z"}, ya, kBinding);
  EXPECT_FALSE(second.confirmed_code(finish->pair_finish().client_confirm()).has_value());
}

TEST(Pairing, AnOfferWithTooManyCandidatesIsRefused) {
  pairing::Initiator client("AB3K9Z", kBinding);
  const std::string ya = client.start().pair_start().ya();
  v1::PairOffer offer;
  for (const char* code : {"AAAAAA", "BBBBBB", "CCCCCC", "DDDDDD", "AB3K9Z"}) {
    pairing::Responder one({code}, ya, kBinding);
    *offer.add_candidates() = one.offer().candidates(0);
  }
  EXPECT_FALSE(client.finish(offer).has_value());
}

TEST(Pairing, AnInvalidShareGetsNoCandidates) {
  pairing::Responder server({"AB3K9Z"}, std::string(32, '\0'), kBinding);
  EXPECT_FALSE(server.share_was_valid());
  EXPECT_EQ(server.offer().candidates_size(), 0);
}

}  // namespace
}  // namespace attune

namespace attune {
namespace {

TEST(HostileFrames, UnknownFieldsInsideACommandAreDroppedBeforeAnythingIsCopied) {
  v1::Envelope envelope;
  auto* parts = envelope.mutable_command()->mutable_submit_rating()->mutable_parts();
  parts->set_awareness(5);
  std::string frame_body = envelope.SerializeAsString();
  // Append field 99 (a string "SMUGGLED") inside PartScores by hand: rebuild
  // the nested bytes so the unknown field sits in the innermost message.
  std::string inner = parts->SerializeAsString() + std::string("\x9a\x06\x08SMUGGLED", 11);
  std::string rating;  // SubmitRating.parts = 1
  rating.push_back('\x0a');
  rating.push_back(static_cast<char>(inner.size()));
  rating += inner;
  std::string command;  // Command.submit_rating = 16 (tag 0x82 0x01)
  command += std::string("\x82\x01", 2);
  command.push_back(static_cast<char>(rating.size()));
  command += rating;
  std::string body;  // Envelope.command = 7
  body.push_back('\x3a');
  body.push_back(static_cast<char>(command.size()));
  body += command;
  std::string frame;
  append_varint(body.size(), frame);
  frame += body;
  ASSERT_NE(frame.find("SMUGGLED"), std::string::npos);

  FrameDecoder decoder;
  decoder.feed(frame);
  auto result = decoder.next();
  ASSERT_EQ(result.status, FrameDecoder::Status::kFrame) << result.message;
  EXPECT_EQ(result.envelope.command().submit_rating().parts().awareness(), 5U);
  EXPECT_EQ(result.envelope.SerializeAsString().find("SMUGGLED"), std::string::npos);
  EXPECT_EQ(encode_frame(result.envelope).find("SMUGGLED"), std::string::npos);
}

TEST(HostileFrames, PairingMessagesOfTheWrongSizeAreMalformed) {
  v1::Envelope start;
  start.mutable_pair_start()->set_ya("short");
  FrameDecoder decoder;
  decoder.feed(encode_frame(start));
  auto result = decoder.next();
  EXPECT_EQ(result.status, FrameDecoder::Status::kError);
  EXPECT_EQ(result.error, v1::ERROR_CODE_MALFORMED_FRAME);
}

}  // namespace
}  // namespace attune
