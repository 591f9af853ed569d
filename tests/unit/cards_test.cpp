// The card scheduler seen by a couple: face-up cards to pick from, one pass
// a round, deeper levels after lighter ones, cards remembered from earlier
// sessions, and cards of the couple's own.
#include "attune/cards.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "attune/engine.hpp"
#include "played_room.hpp"

namespace attune {
namespace {

using namespace fixtures;

v1::Command pick(const std::string& card_id) {
  v1::Command command;
  command.mutable_draw_card()->set_card_id(card_id);
  return command;
}

v1::Command pass() {
  v1::Command command;
  command.mutable_pass_cards();
  return command;
}

v1::Command add_card(const std::string& prompt) {
  v1::Command command;
  command.mutable_add_custom_card()->set_prompt(prompt);
  return command;
}

std::vector<std::string> ids_of(const std::vector<const v1::Card*>& cards) {
  std::vector<std::string> ids;
  for (const auto* card : cards) ids.push_back(card->id());
  return ids;
}

// 6 light, 4 medium and 2 deep cards, all suiting the ATTUNE round.
v1::Deck layered_deck() {
  v1::Deck deck;
  deck.set_id("layered");
  const std::vector<std::pair<v1::Depth, int>> layers{{v1::DEPTH_LIGHT, 6}, {v1::DEPTH_MEDIUM, 4}, {v1::DEPTH_DEEP, 2}};
  for (const auto& [depth, count] : layers) {
    for (int i = 0; i < count; ++i) {
      auto* card = deck.add_cards();
      card->set_id(std::string(v1::Depth_Name(depth)) + "-" + std::to_string(i));
      card->set_prompt("A prompt");
      card->set_depth(depth);
      card->set_focus(v1::ATTUNE_PART_AWARENESS);
      card->add_suits("attune");
    }
  }
  return deck;
}

// A's room on `deck`, with B about to sit down remembering `remembered`.
PlayedRoom room_on(const v1::Deck& deck, std::uint64_t seed, const std::vector<std::string>& remembered = {},
                   const std::vector<v1::Card>& custom = {}) {
  PlayedRoom room;
  OpenRoom input;
  input.room_id = "r1";
  input.exercise = shipped_content().exercise;
  input.deck = deck;
  input.seed = seed;
  input.creator_name = "Ana";
  room.apply(input);
  TakeSeat take{kB, "Ben", false};
  take.remembered_cards = remembered;
  take.custom_cards = custom;
  room.apply(take);
  return room;
}

v1::Depth depth_of(const v1::Deck& deck, const std::string& id) {
  for (const auto& card : deck.cards()) {
    if (card.id() == id) return card.depth();
  }
  return v1::DEPTH_UNSPECIFIED;
}

TEST(CardsOffer, SpeakerSeesThreeDistinctUnplayedCardsFaceUp) {
  PlayedRoom room = PlayedRoom::playing(42);
  ASSERT_EQ(room.step(), v1::STEP_KIND_PROMPT);
  const auto offer = ids_of(offered_cards(room.state));
  ASSERT_EQ(offer.size(), kOfferedCards);
  EXPECT_EQ(std::set<std::string>(offer.begin(), offer.end()).size(), kOfferedCards);
}

TEST(CardsOffer, OfferIsTheSameForEveryoneAndEveryReplay) {
  PlayedRoom live = PlayedRoom::playing(42);
  const RoomState replayed = replay(live.log);
  EXPECT_EQ(ids_of(offered_cards(live.state)), ids_of(offered_cards(replayed)));
  // The listener's state is the fold of what the listener was sent.
  const RoomState listener = view_of(live.log, kB);
  EXPECT_EQ(ids_of(offered_cards(live.state)), ids_of(offered_cards(listener)));
  PlayedRoom other = PlayedRoom::playing(43);
  EXPECT_NE(ids_of(offered_cards(live.state)), ids_of(offered_cards(other.state)));
}

TEST(CardsOffer, PickingAFaceUpCardDrawsExactlyThatCard) {
  PlayedRoom room = PlayedRoom::playing(42);
  const std::string chosen = offered_cards(room.state)[1]->id();
  const Events events = room.act(room.speaker(), pick(chosen));
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].card_drawn().card().id(), chosen);
  EXPECT_EQ(room.state.played_cards.back(), chosen);
  EXPECT_EQ(room.step(), v1::STEP_KIND_CHECK_IN);
}

