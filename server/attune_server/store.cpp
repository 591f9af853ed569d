#include "attune_server/store.hpp"

#include "attune/files.hpp"

#include <fcntl.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iterator>

namespace attune::server {
namespace {

// Migrations, in order: kMigrations[v] takes a store from version v to v+1.
// Version 0 is a new file or one from before versions were kept; its tables
// were created IF NOT EXISTS, so the first step is safe on both.
constexpr const char* kSchemaV1 = R"sql(
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
// Content kept once: each version of the exercises and decks is one row,
// and each room names the version its RoomCreated refers to (so a version
// no room uses any more can be dropped). Safe to run twice, like V1.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE IF NOT EXISTS contents(
  sha256 BLOB PRIMARY KEY,
  body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS room_contents(
  room_id TEXT PRIMARY KEY REFERENCES rooms(room_id) ON DELETE CASCADE,
  sha256 BLOB NOT NULL);
)sql";
// Cards remembered per couple (docs/architecture.md, "Cards a couple keeps"):
// which room is which couple's, the deck cards each couple played, and the
// cards they wrote themselves. A couple's rows outlive their rooms. Safe to
// run twice, like V1.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE IF NOT EXISTS room_couples(
  room_id TEXT PRIMARY KEY REFERENCES rooms(room_id) ON DELETE CASCADE,
  couple TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS couple_cards(
  couple TEXT NOT NULL,
  card_id TEXT NOT NULL,
  played_at_ms INTEGER NOT NULL,
  PRIMARY KEY(couple, card_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS custom_cards(
  couple TEXT NOT NULL,
  card_id TEXT NOT NULL,
  body BLOB NOT NULL,
  added_at_ms INTEGER NOT NULL,
  PRIMARY KEY(couple, card_id)) WITHOUT ROWID;
)sql";
constexpr const char* kMigrations[] = {kSchemaV1, kSchemaV2, kSchemaV3};
static_assert(std::size(kMigrations) == kStoreSchemaVersion);

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

std::string deterministic_bytes(const google::protobuf::MessageLite& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream raw(&bytes);
    google::protobuf::io::CodedOutputStream out(&raw);
    out.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&out);
  }
  return bytes;
}

template <typename T>
const T* entry_with_id(const google::protobuf::RepeatedPtrField<T>& list, const std::string& id) {
  for (const auto& each : list) {
    if (each.id() == id) return &each;
  }
  return nullptr;
}

}  // namespace

std::string content_sha256(const v1::ContentSet& content) {
  const std::string bytes = deterministic_bytes(content);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

std::variant<std::unique_ptr<Store>, std::string> Store::open(const std::filesystem::path& data_dir,
                                                              StoreOptions options) {
  if (auto problem = make_private_dirs(data_dir)) return *problem;
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
    if (store->exec(pragma)) {
      return "The session store " + file.string() + " cannot be used (" + sqlite3_errmsg(db) +
             "). It was left as it is; move it aside to start afresh.";
    }
  }
  store->check_integrity();
  if (!store->damage_) {
    if (auto problem = store->migrate()) return *problem;
  }
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

std::optional<std::string> Store::migrate() {
  int version = 0;
  {
    Statement read(db_, "PRAGMA user_version;");
    if (read.ok() && read.step() == SQLITE_ROW) version = static_cast<int>(read.integer(0));
  }
  if (version > kStoreSchemaVersion) {
    return "The session store " + path_.string() + " was written by a newer Attune (store version " +
           std::to_string(version) + "; this one knows up to " + std::to_string(kStoreSchemaVersion) +
           "). Update Attune to use it.";
  }
  for (; version < kStoreSchemaVersion; ++version) {
    // Each step and its new version number commit together.
    const std::string step = std::string("BEGIN IMMEDIATE;") + kMigrations[version] +
                             "PRAGMA user_version=" + std::to_string(version + 1) + ";COMMIT;";
    if (auto failed = exec(step.c_str())) {
      sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
      return "Cannot bring the session store " + path_.string() + " up to date: " + failed->message;
    }
  }
  return std::nullopt;
}

void Store::check_integrity() {
  std::vector<std::string> problems;
  Statement check(db_, "PRAGMA quick_check;");
  int code = check.ok() ? SQLITE_ROW : sqlite3_errcode(db_);
  while (check.ok() && (code = check.step()) == SQLITE_ROW) {
    // A row may hold several findings, one per line; the first two say enough.
    std::string text = check.text(0);
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string line = text.substr(start, end - start);
      start = end + 1;
      if (line == "ok" || line.empty() || line.rfind("***", 0) == 0) continue;
      if (problems.size() < 2) problems.push_back(line);
    }
  }
  if (code != SQLITE_DONE) problems.emplace_back(sqlite3_errmsg(db_));
  if (problems.empty()) return;
  std::string what = problems.front();
  for (std::size_t i = 1; i < problems.size(); ++i) what += "; " + problems[i];
  note_damage("its integrity check failed (" + what + ")");
}

