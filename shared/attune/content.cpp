#include "attune/content.hpp"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
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

namespace {

// Every *.textproto in `folder`, sorted by name, each loaded and checked.
template <typename T>
std::variant<std::vector<T>, ContentError> load_all(const std::filesystem::path& folder,
                                                    Loaded<T> (*load)(const std::filesystem::path&),
                                                    std::vector<std::filesystem::path>* loaded_from = nullptr) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.path().extension() == ".textproto") files.push_back(entry.path());
  }
  if (ec) return ContentError{"Cannot read the folder " + folder.string() + ": " + ec.message() + "."};
  std::sort(files.begin(), files.end());
  std::vector<T> items;
  for (const auto& file : files) {
    auto loaded = load(file);
    if (auto* error = std::get_if<ContentError>(&loaded)) return *error;
    items.push_back(std::get<T>(std::move(loaded)));
  }
  if (loaded_from != nullptr) *loaded_from = files;
  return items;
}

template <typename T>
std::optional<ContentError> put_default_first(std::vector<T>& items, const std::string& id,
                                              const std::filesystem::path& folder) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id() == id; });
  if (it == items.end()) return ContentError{folder.string() + " has no \"" + id + "\", which Attune starts with."};
  std::rotate(items.begin(), it, it + 1);
  std::set<std::string> ids;
  for (const auto& item : items) {
    if (!ids.insert(item.id()).second)
      return ContentError{folder.string() + ": the id " + item.id() + " is used twice."};
  }
  return std::nullopt;
}

// Checks across files: every card suits an exercise that exists, and no card
// id is in two decks (the scheduler remembers played cards by id alone).
std::optional<ContentError> check_decks_together(const std::vector<v1::Deck>& decks,
                                                 const std::vector<std::filesystem::path>& files,
                                                 const std::vector<v1::Exercise>& exercises) {
  std::set<std::string> exercise_ids;
  for (const auto& exercise : exercises) exercise_ids.insert(exercise.id());
  std::map<std::string, std::size_t> card_file;
  for (std::size_t i = 0; i < decks.size(); ++i) {
    const auto problems = check_deck_exercises(decks[i], exercise_ids);
    if (!problems.empty()) return ContentError{files[i].string() + ": " + problems.front() + "."};
    for (const auto& card : decks[i].cards()) {
      const auto [it, fresh] = card_file.emplace(card.id(), i);
      if (!fresh) {
        return ContentError{files[i].string() + ": card id " + card.id() + " is already used in " +
                            files[it->second].string() + "; card ids must be unique across decks."};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Loaded<Content> load_content(const std::filesystem::path& assets_dir) {
  Content content;
  auto exercises = load_all<v1::Exercise>(assets_dir / "exercises", &load_exercise);
  if (auto* e = std::get_if<ContentError>(&exercises)) return *e;
  std::vector<std::filesystem::path> deck_files;
  auto decks = load_all<v1::Deck>(assets_dir / "decks", &load_deck, &deck_files);
  if (auto* e = std::get_if<ContentError>(&decks)) return *e;
  auto feelings = load_feelings(assets_dir / "feelings.textproto");
  if (auto* e = std::get_if<ContentError>(&feelings)) return *e;
  auto nudges = load_nudges(assets_dir / "nudges.textproto");
  if (auto* e = std::get_if<ContentError>(&nudges)) return *e;
  content.exercises = std::get<std::vector<v1::Exercise>>(std::move(exercises));
  content.decks = std::get<std::vector<v1::Deck>>(std::move(decks));
  if (auto e = check_decks_together(content.decks, deck_files, content.exercises)) return *e;
  if (auto e = put_default_first(content.exercises, "attune", assets_dir / "exercises")) return *e;
  if (auto e = put_default_first(content.decks, "attune-starter", assets_dir / "decks")) return *e;
  content.exercise = content.exercises.front();
  content.deck = content.decks.front();
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
    if (!v1::Depth_IsValid(card.depth()) || card.depth() == v1::DEPTH_UNSPECIFIED) {
      problems.push_back("card " + card.id() + " has no depth (write depth: DEPTH_LIGHT, DEPTH_MEDIUM or DEPTH_DEEP)");
    }
    if (!v1::AttunePart_IsValid(card.focus()) || card.focus() == v1::ATTUNE_PART_UNSPECIFIED) {
      problems.push_back("card " + card.id() + " has no ATTUNE part (write focus: ATTUNE_PART_...)");
    }
    if (card.suits().empty()) {
      problems.push_back("card " + card.id() + " names no exercise it suits (write suits: \"attune\")");
    }
  }
  return problems;
}

std::string card_tags(const v1::Card& card) {
  static constexpr std::array<const char*, 4> kDepths{"", "Light", "Medium", "Deep"};
  static constexpr std::array<const char*, 7> kParts{
      "", "Awareness", "Turning toward", "Tolerance", "Understanding", "Non-defensive listening", "Empathy"};
  std::string tags;
  if (v1::Depth_IsValid(card.depth())) tags = kDepths[static_cast<std::size_t>(card.depth())];
  if (v1::AttunePart_IsValid(card.focus()) && card.focus() != v1::ATTUNE_PART_UNSPECIFIED) {
    if (!tags.empty()) tags += " · ";
    tags += std::string("leans on ") + kParts[static_cast<std::size_t>(card.focus())];
  }
  return tags;
}

std::string deck_summary(const v1::Deck& deck) {
  static constexpr std::array<const char*, 4> kDepths{"untagged", "light", "medium", "deep"};
  static constexpr std::array<const char*, 7> kParts{"untagged",      "awareness",     "turning toward", "tolerance",
                                                     "understanding", "non-defensive", "empathy"};
  std::array<int, 4> by_depth{};
  std::array<int, 7> by_part{};
  for (const auto& card : deck.cards()) {
    ++by_depth[v1::Depth_IsValid(card.depth()) ? static_cast<std::size_t>(card.depth()) : 0];
    ++by_part[v1::AttunePart_IsValid(card.focus()) ? static_cast<std::size_t>(card.focus()) : 0];
  }
  std::string line = deck.id() + ": " + std::to_string(deck.cards_size()) + " cards";
  // Adds the non-zero counts, untagged last.
  const auto append = [&line](const auto& names, const auto& counts) {
    std::string part;
    for (std::size_t i = 1; i <= names.size(); ++i) {
      const std::size_t at = i % names.size();
      if (counts[at] == 0) continue;
      part += (part.empty() ? "" : ", ") + std::string(names[at]) + " " + std::to_string(counts[at]);
    }
    if (!part.empty()) line += "; " + part;
  };
  append(kDepths, by_depth);
  append(kParts, by_part);
  return line;
}

std::vector<std::string> check_deck_exercises(const v1::Deck& deck, const std::set<std::string>& exercise_ids) {
  std::vector<std::string> problems;
  for (const auto& card : deck.cards()) {
    for (const auto& suit : card.suits()) {
      if (exercise_ids.count(suit) == 0) {
        problems.push_back("card " + card.id() + " suits \"" + suit +
                           "\", which is not an exercise in assets/exercises");
      }
    }
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
