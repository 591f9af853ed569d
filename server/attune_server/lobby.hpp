// The lobby: creates rooms, hands out join codes and seat tokens, seats
// people and takes seats back after a drop. Owns every room; a room is
// dropped once it has ended and nobody is attached.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <variant>

#include "attune/content.hpp"
#include "attune_server/room.hpp"

namespace attune::server {

class Store;

struct Seated {
  Room* room = nullptr;
  Seat seat = v1::SEAT_UNSPECIFIED;
  std::string seat_token;
  bool resumed = false;
  // Seated, but something went wrong that the seat should hear (its token
  // could not be saved); sent after RoomJoined.
  std::optional<Rejection> warning;
};

using SeatResult = std::variant<Seated, Rejection>;

class Lobby {
 public:
  // `seed` feeds the generator of codes, room ids and room seeds; seat
  // tokens come from the system's random source.
  Lobby(Content content, std::uint64_t seed, Store& store);

  // Rebuilds every room the store holds that had not ended.
  std::size_t restore(std::int64_t now_ms);

  SeatResult create(const v1::CreateRoom& request, SeatLink* link, std::int64_t now_ms);
  // With a room id and seat token: takes the seat back. Otherwise: a code.
  SeatResult join(const v1::JoinRoom& request, SeatLink* link, std::int64_t now_ms);

  [[nodiscard]] Room* find(const std::string& room_id);
  // Drops the room if it has ended and nobody is attached any more.
  void reap(const std::string& room_id);
  // Ends rooms whose seats have all been gone longer than `keep_ms`.
  void expire(std::int64_t now_ms, std::int64_t keep_ms);

  [[nodiscard]] std::size_t room_count() const { return rooms_.size(); }
  [[nodiscard]] const Content& content() const { return content_; }

  // Upper-cases and drops spaces and dashes: "ab3-k9z" reads as "AB3K9Z".
  [[nodiscard]] static std::string normalise_code(std::string_view code);

 private:
  std::string new_code();
  std::string new_room_id();
  std::string issue_token(Room& room, Seat seat, std::optional<Rejection>& warning);
  SeatResult resume(const v1::JoinRoom& request, SeatLink* link, std::int64_t now_ms);

  Content content_;
  std::mt19937_64 random_;
  std::random_device secrets_;
  Store& store_;
  std::map<std::string, std::unique_ptr<Room>> rooms_;        // by room id
  std::map<std::string, std::array<std::string, 4>> tokens_;  // room id -> token by seat
  std::map<std::string, std::string> open_codes_;             // code -> room id
  std::map<std::string, std::string> used_codes_;             // code -> room id, for a clear answer
};

}  // namespace attune::server
