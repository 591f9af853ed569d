// Loading and checking the content in assets/: decks, exercises, feelings
// and nudges, all protobuf text format. Loading reads files; checking is pure.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "attune/content_problem.hpp"
#include "attune/v1/content.pb.h"

namespace attune {

struct ContentError {
  std::string message;  // names the file and what is wrong with it
};

template <typename T>
using Loaded = std::variant<T, ContentError>;

// Everything a room needs to start, loaded together.
struct Content {
  v1::Exercise exercise;                // the default: exercises/attune.textproto
  v1::Deck deck;                        // the default: decks/attune-starter.textproto
  std::vector<v1::Exercise> exercises;  // every exercise in the folder, the default first
  std::vector<v1::Deck> decks;          // every deck in the folder, the default first
  v1::FeelingsList feelings;
  v1::NudgeLexicon nudges;
  v1::NeedsList needs;
  v1::CareList care;
};

[[nodiscard]] Loaded<v1::Deck> load_deck(const std::filesystem::path& file);
[[nodiscard]] Loaded<v1::Exercise> load_exercise(const std::filesystem::path& file);
[[nodiscard]] Loaded<v1::FeelingsList> load_feelings(const std::filesystem::path& file);
[[nodiscard]] Loaded<v1::NudgeLexicon> load_nudges(const std::filesystem::path& file);
[[nodiscard]] Loaded<v1::NeedsList> load_needs(const std::filesystem::path& file);
[[nodiscard]] Loaded<v1::CareList> load_care(const std::filesystem::path& file);

// Loads every exercises/*.textproto and decks/*.textproto (attune and
// attune-starter are the defaults), feelings.textproto, needs.textproto,
// care.textproto and nudges.textproto. Refuses, naming the deck file, a card
// that suits an unknown exercise or a card id used in two decks; feelings,
// needs, care and nudges are refused on their first problem, naming the file
// and the line.
[[nodiscard]] Loaded<Content> load_content(const std::filesystem::path& assets_dir);

// How a drawn card is introduced to both partners: its depth and the ATTUNE
// part it leans on, e.g. "Medium · leans on Empathy"; empty for an own topic.
[[nodiscard]] std::string card_tags(const v1::Card& card);

// One line of counts for a content check: the deck's cards by depth and by
// the ATTUNE part they lean on, e.g. "trust: 38 cards; light 12, medium 15,
// deep 11; awareness 9, turning toward 8, ...".
[[nodiscard]] std::string deck_summary(const v1::Deck& deck);

// The assets folder: $ATTUNE_ASSETS if set, else the one beside the running
// program (<prefix>/share/attune for <prefix>/bin/attune, or the build
// folder's link to the source tree's assets/), else ./assets if there is
// one, else the folder beside the program (so an error names it).
[[nodiscard]] std::filesystem::path default_assets_dir();

// Pure checks; an empty vector means the content is fine.
// check_deck: ids, prompts, and every card tagged with depth, ATTUNE part
// (`focus`) and at least one exercise it suits.
[[nodiscard]] std::vector<std::string> check_deck(const v1::Deck& deck);
// Every exercise a card suits is one of `exercise_ids`.
[[nodiscard]] std::vector<std::string> check_deck_exercises(const v1::Deck& deck,
                                                            const std::set<std::string>& exercise_ids);
[[nodiscard]] std::vector<std::string> check_exercise(const v1::Exercise& exercise);
// The same problems, each with the step it is about (the loader names its line).
[[nodiscard]] std::vector<ContentProblem> check_exercise_located(const v1::Exercise& exercise);
[[nodiscard]] std::vector<ContentProblem> check_feelings(const v1::FeelingsList& feelings);
[[nodiscard]] std::vector<ContentProblem> check_needs(const v1::NeedsList& needs);
[[nodiscard]] std::vector<ContentProblem> check_care(const v1::CareList& care);

// A plain-text summary for people checking content: counts per exercise,
// deck, depth and ATTUNE part, and of feelings, needs, nudges and care.
// Card tags (depth, parts, exercises) are counted when the Card message has
// them.
[[nodiscard]] std::string describe_content(const Content& content);

// Gentle hints for pseudo-feelings ("I feel rejected") written in `text`:
// one sentence each suggesting the feelings that may sit underneath.
[[nodiscard]] std::vector<std::string> pseudo_feeling_hints(const v1::FeelingsList& feelings, std::string_view text);

}  // namespace attune