void Store::note_damage(const std::string& what) {
  if (damage_) return;
  damage_ = what;
  // What could still be read, so the person knows what is at stake.
  std::size_t readable = 0;
  std::size_t events = 0;
  std::size_t unreadable = 0;
  std::vector<std::string> ids;
  {
    Statement rows(db_, "SELECT room_id FROM rooms;");
    int code = SQLITE_ROW;
    while (rows.ok() && (code = rows.step()) == SQLITE_ROW) ids.push_back(rows.text(0));
    if (!rows.ok() || code != SQLITE_DONE) ++unreadable;
  }
  for (const auto& id : ids) {
    std::optional<std::string> lost;
    const auto got = events_of(id, lost);
    if (lost) {
      ++unreadable;
    } else {
      ++readable;
      events += got.size();
    }
  }
  damage_ = "The session store " + path_.string() + " is damaged: " + what +
            ". Still readable: " + std::to_string(readable) + " session" + (readable == 1 ? "" : "s") + " (" +
            std::to_string(events) + " events)" +
            (unreadable > 0 ? "; " + std::to_string(unreadable) + " could not be read in full" : std::string()) + ".";
}

Store::~Store() {
  // What was accepted is kept even if nobody is left to hear of it.
  waiting_.clear();
  (void)flush();
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

sqlite3_stmt* Store::prepared(const char* sql) {
  auto& statement = statements_[sql];
  if (statement == nullptr) {
    if (sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr) != SQLITE_OK) {
      sqlite3_finalize(statement);
      statement = nullptr;
      statements_.erase(sql);
      return nullptr;
    }
  } else {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
  }
  return statement;
}

std::optional<StoreFailure> Store::begin_write(const std::string& doing) {
  if (schedule_flush_ && !group_open_) {
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE;", nullptr, nullptr, nullptr) != SQLITE_OK) return failure(doing);
    group_open_ = true;
    schedule_flush_();
  }
  const char* sql = group_open_ ? "SAVEPOINT write;" : "BEGIN IMMEDIATE;";
  auto* statement = prepared(sql);
  if (statement == nullptr || sqlite3_step(statement) != SQLITE_DONE) return failure(doing);
  return std::nullopt;
}

std::optional<StoreFailure> Store::end_write(const std::string& doing) {
  auto* statement = prepared(group_open_ ? "RELEASE write;" : "COMMIT;");
  if (statement == nullptr || sqlite3_step(statement) != SQLITE_DONE) return undo_write(doing);
  return std::nullopt;
}

StoreFailure Store::undo_write(const std::string& doing) {
  StoreFailure failed = failure(doing);
  if (!group_open_) {
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    return failed;
  }
  if (sqlite3_get_autocommit(db_) == 0) {
    sqlite3_exec(db_, "ROLLBACK TO write; RELEASE write;", nullptr, nullptr, nullptr);
    return failed;
  }
  // SQLite rolled the whole group back on its own (a full disk can): no one
  // waiting on it may be told it was kept.
  group_open_ = false;
  auto waiting = std::move(waiting_);
  waiting_.clear();
  for (auto& each : waiting) each.lost(failed);
  return failed;
}

void Store::after_commit(const void* owner, std::function<void()> committed,
                         std::function<void(const StoreFailure&)> lost) {
  if (!group_open_) {
    committed();
    return;
  }
  waiting_.push_back(Waiting{owner, std::move(committed), std::move(lost)});
}

