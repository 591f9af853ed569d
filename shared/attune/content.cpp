#include "attune/content.hpp"

#include "attune/rules.hpp"

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
#include "attune/nudges.hpp"
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
Loaded<T> load_text(const std::filesystem::path& file, google::protobuf::TextFormat::ParseInfoTree* tree = nullptr) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ContentError{"Cannot open " + file.string() + "."};
  std::ostringstream text;
  text << in.rdbuf();
  T message;
  google::protobuf::TextFormat::Parser parser;
  ErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  if (tree != nullptr) parser.WriteLocationsTo(tree);
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

// The line (1-based) where the field a problem points at was written, or 0.
int line_of(const google::protobuf::Descriptor* descriptor, const google::protobuf::TextFormat::ParseInfoTree* tree,
            const ContentProblem& problem) {
  int line = 0;
  for (const auto& [name, index] : problem.where) {
    if (descriptor == nullptr || tree == nullptr) break;
    const auto* field = descriptor->FindFieldByName(name);
    if (field == nullptr) break;
    const int at = field->is_repeated() ? std::max(index, 0) : -1;
    const auto location = tree->GetLocation(field, at);
    if (location.line >= 0) line = location.line + 1;
    if (field->message_type() == nullptr) break;
    tree = tree->GetTreeForNested(field, at);
    descriptor = field->message_type();
  }
  return line;
}

// Loads, then refuses the file on its first problem, naming the line.
template <typename T>
Loaded<T> with_located_checks(const std::filesystem::path& file, std::vector<ContentProblem> (*check)(const T&)) {
  google::protobuf::TextFormat::ParseInfoTree tree;
  auto loaded = load_text<T>(file, &tree);
  if (auto* value = std::get_if<T>(&loaded)) {
    const auto problems = check(*value);
    if (!problems.empty()) {
      const int line = line_of(T::descriptor(), &tree, problems.front());
      return ContentError{file.string() + (line > 0 ? ", line " + std::to_string(line) : std::string()) + ": " +
                          problems.front().message + "."};
    }
  }
  return loaded;
}

}  // namespace

Loaded<v1::Deck> load_deck(const std::filesystem::path& file) {
  return with_checks(load_text<v1::Deck>(file), file, &check_deck);
}

Loaded<v1::Exercise> load_exercise(const std::filesystem::path& file) {
  return with_located_checks<v1::Exercise>(file, &check_exercise_located);
}

Loaded<v1::FeelingsList> load_feelings(const std::filesystem::path& file) {
  return with_located_checks<v1::FeelingsList>(file, &check_feelings);
}

Loaded<v1::NeedsList> load_needs(const std::filesystem::path& file) {
  return with_located_checks<v1::NeedsList>(file, &check_needs);
}

Loaded<v1::CareList> load_care(const std::filesystem::path& file) {
  return with_located_checks<v1::CareList>(file, &check_care);
}

Loaded<v1::NudgeLexicon> load_nudges(const std::filesystem::path& file) {
  return with_located_checks<v1::NudgeLexicon>(file, &check_nudges);
}

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
  auto needs = load_needs(assets_dir / "needs.textproto");
  if (auto* e = std::get_if<ContentError>(&needs)) return *e;
  auto care = load_care(assets_dir / "care.textproto");
  if (auto* e = std::get_if<ContentError>(&care)) return *e;
  content.exercises = std::get<std::vector<v1::Exercise>>(std::move(exercises));
  content.decks = std::get<std::vector<v1::Deck>>(std::move(decks));
  if (auto e = check_decks_together(content.decks, deck_files, content.exercises)) return *e;
  if (auto e = put_default_first(content.exercises, "attune", assets_dir / "exercises")) return *e;
  if (auto e = put_default_first(content.decks, "attune-starter", assets_dir / "decks")) return *e;
  content.exercise = content.exercises.front();
  content.deck = content.decks.front();
  content.feelings = std::get<v1::FeelingsList>(std::move(feelings));
  content.nudges = std::get<v1::NudgeLexicon>(std::move(nudges));
  content.needs = std::get<v1::NeedsList>(std::move(needs));
  content.care = std::get<v1::CareList>(std::move(care));
  return content;
}

