// The shipped decks: enough of them, every card tagged, no two prompts that
// say nearly the same thing, and no wording that assumes the partner's gender,
// a marriage, children or a shared home outside a deck that is about that.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "attune/content.hpp"
#include "attune/engine.hpp"
#include "attune/framing.hpp"
#include "attune/version.hpp"

namespace attune {
namespace {

const Content& shipped() {
  static const Content content = [] {
    auto loaded = load_content(ATTUNE_TEST_ASSETS);
    if (const auto* error = std::get_if<ContentError>(&loaded)) {
      ADD_FAILURE() << error->message;
      return Content{};
    }
    return std::get<Content>(std::move(loaded));
  }();
  return content;
}

// Lower-case words of letters and apostrophes; hyphens and punctuation split.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u) != 0 || c == '\'') {
      word += static_cast<char>(std::tolower(u));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

template <typename T>
double jaccard(const std::set<T>& a, const std::set<T>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::size_t shared = 0;
  for (const auto& item : a) shared += b.count(item);
  return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

std::set<std::string> word_pairs(const std::string& text) {
  const auto words = words_of(text);
  std::set<std::string> pairs;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) pairs.insert(words[i] + " " + words[i + 1]);
  return pairs;
}

std::set<std::string> content_words(const std::string& text) {
  static const std::set<std::string> kStop{"a",  "an", "the",  "and",  "or",    "of",  "to",   "in",
                                           "on", "at", "for",  "with", "your",  "you", "that", "this",
                                           "it", "is", "what", "how",  "about", "when"};
  std::set<std::string> kept;
  for (auto& word : words_of(text)) {
    if (kStop.count(word) == 0) kept.insert(word);
  }
  return kept;
}

// A prompt reduced to what the near-duplicate check compares.
struct Shingles {
  std::set<std::string> pairs;
  std::set<std::string> words;
};

Shingles shingles_of(const std::string& text) { return {word_pairs(text), content_words(text)}; }

// Two prompts are near-duplicates when they share most of their word pairs
// (shingles of two words) or most of their content words. The thresholds sit
// well above the closest pair of genuinely different shipped prompts.
bool near_duplicates(const Shingles& a, const Shingles& b) {
  return jaccard(a.pairs, b.pairs) >= 0.45 || jaccard(a.words, b.words) >= 0.7;
}

bool near_duplicates(const std::string& a, const std::string& b) {
  return near_duplicates(shingles_of(a), shingles_of(b));
}

// Words that give the partner a gender, or assume a family shape.
const std::set<std::string> kGendered{"husband", "husbands", "wife",    "wives",   "boyfriend", "girlfriend", "fiance",
                                      "fiancee", "bride",    "groom",   "he",      "she",       "him",        "her",
                                      "his",     "hers",     "himself", "herself", "he's",      "she's",      "mum",
                                      "mom",     "dad",      "mother",  "father",  "mommy",     "mummy",      "daddy"};

// Phrases that assume something about a couple's life, and the decks that are
// explicitly about it (and so may assume it).
struct Assumption {
  std::string what;
  std::vector<std::string> phrases;  // matched on whole words
  std::set<std::string> allowed_decks;
};

const std::vector<Assumption>& assumptions() {
  static const std::vector<Assumption> kAll{
      {"a marriage",
       {"married", "marriage", "marry", "wedding", "spouse", "spouses", "in law", "in laws", "newlywed"},
       {}},
      {"children",
       {"your child", "your children", "your kids", "the children", "the kids", "our children", "our kids", "our child",
        "your son", "your daughter", "as parents", "as a parent", "parenting"},
       {"parenting"}},
      {"living together",
       {"our home", "our house", "our flat", "our apartment", "our bed", "our bedroom", "live together",
        "living together", "moved in", "move in together", "same roof"},
       {}},
  };
  return kAll;
}

// What a piece of deck text wrongly assumes; empty when it is fine.
std::vector<std::string> assumption_problems(const std::string& deck_id, const std::string& text) {
  std::vector<std::string> problems;
  const auto words = words_of(text);
  for (const auto& word : words) {
    if (kGendered.count(word) != 0) problems.push_back("gendered word \"" + word + "\"");
  }
  std::string joined = " ";
  for (const auto& word : words) joined += word + " ";
  for (const auto& assumption : assumptions()) {
    if (assumption.allowed_decks.count(deck_id) != 0) continue;
    for (const auto& phrase : assumption.phrases) {
      if (joined.find(" " + phrase + " ") != std::string::npos) {
        problems.push_back("assumes " + assumption.what + " (\"" + phrase + "\")");
      }
    }
  }
  return problems;
}

// ------------------------------------------------------------- the checks

TEST(DeckChecks, NearDuplicateSpotsRewordedPrompts) {
  EXPECT_TRUE(near_duplicates("A time you felt really close to your partner. What was happening?",
                              "A time recently you felt close to your partner, and what was happening."));
  EXPECT_TRUE(near_duplicates("Something small that has been on your mind lately that you have not said out loud yet.",
                              "Something small on your mind lately that you have not yet said out loud."));
  EXPECT_FALSE(near_duplicates("A time your partner comforted you, and how it felt to be held that way.",
                               "A time your partner questioned something you did, and how it felt to be asked."));
}

TEST(DeckChecks, AssumptionCheckSpotsGenderMarriageChildrenAndHome) {
  EXPECT_FALSE(assumption_problems("trust", "What you would like your husband to notice.").empty());
  EXPECT_FALSE(assumption_problems("trust", "A time your partner said she was proud of you.").empty());
  EXPECT_FALSE(assumption_problems("trust", "Something your boyfriend said last week.").empty());
  EXPECT_FALSE(assumption_problems("trust", "A moment in your marriage you treasure.").empty());
  EXPECT_FALSE(assumption_problems("family", "How your mother-in-law makes you feel.").empty());
  EXPECT_FALSE(assumption_problems("everyday", "Who does the dishes in our home.").empty());
  EXPECT_FALSE(assumption_problems("money", "What you want to save for your kids.").empty());
  // A deck about children may assume them; nobody may assume a gender.
  EXPECT_TRUE(assumption_problems("parenting", "A moment with your child this week.").empty());
  EXPECT_FALSE(assumption_problems("parenting", "A moment your child told you his news.").empty());
  // Words that merely contain a banned one are fine.
  EXPECT_TRUE(assumption_problems("trust", "There, together, the other side of the theme: what matters here.").empty());
}

// --------------------------------------------------------- shipped decks

TEST(ShippedDecks, AtLeastFourHundredCardsInAtLeastEightDecks) {
  std::size_t cards = 0;
  for (const auto& deck : shipped().decks) cards += static_cast<std::size_t>(deck.cards_size());
  EXPECT_GE(shipped().decks.size(), 8U);
  EXPECT_GE(cards, 400U);
}

TEST(ShippedDecks, EveryCardIsTaggedAndEveryDeckHasEveryDepthAndPart) {
  std::set<std::string> exercise_ids;
  for (const auto& exercise : shipped().exercises) exercise_ids.insert(exercise.id());
  for (const auto& deck : shipped().decks) {
    std::set<int> depths;
    std::set<int> parts;
    EXPECT_FALSE(deck.title().empty()) << deck.id();
    EXPECT_FALSE(deck.description().empty()) << deck.id();
    for (const auto& card : deck.cards()) {
      EXPECT_NE(card.depth(), v1::DEPTH_UNSPECIFIED) << card.id();
      EXPECT_NE(card.focus(), v1::ATTUNE_PART_UNSPECIFIED) << card.id();
      EXPECT_FALSE(card.suits().empty()) << card.id();
      for (const auto& suit : card.suits()) EXPECT_EQ(exercise_ids.count(suit), 1U) << card.id() << " " << suit;
      depths.insert(card.depth());
      parts.insert(card.focus());
      const char last = card.prompt().empty() ? ' ' : card.prompt().back();
      EXPECT_TRUE(last == '.' || last == '?') << card.id() << " should end like a sentence";
    }
    EXPECT_EQ(depths, (std::set<int>{v1::DEPTH_LIGHT, v1::DEPTH_MEDIUM, v1::DEPTH_DEEP})) << deck.id();
    EXPECT_EQ(parts.size(), 6U) << deck.id() << " leaves out an ATTUNE part";
  }
}

TEST(ShippedDecks, EveryExerciseHasCardsThatSuitIt) {
  std::map<std::string, int> suited;
  for (const auto& deck : shipped().decks) {
    for (const auto& card : deck.cards()) {
      for (const auto& suit : card.suits()) ++suited[suit];
    }
  }
  for (const auto& exercise : shipped().exercises) {
    EXPECT_GE(suited[exercise.id()], 20) << "few cards suit the exercise " << exercise.id();
  }
}

TEST(ShippedDecks, NoTwoPromptsAreNearDuplicates) {
  struct Prompt {
    std::string id;
    std::string text;
    Shingles shingles;
  };
  std::vector<Prompt> prompts;
  for (const auto& deck : shipped().decks) {
    for (const auto& card : deck.cards()) {
      prompts.push_back({deck.id() + "/" + card.id(), card.prompt(), shingles_of(card.prompt())});
    }
  }
  ASSERT_GE(prompts.size(), 400U);
  for (std::size_t i = 0; i < prompts.size(); ++i) {
    for (std::size_t j = i + 1; j < prompts.size(); ++j) {
      EXPECT_FALSE(near_duplicates(prompts[i].shingles, prompts[j].shingles))
          << prompts[i].id << " \"" << prompts[i].text << "\" is nearly " << prompts[j].id << " \"" << prompts[j].text
          << "\"";
    }
  }
}

TEST(ShippedDecks, NoWordingAssumesGenderMarriageChildrenOrAHome) {
  for (const auto& deck : shipped().decks) {
    for (const auto& text : {deck.title(), deck.description()}) {
      for (const auto& problem : assumption_problems(deck.id(), text)) ADD_FAILURE() << deck.id() << ": " << problem;
    }
    for (const auto& card : deck.cards()) {
      for (const auto& text : {card.prompt(), card.hint()}) {
        for (const auto& problem : assumption_problems(deck.id(), text)) {
          ADD_FAILURE() << deck.id() << "/" << card.id() << ": " << problem << " in \"" << text << "\"";
        }
      }
    }
  }
}

TEST(ShippedDecks, RoomOpeningEventWithEveryDeckFitsInOneFrameAClientAccepts) {
  OpenRoom open;
  open.room_id = "room-1";
  open.exercise = shipped().exercise;
  open.deck = shipped().deck;
  open.exercises = shipped().exercises;
  open.decks = shipped().decks;
  open.creator_name = "Ana";
  const Decision decision = decide(RoomState{}, open, 1'700'000'000'000);
  ASSERT_TRUE(std::holds_alternative<Events>(decision));
  const auto& events = std::get<Events>(decision);
  ASSERT_FALSE(events.empty());
  ASSERT_TRUE(events[0].has_room_created());
  v1::Envelope envelope;
  *envelope.mutable_event() = events[0];
  const std::string frame = encode_frame(envelope);
  // Room to grow: the shipped content uses at most a quarter of the cap.
  EXPECT_LE(frame.size(), kMaxServerFrameBytes / 4) << frame.size() << " bytes";
  FrameDecoder client(kMaxServerFrameBytes);
  client.feed(frame);
  const auto result = client.next();
  EXPECT_EQ(result.status, FrameDecoder::Status::kFrame) << result.message;
}

}  // namespace
}  // namespace attune
