// The server's durable store: rooms and their events in SQLite (WAL,
// synchronous=FULL). Every accepted event is committed here before anyone
// hears of it. Owner-only files whatever the umask.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "attune/engine.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace attune::server {

struct StoreFailure {
  bool disk_full = false;
  std::string message;
};

// A seat's resume secret and the device certificate that took the seat.
struct SeatKey {
  std::string token;
  std::string device;  // SHA-256 fingerprint, lower-case hex
};

struct StoredRoom {
  std::string room_id;
  std::string code;
  std::int64_t created_at_ms = 0;
  bool ended = false;
  bool recorded = false;
  std::map<int, SeatKey> seat_tokens;  // by v1::Seat
  // From open_rooms(), a RoomCreated comes shelved (content by reference,
  // see Store::shelve; Room::restore takes it so): a thousand rooms restored
  // do not unpack a thousand copies of the content. From load(), whole.
  std::vector<v1::Event> events;
  // Set when some of the room's rows could not be read: what was lost.
  std::optional<std::string> damage;
};

struct SessionSummary {
  std::string room_id;
  std::int64_t created_at_ms = 0;
  bool ended = false;
  bool recorded = false;
  std::uint64_t events = 0;
  std::uint32_t rounds = 0;
  std::vector<std::pair<Seat, std::string>> seats;
  std::optional<std::string> damage;  // some of its events could not be read
};

// The store's schema version (PRAGMA user_version); older files are migrated
// at open, newer ones refused. 2: content kept once (the contents table).
// 3: cards remembered per couple (room_couples, couple_cards, custom_cards).
inline constexpr int kStoreSchemaVersion = 3;

// What the hosting laptop remembers of one couple across sessions.
struct CoupleMemory {
  std::vector<std::string> played_card_ids;  // deck cards, least recently played first
  std::vector<v1::Card> custom_cards;        // the cards they wrote, oldest first
};

// One version of the content (every exercise and deck a host may switch to),
// read-only and shared by every room created with it. The store keeps each
// version once, under the SHA-256 of its deterministic serialisation, and a
// stored RoomCreated names it (ContentRef) instead of carrying it.
using SharedContent = std::shared_ptr<const v1::ContentSet>;

// 32 raw bytes: SHA-256 of the content's deterministic serialisation.
[[nodiscard]] std::string content_sha256(const v1::ContentSet& content);

struct StoreOptions {
  // Caps the database size in pages (tests use it to fill the "disk").
  std::optional<int> max_pages;
};

