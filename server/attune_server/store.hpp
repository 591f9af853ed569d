// The server's durable store: rooms and their events in SQLite (WAL,
// synchronous=FULL). Every accepted event is committed here before anyone
// hears of it. Owner-only files whatever the umask.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "attune/engine.hpp"

struct sqlite3;

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
  std::vector<v1::Event> events;
};

struct SessionSummary {
  std::string room_id;
  std::int64_t created_at_ms = 0;
  bool ended = false;
  bool recorded = false;
  std::uint64_t events = 0;
  std::uint32_t rounds = 0;
  std::vector<std::pair<Seat, std::string>> seats;
};

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

  // All of `events` or none of them, durable when this returns.
  std::optional<StoreFailure> append(const std::string& room_id, const std::string& code,
                                     const std::vector<v1::Event>& events);
  // The seat's token and the device it is bound to, in one transaction.
  std::optional<StoreFailure> set_seat_token(const std::string& room_id, Seat seat, const std::string& token,
                                             const std::string& device);
  // Marks the room ended; a room without consent to record is erased.
  std::optional<StoreFailure> finish(const std::string& room_id, bool recorded);

  [[nodiscard]] std::vector<StoredRoom> open_rooms();
  [[nodiscard]] std::optional<StoredRoom> load(const std::string& room_id);
  [[nodiscard]] std::vector<SessionSummary> list();
  // Removes the room and everything in it, and scrubs the freed pages.
  std::optional<StoreFailure> erase(const std::string& room_id);

  // Caps the database at `pages` pages, or at its current size if larger:
  // a quota for hosts who want one, and a full disk on demand for tests.
  void limit_pages(int pages);

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  Store(sqlite3* db, std::filesystem::path path);
  std::optional<StoreFailure> exec(const char* sql);
  StoreFailure failure(const std::string& doing) const;
  std::vector<v1::Event> events_of(const std::string& room_id);
  std::map<int, SeatKey> tokens_of(const std::string& room_id);

  sqlite3* db_;
  std::filesystem::path path_;
};

// The default data folder: $XDG_DATA_HOME/attune, else ~/.local/share/attune.
[[nodiscard]] std::filesystem::path default_data_dir();
// Creates `dir` (and parents) and makes it 0700. Error sentence on failure.
[[nodiscard]] std::optional<std::string> make_private_dir(const std::filesystem::path& dir);

}  // namespace attune::server
