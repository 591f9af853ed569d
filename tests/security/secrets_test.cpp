// The helpers every secret goes through: codes as typed, hex, comparison.
#include <gtest/gtest.h>

#include "attune/secrets.hpp"

namespace attune {
namespace {

// The lobby and the pairing read a code by the same one rule.
TEST(Secrets, NormaliseCodeDropsSpacesTabsBreaksAndDashesAndUpperCasesAscii) {
  EXPECT_EQ(secrets::normalise_code(" k7qf-2m\tx9\r\n"), "K7QF2MX9");
  EXPECT_EQ(secrets::normalise_code("K7QF"), "K7QF");
}

TEST(Secrets, NormaliseCodeKeepsOtherBytesSoAWrongCodeStaysWrong) {
  // Not folded into a letter of the alphabet: "ß" or "ı" must not match "SS" or "I".
  EXPECT_EQ(secrets::normalise_code("k\xC3\x9F"), "K\xC3\x9F");
  EXPECT_NE(secrets::normalise_code("\xC4\xB1"), "I");
  EXPECT_EQ(secrets::normalise_code("a_b"), "A_B");
}

TEST(Secrets, ToHexWritesLowerCaseTwoDigitsPerByte) {
  EXPECT_EQ(secrets::to_hex(std::string("\x00\x0f\xa0\xff", 4)), "000fa0ff");
  EXPECT_EQ(secrets::to_hex(""), "");
  EXPECT_EQ(secrets::hex(16).size(), 32U);
}

TEST(Secrets, SameIsFalseForEmptyOrDifferentLengths) {
  EXPECT_TRUE(secrets::same("abc", "abc"));
  EXPECT_FALSE(secrets::same("abc", "abd"));
  EXPECT_FALSE(secrets::same("", ""));
  EXPECT_FALSE(secrets::same("abc", "abcd"));
}

}  // namespace
}  // namespace attune
