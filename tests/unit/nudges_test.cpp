// Nudges: phrases from the lexicon found on word boundaries, per step.
#include "attune/nudges.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "attune/content.hpp"

namespace attune {
namespace {

const v1::NudgeLexicon& shipped() {
  static const v1::NudgeLexicon lexicon = [] {
    auto loaded = load_nudges(std::filesystem::path(ATTUNE_TEST_ASSETS) / "nudges.textproto");
    if (const auto* error = std::get_if<ContentError>(&loaded)) {
      ADD_FAILURE() << error->message;
      return v1::NudgeLexicon{};
    }
    return std::get<v1::NudgeLexicon>(std::move(loaded));
  }();
  return lexicon;
}

v1::NudgeRule& add_rule(v1::NudgeLexicon& lexicon, const std::string& id, v1::NudgeKind kind,
                        const std::vector<std::string>& phrases, const std::vector<v1::StepKind>& steps = {}) {
  auto* rule = lexicon.add_rules();
  rule->set_id(id);
  rule->set_kind(kind);
  for (const auto& phrase : phrases) rule->add_phrases(phrase);
  rule->set_message("Try another way: " + id);
  for (const auto step : steps) rule->add_steps(step);
  return *rule;
}

std::vector<std::string> rule_ids(const std::vector<Nudge>& nudges) {
  std::vector<std::string> ids;
  ids.reserve(nudges.size());
  for (const auto& nudge : nudges) ids.push_back(nudge.rule_id);
  return ids;
}

using Ids = std::vector<std::string>;

TEST(Nudges, YouAlwaysInShareNudgesCriticism) {
  const auto nudges = find_nudges(shipped(), v1::STEP_KIND_SHARE, "You always leave the dishes for me.");
  ASSERT_EQ(nudges.size(), 1U);
  EXPECT_EQ(nudges[0].rule_id, "criticism-absolutes");
  EXPECT_EQ(nudges[0].kind, v1::NUDGE_KIND_CRITICISM);
  EXPECT_EQ(nudges[0].phrase, "you always");
  EXPECT_FALSE(nudges[0].message.empty());
}

TEST(Nudges, YouAlwaysInReflectIsNotNudgedWhenRuleExcludesReflect) {
  EXPECT_TRUE(find_nudges(shipped(), v1::STEP_KIND_REFLECT, "You always leave the dishes for me.").empty());
  // Hand-built: the same rule limited to SHARE.
  v1::NudgeLexicon lexicon;
  add_rule(lexicon, "absolutes", v1::NUDGE_KIND_CRITICISM, {"you always"}, {v1::STEP_KIND_SHARE});
  EXPECT_EQ(find_nudges(lexicon, v1::STEP_KIND_SHARE, "you always do").size(), 1U);
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "you always do").empty());
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_VALIDATE, "you always do").empty());
}

TEST(Nudges, RuleWithoutStepsAppliesToEveryStep) {
  v1::NudgeLexicon lexicon;
  add_rule(lexicon, "anywhere", v1::NUDGE_KIND_CONTEMPT, {"whatever"});
  for (const auto step : {v1::STEP_KIND_SHARE, v1::STEP_KIND_REFLECT, v1::STEP_KIND_CONFIRM, v1::STEP_KIND_VALIDATE}) {
    EXPECT_EQ(find_nudges(lexicon, step, "Whatever.").size(), 1U) << step;
  }
}

TEST(Nudges, MatchesOnlyOnWordBoundaries) {
  const auto& lexicon = shipped();
  // "but" inside other words.
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "You want butter on your toast.").empty());
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "You want to rebut it, and to attribute it.").empty());
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "You felt like a rebuttal.").empty());
  // "but" as a word: at the start, in the middle, at the end, before punctuation.
  EXPECT_EQ(rule_ids(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "But you were late.")), Ids{"defensive-but"});
  EXPECT_EQ(rule_ids(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "I hear you, but I was tired.")),
            Ids{"defensive-but"});
  EXPECT_EQ(rule_ids(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "I hear you but")), Ids{"defensive-but"});
  EXPECT_EQ(rule_ids(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "Butter, but also jam.")), Ids{"defensive-but"});
  // "just" is not in "justice"; "lazy" is not in "lazybones".
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "You care about justice.").empty());
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_SHARE, "I felt like a lazybones today.").empty());
  // An apostrophe belongs to the word: "you never" does not match "you never'd".
  v1::NudgeLexicon hand;
  add_rule(hand, "never", v1::NUDGE_KIND_CRITICISM, {"you never"});
  EXPECT_TRUE(find_nudges(hand, v1::STEP_KIND_SHARE, "you never'd guess").empty());
  EXPECT_EQ(find_nudges(hand, v1::STEP_KIND_SHARE, "(you never)").size(), 1U);
}

TEST(Nudges, MatchingIsCaseInsensitive) {
  const auto& lexicon = shipped();
  for (const char* draft : {"YOU ALWAYS forget.", "You Always forget.", "yOu aLwAyS forget."}) {
    EXPECT_EQ(rule_ids(find_nudges(lexicon, v1::STEP_KIND_SHARE, draft)), Ids{"criticism-absolutes"}) << draft;
  }
  // Upper case in the lexicon matches too.
  v1::NudgeLexicon hand;
  add_rule(hand, "upper", v1::NUDGE_KIND_ADVICE, {"You Should"});
  const auto nudges = find_nudges(hand, v1::STEP_KIND_REFLECT, "you should rest");
  ASSERT_EQ(nudges.size(), 1U);
  EXPECT_EQ(nudges[0].phrase, "You Should");  // as written in the lexicon
}

