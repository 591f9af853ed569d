// The display transform for right-to-left text (client/ui/bidi_text.*):
// lines in reading order and Arabic letters joined, the stored text intact.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "ui/bidi_text.hpp"

namespace attune::ui {
namespace {

// UTF-8 of code points, to write expectations by code point.
std::string u8(std::initializer_list<char32_t> chars) {
  std::string out;
  for (const char32_t c : chars) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0U | (c >> 6U)));
      out.push_back(static_cast<char>(0x80U | (c & 0x3FU)));
    } else {
      out.push_back(static_cast<char>(0xE0U | (c >> 12U)));
      out.push_back(static_cast<char>(0x80U | ((c >> 6U) & 0x3FU)));
      out.push_back(static_cast<char>(0x80U | (c & 0x3FU)));
    }
  }
  return out;
}

// Hebrew letters by name, for readable expectations.
constexpr char32_t kAlef = 0x05D0, kBet = 0x05D1, kGimel = 0x05D2, kDalet = 0x05D3, kHe = 0x05D4, kVav = 0x05D5;
constexpr char32_t kShin = 0x05E9, kLamed = 0x05DC, kFinalMem = 0x05DD;

const std::string kShalom = u8({kShin, kLamed, kVav, kFinalMem});       // as typed
const std::string kShalomShown = u8({kFinalMem, kVav, kLamed, kShin});  // as drawn left to right

float one_per_character(std::string_view run) {
  float n = 0;
  for (const char c : run) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) n += 1;
  }
  return n;
}

TEST(BidiText, HebrewWordIsDrawnRightToLeft) {
  EXPECT_EQ(display_text(kShalom), kShalomShown);
  const auto lines = display_lines(kShalom, 0.0F, {});
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_TRUE(lines[0].rtl);
}

TEST(BidiText, NumbersAndLatinInsideHebrewKeepTheirOrder) {
  // "שלום 123 abc" in a Hebrew paragraph reads, left to right on screen:
  // "abc 123 םולש" (the Hebrew run reversed, the number and word not).
  EXPECT_EQ(display_text(kShalom + " 123 abc"), "abc 123 " + kShalomShown);
  // A time inside Hebrew: the digits stay 20:00.
  EXPECT_EQ(display_text(u8({kBet, U'-'}) + "20:00"), "20:00-" + u8({kBet}));
}

TEST(BidiText, HebrewInsideAnEnglishLineIsReversedAsARunOnly) {
  const auto lines = display_lines("I said " + kShalom + " to 42 people", 0.0F, {});
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].text, "I said " + kShalomShown + " to 42 people");
  EXPECT_FALSE(lines[0].rtl);  // the first strong letter is Latin: left-aligned
}

TEST(BidiText, ArabicIsShapedIntoPresentationForms) {
  // مرحبا: meem initial, reh final, hah initial, beh medial, alef final;
  // drawn right to left, so the last letter comes first on screen.
  const std::string marhaba = u8({0x0645, 0x0631, 0x062D, 0x0628, 0x0627});
  EXPECT_EQ(display_text(marhaba), u8({0xFE8E, 0xFE92, 0xFEA3, 0xFEAE, 0xFEE3}));
  // Lam then alef become one ligature (isolated form), with no place-holder left.
  EXPECT_EQ(display_text(u8({0x0644, 0x0627})), u8({0xFEFB}));
}

TEST(BidiText, ArabicNextToLatinOnOneLine) {
  const std::string ahlan = u8({0x0623, 0x0647, 0x0644, 0x0627});  // أهلا
  // alef with hamza isolated (it does not join on), heh initial, lam-alef final.
  EXPECT_EQ(display_text("Hi " + ahlan + "!"), "Hi " + u8({0xFEFC, 0xFEEB, 0xFE83}) + "!");
}

TEST(BidiText, WrapsInTypingOrderThenReordersEachLine) {
  // "אב גד הו" five characters wide: the first line holds the first two words
  // typed, read from the right; the third word goes to the next line.
  const std::string text = u8({kAlef, kBet, U' ', kGimel, kDalet, U' ', kHe, kVav});
  const auto lines = display_lines(text, 5.0F, one_per_character);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].text, u8({kDalet, kGimel, U' ', kBet, kAlef}));
  EXPECT_EQ(lines[1].text, u8({kVav, kHe}));
  EXPECT_TRUE(lines[0].rtl);
  EXPECT_TRUE(lines[1].rtl);
}

TEST(BidiText, EachParagraphHasItsOwnDirection) {
  const auto lines = display_lines("Hello\n" + kShalom, 0.0F, {});
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].text, "Hello");
  EXPECT_FALSE(lines[0].rtl);
  EXPECT_EQ(lines[1].text, kShalomShown);
  EXPECT_TRUE(lines[1].rtl);
}

TEST(BidiText, AWordWiderThanTheLineIsBrokenBetweenCharacters) {
  const auto lines = display_lines("abcdefg", 3.0F, one_per_character);
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0].text, "abc");
  EXPECT_EQ(lines[2].text, "g");
}

TEST(BidiText, OnlyRightToLeftTextIsTransformed) {
  EXPECT_FALSE(has_rtl("Hello, world"));
  EXPECT_FALSE(has_rtl("I feel \xF0\x9F\x98\x94 \xCE\xBC\xCF\x8C\xCE\xBD\xCE\xBF\xCF\x82 \xE5\xAF\x82"));
  EXPECT_TRUE(has_rtl("x " + kShalom));
  EXPECT_TRUE(has_rtl(u8({0x0645})));
  EXPECT_EQ(display_text("Plain text, 12 words."), "Plain text, 12 words.");
}

TEST(BidiText, TheStoredTextIsNeverChanged) {
  const std::string stored = kShalom + " 123 " + u8({0x0644, 0x0627}) + " \xF0\x9F\x92\x94 abc\nsecond";
  const std::string copy = stored;
  (void)display_lines(stored, 4.0F, one_per_character);
  (void)display_text(stored);
  EXPECT_EQ(stored, copy);
}

TEST(BidiText, BrokenUtf8IsShownNotCrashedOn) {
  const std::string broken = kShalom + "\xD7";  // cut in the middle of a letter
  EXPECT_EQ(display_text(broken), u8({0xFFFD}) + kShalomShown);
}

}  // namespace
}  // namespace attune::ui