TEST(CardsOffer, CardNotOnTheTableIsRefusedWithAWayForward) {
  PlayedRoom room = PlayedRoom::playing(42);
  const auto offer = ids_of(offered_cards(room.state));
  std::string elsewhere;
  for (const auto& card : room.state.deck.cards()) {
    if (std::find(offer.begin(), offer.end(), card.id()) == offer.end()) elsewhere = card.id();
  }
  for (const std::string& id : {elsewhere, std::string("no-such-card"), std::string("\xff\xfe")}) {
    const auto refused = room.refusal_of(room.speaker(), pick(id));
    ASSERT_TRUE(refused.has_value()) << id;
    EXPECT_EQ(refused->code, v1::ERROR_CODE_INVALID_ARGUMENT);
    EXPECT_NE(refused->message.find("draw one blind"), std::string::npos) << refused->message;
  }
  EXPECT_EQ(room.step(), v1::STEP_KIND_PROMPT);
}

TEST(CardsOffer, CardAndOwnTopicTogetherAreRefused) {
  PlayedRoom room = PlayedRoom::playing(42);
  v1::Command both = pick(offered_cards(room.state)[0]->id());
  both.mutable_draw_card()->set_own_topic("Our Sundays");
  const auto refused = room.refusal_of(room.speaker(), both);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->message, "Choose either a card or your own topic, not both.");
}

TEST(CardsPass, PassShowsFreshCardsOncePerRound) {
  PlayedRoom room = PlayedRoom::playing(42);
  const auto before = ids_of(offered_cards(room.state));
  const Events events = room.act(room.speaker(), pass());
  ASSERT_EQ(events.size(), 1U);
  ASSERT_TRUE(events[0].has_cards_passed());
  EXPECT_EQ(events[0].cards_passed().round(), 1U);
  const auto after = ids_of(offered_cards(room.state));
  ASSERT_EQ(after.size(), kOfferedCards);
  for (const auto& id : after) EXPECT_EQ(std::find(before.begin(), before.end(), id), before.end()) << id;
  // A card passed on is no longer on the table.
  EXPECT_TRUE(room.refusal_of(room.speaker(), pick(before[0])).has_value());
  const auto second = room.refusal_of(room.speaker(), pass());
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->code, v1::ERROR_CODE_OUT_OF_TURN);
  EXPECT_NE(second->message.find("already passed once"), std::string::npos);
  room.act(room.speaker(), pick(after[2]));
  EXPECT_EQ(room.state.round.card->id(), after[2]);
}

TEST(CardsPass, NextRoundMayPassAgain) {
  PlayedRoom room = PlayedRoom::playing(42);
  room.act(room.speaker(), pass());
  room.play_round();
  ASSERT_EQ(room.state.round.number, 2U);
  EXPECT_EQ(room.state.round.passes, 0U);
  EXPECT_FALSE(room.refusal_of(room.speaker(), pass()).has_value());
}

TEST(CardsPass, ListenerCannotPassOrPick) {
  PlayedRoom room = PlayedRoom::playing(42);
  const auto pass_refused = room.refusal_of(room.listener(), pass());
  ASSERT_TRUE(pass_refused.has_value());
  EXPECT_EQ(pass_refused->code, v1::ERROR_CODE_OUT_OF_TURN);
  const auto pick_refused = room.refusal_of(room.listener(), pick(offered_cards(room.state)[0]->id()));
  ASSERT_TRUE(pick_refused.has_value());
  EXPECT_EQ(pick_refused->code, v1::ERROR_CODE_OUT_OF_TURN);
}

TEST(CardsPass, NoPassWhenTheDeckHasNothingElseToShow) {
  v1::Deck deck = layered_deck();
  while (deck.cards_size() > 3) deck.mutable_cards()->RemoveLast();
  PlayedRoom room = room_on(deck, 3);
  const auto refused = room.refusal_of(kA, pass());
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->message.find("no other cards"), std::string::npos);
}

