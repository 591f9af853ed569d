// Text helpers: trim, UTF-8 validation and length, ASCII lower-casing.
#include "attune/text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace attune {
namespace {

using namespace std::string_literals;

TEST(Text, TrimRemovesSurroundingWhitespaceOnly) {
  EXPECT_EQ(trim("  hello  "), "hello");
  EXPECT_EQ(trim("\t\r\n\f\vhello world\n"), "hello world");
  EXPECT_EQ(trim("inner  space"), "inner  space");
  EXPECT_EQ(trim("x"), "x");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \t\n "), "");
  // Non-ASCII text is kept intact.
  EXPECT_EQ(trim("  caf\xC3\xA9  "), "caf\xC3\xA9");
}

TEST(Text, TrimReturnsViewIntoInput) {
  const std::string text = "  abc ";
  const std::string_view trimmed = trim(text);
  EXPECT_EQ(trimmed.data(), text.data() + 2);
  EXPECT_EQ(trimmed.size(), 3U);
}

TEST(Text, ValidUtf8IsAccepted) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9"));            // U+00E9, two bytes
  EXPECT_TRUE(is_valid_utf8("\xE2\x82\xAC 5"));         // U+20AC, three bytes
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));       // U+1F600, four bytes
  EXPECT_TRUE(is_valid_utf8("\xC2\x80"));               // U+0080, lowest two-byte
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBF"));           // U+FFFF
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));       // U+10FFFF, the last code point
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));           // U+D7FF, just below the surrogates
  EXPECT_TRUE(is_valid_utf8("nul\0inside"s));           // NUL is a code point
}

TEST(Text, TruncatedSequenceAtEndIsInvalid) {
  EXPECT_FALSE(is_valid_utf8("caf\xC3"));
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));
  EXPECT_FALSE(is_valid_utf8("smile \xF0\x9F\x98"));
  EXPECT_FALSE(is_valid_utf8("\xF0"));
}

TEST(Text, TruncatedSequenceAtEndOfViewIsInvalidEvenIfBytesFollow) {
  // The view stops mid-character; the bytes after it are not part of the text.
  const std::string buffer = "caf\xC3\xA9 smile \xF0\x9F\x98\x80";
  const std::string_view whole(buffer);
  EXPECT_TRUE(is_valid_utf8(whole));
  EXPECT_FALSE(is_valid_utf8(whole.substr(0, 4)));
  EXPECT_TRUE(is_valid_utf8(whole.substr(0, 5)));
  EXPECT_FALSE(is_valid_utf8(whole.substr(0, whole.size() - 1)));
  EXPECT_EQ(utf8_length(whole.substr(0, 4)), 4U);  // invalid: counted in bytes
}

TEST(Text, BadContinuationBytesAreInvalid) {
  EXPECT_FALSE(is_valid_utf8("\x80"));           // a lone continuation byte
  EXPECT_FALSE(is_valid_utf8("\xC3("));          // lead byte without continuation
  EXPECT_FALSE(is_valid_utf8("\xE2\x28\xA1"));
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));  // five-byte form
}

TEST(Text, OverlongEncodingsAreInvalid) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // '/' in two bytes
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST(Text, SurrogatesAreInvalid) {
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // U+D800
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));  // U+DFFF
  EXPECT_FALSE(is_valid_utf8("ok \xED\xB0\x80 then"));
}

TEST(Text, CodePointsAboveMaxAreInvalid) {
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xF7\xBF\xBF\xBF"));
}

TEST(Text, Utf8LengthCountsCodePoints) {
  EXPECT_EQ(utf8_length(""), 0U);
  EXPECT_EQ(utf8_length("hello"), 5U);
  EXPECT_EQ(utf8_length("caf\xC3\xA9"), 4U);
  EXPECT_EQ(utf8_length("\xE2\x82\xAC"), 1U);
  EXPECT_EQ(utf8_length("\xF0\x9F\x98\x80!"), 2U);
  EXPECT_EQ(utf8_length("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"), 4U);
}

TEST(Text, Utf8LengthOfInvalidTextIsByteCount) {
  EXPECT_EQ(utf8_length("caf\xC3"), 4U);
  EXPECT_EQ(utf8_length("\xC0\xAF\xC0\xAF"), 4U);
}

TEST(Text, AsciiLowerChangesOnlyAsciiLetters) {
  EXPECT_EQ(ascii_lower("Hello WORLD 123!"), "hello world 123!");
  EXPECT_EQ(ascii_lower("AZaz@[`{"), "azaz@[`{");
  EXPECT_EQ(ascii_lower(""), "");
  // Bytes of non-ASCII letters stay as they are (É is not folded).
  EXPECT_EQ(ascii_lower("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");
  EXPECT_EQ(ascii_lower("YOU\xE2\x80\x99RE"), "you\xE2\x80\x99re");
}

}  // namespace
}  // namespace attune