TEST(Nudges, CurlyApostropheMatchesStraightOne) {
  const auto nudges = find_nudges(shipped(), v1::STEP_KIND_REFLECT, "I didn\u2019t mean to hurt you.");
  ASSERT_EQ(nudges.size(), 1U);
  EXPECT_EQ(nudges[0].rule_id, "defensive-denial");
  EXPECT_EQ(nudges[0].kind, v1::NUDGE_KIND_DEFENSIVE);
  EXPECT_EQ(nudges[0].phrase, "i didn't");
  // The left single quote folds too, and curly apostrophes in the lexicon match straight text.
  EXPECT_EQ(find_nudges(shipped(), v1::STEP_KIND_REFLECT, "I didn\u2018t mean it.").size(), 1U);
  v1::NudgeLexicon hand;
  add_rule(hand, "curly", v1::NUDGE_KIND_DEFENSIVE, {"that\u2019s not fair"});
  EXPECT_EQ(find_nudges(hand, v1::STEP_KIND_REFLECT, "Well, that's not fair.").size(), 1U);
  // A curly apostrophe at the very end of the text does not break anything.
  EXPECT_TRUE(find_nudges(hand, v1::STEP_KIND_REFLECT, "fair\u2019").empty());
}

TEST(Nudges, OneNudgePerRuleEvenWhenSeveralPhrasesMatch) {
  const auto nudges = find_nudges(shipped(), v1::STEP_KIND_SHARE,
                                  "You never call, you always forget, and every time you promise you constantly fail.");
  ASSERT_EQ(nudges.size(), 1U);
  EXPECT_EQ(nudges[0].rule_id, "criticism-absolutes");
  EXPECT_EQ(nudges[0].phrase, "you always");  // the first phrase in lexicon order that matches
}

TEST(Nudges, SeveralRulesGiveOneNudgeEachInLexiconOrder) {
  const auto nudges = find_nudges(shipped(), v1::STEP_KIND_SHARE, "You idiot, you never listen and you're so cold.");
  EXPECT_EQ(rule_ids(nudges), (Ids{"criticism-absolutes", "criticism-character", "contempt-names"}));
  EXPECT_EQ(nudges[2].kind, v1::NUDGE_KIND_CONTEMPT);
  EXPECT_EQ(nudges[2].phrase, "idiot");

  const auto listener = find_nudges(shipped(), v1::STEP_KIND_VALIDATE,
                                    "That's not true, but you should just calm down.");
  EXPECT_EQ(rule_ids(listener),
            (Ids{"defensive-denial", "defensive-but", "defensive-minimising", "advice-fixing", "advice-just"}));
}

TEST(Nudges, CleanTextGivesNoNudges) {
  const std::string draft =
      "I felt lonely on Sunday evening, and I would love for us to cook together this week. "
      "It sounds like the evening was hard for you.";
  for (const auto step : {v1::STEP_KIND_SHARE, v1::STEP_KIND_REFLECT, v1::STEP_KIND_CONFIRM, v1::STEP_KIND_VALIDATE}) {
    EXPECT_TRUE(find_nudges(shipped(), step, draft).empty()) << step;
  }
  EXPECT_TRUE(find_nudges(shipped(), v1::STEP_KIND_SHARE, "").empty());
  EXPECT_TRUE(find_nudges(v1::NudgeLexicon{}, v1::STEP_KIND_SHARE, "you always").empty());
}

TEST(Nudges, EmptyPhraseNeverMatches) {
  v1::NudgeLexicon hand;
  add_rule(hand, "empty", v1::NUDGE_KIND_ADVICE, {""});
  EXPECT_TRUE(find_nudges(hand, v1::STEP_KIND_REFLECT, "anything at all").empty());
}

// Smart-punctuation keyboards turn quotes and dashes into curly quotes and
// em dashes. Those are punctuation, not letters, so a phrase next to one is
// still a whole word and should be found.
TEST(Nudges, NonAsciiPunctuationIsAWordBoundary) {
  const auto& lexicon = shipped();
  EXPECT_EQ(rule_ids(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "I hear you\u2014but I was tired.")),
            Ids{"defensive-but"});
  EXPECT_EQ(rule_ids(find_nudges(lexicon, v1::STEP_KIND_SHARE, "You said \u201Cyou always\u201D again.")),
            Ids{"criticism-absolutes"});
  EXPECT_EQ(rule_ids(find_nudges(lexicon, v1::STEP_KIND_SHARE, "I am tired\u2026you never help.")),
            Ids{"criticism-absolutes"});
}

TEST(Nudges, NonAsciiLettersStillBelongToTheWord) {
  v1::NudgeLexicon hand;
  add_rule(hand, "but", v1::NUDGE_KIND_DEFENSIVE, {"but"});
  // "butó" / "ébut": letters beyond ASCII are part of the word.
  EXPECT_TRUE(find_nudges(hand, v1::STEP_KIND_REFLECT, "el but\u00F3n").empty());
  EXPECT_TRUE(find_nudges(hand, v1::STEP_KIND_REFLECT, "d\u00E9but").empty());
}

}  // namespace
}  // namespace attune
