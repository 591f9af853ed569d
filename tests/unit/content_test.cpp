// Content: the shipped assets load and pass their checks; the checks catch
// broken decks and exercises; loading errors name the file.
#include "attune/content.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <variant>

namespace attune {
namespace {

namespace fs = std::filesystem;

const fs::path kAssets{ATTUNE_TEST_ASSETS};

bool mentions(const std::vector<std::string>& problems, const std::string& needle) {
  for (const auto& problem : problems) {
    if (problem.find(needle) != std::string::npos) return true;
  }
  return false;
}

// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device device;
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ =
        fs::temp_directory_path() / ("attune-content-test-" + std::to_string(stamp) + "-" + std::to_string(device()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const fs::path& path() const { return path_; }

  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << text;
    return file;
  }

 private:
  fs::path path_;
};

v1::Deck small_deck() {
  v1::Deck deck;
  deck.set_id("tiny");
  deck.set_title("Tiny");
  for (int i = 1; i <= 3; ++i) {
    auto* card = deck.add_cards();
    card->set_id("c-" + std::to_string(i));
    card->set_prompt("Prompt number " + std::to_string(i));
    card->set_depth(v1::DEPTH_LIGHT);
    card->set_focus(v1::ATTUNE_PART_AWARENESS);
    card->add_suits("attune");
  }
  return deck;
}

// A card line for a deck file, tagged like the shipped cards.
std::string card_text(const std::string& id, const std::string& suits = "suits: \"attune\"") {
  return "cards { id: \"" + id + "\" prompt: \"Prompt " + id + "\" depth: DEPTH_LIGHT focus: ATTUNE_PART_EMPATHY " +
         suits + " }\n";
}

// A copy of the shipped assets in `dir`, to break one file at a time.
void copy_assets(const fs::path& dir) {
  fs::copy(kAssets, dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

v1::Exercise exercise_of(const std::vector<v1::StepKind>& kinds) {
  v1::Exercise exercise;
  exercise.set_id("custom");
  for (const auto kind : kinds) {
    auto* step = exercise.add_steps();
    step->set_kind(kind);
    step->set_title("Step " + std::to_string(static_cast<int>(kind)));
  }
  return exercise;
}

const std::vector<v1::StepKind> kDefaultFlow{v1::STEP_KIND_PROMPT,  v1::STEP_KIND_CHECK_IN, v1::STEP_KIND_SHARE,
                                             v1::STEP_KIND_REFLECT, v1::STEP_KIND_CONFIRM,  v1::STEP_KIND_VALIDATE,
                                             v1::STEP_KIND_RATE,    v1::STEP_KIND_REVEAL};

// --------------------------------------------------------- shipped assets

TEST(Content, ShippedAssetsLoad) {
  auto loaded = load_content(kAssets);
  if (const auto* error = std::get_if<ContentError>(&loaded)) {
    FAIL() << error->message;
  }
  const Content& content = std::get<Content>(loaded);

  EXPECT_GE(content.deck.cards_size(), 30);
  std::set<std::string> ids;
  for (const auto& card : content.deck.cards()) {
    EXPECT_FALSE(card.id().empty());
    EXPECT_FALSE(card.prompt().empty()) << card.id();
    EXPECT_TRUE(ids.insert(card.id()).second) << "duplicate card id " << card.id();
  }
  EXPECT_TRUE(check_deck(content.deck).empty());

  EXPECT_TRUE(check_exercise(content.exercise).empty());
  EXPECT_EQ(content.exercise.id(), "attune");
  ASSERT_EQ(content.exercise.steps_size(), 8);
  for (int i = 0; i < content.exercise.steps_size(); ++i) {
    EXPECT_EQ(content.exercise.steps(i).kind(), kDefaultFlow[static_cast<std::size_t>(i)]) << "step " << i;
  }
  EXPECT_GT(content.exercise.max_reflect_loops(), 0U);
  EXPECT_EQ(content.exercise.break_seconds(), 20U * 60U);

  EXPECT_GT(content.feelings.groups_size(), 0);
  for (const auto& group : content.feelings.groups()) {
    EXPECT_FALSE(group.name().empty());
    EXPECT_GT(group.words_size(), 0) << group.name();
  }
  EXPECT_GT(content.nudges.rules_size(), 0);
  for (const auto& rule : content.nudges.rules()) {
    EXPECT_FALSE(rule.id().empty());
    EXPECT_GT(rule.phrases_size(), 0) << rule.id();
    EXPECT_FALSE(rule.message().empty()) << rule.id();
  }
}

TEST(Content, EachShippedFileLoadsOnItsOwn) {
  const auto deck = load_deck(kAssets / "decks" / "attune-starter.textproto");
  ASSERT_TRUE(std::holds_alternative<v1::Deck>(deck)) << std::get<ContentError>(deck).message;
  EXPECT_EQ(std::get<v1::Deck>(deck).id(), "attune-starter");
  const auto exercise = load_exercise(kAssets / "exercises" / "attune.textproto");
  ASSERT_TRUE(std::holds_alternative<v1::Exercise>(exercise)) << std::get<ContentError>(exercise).message;
  const auto feelings = load_feelings(kAssets / "feelings.textproto");
  ASSERT_TRUE(std::holds_alternative<v1::FeelingsList>(feelings));
  const auto nudges = load_nudges(kAssets / "nudges.textproto");
  ASSERT_TRUE(std::holds_alternative<v1::NudgeLexicon>(nudges));
}

// ------------------------------------------------------------- check_deck

TEST(Content, CheckDeckAcceptsAGoodDeck) { EXPECT_TRUE(check_deck(small_deck()).empty()); }

TEST(Content, CheckDeckCatchesDuplicateIds) {
  v1::Deck deck = small_deck();
  deck.mutable_cards(2)->set_id("c-1");
  const auto problems = check_deck(deck);
  ASSERT_FALSE(problems.empty());
  EXPECT_TRUE(mentions(problems, "c-1")) << problems.front();
  EXPECT_TRUE(mentions(problems, "twice")) << problems.front();
}

TEST(Content, CheckDeckCatchesEmptyPrompt) {
  v1::Deck deck = small_deck();
  deck.mutable_cards(1)->clear_prompt();
  const auto problems = check_deck(deck);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_TRUE(mentions(problems, "c-2")) << problems.front();
  EXPECT_TRUE(mentions(problems, "prompt")) << problems.front();
}

TEST(Content, CheckDeckCatchesNoCards) {
  v1::Deck deck = small_deck();
  deck.clear_cards();
  const auto problems = check_deck(deck);
  ASSERT_FALSE(problems.empty());
  EXPECT_TRUE(mentions(problems, "no cards")) << problems.front();
}

TEST(Content, CheckDeckCatchesUntaggedCards) {
  v1::Deck deck = small_deck();
  deck.mutable_cards(0)->clear_depth();
  deck.mutable_cards(1)->clear_focus();
  deck.mutable_cards(2)->clear_suits();
  const auto problems = check_deck(deck);
  ASSERT_EQ(problems.size(), 3U);
  EXPECT_TRUE(mentions(problems, "card c-1 has no depth")) << problems[0];
  EXPECT_TRUE(mentions(problems, "card c-2 has no ATTUNE part")) << problems[1];
  EXPECT_TRUE(mentions(problems, "card c-3 names no exercise")) << problems[2];
}

TEST(Content, CheckDeckCatchesDepthOutOfRange) {
  v1::Deck deck = small_deck();
  deck.mutable_cards(0)->set_depth(static_cast<v1::Depth>(9));
  const auto problems = check_deck(deck);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_TRUE(mentions(problems, "c-1 has no depth")) << problems.front();
}

TEST(Content, CheckDeckExercisesCatchesUnknownExercise) {
  v1::Deck deck = small_deck();
  deck.mutable_cards(1)->add_suits("tango");
  const auto problems = check_deck_exercises(deck, {"attune", "speaker-listener"});
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_TRUE(mentions(problems, "card c-2 suits \"tango\"")) << problems.front();
  EXPECT_TRUE(check_deck_exercises(small_deck(), {"attune"}).empty());
}

TEST(Content, CardTagsNameDepthAndThePartTheCardLeansOn) {
  v1::Card card;
  card.set_depth(v1::DEPTH_MEDIUM);
  card.set_focus(v1::ATTUNE_PART_NON_DEFENSIVE);
  EXPECT_EQ(card_tags(card), "Medium · leans on Non-defensive listening");
  card.set_depth(v1::DEPTH_DEEP);
  card.set_focus(v1::ATTUNE_PART_EMPATHY);
  EXPECT_EQ(card_tags(card), "Deep · leans on Empathy");
  card.clear_depth();
  EXPECT_EQ(card_tags(card), "leans on Empathy");
  EXPECT_EQ(card_tags(v1::Card{}), "");  // an own topic has no tags
}

TEST(Content, DeckSummaryCountsDepthsAndParts) {
  v1::Deck deck = small_deck();
  deck.mutable_cards(1)->set_depth(v1::DEPTH_DEEP);
  deck.mutable_cards(2)->clear_depth();
  deck.mutable_cards(2)->set_focus(v1::ATTUNE_PART_EMPATHY);
  EXPECT_EQ(deck_summary(deck), "tiny: 3 cards; light 1, deep 1, untagged 1; awareness 2, empathy 1");
}

TEST(Content, CheckDeckCatchesMissingIds) {
  v1::Deck deck = small_deck();
  deck.clear_id();
  deck.mutable_cards(0)->clear_id();
  const auto problems = check_deck(deck);
  EXPECT_TRUE(mentions(problems, "the deck has no id"));
  EXPECT_TRUE(mentions(problems, "a card has no id"));
}

// --------------------------------------------------------- check_exercise

TEST(Content, CheckExerciseAcceptsTheDefaultFlow) { EXPECT_TRUE(check_exercise(exercise_of(kDefaultFlow)).empty()); }

TEST(Content, CheckExerciseCatchesConfirmBeforeReflect) {
  const auto problems = check_exercise(exercise_of({v1::STEP_KIND_PROMPT, v1::STEP_KIND_SHARE, v1::STEP_KIND_CONFIRM,
                                                    v1::STEP_KIND_REFLECT, v1::STEP_KIND_RATE, v1::STEP_KIND_REVEAL}));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_TRUE(mentions(problems, "confirm")) << problems.front();
}

TEST(Content, CheckExerciseCatchesNoRevealAtEnd) {
  auto problems = check_exercise(exercise_of({v1::STEP_KIND_SHARE, v1::STEP_KIND_REFLECT, v1::STEP_KIND_RATE}));
  EXPECT_TRUE(mentions(problems, "last step must be a reveal"));
  EXPECT_TRUE(mentions(problems, "needs a reveal after it"));

  // A reveal somewhere else does not count as ending the round.
  problems = check_exercise(exercise_of({v1::STEP_KIND_RATE, v1::STEP_KIND_REVEAL, v1::STEP_KIND_SHARE}));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_TRUE(mentions(problems, "last step must be a reveal"));
}

TEST(Content, AnAnswerStepNeedsAShareWithTheRequestBeforeIt) {
  const auto problems = check_exercise(exercise_of(
      {v1::STEP_KIND_PROMPT, v1::STEP_KIND_ANSWER, v1::STEP_KIND_SHARE, v1::STEP_KIND_RATE, v1::STEP_KIND_REVEAL}));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_TRUE(mentions(problems, "answer step")) << problems.front();
  EXPECT_TRUE(
      check_exercise(exercise_of({v1::STEP_KIND_SHARE, v1::STEP_KIND_ANSWER, v1::STEP_KIND_RATE, v1::STEP_KIND_REVEAL}))
          .empty());
}

TEST(Content, TheShippedNvcExerciseEndsItsRequestWithTheListenersAnswer) {
  const auto loaded = load_exercise(kAssets / "exercises" / "nvc.textproto");
  ASSERT_TRUE(std::holds_alternative<v1::Exercise>(loaded));
  const auto& exercise = std::get<v1::Exercise>(loaded);
  EXPECT_TRUE(check_exercise(exercise).empty());
  const auto answer = std::find_if(exercise.steps().begin(), exercise.steps().end(),
                                   [](const auto& step) { return step.kind() == v1::STEP_KIND_ANSWER; });
  ASSERT_NE(answer, exercise.steps().end());
  EXPECT_FALSE(answer->doing().empty()) << "the others are told what the listener is doing";
}

TEST(Content, AMoreStepMustFollowAReflectStep) {
  auto problems = check_exercise(exercise_of(
      {v1::STEP_KIND_SHARE, v1::STEP_KIND_MORE, v1::STEP_KIND_REFLECT, v1::STEP_KIND_RATE, v1::STEP_KIND_REVEAL}));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_TRUE(mentions(problems, "more step")) << problems.front();
  EXPECT_TRUE(check_exercise(exercise_of({v1::STEP_KIND_SHARE, v1::STEP_KIND_REFLECT, v1::STEP_KIND_MORE,
                                          v1::STEP_KIND_RATE, v1::STEP_KIND_REVEAL}))
                  .empty());
}

TEST(Content, EveryMethodOfTheBriefIsAShippedExercise) {
  const auto loaded = load_content(kAssets);
  ASSERT_TRUE(std::holds_alternative<Content>(loaded));
  std::set<std::string> ids;
  for (const auto& exercise : std::get<Content>(loaded).exercises) ids.insert(exercise.id());
  for (const char* id : {"attune", "speaker-listener", "mirroring", "aftermath", "stress-reducing", "dreams",
                         "state-of-the-union", "nvc"}) {
    EXPECT_EQ(ids.count(id), 1U) << id;
  }
}

TEST(Content, StateOfTheUnionOpensWithAppreciationsBeforeTheShare) {
  const auto loaded = load_exercise(kAssets / "exercises" / "state-of-the-union.textproto");
  ASSERT_TRUE(std::holds_alternative<v1::Exercise>(loaded));
  const auto& steps = std::get<v1::Exercise>(loaded).steps();
  const auto tell =
      std::find_if(steps.begin(), steps.end(), [](const auto& s) { return s.kind() == v1::STEP_KIND_TELL; });
  const auto share =
      std::find_if(steps.begin(), steps.end(), [](const auto& s) { return s.kind() == v1::STEP_KIND_SHARE; });
  ASSERT_NE(tell, steps.end());
  EXPECT_LT(tell, share);
  EXPECT_NE(tell->title().find("Appreciation"), std::string::npos);
}

TEST(Content, AnAskStepNeedsTheStoryToAskAboutBeforeIt) {
  const auto problems = check_exercise(exercise_of(
      {v1::STEP_KIND_PROMPT, v1::STEP_KIND_ASK, v1::STEP_KIND_SHARE, v1::STEP_KIND_RATE, v1::STEP_KIND_REVEAL}));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_TRUE(mentions(problems, "ask step")) << problems.front();
  EXPECT_TRUE(
      check_exercise(exercise_of({v1::STEP_KIND_SHARE, v1::STEP_KIND_ASK, v1::STEP_KIND_RATE, v1::STEP_KIND_REVEAL}))
          .empty());
}

TEST(Content, CheckExerciseCatchesUnknownKind) {
  std::vector<v1::StepKind> kinds = kDefaultFlow;
  kinds.insert(kinds.begin() + 1, static_cast<v1::StepKind>(42));
  auto problems = check_exercise(exercise_of(kinds));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_TRUE(mentions(problems, "unknown kind")) << problems.front();

  kinds = kDefaultFlow;
  kinds.insert(kinds.begin(), v1::STEP_KIND_UNSPECIFIED);
  problems = check_exercise(exercise_of(kinds));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_TRUE(mentions(problems, "unknown kind")) << problems.front();
}

TEST(Content, CheckExerciseCatchesRevealBeforeRateAndEmptyExercise) {
  auto problems = check_exercise(exercise_of({v1::STEP_KIND_SHARE, v1::STEP_KIND_REVEAL}));
  EXPECT_TRUE(mentions(problems, "needs a rate step before it"));
  v1::Exercise empty;
  problems = check_exercise(empty);
  EXPECT_TRUE(mentions(problems, "no id"));
  EXPECT_TRUE(mentions(problems, "no steps"));
}

// ----------------------------------------------------------- file errors

TEST(Content, LoadDeckOnMissingFileNamesTheFile) {
  const TempDir dir;
  const fs::path missing = dir.path() / "no-such-deck.textproto";
  const auto loaded = load_deck(missing);
  ASSERT_TRUE(std::holds_alternative<ContentError>(loaded));
  const std::string& message = std::get<ContentError>(loaded).message;
  EXPECT_NE(message.find(missing.string()), std::string::npos) << message;
}

TEST(Content, AMisplacedStepIsRefusedAtLoadNamingFileLineAndProblem) {
  const TempDir dir;
  const fs::path file = dir.write("misplaced.textproto",
                                  "id: \"misplaced\"\n"
                                  "steps { kind: STEP_KIND_SHARE title: \"Share\" }\n"
                                  "steps { kind: STEP_KIND_MORE title: \"Is there more?\" }\n"
                                  "steps { kind: STEP_KIND_RATE title: \"Rate\" }\n"
                                  "steps { kind: STEP_KIND_REVEAL title: \"Reveal\" }\n");
  const auto loaded = load_exercise(file);
  ASSERT_TRUE(std::holds_alternative<ContentError>(loaded));
  const std::string& message = std::get<ContentError>(loaded).message;
  EXPECT_NE(message.find(file.string() + ", line 3: a more step"), std::string::npos) << message;
}

TEST(Content, LoadDeckOnMalformedFileNamesTheFile) {
  const TempDir dir;
  const fs::path file = dir.write("broken.textproto", "id: \"broken\"\ncards {\n  id: \"x\"\n  prompt: oops\n");
  const auto loaded = load_deck(file);
  ASSERT_TRUE(std::holds_alternative<ContentError>(loaded));
  const std::string& message = std::get<ContentError>(loaded).message;
  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find("line"), std::string::npos) << message;
}

TEST(Content, LoadDeckThatFailsChecksNamesTheFile) {
  const TempDir dir;
  const fs::path file = dir.write("empty-deck.textproto", "id: \"empty\"\ntitle: \"Nothing here\"\n");
  const auto loaded = load_deck(file);
  ASSERT_TRUE(std::holds_alternative<ContentError>(loaded));
  const std::string& message = std::get<ContentError>(loaded).message;
  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find("no cards"), std::string::npos) << message;
}

TEST(Content, LoadExerciseThatFailsChecksNamesTheFile) {
  const TempDir dir;
  const fs::path file = dir.write("bad.textproto", "id: \"bad\"\nsteps { kind: STEP_KIND_SHARE title: \"Share\" }\n");
  const auto loaded = load_exercise(file);
  ASSERT_TRUE(std::holds_alternative<ContentError>(loaded));
  const std::string& message = std::get<ContentError>(loaded).message;
  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find("reveal"), std::string::npos) << message;
}

TEST(Content, LoadDeckFromTempFileRoundTrips) {
  const TempDir dir;
  const fs::path file =
      dir.write("ok.textproto", "id: \"ok\"\n" + card_text("a") + card_text("b", "suits: \"attune\" suits: \"x\""));
  const auto loaded = load_deck(file);
  ASSERT_TRUE(std::holds_alternative<v1::Deck>(loaded)) << std::get<ContentError>(loaded).message;
  const auto& deck = std::get<v1::Deck>(loaded);
  ASSERT_EQ(deck.cards_size(), 2);
  EXPECT_EQ(deck.cards(1).prompt(), "Prompt b");
  EXPECT_EQ(deck.cards(1).depth(), v1::DEPTH_LIGHT);
  EXPECT_EQ(deck.cards(1).focus(), v1::ATTUNE_PART_EMPATHY);
  EXPECT_EQ(deck.cards(1).suits_size(), 2);
}

TEST(Content, LoadDeckWithoutDepthNamesFileAndCard) {
  const TempDir dir;
  const fs::path file = dir.write("flat.textproto",
                                  "id: \"flat\"\ncards { id: \"f-1\" prompt: \"Hi\" focus: ATTUNE_PART_EMPATHY "
                                  "suits: \"attune\" }\n");
  const auto loaded = load_deck(file);
  ASSERT_TRUE(std::holds_alternative<ContentError>(loaded));
  const std::string& message = std::get<ContentError>(loaded).message;
  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find("card f-1 has no depth"), std::string::npos) << message;
}

