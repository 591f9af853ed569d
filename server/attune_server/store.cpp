#include "attune_server/store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace attune::server {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS rooms(
  room_id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  ended INTEGER NOT NULL DEFAULT 0,
  recorded INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS events(
  room_id TEXT NOT NULL REFERENCES rooms(room_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  body BLOB NOT NULL,
  PRIMARY KEY(room_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seat_tokens(
  room_id TEXT NOT NULL REFERENCES rooms(room_id) ON DELETE CASCADE,
  seat INTEGER NOT NULL,
  token TEXT NOT NULL,
  PRIMARY KEY(room_id, seat));
CREATE TABLE IF NOT EXISTS seat_devices(
  room_id TEXT NOT NULL REFERENCES rooms(room_id) ON DELETE CASCADE,
  seat INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  PRIMARY KEY(room_id, seat));
)sql";

// A prepared statement that finalises itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK; }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  [[nodiscard]] bool ok() const { return ok_; }
  void bind(int index, const std::string& text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind_blob(int index, const std::string& bytes) {
    sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  }
  void bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  int step() { return sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int column) {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
  }
  std::string blob(int column) {
    const void* p = sqlite3_column_blob(stmt_, column);
    const int n = sqlite3_column_bytes(stmt_, column);
    return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), static_cast<std::size_t>(n));
  }
  std::int64_t integer(int column) { return sqlite3_column_int64(stmt_, column); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  bool ok_ = false;
};

// Creates the file owner-only before SQLite opens it, so the database and
// its -wal/-shm companions (which copy its mode) are 0600 whatever the umask.
std::optional<std::string> precreate_private(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return "Cannot create " + file.string() + ": " + std::strerror(errno) + ".";
  ::fchmod(fd, 0600);
  ::close(fd);
  return std::nullopt;
}

}  // namespace

std::filesystem::path default_data_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/') {
    return std::filesystem::path(xdg) / "attune";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".local" / "share" / "attune";
  }
  return std::filesystem::path("attune-data");
}

std::optional<std::string> make_private_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return "Cannot create the data folder " + dir.string() + ": " + ec.message() + ".";
  if (::chmod(dir.c_str(), 0700) != 0) {
    return "Cannot make the data folder " + dir.string() + " private: " + std::strerror(errno) + ".";
  }
  return std::nullopt;
}

std::variant<std::unique_ptr<Store>, std::string> Store::open(const std::filesystem::path& data_dir,
                                                              StoreOptions options) {
  if (auto problem = make_private_dir(data_dir)) return *problem;
  const auto file = data_dir / "attune.db";
  if (auto problem = precreate_private(file)) return *problem;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    std::string message = "Cannot open the session store " + file.string() + ": " +
                          (db != nullptr ? sqlite3_errmsg(db) : "out of memory") + ".";
    sqlite3_close(db);
    return message;
  }
  std::unique_ptr<Store> store(new Store(db, file));
  sqlite3_busy_timeout(db, 5000);
  for (const char* pragma : {"PRAGMA journal_mode=WAL;", "PRAGMA synchronous=FULL;", "PRAGMA foreign_keys=ON;",
                             "PRAGMA secure_delete=ON;"}) {
    if (auto failed = store->exec(pragma)) return failed->message;
  }
  if (auto failed = store->exec(kSchema)) return failed->message;
  if (options.max_pages) {
    const std::string pragma = "PRAGMA max_page_count=" + std::to_string(*options.max_pages) + ";";
    if (auto failed = store->exec(pragma.c_str())) return failed->message;
  }
  // The WAL and shared-memory files exist now; make sure of their mode too.
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string companion = file.string() + suffix;
    ::chmod(companion.c_str(), 0600);
  }
  return store;
}

Store::Store(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}

Store::~Store() { sqlite3_close(db_); }

StoreFailure Store::failure(const std::string& doing) const {
  const int code = sqlite3_errcode(db_);
  if (code == SQLITE_FULL) {
    return StoreFailure{true,
                        "The host laptop's disk is full, so nothing new can be saved. Everything said so far "
                        "is kept; free some space and try again."};
  }
  return StoreFailure{
      false, "The host could not save (" + doing + ": " + sqlite3_errmsg(db_) + "). Everything said so far is kept."};
}