void Store::forget(const void* owner) {
  std::erase_if(waiting_, [owner](const Waiting& waiting) { return waiting.owner == owner; });
}

std::optional<StoreFailure> Store::flush() {
  if (!group_open_) return std::nullopt;
  group_open_ = false;
  auto waiting = std::move(waiting_);
  waiting_.clear();
  if (sqlite3_exec(db_, "COMMIT;", nullptr, nullptr, nullptr) != SQLITE_OK) {
    StoreFailure failed = failure("committing");
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    for (auto& each : waiting) each.lost(failed);
    return failed;
  }
  for (auto& each : waiting) each.committed();
  return std::nullopt;
}

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
  if (auto failed = begin_write("saving an event")) return failed;
  auto* room = prepared("INSERT OR IGNORE INTO rooms(room_id, code, created_at_ms) VALUES(?, ?, ?);");
  if (room == nullptr) return undo_write("preparing a room");
  sqlite3_bind_text(room, 1, room_id.data(), static_cast<int>(room_id.size()), SQLITE_STATIC);
  sqlite3_bind_text(room, 2, code.data(), static_cast<int>(code.size()), SQLITE_STATIC);
  sqlite3_bind_int64(room, 3, events.front().at_ms());
  if (sqlite3_step(room) != SQLITE_DONE) return undo_write("saving the room");
  auto* insert = prepared("INSERT INTO events(room_id, seq, body) VALUES(?, ?, ?);");
  if (insert == nullptr) return undo_write("preparing an event");
  std::string body;
  for (const auto& event : events) {
    if (event.has_room_created() &&
        (event.room_created().exercises_size() > 0 || event.room_created().decks_size() > 0)) {
      // Shelved on a copy: the caller's event keeps its content.
      v1::Event shelved = event;
      shelve(shelved);
      if (auto failed = keep_content(room_id, shelved)) return failed;
      body = shelved.SerializeAsString();
    } else {
      if (event.has_room_created() && event.room_created().has_content_ref()) {
        if (auto failed = keep_content(room_id, event)) return failed;
      }
      body = event.SerializeAsString();
    }
    sqlite3_reset(insert);
    sqlite3_bind_text(insert, 1, room_id.data(), static_cast<int>(room_id.size()), SQLITE_STATIC);
    sqlite3_bind_int64(insert, 2, static_cast<std::int64_t>(event.seq()));
    sqlite3_bind_blob(insert, 3, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(insert) != SQLITE_DONE) return undo_write("saving an event");
    if (auto failed = remember_card(room_id, event)) return failed;
  }
  return end_write("committing");
}