TEST(CardsDepth, OfferHoldsBackDeeperLevelsUntilLighterOnesWerePlayed) {
  const v1::Deck deck = layered_deck();
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    PlayedRoom room = room_on(deck, seed);
    int light_played = 0;
    int medium_played = 0;
    for (int round = 0; round < deck.cards_size(); ++round) {
      const auto offer = offered_cards(room.state);
      ASSERT_FALSE(offer.empty());
      for (const auto* card : offer) {
        if (card->depth() == v1::DEPTH_MEDIUM) {
          EXPECT_GE(light_played, 3) << "seed " << seed;
        }
        if (card->depth() == v1::DEPTH_DEEP) {
          EXPECT_GE(medium_played, 3) << "seed " << seed;
        }
      }
      const std::string chosen = offer.front()->id();
      room.act(room.speaker(), pick(chosen));
      light_played += depth_of(deck, chosen) == v1::DEPTH_LIGHT ? 1 : 0;
      medium_played += depth_of(deck, chosen) == v1::DEPTH_MEDIUM ? 1 : 0;
      room.play_round();
    }
  }
}

TEST(CardsDepth, LevelOpensOneStepAtATime) {
  const v1::Deck deck = layered_deck();
  PlayedRoom fresh = room_on(deck, 1);
  EXPECT_EQ(deepest_offered_level(fresh.state), 1);
  PlayedRoom some_light = room_on(deck, 1, {"DEPTH_LIGHT-0", "DEPTH_LIGHT-1", "DEPTH_LIGHT-2"});
  EXPECT_EQ(deepest_offered_level(some_light.state), 2);
  PlayedRoom some_medium = room_on(
      deck, 1,
      {"DEPTH_LIGHT-0", "DEPTH_LIGHT-1", "DEPTH_LIGHT-2", "DEPTH_MEDIUM-0", "DEPTH_MEDIUM-1", "DEPTH_MEDIUM-2"});
  EXPECT_EQ(deepest_offered_level(some_medium.state), 3);
}

TEST(CardsMemory, CardsPlayedInEarlierSessionsAreNotOfferedAgain) {
  const v1::Deck deck = layered_deck();
  const std::vector<std::string> before{"DEPTH_LIGHT-0", "DEPTH_LIGHT-1", "DEPTH_LIGHT-2", "DEPTH_LIGHT-3"};
  PlayedRoom room = room_on(deck, 9, before);
  ASSERT_GE(room.log.size(), 4U);
  const v1::Event& remembered = room.log[room.log.size() - 2];
  ASSERT_TRUE(remembered.has_cards_remembered());
  EXPECT_EQ(remembered.cards_remembered().played_card_ids_size(), 4);
  EXPECT_TRUE(room.log.back().has_round_started());  // remembered before the first card
  EXPECT_EQ(room.state.played_cards, before);
  for (int round = 0; round < 8; ++round) {
    for (const auto* card : offered_cards(room.state)) {
      EXPECT_EQ(std::find(before.begin(), before.end(), card->id()), before.end()) << card->id();
    }
    const v1::Card* blind = blind_draw(room.state);
    ASSERT_NE(blind, nullptr);
    EXPECT_EQ(std::find(before.begin(), before.end(), blind->id()), before.end());
    room.act(room.speaker(), draw());
    room.play_round();
  }
  // The earlier session's light cards count toward opening medium ones.
  EXPECT_GE(deepest_offered_level(room_on(deck, 9, before).state), 2);
}

TEST(CardsMemory, UsedUpDeckComesRoundAgainAvoidingTheMostRecent) {
  const v1::Deck deck = layered_deck();
  std::vector<std::string> all;
  for (const auto& card : deck.cards()) all.push_back(card.id());
  PlayedRoom room = room_on(deck, 4, all);
  const auto offer = ids_of(offered_cards(room.state));
  ASSERT_EQ(offer.size(), kOfferedCards);
  const std::vector<std::string> recent(all.end() - deck.cards_size() / 2, all.end());
  for (const auto& id : offer) EXPECT_EQ(std::find(recent.begin(), recent.end(), id), recent.end()) << id;
}