std::optional<StoreFailure> Store::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    StoreFailure failed = failure("running the store's setup");
    sqlite3_free(error);
    return failed;
  }
  return std::nullopt;
}

std::optional<StoreFailure> Store::append(const std::string& room_id, const std::string& code,
                                          const std::vector<v1::Event>& events) {
  if (events.empty()) return std::nullopt;
  if (auto failed = exec("BEGIN IMMEDIATE;")) return failed;
  auto rollback = [&](const std::string& doing) {
    StoreFailure failed = failure(doing);
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    return failed;
  };
  {
    Statement room(db_, "INSERT OR IGNORE INTO rooms(room_id, code, created_at_ms) VALUES(?, ?, ?);");
    if (!room.ok()) return rollback("preparing a room");
    room.bind(1, room_id);
    room.bind(2, code);
    room.bind(3, events.front().at_ms());
    if (room.step() != SQLITE_DONE) return rollback("saving the room");
    Statement insert(db_, "INSERT INTO events(room_id, seq, body) VALUES(?, ?, ?);");
    if (!insert.ok()) return rollback("preparing an event");
    for (const auto& event : events) {
      insert.bind(1, room_id);
      insert.bind(2, static_cast<std::int64_t>(event.seq()));
      insert.bind_blob(3, event.SerializeAsString());
      if (insert.step() != SQLITE_DONE) return rollback("saving an event");
      insert.reset();
    }
  }
  if (sqlite3_exec(db_, "COMMIT;", nullptr, nullptr, nullptr) != SQLITE_OK) return rollback("committing");
  return std::nullopt;
}

std::optional<StoreFailure> Store::set_seat_token(const std::string& room_id, Seat seat, const std::string& token,
                                                  const std::string& device) {
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE;", nullptr, nullptr, nullptr) != SQLITE_OK) return failure("saving a seat");
  Statement put(db_, "INSERT OR REPLACE INTO seat_tokens(room_id, seat, token) VALUES(?, ?, ?);");
  put.bind(1, room_id);
  put.bind(2, static_cast<std::int64_t>(seat));
  put.bind(3, token);
  Statement bind(db_, "INSERT OR REPLACE INTO seat_devices(room_id, seat, fingerprint) VALUES(?, ?, ?);");
  bind.bind(1, room_id);
  bind.bind(2, static_cast<std::int64_t>(seat));
  bind.bind(3, device);
  if (!put.ok() || put.step() != SQLITE_DONE || !bind.ok() || bind.step() != SQLITE_DONE ||
      sqlite3_exec(db_, "COMMIT;", nullptr, nullptr, nullptr) != SQLITE_OK) {
    auto failed = failure("saving a seat");
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    return failed;
  }
  return std::nullopt;
}

std::optional<StoreFailure> Store::finish(const std::string& room_id, bool recorded) {
  if (!recorded) return erase(room_id);
  Statement done(db_, "UPDATE rooms SET ended = 1, recorded = 1 WHERE room_id = ?;");
  done.bind(1, room_id);
  if (!done.ok() || done.step() != SQLITE_DONE) return failure("closing the room");
  Statement forget(db_, "DELETE FROM seat_tokens WHERE room_id = ?;");
  forget.bind(1, room_id);
  if (!forget.ok() || forget.step() != SQLITE_DONE) return failure("forgetting seat tokens");
  Statement unbind(db_, "DELETE FROM seat_devices WHERE room_id = ?;");
  unbind.bind(1, room_id);
  if (!unbind.ok() || unbind.step() != SQLITE_DONE) return failure("forgetting seat tokens");
  return std::nullopt;
}

std::optional<StoreFailure> Store::erase(const std::string& room_id) {
  Statement gone(db_, "DELETE FROM rooms WHERE room_id = ?;");
  gone.bind(1, room_id);
  if (!gone.ok() || gone.step() != SQLITE_DONE) return failure("deleting the session");
  // secure_delete zeroes the freed pages; the checkpoint takes the old
  // content out of the write-ahead log too.
  sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  return std::nullopt;
}

