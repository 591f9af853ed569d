// A scripted partner: looks at its model like a person looks at the screen
// and, when it is its turn, writes the next command. Varied, seeded text.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include "model/model.hpp"

namespace attune::client {

class ScriptedPartner {
 public:
  explicit ScriptedPartner(std::uint64_t seed) : random_(seed) {}

  // The command this partner would send now, if any.
  [[nodiscard]] std::optional<v1::Command> next(const Model& model);

 private:
  // A proposal from the other partner, or the closing, waits for this seat:
  // the script agrees and writes a short appreciation, so a person playing
  // with it is never left waiting for an answer that does not come.
  std::optional<v1::Command> ritual_reply(const Model& model);
  const char* pick(const char* const* options, std::size_t count);
  std::uint32_t between(std::uint32_t low, std::uint32_t high);
  v1::PartScores scores_near(std::uint32_t centre);

  std::mt19937_64 random_;
  std::uint32_t round_centre_ = 5;  // speaker's score centre, shared per round by the seed
};

// A scripted host: starts each round when the couple is ready, and pins a
// private note and a flag to a moment of every round.
class ScriptedHost {
 public:
  // `keep_ratings`: before the first round, set each rating to stay with its rater.
  ScriptedHost(std::string note, std::uint32_t rounds, bool keep_ratings = false)
      : note_(std::move(note)), rounds_(rounds), keep_ratings_(keep_ratings) {}

  [[nodiscard]] std::optional<v1::Command> next(const Model& model);

 private:
  std::string note_;  // empty: varied sample notes
  std::uint32_t rounds_;
  bool keep_ratings_ = false;
  std::uint32_t noted_round_ = 0;
  std::uint32_t flagged_round_ = 0;
};

// "6/5/7/6/6/7"
[[nodiscard]] std::string format_parts(const v1::PartScores& parts);

}  // namespace attune::client