TEST(CardsMemory, NothingRememberedMakesNoEvent) {
  PlayedRoom room = PlayedRoom::playing(42);
  for (const auto& event : room.log) EXPECT_FALSE(event.has_cards_remembered());
}

TEST(CustomCards, PartnerAddsACardThatIsOfferedWithTheDeck) {
  v1::Deck deck = layered_deck();
  while (deck.cards_size() > 1) deck.mutable_cards()->RemoveLast();
  PlayedRoom room = room_on(deck, 5);
  const Events added = room.act(kB, add_card("  The first trip we took together  "));
  ASSERT_EQ(added.size(), 1U);
  const v1::Card& card = added[0].custom_card_added().card();
  EXPECT_EQ(card.prompt(), "The first trip we took together");
  EXPECT_TRUE(is_custom_card(card));
  ASSERT_EQ(room.state.custom_cards.size(), 1U);
  room.play_round();  // it joins the cards from the next round on
  const auto offer = ids_of(offered_cards(room.state));
  EXPECT_NE(std::find(offer.begin(), offer.end(), card.id()), offer.end());
  room.act(room.speaker(), pick(card.id()));
  EXPECT_EQ(room.state.round.card->prompt(), "The first trip we took together");
}

TEST(CustomCards, ACardAddedMidRoundLeavesTheCardsOnTheTableAndJoinsTheNextRound) {
  PlayedRoom room = PlayedRoom::playing(42);
  const auto before = ids_of(offered_cards(room.state));
  const Events added = room.act(kB, add_card("Our favourite market"));
  EXPECT_EQ(ids_of(offered_cards(room.state)), before);
  const std::string id = added[0].custom_card_added().card().id();
  room.play_round();
  const auto pool = card_pool(room.state);
  EXPECT_TRUE(std::any_of(pool.begin(), pool.end(), [&](const v1::Card* card) { return card->id() == id; }));
}

TEST(CustomCards, HostMayAddACard) {
  PlayedRoom room = PlayedRoom::hosted();
  room.act(kHost, add_card("What helped us through last winter"));
  EXPECT_EQ(room.state.custom_cards.size(), 1U);
}

TEST(CustomCards, WaitForTheCoupleBeforeAddingACard) {
  PlayedRoom room;
  room.open(kA, "Ana");
  const auto refused = room.refusal_of(kA, add_card("Our garden"));
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->message.find("once both partners have sat down"), std::string::npos);
}

TEST(CustomCards, HostileTextIsRefusedWithASentence) {
  PlayedRoom room = PlayedRoom::playing(42);
  const std::vector<std::string> bad{"", "   ", std::string(kMaxCustomCardChars + 1, 'x'), "bad \xc3\x28 bytes"};
  for (const auto& text : bad) {
    const auto refused = room.refusal_of(kA, add_card(text));
    ASSERT_TRUE(refused.has_value()) << text.size();
    EXPECT_EQ(refused->code, v1::ERROR_CODE_INVALID_ARGUMENT);
    EXPECT_EQ(refused->message.rfind("Your card", 0), 0U) << refused->message;
  }
  room.act(kA, add_card("Our kitchen"));
  const auto again = room.refusal_of(kB, add_card(" Our kitchen "));
  ASSERT_TRUE(again.has_value());
  EXPECT_NE(again->message.find("already have a card"), std::string::npos);
  EXPECT_EQ(room.state.custom_cards.size(), 1U);
}

TEST(CustomCards, RememberedCustomCardsComeBackInTheNextSession) {
  v1::Card own;
  own.set_id("own-old-7");
  own.set_prompt("Where we would live if we could choose anywhere");
  own.set_depth(v1::DEPTH_LIGHT);
  PlayedRoom room = room_on(layered_deck(), 6, {}, {own});
  ASSERT_EQ(room.state.custom_cards.size(), 1U);
  EXPECT_EQ(room.state.custom_cards[0].id(), "own-old-7");
  EXPECT_EQ(replay(room.log).custom_cards.size(), 1U);
}

}  // namespace
}  // namespace attune