std::filesystem::path default_assets_dir() {
  if (const char* env = std::getenv("ATTUNE_ASSETS"); env != nullptr && *env != '\0') return env;
  // Next to the running program: <prefix>/bin/../share/attune once installed
  // (wherever the prefix was moved); the build folder mirrors it with a link.
  std::error_code ec;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", ec);
  const auto beside =
      ec ? std::filesystem::path() : (program.parent_path() / ATTUNE_ASSETS_FROM_BIN).lexically_normal();
  if (!beside.empty() && std::filesystem::is_directory(beside / "exercises", ec)) return beside;
  if (std::filesystem::is_directory("assets/exercises", ec) || beside.empty()) return "assets";
  // Missing everywhere: the error then names where an installed copy belongs.
  return beside;
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
  std::string tags;
  if (v1::Depth_IsValid(card.depth())) tags = kDepths[static_cast<std::size_t>(card.depth())];
  if (v1::AttunePart_IsValid(card.focus()) && card.focus() != v1::ATTUNE_PART_UNSPECIFIED) {
    if (!tags.empty()) tags += " · ";
    tags += "leans on " + std::string(part_name(card.focus()));
  }
  return tags;
}

std::string deck_summary(const v1::Deck& deck) {
  static constexpr std::array<const char*, 4> kDepths{"untagged", "light", "medium", "deep"};
  std::array<std::string, 7> parts{"untagged"};
  for (const auto& text : kAttuneParts) parts[static_cast<std::size_t>(text.part)] = ascii_lower(text.short_name);
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
  append(parts, by_part);
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

std::vector<ContentProblem> check_exercise_located(const v1::Exercise& exercise) {
  std::vector<ContentProblem> problems;
  if (exercise.id().empty()) problems.push_back({"the exercise has no id", {{"id", -1}}});
  if (exercise.steps().empty()) problems.push_back({"the exercise has no steps", {}});
  std::set<int> seen;
  v1::StepKind previous = v1::STEP_KIND_UNSPECIFIED;
  bool seen_rate = false;
  for (int i = 0; i < exercise.steps_size(); ++i) {
    const auto& step = exercise.steps(i);
    const ContentProblem::Where here{{"steps", i}};
    // Where a kind may stand is the kind's own row in the rules.
    if (const StepRule* rule = step_rule(step.kind())) {
      const bool after_missing = rule->after != v1::STEP_KIND_UNSPECIFIED && seen.count(rule->after) == 0;
      const bool listener_missing = rule->right_after_listener && !is_listener_step(previous);
      if (after_missing || listener_missing) problems.push_back({rule->placement, here});
    } else {
      problems.push_back({"step \"" + step.title() + "\" has an unknown kind", {{"steps", i}, {"kind", -1}}});
    }
    if (step.title().empty()) problems.push_back({"a step has no title", here});
    if (step.kind() == v1::STEP_KIND_RATE) seen_rate = true;
    seen.insert(step.kind());
    previous = step.kind();
  }
  // A round ends with a reveal that both acknowledge; without one it would
  // never end.
  if (!exercise.steps().empty() && exercise.steps(exercise.steps_size() - 1).kind() != v1::STEP_KIND_REVEAL) {
    problems.push_back({"the last step must be a reveal", {{"steps", exercise.steps_size() - 1}}});
  }
  if (seen_rate && seen.count(v1::STEP_KIND_REVEAL) == 0)
    problems.push_back({"a rate step needs a reveal after it", {}});
  return problems;
}

std::vector<std::string> check_exercise(const v1::Exercise& exercise) {
  std::vector<std::string> messages;
  for (auto& problem : check_exercise_located(exercise)) messages.push_back(std::move(problem.message));
  return messages;
}

// ------------------------------------------------- feelings, needs, care

namespace {

// Words compared the way a person reads them: case and outer spaces aside.
std::string folded(const std::string& word) { return ascii_lower(trim(word)); }

// Shared by feelings and needs: named families of short, unique words.
template <typename Group>
void check_families(const google::protobuf::RepeatedPtrField<Group>& groups, const char* what,
                    std::set<std::string>& seen, std::vector<ContentProblem>& problems) {
  if (groups.empty()) problems.push_back({std::string("there are no ") + what + " groups", {}});
  std::set<std::string> names;
  for (int g = 0; g < groups.size(); ++g) {
    const auto& group = groups.Get(g);
    if (trim(group.name()).empty())
      problems.push_back({std::string("a group of ") + what + " has no name", {{"groups", g}}});
    if (!names.insert(folded(group.name())).second) {
      problems.push_back({"the group name \"" + group.name() + "\" is used twice", {{"groups", g}, {"name", -1}}});
    }
    if (group.words().empty()) problems.push_back({"the group \"" + group.name() + "\" has no words", {{"groups", g}}});
    for (int w = 0; w < group.words_size(); ++w) {
      const std::string& word = group.words(w);
      const std::vector<std::pair<std::string, int>> where{{"groups", g}, {"words", w}};
      if (trim(word).empty()) {
        problems.push_back({"the group \"" + group.name() + "\" has an empty word", where});
      } else if (!is_valid_utf8(word)) {
        problems.push_back({"a word in \"" + group.name() + "\" is not valid UTF-8", where});
      } else if (utf8_length(word) > kMaxNameChars) {
        problems.push_back({"\"" + word + "\" is longer than " + std::to_string(kMaxNameChars) + " characters", where});
      } else if (!seen.insert(folded(word)).second) {
        problems.push_back({"\"" + word + "\" is listed twice", where});
      }
    }
  }
}

}  // namespace

std::vector<ContentProblem> check_feelings(const v1::FeelingsList& feelings) {
  std::vector<ContentProblem> problems;
  std::set<std::string> words;
  check_families(feelings.groups(), "feelings", words, problems);
  std::set<std::string> pseudo;
  for (int p = 0; p < feelings.pseudo_size(); ++p) {
    const auto& entry = feelings.pseudo(p);
    if (trim(entry.word()).empty()) {
      problems.push_back({"a pseudo-feeling has no word", {{"pseudo", p}}});
      continue;
    }
    if (words.count(folded(entry.word())) > 0) {
      problems.push_back({"\"" + entry.word() + "\" is both a feeling and a pseudo-feeling; keep it in one place",
                          {{"pseudo", p}, {"word", -1}}});
    }
    if (!pseudo.insert(folded(entry.word())).second) {
      problems.push_back(
          {"the pseudo-feeling \"" + entry.word() + "\" is listed twice", {{"pseudo", p}, {"word", -1}}});
    }
    if (entry.underneath().empty()) {
      problems.push_back({"the pseudo-feeling \"" + entry.word() + "\" names no feeling underneath", {{"pseudo", p}}});
    }
    for (int u = 0; u < entry.underneath_size(); ++u) {
      if (words.count(folded(entry.underneath(u))) == 0) {
        problems.push_back(
            {"\"" + entry.underneath(u) + "\" under \"" + entry.word() + "\" is not in any feelings group",
             {{"pseudo", p}, {"underneath", u}}});
      }
    }
  }
  return problems;
}

std::vector<ContentProblem> check_needs(const v1::NeedsList& needs) {
  std::vector<ContentProblem> problems;
  std::set<std::string> words;
  check_families(needs.groups(), "needs", words, problems);
  return problems;
}

std::vector<ContentProblem> check_care(const v1::CareList& care) {
  std::vector<ContentProblem> problems;
  if (trim(care.note()).empty()) problems.push_back({"the care note is empty", {{"note", -1}}});
  if (care.resources().empty()) problems.push_back({"there are no resources", {}});
  for (int r = 0; r < care.resources_size(); ++r) {
    const auto& resource = care.resources(r);
    if (trim(resource.kind()).empty())
      problems.push_back({"a resource does not say what kind of help it is", {{"resources", r}}});
    if (trim(resource.how()).empty()) {
      problems.push_back({"the resource \"" + resource.kind() + "\" does not say how to find it", {{"resources", r}}});
    }
    if (!resource.url().empty() && resource.url().rfind("https://", 0) != 0) {
      problems.push_back(
          {"the address of \"" + resource.kind() + "\" must start with https://", {{"resources", r}, {"url", -1}}});
    }
  }
  return problems;
}

std::vector<std::string> pseudo_feeling_hints(const v1::FeelingsList& feelings, std::string_view text) {
  std::vector<std::string> hints;
  const auto words = nudge_words(text);
  for (const auto& entry : feelings.pseudo()) {
    const auto wanted = nudge_words(entry.word());
    if (wanted.empty()) continue;
    bool found = false;
    for (std::size_t i = 0; i + wanted.size() <= words.size() && !found; ++i) {
      if (words[i].quoted) continue;
      std::size_t k = 0;
      while (k < wanted.size() && words[i + k].word == wanted[k].word) ++k;
      found = k == wanted.size();
    }
    if (!found) continue;
    if (!entry.hint().empty()) {
      hints.push_back(entry.hint());
      continue;
    }
    std::string under;
    for (int u = 0; u < entry.underneath_size(); ++u) {
      if (u > 0) under += u + 1 == entry.underneath_size() ? " or " : ", ";
      under += entry.underneath(u);
    }
    hints.push_back("\"" + entry.word() + "\" says what someone did; underneath it you might be feeling " + under +
                    ".");
  }
  return hints;
}

namespace {

// One value of a card field as a person reads it: the enum name without its
// prefix ("ATTUNE_PART_EMPATHY" -> "empathy") or the string itself.
std::string readable(const google::protobuf::Message& card, const google::protobuf::FieldDescriptor* field, int index) {
  const auto* reflection = card.GetReflection();
  if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_ENUM) {
    const auto* value = index < 0 ? reflection->GetEnum(card, field) : reflection->GetRepeatedEnum(card, field, index);
    std::string name = value->name();
    const std::string prefix = field->enum_type()->value_count() > 0 ? field->enum_type()->value(0)->name() : "";
    const auto cut = prefix.rfind('_');
    // The first value is the UNSPECIFIED one; its prefix is the enum's.
    if (cut != std::string::npos && name.rfind(prefix.substr(0, cut + 1), 0) == 0) name = name.substr(cut + 1);
    return ascii_lower(name);
  }
  if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
    return index < 0 ? reflection->GetString(card, field) : reflection->GetRepeatedString(card, field, index);
  }
  return "?";
}

