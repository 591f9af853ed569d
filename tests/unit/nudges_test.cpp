// Nudges: word patterns from the lexicon, matched after folding case,
// contractions and common misspellings, with guards for negation, quotation,
// reported speech, apologies and appreciation.
#include "attune/nudges.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
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

std::set<v1::NudgeKind> kinds(v1::StepKind step, const std::string& draft) {
  std::set<v1::NudgeKind> out;
  for (const auto& nudge : find_nudges(shipped(), step, draft)) out.insert(nudge.kind);
  return out;
}

bool fires(v1::StepKind step, const std::string& draft, v1::NudgeKind kind) {
  return kinds(step, draft).count(kind) > 0;
}

using Kinds = std::set<v1::NudgeKind>;

TEST(Nudges, YouAlwaysInShareIsAnAbsoluteAndQuotesTheDraft) {
  const auto nudges = find_nudges(shipped(), v1::STEP_KIND_SHARE, "Honestly, YOU ALWAYS leave the dishes for me.");
  ASSERT_EQ(nudges.size(), 1U);
  EXPECT_EQ(nudges[0].kind, v1::NUDGE_KIND_ABSOLUTES);
  EXPECT_EQ(nudges[0].phrase, "YOU ALWAYS");  // as the writer wrote it
  EXPECT_FALSE(nudges[0].message.empty());
}

TEST(Nudges, RuleStepsLimitWhereItApplies) {
  v1::NudgeLexicon lexicon;
  add_rule(lexicon, "fix", v1::NUDGE_KIND_ADVICE, {"you should"}, {v1::STEP_KIND_REFLECT});
  EXPECT_EQ(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "you should rest").size(), 1U);
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_SHARE, "you should rest").empty());
  // Shipped: advice only counts while the listener is trying to understand.
  EXPECT_TRUE(fires(v1::STEP_KIND_REFLECT, "You should just talk to your boss.", v1::NUDGE_KIND_ADVICE));
  EXPECT_FALSE(fires(v1::STEP_KIND_SHARE, "You should just talk to your boss.", v1::NUDGE_KIND_ADVICE));
}

TEST(Nudges, MatchesWholeWordsOnly) {
  v1::NudgeLexicon lexicon;
  add_rule(lexicon, "but", v1::NUDGE_KIND_DEFENSIVE, {"but"});
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "You want butter, to rebut, a rebuttal.").empty());
  EXPECT_EQ(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "I hear you\u2014but I was tired.").size(), 1U);
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_REFLECT, "el but\u00F3n, d\u00E9but").empty());
  // "just" is not in "justice"; a lone "just" in a reflection is fine.
  EXPECT_TRUE(kinds(v1::STEP_KIND_REFLECT, "You care about justice.").empty());
  EXPECT_TRUE(kinds(v1::STEP_KIND_REFLECT, "It sounds like you just wanted me to notice.").empty());
}

TEST(Nudges, ContractionsMissingApostrophesCaseAndTyposAllMatch) {
  for (const char* draft : {"You're always late.", "youre always late", "YOU\u2019RE ALWAYS LATE", "your always late",
                            "ur always late", "You alwasy run late.", "You are alwaysss late", "you alway run late"}) {
    EXPECT_TRUE(fires(v1::STEP_KIND_SHARE, draft, v1::NUDGE_KIND_ABSOLUTES)) << draft;
  }
  for (const char* draft : {"you've never asked", "youve never asked", "You have NEVER asked", "u nevr ask"}) {
    EXPECT_TRUE(fires(v1::STEP_KIND_SHARE, draft, v1::NUDGE_KIND_ABSOLUTES)) << draft;
  }
  EXPECT_TRUE(fires(v1::STEP_KIND_REFLECT, "why dont you just quit", v1::NUDGE_KIND_ADVICE));
  EXPECT_TRUE(fires(v1::STEP_KIND_REFLECT, "you shoud tell him", v1::NUDGE_KIND_ADVICE));
  EXPECT_TRUE(fires(v1::STEP_KIND_SHARE, "Youre so selfsih.", v1::NUDGE_KIND_CRITICISM));
  // One typo is forgiven only in longer words, never in the first letter: "ever" is not "never".
  EXPECT_FALSE(fires(v1::STEP_KIND_SHARE, "Have you ever been to Rome?", v1::NUDGE_KIND_ABSOLUTES));
}

