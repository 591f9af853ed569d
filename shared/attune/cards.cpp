#include "attune/cards.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "attune/rules.hpp"
#include "attune/text.hpp"

namespace attune {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}

constexpr const char* kCustomPrefix = "own-";

// Depth as a level 1..3; an untagged card (the couple's own) counts as light.
int depth_level(const v1::Card& card) {
  return card.depth() == v1::DEPTH_MEDIUM ? 2 : card.depth() == v1::DEPTH_DEEP ? 3 : 1;
}

bool was_played(const RoomState& state, const v1::Card& card) {
  return std::find(state.played_cards.begin(), state.played_cards.end(), card.id()) != state.played_cards.end();
}

bool contains(const std::vector<const v1::Card*>& cards, const v1::Card* card) {
  return std::find(cards.begin(), cards.end(), card) != cards.end();
}

// Keeps the cards `keep` accepts, unless that would leave none.
template <typename Keep>
void narrow(std::vector<const v1::Card*>& cards, Keep keep) {
  std::vector<const v1::Card*> kept;
  for (const auto* card : cards) {
    if (keep(*card)) kept.push_back(card);
  }
  if (!kept.empty()) cards = std::move(kept);
}

// The cards a draw or an offer may give now: never one already played while
// unplayed ones remain; once all were played, any but the most recent half
// of the pool's history. Cards suiting the exercise first (a card naming no
// exercise suits all), then the depth rule.
std::vector<const v1::Card*> candidates(const RoomState& state) {
  const std::vector<const v1::Card*> pool = card_pool(state);
  if (pool.empty()) return {};
  std::vector<const v1::Card*> fresh;
  for (const auto* card : pool) {
    if (!was_played(state, *card)) fresh.push_back(card);
  }
  if (fresh.empty()) {
    std::vector<std::string> history;  // this pool's plays, oldest first
    for (const auto& id : state.played_cards) {
      if (std::any_of(pool.begin(), pool.end(), [&](const v1::Card* card) { return card->id() == id; })) {
        history.push_back(id);
      }
    }
    const std::size_t keep_out = std::min(pool.size() / 2, history.size());
    const auto recent_from = history.end() - static_cast<std::ptrdiff_t>(keep_out);
    for (const auto* card : pool) {
      if (std::find(recent_from, history.end(), card->id()) == history.end()) fresh.push_back(card);
    }
    if (fresh.empty()) fresh.push_back(pool.front());
  }
  narrow(fresh, [&](const v1::Card& card) {
    return card.suits().empty() ||
           std::find(card.suits().begin(), card.suits().end(), state.exercise.id()) != card.suits().end();
  });
  const int deepest = deepest_offered_level(state);
  narrow(fresh, [&](const v1::Card& card) { return depth_level(card) <= deepest; });
  return fresh;
}

// Up to `count` of `from`, chosen without repeats by the generator `key`.
std::vector<const v1::Card*> choose(std::vector<const v1::Card*> from, std::size_t count, std::uint64_t key) {
  std::vector<const v1::Card*> chosen;
  while (!from.empty() && chosen.size() < count) {
    key = splitmix64(key);
    const auto at = static_cast<std::ptrdiff_t>(key % from.size());
    chosen.push_back(from[static_cast<std::size_t>(at)]);
    from.erase(from.begin() + at);
  }
  return chosen;
}

}  // namespace

std::vector<const v1::Card*> card_pool(const RoomState& state) {
  std::vector<const v1::Card*> pool;
  pool.reserve(static_cast<std::size_t>(state.deck.cards_size()) + state.custom_cards.size());
  for (const auto& card : state.deck.cards()) pool.push_back(&card);
  // Before the first round every own card counts; during a round, those
  // added before it began.
  const std::size_t own = state.round.number == 0
                              ? state.custom_cards.size()
                              : std::min(state.round.custom_cards_in_play, state.custom_cards.size());
  for (std::size_t i = 0; i < own; ++i) pool.push_back(&state.custom_cards[i]);
  return pool;
}