void tally(const google::protobuf::Message& card, const char* name, std::map<std::string, int>& counts) {
  const auto* field = card.GetDescriptor()->FindFieldByName(name);
  if (field == nullptr) return;
  const auto* reflection = card.GetReflection();
  if (field->is_repeated()) {
    const int n = reflection->FieldSize(card, field);
    if (n == 0) ++counts["(none)"];
    for (int i = 0; i < n; ++i) ++counts[readable(card, field, i)];
  } else {
    std::string value = readable(card, field, -1);
    ++counts[value.empty() || value == "unspecified" ? "(none)" : value];
  }
}

std::string counts_line(const std::map<std::string, int>& counts) {
  std::string line;
  for (const auto& [name, count] : counts) line += "  " + name + " " + std::to_string(count);
  return line;
}

}  // namespace

std::string describe_content(const Content& content) {
  std::ostringstream out;
  out << "Exercises: " << content.exercises.size() << "\n";
  for (const auto& exercise : content.exercises) {
    out << "  " << exercise.id() << ": \"" << exercise.title() << "\", " << exercise.steps_size() << " steps\n";
  }
  std::map<std::string, int> depth;
  std::map<std::string, int> parts;
  std::map<std::string, int> suits;
  std::size_t cards = 0;
  out << "Decks: " << content.decks.size() << "\n";
  for (const auto& deck : content.decks) {
    out << "  " << deck_summary(deck) << "\n";
    for (const auto& card : deck.cards()) {
      ++cards;
      tally(card, "depth", depth);
      if (card.GetDescriptor()->FindFieldByName("parts") != nullptr) {
        tally(card, "parts", parts);
      } else if (card.GetDescriptor()->FindFieldByName("part") != nullptr) {
        tally(card, "part", parts);
      } else {
        tally(card, "focus", parts);
      }
      tally(card, "suits", suits);
    }
  }
  out << "Cards: " << cards << "\n";
  if (!depth.empty()) out << "By depth:" << counts_line(depth) << "\n";
  out << "By ATTUNE part:" << counts_line(parts) << "\n";
  if (!suits.empty()) out << "By exercise suited:" << counts_line(suits) << "\n";
  std::size_t feelings = 0;
  for (const auto& group : content.feelings.groups()) feelings += static_cast<std::size_t>(group.words_size());
  out << "Feelings: " << feelings << " in " << content.feelings.groups_size() << " families, "
      << content.feelings.pseudo_size() << " pseudo-feelings with hints\n";
  std::size_t needs = 0;
  for (const auto& group : content.needs.groups()) needs += static_cast<std::size_t>(group.words_size());
  out << "Needs: " << needs << " in " << content.needs.groups_size() << " families\n";
  std::map<std::string, int> kinds;
  std::size_t phrases = 0;
  for (const auto& rule : content.nudges.rules()) {
    ++kinds[ascii_lower(v1::NudgeKind_Name(rule.kind()).substr(std::string("NUDGE_KIND_").size()))];
    phrases += static_cast<std::size_t>(rule.phrases_size());
  }
  out << "Nudges: " << content.nudges.rules_size() << " rules, " << phrases << " patterns, "
      << content.nudges.lists_size() << " word lists, " << content.nudges.respellings_size()
      << " respellings; rules per kind:" << counts_line(kinds) << "\n";
  out << "Care: " << content.care.resources_size() << " resources\n";
  return out.str();
}

}  // namespace attune
