// Content stored once (issue 15): every room names the exercises and decks
// it was created with by hash, the store keeps each version once, and
// everything read back (restore, export, resume) carries the content again.
// Rooms keep a bounded window of events; older ones come from the store.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "attune/session_file.hpp"
#include "attune_server/room.hpp"
#include "attune_server/store.hpp"
#include "harness.hpp"

namespace attune::test {
namespace {

const Content& content() {
  static const Content loaded = test_content();
  return loaded;
}

OpenRoom open_room(const std::string& room_id) {
  const auto& shipped = content();
  return OpenRoom{room_id, shipped.exercise,  shipped.deck, 7, v1::SEAT_PARTNER_A, "Alex",
                  true,    shipped.exercises, shipped.decks};
}

// The events a new room starts with, as the engine makes them.
std::vector<v1::Event> created(const std::string& room_id) {
  auto decision = decide(RoomState{}, open_room(room_id), 1000);
  return std::get<Events>(std::move(decision));
}

std::string bytes_of(const google::protobuf::MessageLite& message) { return message.SerializeAsString(); }

// Counts rows with the store's own file, from outside the Store class.
std::int64_t count_rows(const std::filesystem::path& dir, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2((dir / "attune.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  std::int64_t count = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    count = sqlite3_column_int64(statement, 0);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return count;
}

// Records what a seat was sent.
class RecordingSeat : public server::SeatLink {
 public:
  void deliver(const v1::Envelope& envelope) override {
    if (envelope.has_event()) events.push_back(envelope.event());
  }
  std::vector<v1::Event> events;
};

TEST(ContentOnce, TwoRoomsCreatedWithTheSameContentKeepOneContentRow) {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    ASSERT_TRUE(store);
    ASSERT_FALSE(store->append("first", "F", created("first")));
    ASSERT_FALSE(store->append("second", "S", created("second")));
    EXPECT_EQ(store->content_versions(), 1U);
  }
  EXPECT_EQ(count_rows(dir.path(), "SELECT COUNT(*) FROM contents;"), 1);
  // Each room's stored RoomCreated is a reference, not the 80 KB of content.
  EXPECT_LT(count_rows(dir.path(), "SELECT MAX(LENGTH(body)) FROM events WHERE seq = 1;"), 512);
  EXPECT_GT(count_rows(dir.path(), "SELECT LENGTH(body) FROM contents;"), 20'000);
}

TEST(ContentOnce, WhatIsReadBackCarriesTheContentTheRoomWasCreatedWith) {
  TempDir dir;
  const auto original = created("room");
  {
    auto store = open_store(dir.path());
    ASSERT_FALSE(store->append("room", "R", original));
  }
  auto store = open_store(dir.path());  // a fresh cache: read from the file
  const auto events = store->events("room");
  ASSERT_EQ(events.size(), original.size());
  for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(bytes_of(events[i]), bytes_of(original[i])) << i;
  EXPECT_FALSE(events[0].room_created().has_content_ref()) << "the store's reference never leaves it";
}

TEST(ContentOnce, AnExportCarriesTheContentItWasPlayedWith) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_FALSE(store->append("room", "R", created("room")));
  auto stored = store->load("room");
  ASSERT_TRUE(stored);
  v1::SessionHeader header;
  header.set_room_id("room");
  const auto exported = session_for(header, stored->events, v1::SEAT_UNSPECIFIED);
  const std::vector<v1::Event> events(exported.events().begin(), exported.events().end());
  auto decoded = decode_session(encode_session(exported.header(), events));
  ASSERT_TRUE(std::holds_alternative<Session>(decoded));
  const auto& room_created = std::get<Session>(decoded).events.at(0).room_created();
  EXPECT_EQ(static_cast<std::size_t>(room_created.decks_size()), content().decks.size());
  EXPECT_EQ(static_cast<std::size_t>(room_created.exercises_size()), content().exercises.size());
  EXPECT_EQ(bytes_of(room_created.deck()), bytes_of(content().deck));
  EXPECT_FALSE(room_created.has_content_ref());
}

TEST(ContentOnce, AStoreFromBeforeContentWasKeptOnceOpensWithItsRoomsWhole) {
  TempDir dir;
  const auto original = created("old");
  {
    // A version-1 store, as the previous release wrote it: the whole
    // content inside the RoomCreated row.
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
      INSERT INTO rooms(room_id, code, created_at_ms) VALUES('old', 'OLD', 1000);
      PRAGMA user_version=1;)sql";
    ASSERT_EQ(sqlite3_exec(db, schema, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_stmt* insert = nullptr;
    ASSERT_EQ(
        sqlite3_prepare_v2(db, "INSERT INTO events(room_id, seq, body) VALUES('old', ?, ?);", -1, &insert, nullptr),
        SQLITE_OK);
    for (const auto& event : original) {
      const std::string body = event.SerializeAsString();
      sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(event.seq()));
      sqlite3_bind_blob(insert, 2, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
      ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE);
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_close(db);
  }
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  const auto rooms = store->open_rooms();
  ASSERT_EQ(rooms.size(), 1U);
  EXPECT_FALSE(rooms[0].damage);
  ASSERT_EQ(rooms[0].events.size(), original.size());
  EXPECT_EQ(bytes_of(rooms[0].events[0]), bytes_of(original[0]));
  // And the migrated store takes new rooms the new way.
  ASSERT_FALSE(store->append("new", "N", created("new")));
  EXPECT_EQ(store->content_versions(), 1U);
}

TEST(ContentOnce, ErasingTheLastRoomOfAContentVersionDropsTheVersion) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_FALSE(store->append("first", "F", created("first")));
  ASSERT_FALSE(store->append("second", "S", created("second")));
  ASSERT_FALSE(store->erase("first"));
  EXPECT_EQ(store->content_versions(), 1U) << "the second room still uses it";
  ASSERT_FALSE(store->erase("second"));
  EXPECT_EQ(store->content_versions(), 0U);
}

TEST(ContentOnce, ARestartedServerRebuildsItsRoomsWithTheirContent) {
  TempDir data;
  server::ServerConfig config;
  config.data_dir = data.path();
  std::string first_id;
  std::string second_id;
  {
    RunningServer server(config);
    Partner a(1);
    Partner b(2);
    ASSERT_TRUE(seat_couple(server, a, b));
    Partner c(3);
    Partner d(4);
    ASSERT_TRUE(seat_couple(server, c, d));
    first_id = a.model().room_id;
    second_id = c.model().room_id;
    EXPECT_EQ(server.run([&] { return server.server().store().content_versions(); }), 1U);
  }
  RunningServer server(config);
  EXPECT_EQ(server.server().restored_rooms(), 2U);
  for (const auto& id : {first_id, second_id}) {
    const auto [exercises, decks, deck] = server.run([&] {
      const auto& state = server.server().lobby().find(id)->state();
      return std::make_tuple(state.exercises.size(), state.decks.size(), bytes_of(state.deck));
    });
    EXPECT_EQ(exercises, content().exercises.size());
    EXPECT_EQ(decks, content().decks.size());
    EXPECT_EQ(deck, bytes_of(content().deck));
  }
}

TEST(ContentOnce, RoomsOnOneServerShareOneCopyOfTheirContent) {
  TempDir dir;
  auto store = open_store(dir.path());
  server::Room first("first", "F", *store);
  server::Room second("second", "S", *store);
  RecordingSeat a;
  RecordingSeat c;
  ASSERT_FALSE(first.open(open_room("first"), &a, 1000));
  ASSERT_FALSE(second.open(open_room("second"), &c, 1000));
  ASSERT_EQ(first.state().decks.size(), content().decks.size());
  EXPECT_EQ(first.state().decks.shared(), second.state().decks.shared());
  EXPECT_EQ(first.state().exercises.shared(), second.state().exercises.shared());
  // What the creators heard still carries the whole content.
  EXPECT_EQ(static_cast<std::size_t>(c.events.at(0).room_created().decks_size()), content().decks.size());
}

TEST(ContentOnce, AStrippedRoomCreatedKeepsTheListsTheStateAlreadyPointsAt) {
  auto events = created("room");
  auto shared = std::make_shared<v1::ContentSet>();
  for (const auto& deck : content().decks) *shared->add_decks() = deck;
  for (const auto& exercise : content().exercises) *shared->add_exercises() = exercise;
  const std::shared_ptr<const v1::ContentSet> set = shared;
  auto& room_created = *events[0].mutable_room_created();
  room_created.clear_decks();
  room_created.clear_exercises();
  room_created.mutable_content_ref()->set_sha256("named elsewhere");
  RoomState state;
  state.decks = shared_decks(set);
  state.exercises = shared_exercises(set);
  state = fold(std::move(state), events[0]);
  EXPECT_EQ(state.decks.shared().get(), &set->decks());
  EXPECT_EQ(bytes_of(state.deck), bytes_of(content().deck)) << "the deck in play comes with the event";
  // A copy of the state shares them too.
  const RoomState copy = state;
  EXPECT_EQ(copy.exercises.shared(), state.exercises.shared());
  // An event with its lists makes them, as before.
  const RoomState from_full = replay(created("other"));
  EXPECT_EQ(from_full.decks.size(), content().decks.size());
}

TEST(BoundedLog, ARoomKeepsOnlyItsWindowOfEventsInMemory) {
  TempDir dir;
  auto store = open_store(dir.path());
  server::Room room("room", "CODE", *store);
  room.limit_window(4);
  RecordingSeat a;
  ASSERT_FALSE(room.open(open_room("room"), &a, 1000));
  for (int i = 0; i < 20; ++i) room.presence(v1::SEAT_PARTNER_A, i % 2 == 0, 1001 + i);
  EXPECT_GT(room.state().last_seq, 20U);
  EXPECT_LE(room.events_in_memory(), 4U);
  // The whole log is still there, from the store.
  EXPECT_EQ(room.log().size(), room.state().last_seq);
}

TEST(BoundedLog, AResumeFromBeforeTheWindowReadsTheMissedEventsFromTheStore) {
  TempDir dir;
  auto store = open_store(dir.path());
  server::Room room("room", "CODE", *store);
  room.limit_window(4);
  RecordingSeat live;
  ASSERT_FALSE(room.open(open_room("room"), &live, 1000));
  for (int i = 0; i < 20; ++i) room.presence(v1::SEAT_PARTNER_A, i % 2 == 0, 1001 + i);
  ASSERT_EQ(live.events.size(), room.state().last_seq);

  // Partner A comes back having seen only the first event.
  RecordingSeat back;
  room.reattach(v1::SEAT_PARTNER_A, &back, 1, 2000);
  ASSERT_GE(back.events.size(), live.events.size() - 1);
  for (std::size_t i = 1; i < live.events.size(); ++i) {
    EXPECT_EQ(bytes_of(back.events[i - 1]), bytes_of(live.events[i])) << "event " << i + 1;
  }
}

TEST(BoundedLog, ANewcomerLateInALongSessionHearsTheWholeHistoryWithItsContent) {
  TempDir dir;
  auto store = open_store(dir.path());
  server::Room room("room", "CODE", *store);
  room.limit_window(3);
  RecordingSeat a;
  ASSERT_FALSE(room.open(open_room("room"), &a, 1000));
  for (int i = 0; i < 10; ++i) room.presence(v1::SEAT_PARTNER_A, i % 2 == 0, 1001 + i);
  RecordingSeat b;
  ASSERT_FALSE(room.seat(TakeSeat{v1::SEAT_PARTNER_B, "Sam", true}, &b, 2000));
  ASSERT_GE(b.events.size(), a.events.size());
  EXPECT_EQ(bytes_of(b.events[0]), bytes_of(a.events[0])) << "the RoomCreated, content and all";
  EXPECT_EQ(static_cast<std::size_t>(b.events[0].room_created().decks_size()), content().decks.size());
  EXPECT_EQ(view_of(b.events, v1::SEAT_PARTNER_B).last_seq, room.state().last_seq);
}

}  // namespace
}  // namespace attune::test
