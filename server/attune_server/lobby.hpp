// The lobby: creates rooms, hands out join codes and seats people. Owns every
// room; a room is dropped once it has ended and nobody is attached.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <variant>

#include "attune/content.hpp"
#include "attune_server/room.hpp"

namespace attune::server {

struct Seated {
  Room* room = nullptr;
  Seat seat = v1::SEAT_UNSPECIFIED;
};

using SeatResult = std::variant<Seated, Rejection>;

class Lobby {
 public:
  // `seed` feeds the lobby's generator of codes, room ids and room seeds.
  Lobby(Content content, std::uint64_t seed);

  SeatResult create(const v1::CreateRoom& request, SeatLink* link, std::int64_t now_ms);
  SeatResult join(const v1::JoinRoom& request, SeatLink* link, std::int64_t now_ms);

  [[nodiscard]] Room* find(const std::string& room_id);
  // Drops the room if it has ended and nobody is attached any more.
  void reap(const std::string& room_id);

  [[nodiscard]] std::size_t room_count() const { return rooms_.size(); }
  [[nodiscard]] const Content& content() const { return content_; }

  // Upper-cases and drops spaces and dashes: "ab3-k9z" reads as "AB3K9Z".
  [[nodiscard]] static std::string normalise_code(std::string_view code);

 private:
  std::string new_code();
  std::string new_room_id();

  Content content_;
  std::mt19937_64 random_;
  std::map<std::string, std::unique_ptr<Room>> rooms_;  // by room id
  std::map<std::string, std::string> open_codes_;       // code -> room id
  std::map<std::string, std::string> used_codes_;       // code -> room id, for a clear answer
};

}  // namespace attune::server