TEST(Content, LoadContentRefusesCardForUnknownExercise) {
  const TempDir dir;
  copy_assets(dir.path());
  const fs::path file = dir.write("decks/extra.textproto", "id: \"extra\"\n" + card_text("ex-1", "suits: \"tango\""));
  const auto loaded = load_content(dir.path());
  ASSERT_TRUE(std::holds_alternative<ContentError>(loaded));
  const std::string& message = std::get<ContentError>(loaded).message;
  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find("card ex-1 suits \"tango\""), std::string::npos) << message;
}

TEST(Content, LoadContentRefusesCardIdUsedInTwoDecks) {
  const TempDir dir;
  copy_assets(dir.path());
  const fs::path file = dir.write("decks/zz-extra.textproto", "id: \"zz-extra\"\n" + card_text("as-01"));
  const auto loaded = load_content(dir.path());
  ASSERT_TRUE(std::holds_alternative<ContentError>(loaded));
  const std::string& message = std::get<ContentError>(loaded).message;
  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find("as-01"), std::string::npos) << message;
  EXPECT_NE(message.find("attune-starter.textproto"), std::string::npos) << message;
}

TEST(Content, LoadContentFromFolderWithoutAssetsNamesTheFile) {
  const TempDir dir;
  const auto loaded = load_content(dir.path());
  ASSERT_TRUE(std::holds_alternative<ContentError>(loaded));
  const std::string& message = std::get<ContentError>(loaded).message;
  EXPECT_NE(message.find("exercises"), std::string::npos) << message;
}

}  // namespace
}  // namespace attune