class Store {
 public:
  // Opens (creating if needed) DATA_DIR/attune.db; the folder is made 0700
  // and the files 0600. The error is a sentence a person can act on.
  static std::variant<std::unique_ptr<Store>, std::string> open(const std::filesystem::path& data_dir,
                                                                StoreOptions options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // All of `events` or none of them, durable when this returns. A
  // RoomCreated is kept in its shelved form (see shelve): its content goes to
  // the contents table once per version.
  std::optional<StoreFailure> append(const std::string& room_id, const std::string& code,
                                     const std::vector<v1::Event>& events);
  // The seat's token and the device it is bound to, in one transaction.
  std::optional<StoreFailure> set_seat_token(const std::string& room_id, Seat seat, const std::string& token,
                                             const std::string& device);
  // The room's join code now (empty: it takes no partner by code any more),
  // so a restart brings back the renewed code, not the retired one.
  std::optional<StoreFailure> set_code(const std::string& room_id, const std::string& code);
  // Names the couple playing in the room (joins the open group). From then
  // on every card drawn there, and every card the couple writes, is kept
  // for them in the same transaction as its event.
  std::optional<StoreFailure> set_couple(const std::string& room_id, const std::string& couple);
  // What the store remembers of a couple (nothing for a new one).
  [[nodiscard]] CoupleMemory couple_memory(const std::string& couple);
  // Every couple's own cards, oldest first: what `attune-session cards` exports.
  [[nodiscard]] std::vector<v1::Card> all_custom_cards();
  // Forgets every couple's played cards and own cards (the sessions stay).
  std::optional<StoreFailure> forget_cards();
  // Marks the room ended; a room without consent to record is erased.
  std::optional<StoreFailure> finish(const std::string& room_id, bool recorded);

  // Turns a RoomCreated that carries its content into the stored form: the
  // lists (and the exercise and deck when they are list entries) left out and
  // named by hash. Returns the content, shared; nullptr for any other event.
  SharedContent shelve(v1::Event& event);
  // Puts a shelved RoomCreated's content back. False (event unchanged) when
  // the store does not hold that content; true for any other event. Without
  // `with_lists`, only the exercise and deck in play come back and the
  // reference stays: the form a room folds, its state already pointing at
  // the shared lists.
  bool inflate(v1::Event& event, bool with_lists = true);
  // A content version the store holds (cached after the first read).
  [[nodiscard]] SharedContent content(const std::string& sha256);
  // How many content versions the store holds.
  [[nodiscard]] std::size_t content_versions();

  // The room's events in order, their content put back (what an export and
  // a resume beyond a room's in-memory window read). Empty for an unknown room.
  [[nodiscard]] std::vector<v1::Event> events(const std::string& room_id);

  [[nodiscard]] std::vector<StoredRoom> open_rooms();
  [[nodiscard]] std::optional<StoredRoom> load(const std::string& room_id);
  [[nodiscard]] std::vector<SessionSummary> list();
  // Removes the room and everything in it, and scrubs the freed pages.
  std::optional<StoreFailure> erase(const std::string& room_id);

  // Group commit (docs/performance.md). Once `schedule_flush` is given, the
  // first append or seat token after a flush opens one transaction that
  // later ones join, and `schedule_flush` is called once so that the owner
  // (the server's io_context) calls flush() after the commands that arrived
  // together. Without it every append commits on its own, as before.
  void group_commits(std::function<void()> schedule_flush) { schedule_flush_ = std::move(schedule_flush); }
  // Runs `committed` once what was appended so far is durable (at once when
  // nothing is pending), or `lost` if that commit fails and was rolled back.
  void after_commit(const void* owner, std::function<void()> committed, std::function<void(const StoreFailure&)> lost);
  // Drops the callbacks of an owner that is going away; its writes still commit.
  void forget(const void* owner);
  // Commits the open group with one flush to disk, then runs the callbacks.
  std::optional<StoreFailure> flush();

  // Caps the database at `pages` pages, or at its current size if larger:
  // a quota for hosts who want one, and a full disk on demand for tests.
  void limit_pages(int pages);

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  // Set when the file failed its integrity check at open (PRAGMA quick_check)
  // or a read met a damaged page: names the file, says what could still be
  // read. A damaged store is read, never written by the server.
  [[nodiscard]] const std::optional<std::string>& damage() const { return damage_; }

 private:
  Store(sqlite3* db, std::filesystem::path path);
  std::optional<StoreFailure> exec(const char* sql);
  StoreFailure failure(const std::string& doing) const;
  std::optional<std::string> migrate();
  void check_integrity();
  // The room's events in order; `damage` says what could not be read.
  // `shelved`: a RoomCreated stays in its stored form (checked, not filled).
  std::vector<v1::Event> events_of(const std::string& room_id, std::optional<std::string>& damage,
                                   bool shelved = false);
  std::map<int, SeatKey> tokens_of(const std::string& room_id);
  // Inside append: keeps a drawn card or a couple's own card for the room's couple.
  std::optional<StoreFailure> remember_card(const std::string& room_id, const v1::Event& event);
  // A statement prepared once and kept, reset for each use.
  sqlite3_stmt* prepared(const char* sql);
  // Opens a transaction, or a savepoint inside the open group, so that one
  // failed write is undone without undoing the rest of the group.
  std::optional<StoreFailure> begin_write(const std::string& doing);
  std::optional<StoreFailure> end_write(const std::string& doing);
  StoreFailure undo_write(const std::string& doing);

  struct Waiting {
    const void* owner;
    std::function<void()> committed;
    std::function<void(const StoreFailure&)> lost;
  };

  // Writes the shelved RoomCreated's content row (once per version) and names it on the room.
  std::optional<StoreFailure> keep_content(const std::string& room_id, const v1::Event& event);

  std::map<const char*, sqlite3_stmt*> statements_;
  std::map<std::string, SharedContent> contents_;  // by sha256: every version read or written so far
  std::function<void()> schedule_flush_;
  bool group_open_ = false;
  std::vector<Waiting> waiting_;
  void note_damage(const std::string& what);

  sqlite3* db_;
  std::filesystem::path path_;
  std::optional<std::string> damage_;
};

}  // namespace attune::server
