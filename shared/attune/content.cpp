#include "attune/content.hpp"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "attune/engine.hpp"
#include "attune/text.hpp"

namespace attune {
namespace {

// Collects parse errors with line numbers instead of printing them.
class ErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
    if (!first.empty()) return;
    first = "line " + std::to_string(line + 1) + ", column " + std::to_string(column + 1) + ": " + message;
  }
  std::string first;
};

template <typename T>
Loaded<T> load_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ContentError{"Cannot open " + file.string() + "."};
  std::ostringstream text;
  text << in.rdbuf();
  T message;
  google::protobuf::TextFormat::Parser parser;
  ErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text.str(), &message)) {
    return ContentError{file.string() + " is not a valid " + std::string(T::descriptor()->name()) + ": " +
                        errors.first};
  }
  return message;
}

template <typename T>
Loaded<T> with_checks(Loaded<T> loaded, const std::filesystem::path& file,
                      std::vector<std::string> (*check)(const T&)) {
  if (auto* value = std::get_if<T>(&loaded)) {
    const auto problems = check(*value);
    if (!problems.empty()) return ContentError{file.string() + ": " + problems.front()};
  }
  return loaded;
}

}  // namespace

Loaded<v1::Deck> load_deck(const std::filesystem::path& file) {
  return with_checks(load_text<v1::Deck>(file), file, &check_deck);
}

Loaded<v1::Exercise> load_exercise(const std::filesystem::path& file) {
  return with_checks(load_text<v1::Exercise>(file), file, &check_exercise);
}

Loaded<v1::FeelingsList> load_feelings(const std::filesystem::path& file) { return load_text<v1::FeelingsList>(file); }

Loaded<v1::NudgeLexicon> load_nudges(const std::filesystem::path& file) { return load_text<v1::NudgeLexicon>(file); }

Loaded<Content> load_content(const std::filesystem::path& assets_dir) {
  Content content;
  auto exercise = load_exercise(assets_dir / "exercises" / "attune.textproto");
  if (auto* e = std::get_if<ContentError>(&exercise)) return *e;
  auto deck = load_deck(assets_dir / "decks" / "attune-starter.textproto");
  if (auto* e = std::get_if<ContentError>(&deck)) return *e;
  auto feelings = load_feelings(assets_dir / "feelings.textproto");
  if (auto* e = std::get_if<ContentError>(&feelings)) return *e;
  auto nudges = load_nudges(assets_dir / "nudges.textproto");
  if (auto* e = std::get_if<ContentError>(&nudges)) return *e;
  content.exercise = std::get<v1::Exercise>(std::move(exercise));
  content.deck = std::get<v1::Deck>(std::move(deck));
  content.feelings = std::get<v1::FeelingsList>(std::move(feelings));
  content.nudges = std::get<v1::NudgeLexicon>(std::move(nudges));
  return content;
}

std::filesystem::path default_assets_dir() {
  if (const char* env = std::getenv("ATTUNE_ASSETS"); env != nullptr && *env != '\0') return env;
#ifdef ATTUNE_ASSETS_DIR
  if (std::filesystem::exists(ATTUNE_ASSETS_DIR)) return ATTUNE_ASSETS_DIR;
#endif
  return "assets";
}

std::vector<std::string> check_deck(const v1::Deck& deck) {
  std::vector<std::string> problems;
  if (deck.id().empty()) problems.push_back("the deck has no id");
  if (deck.cards().empty()) problems.push_back("the deck has no cards");
  std::set<std::string> ids;
  for (const auto& card : deck.cards()) {
    if (card.id().empty()) problems.push_back("a card has no id");
    if (!ids.insert(card.id()).second) problems.push_back("card id " + card.id() + " is used twice");
    if (card.prompt().empty()) problems.push_back("card " + card.id() + " has no prompt");
    if (utf8_length(card.prompt()) > kMaxShortTextChars) problems.push_back("card " + card.id() + " is too long");
  }
  return problems;
}

std::vector<std::string> check_exercise(const v1::Exercise& exercise) {
  std::vector<std::string> problems;
  if (exercise.id().empty()) problems.push_back("the exercise has no id");
  if (exercise.steps().empty()) problems.push_back("the exercise has no steps");
  bool seen_reflect = false;
  bool seen_rate = false;
  bool seen_reveal = false;
  for (const auto& step : exercise.steps()) {
    switch (step.kind()) {
      case v1::STEP_KIND_REFLECT: seen_reflect = true; break;
      case v1::STEP_KIND_CONFIRM:
        if (!seen_reflect) problems.push_back("a confirm step needs a reflect step before it");
        break;
      case v1::STEP_KIND_RATE: seen_rate = true; break;
      case v1::STEP_KIND_REVEAL:
        if (!seen_rate) problems.push_back("a reveal step needs a rate step before it");
        seen_reveal = true;
        break;
      case v1::STEP_KIND_PROMPT:
      case v1::STEP_KIND_CHECK_IN:
      case v1::STEP_KIND_SHARE:
      case v1::STEP_KIND_VALIDATE: break;
      default: problems.push_back("step \"" + step.title() + "\" has an unknown kind");
    }
    if (step.title().empty()) problems.push_back("a step has no title");
  }
  // A round ends with a reveal that both acknowledge; without one it would
  // never end.
  if (!exercise.steps().empty() && exercise.steps(exercise.steps_size() - 1).kind() != v1::STEP_KIND_REVEAL) {
    problems.push_back("the last step must be a reveal");
  }
  if (seen_rate && !seen_reveal) problems.push_back("a rate step needs a reveal after it");
  return problems;
}

}  // namespace attune
