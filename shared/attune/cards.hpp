// The card scheduler: which cards a speaker is offered face up, which one a
// blind draw gives, and the couple's own cards. Pure: everything comes from
// the room's state (the seed, the deck, the cards played, the passes).
//
// The depth rule: a deck's light cards come first; medium cards are offered
// once `kLighterBeforeDeeper` light cards of that deck were played (or all
// of them, when the deck has fewer), deep ones once as many medium cards
// were. Cards played in earlier sessions count (CardsRemembered).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "attune/room_state.hpp"

namespace attune {

// How many cards the speaker sees face up at the prompt step.
inline constexpr std::size_t kOfferedCards = 3;
// How many times per round the speaker may pass on the face-up cards.
inline constexpr std::uint32_t kPassesPerRound = 1;
// A deeper level waits for this many played cards one level lighter.
inline constexpr std::size_t kLighterBeforeDeeper = 3;
// The couple's own cards: at most this many are kept, each this long.
// (The length of one, kMaxCustomCardChars, is in room_state.hpp with the
// other limits on writing.)
inline constexpr std::size_t kMaxCustomCards = 200;

// The cards the deck offers now: the deck in play plus the couple's own
// (those added before the round began).
[[nodiscard]] std::vector<const v1::Card*> card_pool(const RoomState& state);

// The deepest level (1 light, 2 medium, 3 deep) the couple is offered now.
[[nodiscard]] int deepest_offered_level(const RoomState& state);

// The cards face up for the current round, after the passes made so far:
// up to kOfferedCards, none played before while unplayed ones remain, within
// the depth rule, those suiting the exercise first. A pass shows cards not
// offered before in this round while the deck has them. Empty when the deck
// (and the couple's own cards) is empty.
[[nodiscard]] std::vector<const v1::Card*> offered_cards(const RoomState& state);

// The card a blind draw gives (the same rules as the offer, one card).
[[nodiscard]] const v1::Card* blind_draw(const RoomState& state);

// Why the speaker cannot pass now, or nothing when they can.
[[nodiscard]] std::optional<Rejection> pass_refusal(const RoomState& state);

// Makes the couple's own card from what a person wrote, or says why not.
// The id is stable and unique: "own-" + the room id + the event's number.
struct CustomCardResult {
  std::optional<v1::Card> card;
  std::optional<Rejection> refusal;
};
[[nodiscard]] CustomCardResult make_custom_card(const RoomState& state, const std::string& prompt, std::uint64_t seq);

// True for a card a couple added themselves.
[[nodiscard]] bool is_custom_card(const v1::Card& card);

}  // namespace attune