TEST(Nudges, ContemptSarcasmAndInsultsFire) {
  for (const char* draft : {"You disgust me.", "You're such a loser.", "Want a medal?", "Oh poor you.",
                            "Well aren't you just perfect.", "*rolls eyes*", "ur such a moron"}) {
    EXPECT_TRUE(fires(v1::STEP_KIND_SHARE, draft, v1::NUDGE_KIND_CONTEMPT)) << draft;
  }
}

TEST(Nudges, NegationDoesNotFire) {
  for (const char* draft :
       {"I'm not saying you're lazy, I'm saying I'm exhausted.", "I don't think you're selfish at all.",
        "You're not stupid for feeling this way.", "It's not that you never help."}) {
    EXPECT_TRUE(kinds(v1::STEP_KIND_SHARE, draft).empty()) << draft;
  }
}

TEST(Nudges, QuotedAndReportedWordsDoNotFire) {
  for (const char* draft : {"My boss called me lazy and it stung.", "He called me an idiot at work.",
                            "My mum used to say \"you never finish anything\".",
                            "When you said I was \u201Cuseless\u201D it hurt.", "She wrote 'grow up' under my post."}) {
    EXPECT_TRUE(kinds(v1::STEP_KIND_SHARE, draft).empty()) << draft;
  }
  EXPECT_TRUE(kinds(v1::STEP_KIND_REFLECT, "Your boss said you should work weekends, and that felt unfair.").empty());
}

TEST(Nudges, ApologiesAndAppreciationDoNotFire) {
  for (const char* draft : {"I didn't realise how much that hurt you, and I'm sorry.",
                            "That's true, I did forget, and I'm sorry.", "You're right, and that's not fair to you."}) {
    EXPECT_TRUE(kinds(v1::STEP_KIND_VALIDATE, draft).empty()) << draft;
  }
  for (const char* draft : {"You always make me laugh.", "You never complain when I work late.",
                            "I love how you always find the funny side.", "You're always so thoughtful with gifts.",
                            "You're never boring to talk to."}) {
    EXPECT_TRUE(kinds(v1::STEP_KIND_SHARE, draft).empty()) << draft;
  }
  // A non-apology still reads as defensive.
  EXPECT_TRUE(fires(v1::STEP_KIND_VALIDATE, "I'm sorry you feel that way.", v1::NUDGE_KIND_DEFENSIVE));
}

TEST(Nudges, ReflectionsOfThePartnersWordsDoNotFire) {
  for (const char* draft :
       {"It sounds like you feel I always put work first.", "You need me to listen without fixing it.",
        "You felt like you always have to carry everything.", "You need to feel that I'm on your side, and I am."}) {
    EXPECT_TRUE(kinds(v1::STEP_KIND_REFLECT, draft).empty()) << draft;
  }
}

TEST(Nudges, StonewallingFiresButAPauseRequestDoesNot) {
  for (const char* draft :
       {"Whatever.", "I'm done talking about this.", "I dont want to talk about this", "Fine.", "Leave me alone."}) {
    EXPECT_TRUE(fires(v1::STEP_KIND_REFLECT, draft, v1::NUDGE_KIND_STONEWALLING)) << draft;
  }
  for (const char* draft : {"I need a break for twenty minutes, then I want to come back to this.",
                            "I'm fine with whatever restaurant you pick.", "I'm not done talking yet.",
                            "I'm done with the report, so I have more time for us."}) {
    EXPECT_TRUE(kinds(v1::STEP_KIND_SHARE, draft).empty()) << draft;
  }
}

