// Loading and checking the content in assets/: decks, exercises, feelings
// and nudges, all protobuf text format. Loading reads files; checking is pure.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <variant>
#include <vector>

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
};

[[nodiscard]] Loaded<v1::Deck> load_deck(const std::filesystem::path& file);
[[nodiscard]] Loaded<v1::Exercise> load_exercise(const std::filesystem::path& file);
[[nodiscard]] Loaded<v1::FeelingsList> load_feelings(const std::filesystem::path& file);
[[nodiscard]] Loaded<v1::NudgeLexicon> load_nudges(const std::filesystem::path& file);

// Loads every exercises/*.textproto and decks/*.textproto (attune and
// attune-starter are the defaults), feelings.textproto and nudges.textproto.
// Refuses, naming the deck file, a card that suits an unknown exercise or a
// card id used in two decks.
[[nodiscard]] Loaded<Content> load_content(const std::filesystem::path& assets_dir);

// How a drawn card is introduced to both partners: its depth and the ATTUNE
// part it leans on, e.g. "Medium · leans on Empathy"; empty for an own topic.
[[nodiscard]] std::string card_tags(const v1::Card& card);

// One line of counts for a content check: the deck's cards by depth and by
// the ATTUNE part they lean on, e.g. "trust: 38 cards; light 12, medium 15,
// deep 11; awareness 9, turning toward 8, ...".
[[nodiscard]] std::string deck_summary(const v1::Deck& deck);

// The assets folder: $ATTUNE_ASSETS if set, else the one this build was
// configured with, else ./assets.
[[nodiscard]] std::filesystem::path default_assets_dir();

// Pure checks; an empty vector means the content is fine.
// check_deck: ids, prompts, and every card tagged with depth, ATTUNE part
// (`focus`) and at least one exercise it suits.
[[nodiscard]] std::vector<std::string> check_deck(const v1::Deck& deck);
// Every exercise a card suits is one of `exercise_ids`.
[[nodiscard]] std::vector<std::string> check_deck_exercises(const v1::Deck& deck,
                                                            const std::set<std::string>& exercise_ids);
[[nodiscard]] std::vector<std::string> check_exercise(const v1::Exercise& exercise);

}  // namespace attune