std::optional<StoreFailure> Store::remember_card(const std::string& room_id, const v1::Event& event) {
  const bool drawn = event.has_card_drawn() && !event.card_drawn().card().id().empty();
  if (!drawn && !event.has_custom_card_added()) return std::nullopt;
  auto* find = prepared("SELECT couple FROM room_couples WHERE room_id = ?;");
  if (find == nullptr) return undo_write("remembering a card");
  sqlite3_reset(find);
  sqlite3_bind_text(find, 1, room_id.data(), static_cast<int>(room_id.size()), SQLITE_STATIC);
  const int found = sqlite3_step(find);
  if (found == SQLITE_DONE) return std::nullopt;  // not a couple's room yet
  if (found != SQLITE_ROW) return undo_write("remembering a card");
  const auto* text = sqlite3_column_text(find, 0);
  const std::string couple = text == nullptr ? std::string() : reinterpret_cast<const char*>(text);
  sqlite3_reset(find);
  if (drawn) {
    const std::string& id = event.card_drawn().card().id();
    auto* put = prepared("INSERT OR REPLACE INTO couple_cards(couple, card_id, played_at_ms) VALUES(?, ?, ?);");
    if (put == nullptr) return undo_write("remembering a card");
    sqlite3_reset(put);
    sqlite3_bind_text(put, 1, couple.data(), static_cast<int>(couple.size()), SQLITE_STATIC);
    sqlite3_bind_text(put, 2, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    sqlite3_bind_int64(put, 3, event.at_ms());
    if (sqlite3_step(put) != SQLITE_DONE) return undo_write("remembering a card");
    return std::nullopt;
  }
  const v1::Card& card = event.custom_card_added().card();
  const std::string body = card.SerializeAsString();
  auto* put = prepared("INSERT OR IGNORE INTO custom_cards(couple, card_id, body, added_at_ms) VALUES(?, ?, ?, ?);");
  if (put == nullptr) return undo_write("keeping your card");
  sqlite3_reset(put);
  sqlite3_bind_text(put, 1, couple.data(), static_cast<int>(couple.size()), SQLITE_STATIC);
  sqlite3_bind_text(put, 2, card.id().data(), static_cast<int>(card.id().size()), SQLITE_STATIC);
  sqlite3_bind_blob(put, 3, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
  sqlite3_bind_int64(put, 4, event.at_ms());
  if (sqlite3_step(put) != SQLITE_DONE) return undo_write("keeping your card");
  return std::nullopt;
}

std::optional<StoreFailure> Store::set_couple(const std::string& room_id, const std::string& couple) {
  if (auto failed = begin_write("remembering who is playing")) return failed;
  auto* put = prepared("INSERT OR REPLACE INTO room_couples(room_id, couple) VALUES(?, ?);");
  if (put == nullptr) return undo_write("remembering who is playing");
  sqlite3_bind_text(put, 1, room_id.data(), static_cast<int>(room_id.size()), SQLITE_STATIC);
  sqlite3_bind_text(put, 2, couple.data(), static_cast<int>(couple.size()), SQLITE_STATIC);
  if (sqlite3_step(put) != SQLITE_DONE) return undo_write("remembering who is playing");
  return end_write("remembering who is playing");
}

CoupleMemory Store::couple_memory(const std::string& couple) {
  CoupleMemory memory;
  {
    Statement rows(db_, "SELECT card_id FROM couple_cards WHERE couple = ? ORDER BY played_at_ms, card_id;");
    rows.bind(1, couple);
    while (rows.ok() && rows.step() == SQLITE_ROW) memory.played_card_ids.push_back(rows.text(0));
  }
  Statement rows(db_, "SELECT body FROM custom_cards WHERE couple = ? ORDER BY added_at_ms, card_id;");
  rows.bind(1, couple);
  while (rows.ok() && rows.step() == SQLITE_ROW) {
    v1::Card card;
    if (card.ParseFromString(rows.blob(0)) && !card.id().empty()) memory.custom_cards.push_back(std::move(card));
  }
  return memory;
}

std::optional<StoreFailure> Store::forget_cards() {
  if (auto failed = flush()) return failed;
  if (auto failed = exec("BEGIN IMMEDIATE;DELETE FROM couple_cards;DELETE FROM custom_cards;COMMIT;")) {
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    return failed;
  }
  sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  return std::nullopt;
}

std::vector<v1::Card> Store::all_custom_cards() {
  std::vector<v1::Card> cards;
  Statement rows(db_, "SELECT body FROM custom_cards ORDER BY added_at_ms, card_id;");
  while (rows.ok() && rows.step() == SQLITE_ROW) {
    v1::Card card;
    if (card.ParseFromString(rows.blob(0)) && !card.id().empty()) cards.push_back(std::move(card));
  }
  return cards;
}

SharedContent Store::shelve(v1::Event& event) {
  if (!event.has_room_created()) return nullptr;
  auto& created = *event.mutable_room_created();
  if (created.exercises_size() == 0 && created.decks_size() == 0) {
    return created.has_content_ref() ? content(created.content_ref().sha256()) : nullptr;
  }
  auto set = std::make_shared<v1::ContentSet>();
  set->mutable_exercises()->Swap(created.mutable_exercises());
  set->mutable_decks()->Swap(created.mutable_decks());
  std::string sha = content_sha256(*set);
  auto& cached = contents_[sha];
  if (!cached) cached = std::move(set);
  auto* ref = created.mutable_content_ref();
  ref->set_sha256(sha);
  // The exercise and deck in play are left out too when they are byte for
  // byte an entry of the lists (they are, unless a crafted event says otherwise).
  if (const auto* same = entry_with_id(cached->exercises(), created.exercise().id());
      same != nullptr && deterministic_bytes(*same) == deterministic_bytes(created.exercise())) {
    ref->set_exercise_id(created.exercise().id());
    created.clear_exercise();
  }
  if (const auto* same = entry_with_id(cached->decks(), created.deck().id());
      same != nullptr && deterministic_bytes(*same) == deterministic_bytes(created.deck())) {
    ref->set_deck_id(created.deck().id());
    created.clear_deck();
  }
  return cached;
}

bool Store::inflate(v1::Event& event, bool with_lists) {
  if (!event.has_room_created() || !event.room_created().has_content_ref()) return true;
  auto& created = *event.mutable_room_created();
  const SharedContent shelved = content(created.content_ref().sha256());
  if (!shelved) return false;
  const auto& ref = created.content_ref();
  if (!ref.exercise_id().empty()) {
    if (const auto* exercise = entry_with_id(shelved->exercises(), ref.exercise_id())) {
      *created.mutable_exercise() = *exercise;
    }
  }
  if (!ref.deck_id().empty()) {
    if (const auto* deck = entry_with_id(shelved->decks(), ref.deck_id())) *created.mutable_deck() = *deck;
  }
  if (!with_lists) return true;
  *created.mutable_exercises() = shelved->exercises();
  *created.mutable_decks() = shelved->decks();
  created.clear_content_ref();
  return true;
}

SharedContent Store::content(const std::string& sha256) {
  if (auto found = contents_.find(sha256); found != contents_.end()) return found->second;
  Statement row(db_, "SELECT body FROM contents WHERE sha256 = ?;");
  row.bind_blob(1, sha256);
  if (!row.ok() || row.step() != SQLITE_ROW) return nullptr;
  auto set = std::make_shared<v1::ContentSet>();
  // A row that does not read, or whose bytes are not what its name says, is not that content.
  if (!set->ParseFromString(row.blob(0)) || content_sha256(*set) != sha256) return nullptr;
  contents_[sha256] = set;
  return set;
}

std::size_t Store::content_versions() {
  Statement count(db_, "SELECT COUNT(*) FROM contents;");
  if (!count.ok() || count.step() != SQLITE_ROW) return 0;
  return static_cast<std::size_t>(count.integer(0));
}

std::optional<StoreFailure> Store::keep_content(const std::string& room_id, const v1::Event& event) {
  const std::string& sha = event.room_created().content_ref().sha256();
  const SharedContent shelved = content(sha);
  if (!shelved) return undo_write("saving the room's content");
  auto* put = prepared("INSERT OR IGNORE INTO contents(sha256, body) VALUES(?, ?);");
  if (put == nullptr) return undo_write("saving the room's content");
  const std::string body = deterministic_bytes(*shelved);
  sqlite3_bind_blob(put, 1, sha.data(), static_cast<int>(sha.size()), SQLITE_STATIC);
  sqlite3_bind_blob(put, 2, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
  if (sqlite3_step(put) != SQLITE_DONE) return undo_write("saving the room's content");
  auto* name = prepared("INSERT OR REPLACE INTO room_contents(room_id, sha256) VALUES(?, ?);");
  if (name == nullptr) return undo_write("saving the room's content");
  sqlite3_bind_text(name, 1, room_id.data(), static_cast<int>(room_id.size()), SQLITE_STATIC);
  sqlite3_bind_blob(name, 2, sha.data(), static_cast<int>(sha.size()), SQLITE_STATIC);
  if (sqlite3_step(name) != SQLITE_DONE) return undo_write("saving the room's content");
  return std::nullopt;
}

std::optional<StoreFailure> Store::set_seat_token(const std::string& room_id, Seat seat, const std::string& token,
                                                  const std::string& device) {
  // Inside an open group this joins the same transaction and flush.
  if (auto failed = begin_write("saving a seat")) return failed;
  auto* put = prepared("INSERT OR REPLACE INTO seat_tokens(room_id, seat, token) VALUES(?, ?, ?);");
  if (put == nullptr) return undo_write("saving a seat");
  sqlite3_bind_text(put, 1, room_id.data(), static_cast<int>(room_id.size()), SQLITE_STATIC);
  sqlite3_bind_int64(put, 2, static_cast<std::int64_t>(seat));
  sqlite3_bind_text(put, 3, token.data(), static_cast<int>(token.size()), SQLITE_STATIC);
  if (sqlite3_step(put) != SQLITE_DONE) return undo_write("saving a seat");
  auto* bind = prepared("INSERT OR REPLACE INTO seat_devices(room_id, seat, fingerprint) VALUES(?, ?, ?);");
  if (bind == nullptr) return undo_write("saving a seat");
  sqlite3_bind_text(bind, 1, room_id.data(), static_cast<int>(room_id.size()), SQLITE_STATIC);
  sqlite3_bind_int64(bind, 2, static_cast<std::int64_t>(seat));
  sqlite3_bind_text(bind, 3, device.data(), static_cast<int>(device.size()), SQLITE_STATIC);
  if (sqlite3_step(bind) != SQLITE_DONE) return undo_write("saving a seat");
  return end_write("saving a seat");
}

std::optional<StoreFailure> Store::set_code(const std::string& room_id, const std::string& code) {
  // Inside an open group this joins the same transaction and flush.
  if (auto failed = begin_write("saving a join code")) return failed;
  auto* put = prepared("UPDATE rooms SET code = ? WHERE room_id = ?;");
  if (put == nullptr) return undo_write("saving a join code");
  sqlite3_bind_text(put, 1, code.data(), static_cast<int>(code.size()), SQLITE_STATIC);
  sqlite3_bind_text(put, 2, room_id.data(), static_cast<int>(room_id.size()), SQLITE_STATIC);
  if (sqlite3_step(put) != SQLITE_DONE) return undo_write("saving a join code");
  return end_write("saving a join code");
}

std::optional<StoreFailure> Store::finish(const std::string& room_id, bool recorded) {
  // The room's last events are made durable (and heard) first.
  if (auto failed = flush()) return failed;
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
  if (auto failed = flush()) return failed;
  Statement gone(db_, "DELETE FROM rooms WHERE room_id = ?;");
  gone.bind(1, room_id);
  if (!gone.ok() || gone.step() != SQLITE_DONE) return failure("deleting the session");
  // A content version no room refers to any more goes with its last room.
  Statement unused(db_, "DELETE FROM contents WHERE sha256 NOT IN (SELECT sha256 FROM room_contents);");
  if (!unused.ok() || unused.step() != SQLITE_DONE) return failure("deleting the session");
  // The cache lets go of versions that no room in memory shares any more.
  std::erase_if(contents_, [](const auto& each) { return each.second.use_count() == 1; });
  // secure_delete zeroes the freed pages; the checkpoint takes the old
  // content out of the write-ahead log too.
  sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  return std::nullopt;
}

void Store::limit_pages(int pages) {
  const std::string pragma = "PRAGMA max_page_count=" + std::to_string(pages) + ";";
  (void)exec(pragma.c_str());
}

std::vector<v1::Event> Store::events_of(const std::string& room_id, std::optional<std::string>& damage, bool shelved) {
  std::vector<v1::Event> events;
  Statement rows(db_, "SELECT seq, body FROM events WHERE room_id = ? ORDER BY seq;");
  if (!rows.ok()) {
    damage = std::string("its events could not be read (") + sqlite3_errmsg(db_) + ")";
    return events;
  }
  rows.bind(1, room_id);
  int code = SQLITE_ROW;
  while ((code = rows.step()) == SQLITE_ROW) {
    v1::Event event;
    const auto seq = static_cast<std::uint64_t>(rows.integer(0));
    // Events after a row that does not read would leave a gap: stop there, and say so.
    if (!event.ParseFromString(rows.blob(1)) || event.seq() != seq || seq != events.size() + 1) {
      damage = "event " + std::to_string(events.size() + 1) + " could not be read";
      return events;
    }
    const bool readable = shelved ? (!event.room_created().has_content_ref() ||
                                     content(event.room_created().content_ref().sha256()) != nullptr)
                                  : inflate(event);
    if (!readable) {
      damage = "the exercises and decks it was created with are missing from the store";
      return events;
    }
    events.push_back(std::move(event));
  }
  if (code != SQLITE_DONE) {
    damage = "reading stopped after event " + std::to_string(events.size()) + " (" + sqlite3_errmsg(db_) + ")";
  }
  return events;
}

std::vector<v1::Event> Store::events(const std::string& room_id) {
  std::optional<std::string> damage;
  return events_of(room_id, damage);
}

std::map<int, SeatKey> Store::tokens_of(const std::string& room_id) {
  std::map<int, SeatKey> tokens;
  // A seat saved before seats were bound to devices has no fingerprint and
  // cannot be resumed (docs/security.md).
  Statement rows(db_,
                 "SELECT t.seat, t.token, COALESCE(d.fingerprint, '') FROM seat_tokens t "
                 "LEFT JOIN seat_devices d ON d.room_id = t.room_id AND d.seat = t.seat WHERE t.room_id = ?;");
  rows.bind(1, room_id);
  int code = SQLITE_ROW;
  while ((code = rows.step()) == SQLITE_ROW) {
    tokens[static_cast<int>(rows.integer(0))] = SeatKey{rows.text(1), rows.text(2)};
  }
  if (code != SQLITE_DONE) note_damage(std::string("seat tokens could not be read (") + sqlite3_errmsg(db_) + ")");
  return tokens;
}

std::vector<StoredRoom> Store::open_rooms() {
  std::vector<StoredRoom> rooms;
  {
    Statement rows(db_, "SELECT room_id, code, created_at_ms FROM rooms WHERE ended = 0 ORDER BY created_at_ms;");
    int code = SQLITE_ROW;
    while ((code = rows.step()) == SQLITE_ROW) {
      StoredRoom room;
      room.room_id = rows.text(0);
      room.code = rows.text(1);
      room.created_at_ms = rows.integer(2);
      rooms.push_back(std::move(room));
    }
    if (code != SQLITE_DONE)
      note_damage(std::string("the list of games could not be read (") + sqlite3_errmsg(db_) + ")");
  }
  for (auto& room : rooms) {
    room.events = events_of(room.room_id, room.damage, true);
    room.seat_tokens = tokens_of(room.room_id);
  }
  return rooms;
}

std::optional<StoredRoom> Store::load(const std::string& room_id) {
  StoredRoom room;
  {
    Statement row(db_, "SELECT code, created_at_ms, ended, recorded FROM rooms WHERE room_id = ?;");
    row.bind(1, room_id);
    const int code = row.step();
    if (code != SQLITE_ROW) {
      if (code != SQLITE_DONE) note_damage(std::string("a session could not be read (") + sqlite3_errmsg(db_) + ")");
      return std::nullopt;
    }
    room.room_id = room_id;
    room.code = row.text(0);
    room.created_at_ms = row.integer(1);
    room.ended = row.integer(2) != 0;
    room.recorded = row.integer(3) != 0;
  }
  room.events = events_of(room_id, room.damage);
  return room;
}

std::vector<SessionSummary> Store::list() {
  std::vector<SessionSummary> out;
  {
    Statement rows(db_,
                   "SELECT r.room_id, r.created_at_ms, r.ended, r.recorded, COUNT(e.seq) FROM rooms r "
                   "LEFT JOIN events e ON e.room_id = r.room_id GROUP BY r.room_id ORDER BY r.created_at_ms;");
    int code = SQLITE_ROW;
    while ((code = rows.step()) == SQLITE_ROW) {
      SessionSummary summary;
      summary.room_id = rows.text(0);
      summary.created_at_ms = rows.integer(1);
      summary.ended = rows.integer(2) != 0;
      summary.recorded = rows.integer(3) != 0;
      summary.events = static_cast<std::uint64_t>(rows.integer(4));
      out.push_back(std::move(summary));
    }
    if (code != SQLITE_DONE)
      note_damage(std::string("the list of sessions could not be read (") + sqlite3_errmsg(db_) + ")");
  }
  for (auto& summary : out) {
    const RoomState state = replay(events_of(summary.room_id, summary.damage));
    summary.rounds = static_cast<std::uint32_t>(state.finished_rounds.size());
    for (std::size_t i = 1; i < state.seats.size(); ++i) {
      if (state.seats[i].taken) summary.seats.emplace_back(static_cast<Seat>(i), state.seats[i].name);
    }
  }
  return out;
}

}  // namespace attune::server