void Store::limit_pages(int pages) {
  const std::string pragma = "PRAGMA max_page_count=" + std::to_string(pages) + ";";
  (void)exec(pragma.c_str());
}

std::vector<v1::Event> Store::events_of(const std::string& room_id) {
  std::vector<v1::Event> events;
  Statement rows(db_, "SELECT body FROM events WHERE room_id = ? ORDER BY seq;");
  rows.bind(1, room_id);
  while (rows.step() == SQLITE_ROW) {
    v1::Event event;
    if (event.ParseFromString(rows.blob(0))) events.push_back(std::move(event));
  }
  return events;
}

std::map<int, SeatKey> Store::tokens_of(const std::string& room_id) {
  std::map<int, SeatKey> tokens;
  // A seat saved before seats were bound to devices has no fingerprint and
  // cannot be resumed (docs/security.md).
  Statement rows(db_,
                 "SELECT t.seat, t.token, COALESCE(d.fingerprint, '') FROM seat_tokens t "
                 "LEFT JOIN seat_devices d ON d.room_id = t.room_id AND d.seat = t.seat WHERE t.room_id = ?;");
  rows.bind(1, room_id);
  while (rows.step() == SQLITE_ROW) tokens[static_cast<int>(rows.integer(0))] = SeatKey{rows.text(1), rows.text(2)};
  return tokens;
}

std::vector<StoredRoom> Store::open_rooms() {
  std::vector<StoredRoom> rooms;
  {
    Statement rows(db_, "SELECT room_id, code, created_at_ms FROM rooms WHERE ended = 0 ORDER BY created_at_ms;");
    while (rows.step() == SQLITE_ROW) {
      StoredRoom room;
      room.room_id = rows.text(0);
      room.code = rows.text(1);
      room.created_at_ms = rows.integer(2);
      rooms.push_back(std::move(room));
    }
  }
  for (auto& room : rooms) {
    room.events = events_of(room.room_id);
    room.seat_tokens = tokens_of(room.room_id);
  }
  return rooms;
}

std::optional<StoredRoom> Store::load(const std::string& room_id) {
  StoredRoom room;
  {
    Statement row(db_, "SELECT code, created_at_ms, ended, recorded FROM rooms WHERE room_id = ?;");
    row.bind(1, room_id);
    if (row.step() != SQLITE_ROW) return std::nullopt;
    room.room_id = room_id;
    room.code = row.text(0);
    room.created_at_ms = row.integer(1);
    room.ended = row.integer(2) != 0;
    room.recorded = row.integer(3) != 0;
  }
  room.events = events_of(room_id);
  return room;
}

std::vector<SessionSummary> Store::list() {
  std::vector<SessionSummary> out;
  {
    Statement rows(db_,
                   "SELECT r.room_id, r.created_at_ms, r.ended, r.recorded, COUNT(e.seq) FROM rooms r "
                   "LEFT JOIN events e ON e.room_id = r.room_id GROUP BY r.room_id ORDER BY r.created_at_ms;");
    while (rows.step() == SQLITE_ROW) {
      SessionSummary summary;
      summary.room_id = rows.text(0);
      summary.created_at_ms = rows.integer(1);
      summary.ended = rows.integer(2) != 0;
      summary.recorded = rows.integer(3) != 0;
      summary.events = static_cast<std::uint64_t>(rows.integer(4));
      out.push_back(std::move(summary));
    }
  }
  for (auto& summary : out) {
    const RoomState state = replay(events_of(summary.room_id));
    summary.rounds = static_cast<std::uint32_t>(state.finished_rounds.size());
    for (std::size_t i = 1; i < state.seats.size(); ++i) {
      if (state.seats[i].taken) summary.seats.emplace_back(static_cast<Seat>(i), state.seats[i].name);
    }
  }
  return out;
}

}  // namespace attune::server