TEST(Nudges, ClauseAnchorsAndGaps) {
  v1::NudgeLexicon lexicon;
  add_rule(lexicon, "alone", v1::NUDGE_KIND_STONEWALLING, {"^ fine $"});
  add_rule(lexicon, "gap", v1::NUDGE_KIND_ABSOLUTES, {"you .. all the time"});
  EXPECT_EQ(find_nudges(lexicon, v1::STEP_KIND_SHARE, "Fine, whatever.").size(), 1U);
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_SHARE, "I'm fine now").empty());
  EXPECT_EQ(find_nudges(lexicon, v1::STEP_KIND_SHARE, "you are on it all the time").size(), 1U);
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_SHARE, "you are on your phone at dinner all the time").empty());
  // A pattern does not cross a sentence end.
  EXPECT_TRUE(find_nudges(lexicon, v1::STEP_KIND_SHARE, "I miss you. All the time.").empty());
}

TEST(Nudges, OneNudgePerRuleInLexiconOrder) {
  v1::NudgeLexicon lexicon;
  add_rule(lexicon, "a", v1::NUDGE_KIND_ABSOLUTES, {"you never", "you always"});
  add_rule(lexicon, "b", v1::NUDGE_KIND_CONTEMPT, {"idiot"});
  const auto nudges = find_nudges(lexicon, v1::STEP_KIND_SHARE, "You idiot, you always forget and you never call.");
  ASSERT_EQ(nudges.size(), 2U);
  EXPECT_EQ(nudges[0].rule_id, "a");
  EXPECT_EQ(nudges[0].phrase, "you always");  // the first place in the draft
  EXPECT_EQ(nudges[1].rule_id, "b");
  EXPECT_TRUE(find_nudges(v1::NudgeLexicon{}, v1::STEP_KIND_SHARE, "you always").empty());
  EXPECT_TRUE(find_nudges(shipped(), v1::STEP_KIND_SHARE, "").empty());
}

TEST(Nudges, CheckNamesBadPatternsAndUnknownLists) {
  v1::NudgeLexicon lexicon;
  add_rule(lexicon, "ok", v1::NUDGE_KIND_ADVICE, {"you should"});
  add_rule(lexicon, "bad", v1::NUDGE_KIND_ADVICE, {"you @nowhere"});
  add_rule(lexicon, "empty", v1::NUDGE_KIND_ADVICE, {"^ $"});
  add_rule(lexicon, "ok", v1::NUDGE_KIND_UNSPECIFIED, {"x"});
  const auto problems = check_nudges(lexicon);
  ASSERT_EQ(problems.size(), 4U);
  EXPECT_NE(problems[0].message.find("@nowhere"), std::string::npos);
  EXPECT_EQ(problems[0].where.front(), (std::pair<std::string, int>{"rules", 1}));
  EXPECT_NE(problems[1].message.find("matches no words"), std::string::npos);
  EXPECT_NE(problems[2].message.find("used twice"), std::string::npos);
  EXPECT_NE(problems[3].message.find("no kind"), std::string::npos);
  EXPECT_TRUE(check_nudges(shipped()).empty());
}

TEST(Nudges, MalformedLexiconIsRefusedNamingFileAndLine) {
  const auto file = std::filesystem::temp_directory_path() / "attune_bad_nudges.textproto";
  {
    std::ofstream out(file);
    out << "# a comment\nrules {\n  id: \"r\"\n  kind: NUDGE_KIND_ADVICE\n  message: \"m\"\n  phrases: \"you\"\n"
           "  phrases: \"you @missing\"\n}\n";
  }
  const auto loaded = load_nudges(file);
  ASSERT_TRUE(std::holds_alternative<ContentError>(loaded));
  const auto& message = std::get<ContentError>(loaded).message;
  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find("line 7"), std::string::npos) << message;
  EXPECT_NE(message.find("@missing"), std::string::npos) << message;
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace attune
