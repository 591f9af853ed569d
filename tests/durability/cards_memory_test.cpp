// Cards a couple keeps on the hosting laptop: the deck cards they played and
// the cards they wrote come back in their next session, across a restart of
// the server, and a store from before this memory opens with its sessions.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

#include "attune/cards.hpp"
#include "attune_server/store.hpp"
#include "harness.hpp"

namespace attune::test {
namespace {

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::vector<std::string> offered_ids(const RoomState& room) {
  std::vector<std::string> ids;
  for (const auto* card : offered_cards(room)) ids.push_back(card->id());
  return ids;
}

bool has_custom(const RoomState& room, const std::string& prompt) {
  return std::any_of(room.custom_cards.begin(), room.custom_cards.end(),
                     [&](const v1::Card& card) { return card.prompt() == prompt; });
}

// One evening: the couple seats, A picks the middle face-up card and B adds
// a card of their own; then A ends the session. Returns the card played.
std::string play_an_evening(RunningServer& server, Partner& a, Partner& b, const std::string& own_card) {
  if (!seat_couple(server, a, b)) {
    ADD_FAILURE() << "the couple was not seated";
    return {};
  }
  const auto offer = offered_ids(a.model().room);
  EXPECT_EQ(offer, offered_ids(b.model().room)) << "both partners see the same face-up cards";
  if (offer.size() < 2) {
    ADD_FAILURE() << "no face-up cards";
    return {};
  }
  v1::Command pick;
  pick.mutable_draw_card()->set_card_id(offer[1]);
  a.play(pick);
  v1::Command add;
  add.mutable_add_custom_card()->set_prompt(own_card);
  b.play(add);
  EXPECT_TRUE(pump_until({&a, &b}, [&] {
    return b.model().room.round.card.has_value() && has_custom(a.model().room, own_card) &&
           !client::waiting_on_server(a.model()) && !client::waiting_on_server(b.model());
  }));
  v1::Command end;
  end.mutable_end_session();
  a.play(end);
  EXPECT_TRUE(pump_until({&a, &b}, [&] { return b.model().room.stage == Stage::kEnded; }));
  return offer[1];
}

TEST(CardsMemory, ACouplesPlayedAndOwnCardsComeBackAfterTheServerRestarts) {
  TempDir data;
  TempDir b_laptop;
  server::ServerConfig config;
  config.data_dir = data.path();
  std::string played;
  {
    RunningServer server(config);
    Partner a(1);
    Partner b(2, b_laptop.path());
    played = play_an_evening(server, a, b, "The first flat we rented");
    ASSERT_FALSE(played.empty());
  }
  RunningServer server(config);  // a later evening, the server started afresh
  Partner a(3);
  Partner b(4, b_laptop.path());
  ASSERT_TRUE(seat_couple(server, a, b));
  for (const Partner* partner : {&a, &b}) {
    const RoomState& room = partner->model().room;
    EXPECT_TRUE(has(room.played_cards, played));
    EXPECT_TRUE(has_custom(room, "The first flat we rented"));
    EXPECT_FALSE(has(offered_ids(room), played)) << "a card played last time is not offered again";
  }
}

TEST(CardsMemory, AnotherCoupleOnTheSameHostStartsFresh) {
  TempDir data;
  TempDir b_laptop;
  TempDir c_laptop;
  server::ServerConfig config;
  config.data_dir = data.path();
  RunningServer server(config);
  {
    Partner a(1);
    Partner b(2, b_laptop.path());
    ASSERT_FALSE(play_an_evening(server, a, b, "Our secret card").empty());
  }
  Partner a(3);
  Partner c(4, c_laptop.path());
  ASSERT_TRUE(seat_couple(server, a, c));
  EXPECT_TRUE(c.model().room.played_cards.empty());
  EXPECT_TRUE(c.model().room.custom_cards.empty());
}

TEST(CardsMemory, AStoreFromBeforeCardMemoryOpensAndStartsRemembering) {
  TempDir dir;
  {
    // A version-2 store, as the previous release wrote it.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir.path() / "attune.db").c_str(), &db), SQLITE_OK);
    const char* schema = R"sql(
      CREATE TABLE rooms(room_id TEXT PRIMARY KEY, code TEXT NOT NULL, created_at_ms INTEGER NOT NULL,
                         ended INTEGER NOT NULL DEFAULT 0, recorded INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE events(room_id TEXT NOT NULL REFERENCES rooms(room_id) ON DELETE CASCADE,
                          seq INTEGER NOT NULL, body BLOB NOT NULL, PRIMARY KEY(room_id, seq)) WITHOUT ROWID;
      CREATE TABLE seat_tokens(room_id TEXT NOT NULL, seat INTEGER NOT NULL, token TEXT NOT NULL,
                               PRIMARY KEY(room_id, seat));
      CREATE TABLE seat_devices(room_id TEXT NOT NULL, seat INTEGER NOT NULL, fingerprint TEXT NOT NULL,
                                PRIMARY KEY(room_id, seat));
      CREATE TABLE contents(sha256 BLOB PRIMARY KEY, body BLOB NOT NULL);
      CREATE TABLE room_contents(room_id TEXT PRIMARY KEY REFERENCES rooms(room_id) ON DELETE CASCADE,
                                 sha256 BLOB NOT NULL);
      INSERT INTO rooms(room_id, code, created_at_ms) VALUES('old', 'OLD', 1000);
      PRAGMA user_version=2;)sql";
    ASSERT_EQ(sqlite3_exec(db, schema, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_stmt* insert = nullptr;
    ASSERT_EQ(
        sqlite3_prepare_v2(db, "INSERT INTO events(room_id, seq, body) VALUES('old', 1, ?);", -1, &insert, nullptr),
        SQLITE_OK);
    v1::Event event;
    event.set_seq(1);
    event.set_at_ms(1000);
    event.mutable_break_ended();
    const std::string body = event.SerializeAsString();
    sqlite3_bind_blob(insert, 1, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE);
    sqlite3_finalize(insert);
    sqlite3_close(db);
  }
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  auto room = store->load("old");
  ASSERT_TRUE(room);
  EXPECT_EQ(room->events.size(), 1U);
  // The migrated store remembers cards from now on.
  ASSERT_FALSE(store->set_couple("old", "devices:a+b"));
  v1::Event drawn;
  drawn.set_seq(2);
  drawn.set_at_ms(2000);
  drawn.mutable_card_drawn()->mutable_card()->set_id("starter-3");
  ASSERT_FALSE(store->append("old", "OLD", {drawn}));
  EXPECT_EQ(store->couple_memory("devices:a+b").played_card_ids, std::vector<std::string>{"starter-3"});
  EXPECT_TRUE(store->couple_memory("devices:a+c").played_card_ids.empty());
}

TEST(CardsMemory, ACardAnUnrecordedSessionPlayedIsStillRememberedButItsWordsAreGone) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  v1::Event shared;
  shared.set_seq(1);
  shared.set_at_ms(1000);
  shared.mutable_shared()->set_text("words that must go");
  ASSERT_FALSE(store->append("r", "C", {shared}));
  ASSERT_FALSE(store->set_couple("r", "devices:a+b"));
  v1::Event drawn;
  drawn.set_seq(2);
  drawn.set_at_ms(2000);
  drawn.mutable_card_drawn()->mutable_card()->set_id("starter-9");
  ASSERT_FALSE(store->append("r", "C", {drawn}));
  ASSERT_FALSE(store->finish("r", false));
  EXPECT_FALSE(store->load("r").has_value());
  EXPECT_EQ(store->couple_memory("devices:a+b").played_card_ids, std::vector<std::string>{"starter-9"});
}

}  // namespace
}  // namespace attune::test