// ------------------------------------------------- feelings, needs, care

namespace attune {
namespace {

TEST(Content, ShippedFeelingsNeedsAndCareMeetTheBrief) {
  auto loaded = load_content(kAssets);
  ASSERT_TRUE(std::holds_alternative<Content>(loaded)) << std::get<ContentError>(loaded).message;
  const auto& content = std::get<Content>(loaded);
  std::set<std::string> feelings;
  for (const auto& group : content.feelings.groups()) feelings.insert(group.words().begin(), group.words().end());
  EXPECT_GE(feelings.size(), 70U);
  EXPECT_GE(content.feelings.groups_size(), 8);
  for (const char* word : {"ashamed", "guilty", "jealous", "confused", "happy", "I don't know", "I'd rather not say"}) {
    EXPECT_EQ(feelings.count(word), 1U) << word;
  }
  // Pseudo-feelings are hints, not picker words.
  for (const char* word : {"rejected", "let down", "abandoned", "ignored", "manipulated"}) {
    EXPECT_EQ(feelings.count(word), 0U) << word;
  }
  EXPECT_GE(content.feelings.pseudo_size(), 5);
  std::size_t needs = 0;
  for (const auto& group : content.needs.groups()) needs += static_cast<std::size_t>(group.words_size());
  EXPECT_GE(needs, 30U);
  EXPECT_FALSE(content.care.note().empty());
  EXPECT_GE(content.care.resources_size(), 3);
}

TEST(Content, PseudoFeelingInTextGetsAHintNamingFeelingsUnderneath) {
  v1::FeelingsList list;
  auto* group = list.add_groups();
  group->set_name("Sad");
  group->add_words("hurt");
  group->add_words("lonely");
  auto* pseudo = list.add_pseudo();
  pseudo->set_word("let down");
  pseudo->add_underneath("hurt");
  pseudo->add_underneath("lonely");
  ASSERT_TRUE(check_feelings(list).empty());
  const auto hints = pseudo_feeling_hints(list, "I felt so LET DOWN on Friday.");
  ASSERT_EQ(hints.size(), 1U);
  EXPECT_NE(hints[0].find("hurt or lonely"), std::string::npos) << hints[0];
  EXPECT_TRUE(pseudo_feeling_hints(list, "The tent let us down gently").empty());
  EXPECT_TRUE(pseudo_feeling_hints(list, "She said \"let down\" twice").empty());
}

TEST(Content, FeelingsCheckCatchesDuplicatesUnknownUnderneathAndPseudoInPicker) {
  v1::FeelingsList list;
  auto* group = list.add_groups();
  group->set_name("Sad");
  group->add_words("sad");
  group->add_words("Sad ");
  group->add_words("rejected");
  auto* pseudo = list.add_pseudo();
  pseudo->set_word("rejected");
  pseudo->add_underneath("lonely");
  const auto problems = check_feelings(list);
  ASSERT_EQ(problems.size(), 3U);
  EXPECT_NE(problems[0].message.find("listed twice"), std::string::npos) << problems[0].message;
  EXPECT_NE(problems[1].message.find("both a feeling and a pseudo-feeling"), std::string::npos) << problems[1].message;
  EXPECT_NE(problems[2].message.find("\"lonely\""), std::string::npos) << problems[2].message;
}

TEST(Content, MalformedFeelingsNeedsAndCareAreRefusedNamingFileAndLine) {
  TempDir dir;
  const auto write = [&](const char* name, const std::string& text) {
    std::ofstream(dir.path() / name) << text;
    return dir.path() / name;
  };
  auto feelings = load_feelings(
      write("feelings.textproto", "# list\ngroups {\n  name: \"Sad\"\n  words: \"sad\"\n  words: \"\"\n}\n"));
  ASSERT_TRUE(std::holds_alternative<ContentError>(feelings));
  auto message = std::get<ContentError>(feelings).message;
  EXPECT_NE(message.find("feelings.textproto, line 5"), std::string::npos) << message;
  EXPECT_NE(message.find("empty word"), std::string::npos) << message;

  auto needs = load_needs(write("needs.textproto", "groups {\n  name: \"Rest\"\n}\n"));
  ASSERT_TRUE(std::holds_alternative<ContentError>(needs));
  message = std::get<ContentError>(needs).message;
  EXPECT_NE(message.find("needs.textproto, line 1"), std::string::npos) << message;
  EXPECT_NE(message.find("no words"), std::string::npos) << message;

  auto care = load_care(write("care.textproto",
                              "note: \"n\"\nresources {\n  kind: \"Crisis\"\n  how: \"Call.\"\n"
                              "  url: \"http://example.org\"\n}\n"));
  ASSERT_TRUE(std::holds_alternative<ContentError>(care));
  message = std::get<ContentError>(care).message;
  EXPECT_NE(message.find("care.textproto, line 5"), std::string::npos) << message;
  EXPECT_NE(message.find("https://"), std::string::npos) << message;

  // A syntax error names the line too.
  auto broken = load_needs(write("broken.textproto", "groups {\n  name: \"Rest\"\n  words: rest\n}\n"));
  ASSERT_TRUE(std::holds_alternative<ContentError>(broken));
  EXPECT_NE(std::get<ContentError>(broken).message.find("line 3"), std::string::npos)
      << std::get<ContentError>(broken).message;
}

}  // namespace
}  // namespace attune