int deepest_offered_level(const RoomState& state) {
  // Per level: how many cards the pool has, and how many of them were played.
  std::array<std::size_t, 4> in_pool{};
  std::array<std::size_t, 4> played_at{};
  for (const auto* card : card_pool(state)) {
    const auto level = static_cast<std::size_t>(depth_level(*card));
    ++in_pool[level];
    if (was_played(state, *card)) ++played_at[level];
  }
  int deepest = 1;
  while (deepest < 3) {
    const auto lighter = static_cast<std::size_t>(deepest);
    if (played_at[lighter] < std::min(kLighterBeforeDeeper, in_pool[lighter])) break;
    ++deepest;
  }
  return deepest;
}

std::vector<const v1::Card*> offered_cards(const RoomState& state) {
  const std::vector<const v1::Card*> fresh = candidates(state);
  const std::uint64_t round_key = state.seed ^ (static_cast<std::uint64_t>(state.round.number) << 32U) ^
                                  (0x0FFE4ULL * (state.played_cards.size() + 1));
  std::vector<const v1::Card*> shown_before;
  std::vector<const v1::Card*> offer;
  for (std::uint32_t pass = 0; pass <= state.round.passes && pass <= kPassesPerRound; ++pass) {
    shown_before.insert(shown_before.end(), offer.begin(), offer.end());
    std::vector<const v1::Card*> unseen;
    for (const auto* card : fresh) {
      if (!contains(shown_before, card)) unseen.push_back(card);
    }
    const std::uint64_t key = splitmix64(round_key ^ (0xCA4DULL * (pass + 1)));
    offer = choose(unseen, kOfferedCards, key);
    // A small deck: top the offer up with cards shown before.
    if (offer.size() < kOfferedCards) {
      std::vector<const v1::Card*> again;
      for (const auto* card : shown_before) {
        if (!contains(offer, card)) again.push_back(card);
      }
      for (const auto* card : choose(again, kOfferedCards - offer.size(), key)) offer.push_back(card);
    }
  }
  return offer;
}

const v1::Card* blind_draw(const RoomState& state) {
  const std::vector<const v1::Card*> fresh = candidates(state);
  if (fresh.empty()) return nullptr;
  const std::uint64_t pick = splitmix64(state.seed ^ (0x5151ULL * (state.played_cards.size() + 1)) ^
                                        (static_cast<std::uint64_t>(state.round.number) << 32U));
  return fresh[static_cast<std::size_t>(pick % fresh.size())];
}

std::optional<Rejection> pass_refusal(const RoomState& state) {
  if (state.round.passes >= kPassesPerRound) {
    return Rejection{v1::ERROR_CODE_OUT_OF_TURN,
                     "You have already passed once this round. Pick one of the cards shown, draw one blind, or "
                     "write your own topic."};
  }
  if (candidates(state).size() <= offered_cards(state).size()) {
    return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT,
                     "There are no other cards to show from this deck. Pick one of these, draw one blind, or "
                     "write your own topic."};
  }
  return std::nullopt;
}

CustomCardResult make_custom_card(const RoomState& state, const std::string& prompt, std::uint64_t seq) {
  CustomCardResult result;
  if (auto bad = writing_refusal(Writing::kCustomCard, prompt)) {
    result.refusal = std::move(bad);
    return result;
  }
  const std::string text(trim(prompt));
  if (state.custom_cards.size() >= kMaxCustomCards) {
    result.refusal = Rejection{v1::ERROR_CODE_INVALID_ARGUMENT,
                               "You already have " + std::to_string(kMaxCustomCards) +
                                   " cards of your own, the most this laptop keeps. Play some of them first."};
    return result;
  }
  for (const auto& card : state.custom_cards) {
    if (card.prompt() == text) {
      result.refusal = Rejection{v1::ERROR_CODE_INVALID_ARGUMENT,
                                 "You already have a card that says this; it is among your own cards."};
      return result;
    }
  }
  v1::Card card;
  card.set_id(std::string(kCustomPrefix) + state.room_id + "-" + std::to_string(seq));
  card.set_prompt(text);
  card.set_depth(v1::DEPTH_LIGHT);
  result.card = std::move(card);
  return result;
}

bool is_custom_card(const v1::Card& card) { return card.id().rfind(kCustomPrefix, 0) == 0; }

}  // namespace attune
