// The lobby: creates rooms, hands out join codes and seat tokens, seats
// people and takes seats back after a drop. Owns every room; a room is
// dropped once it has ended and nobody is attached.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>

#include "attune/content.hpp"
#include "attune_server/room.hpp"
#include "attune_server/store.hpp"

namespace attune::server {

struct Seated {
  Room* room = nullptr;
  Seat seat = v1::SEAT_UNSPECIFIED;
  std::string seat_token;
  bool resumed = false;
};

struct LobbyLimits {
  std::size_t open_rooms_per_device = 16;  // games one owner device may have running at once
  std::size_t codes_per_room = 10;         // a fresh code after too many wrong tries, this often at most
  std::size_t events_per_room = 20'000;    // a session's log cannot grow without bound
  std::size_t wrong_joins_per_code = 20;   // joins by a wrong code, counted against every open code
};

// A join code renewed after too many wrong attempts.
struct RenewedCode {
  Room* room = nullptr;
  std::string code;         // empty: the room takes no more partners by code
  std::size_t devices = 0;  // free partner seats the new code may pair
};

using SeatResult = std::variant<Seated, Rejection>;

class Lobby {
 public:
  // Codes, room ids, room seeds and seat tokens all come from the system's
  // CSPRNG (attune/secrets.hpp).
  Lobby(Content content, Store& store, LobbyLimits limits = {});

  // Rebuilds every room the store holds that had not ended.
  std::size_t restore(std::int64_t now_ms);

  // `device`: the creator's certificate fingerprint; the seat is bound to it.
  SeatResult create(const v1::CreateRoom& request, SeatLink* link, const std::string& device, std::int64_t now_ms);
  // With a room id and seat token: takes the seat back, only for the device
  // that took it. Otherwise: a code.
  SeatResult join(const v1::JoinRoom& request, SeatLink* link, const std::string& device, std::int64_t now_ms);
  // Gives the room using `old_code` a fresh code (it saw too many wrong
  // tries) and tells everyone seated there.
  RenewedCode renew(const std::string& old_code, std::int64_t now_ms);
  // A join by a code that seated nobody: one wrong attempt against every
  // open code. Returns the codes that were retired, each with its renewal.
  std::vector<std::pair<std::string, RenewedCode>> wrong_join(std::int64_t now_ms);

  [[nodiscard]] Room* find(const std::string& room_id);
  // Drops the room if it has ended and nobody is attached any more.
  void reap(const std::string& room_id);
  // Ends rooms whose seats have all been gone longer than `keep_ms`.
  void expire(std::int64_t now_ms, std::int64_t keep_ms);

  [[nodiscard]] std::size_t room_count() const { return rooms_.size(); }
  [[nodiscard]] const Content& content() const { return content_; }

  // Upper-cases and drops spaces and dashes: "ab3-k9z" reads as "AB3K9Z".

 private:
  std::string new_code();
  std::string new_room_id();
  std::optional<Rejection> issue_token(Room& room, Seat seat, const std::string& device, std::string& token);
  // When `seat` completes the couple: names the couple in the store (the
  // two partners' devices) and puts what it remembers of them into `take`.
  std::optional<Rejection> recall_couple(Room& room, Seat seat, const std::string& device, TakeSeat& take);
  SeatResult resume(const v1::JoinRoom& request, SeatLink* link, const std::string& device, std::int64_t now_ms);

  Content content_;
  Store& store_;
  LobbyLimits limits_;
  std::map<std::string, std::unique_ptr<Room>> rooms_;    // by room id
  std::map<std::string, std::array<SeatKey, 4>> tokens_;  // room id -> token and device by seat
  std::map<std::string, std::string> creators_;           // room id -> creating device
  std::map<std::string, std::size_t> codes_issued_;       // room id -> codes it has had
  std::map<std::string, std::size_t> wrong_joins_;        // open code -> wrong joins seen
  std::map<std::string, std::string> open_codes_;         // code -> room id
  std::map<std::string, std::string> used_codes_;         // code -> room id, for a clear answer
};

}  // namespace attune::server
