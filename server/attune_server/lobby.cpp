#include "attune_server/lobby.hpp"

#include <cstdio>

namespace attune::server {
namespace {

// No 0/O, 1/I/L: easy to read aloud and to type.
constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr std::size_t kCodeLength = 6;

}  // namespace

Lobby::Lobby(Content content, std::uint64_t seed) : content_(std::move(content)), random_(seed) {}

std::string Lobby::normalise_code(std::string_view code) {
  std::string out;
  for (const char ch : code) {
    if (ch == ' ' || ch == '-' || ch == '\t') continue;
    out.push_back((ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch);
  }
  return out;
}

std::string Lobby::new_code() {
  std::uniform_int_distribution<std::size_t> pick(0, kCodeAlphabet.size() - 1);
  for (;;) {
    std::string code;
    for (std::size_t i = 0; i < kCodeLength; ++i) code.push_back(kCodeAlphabet[pick(random_)]);
    if (!open_codes_.contains(code) && !used_codes_.contains(code)) return code;
  }
}

std::string Lobby::new_room_id() {
  for (;;) {
    char id[17];
    std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(random_()));
    if (!rooms_.contains(id)) return id;
  }
}

SeatResult Lobby::create(const v1::CreateRoom& request, SeatLink* link, std::int64_t now_ms) {
  const Seat seat = request.seat() == v1::SEAT_UNSPECIFIED ? v1::SEAT_PARTNER_A : request.seat();
  if (seat != v1::SEAT_PARTNER_A && seat != v1::SEAT_HOST) {
    return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT, "A new room is created as partner A or as the host."};
  }
  const std::string code = new_code();
  auto room = std::make_unique<Room>(new_room_id(), code);
  OpenRoom open{room->id(), content_.exercise, content_.deck, random_(), seat, request.display_name()};
  if (auto rejection = room->open(open, link, now_ms)) return *rejection;
  Room* raw = room.get();
  open_codes_[code] = raw->id();
  rooms_[raw->id()] = std::move(room);
  return Seated{raw, seat};
}

SeatResult Lobby::join(const v1::JoinRoom& request, SeatLink* link, std::int64_t now_ms) {
  const std::string code = normalise_code(request.code());
  auto open = open_codes_.find(code);
  if (open == open_codes_.end()) {
    if (used_codes_.contains(code)) {
      return Rejection{v1::ERROR_CODE_ROOM_FULL,
                       "The game with code " + code + " already has both partners. Ask the host for a new game."};
    }
    return Rejection{v1::ERROR_CODE_UNKNOWN_CODE, "No game is waiting with code \"" + code +
                                                      "\". Check the code on the host's screen and try again."};
  }
  Room* room = find(open->second);
  if (room == nullptr || room->ended()) {
    open_codes_.erase(open);
    return Rejection{v1::ERROR_CODE_ROOM_ENDED, "That game has ended. Ask the host to start a new one."};
  }
  const auto& seats = room->state().seats;
  const Seat seat = seats[v1::SEAT_PARTNER_A].taken ? v1::SEAT_PARTNER_B : v1::SEAT_PARTNER_A;
  if (auto rejection = room->seat(seat, request.display_name(), link, now_ms)) return *rejection;
  if (!room->has_free_partner_seat()) {
    used_codes_[code] = room->id();
    open_codes_.erase(code);
  }
  return Seated{room, seat};
}

Room* Lobby::find(const std::string& room_id) {
  auto it = rooms_.find(room_id);
  return it == rooms_.end() ? nullptr : it->second.get();
}

void Lobby::reap(const std::string& room_id) {
  auto it = rooms_.find(room_id);
  if (it == rooms_.end()) return;
  Room& room = *it->second;
  if (!room.ended() || room.anyone_attached()) return;
  open_codes_.erase(room.join_code());
  // The used code is kept so a late joiner hears "already has both partners"
  // rather than "no such game" only while the room lives.
  used_codes_.erase(room.join_code());
  rooms_.erase(it);
}

}  // namespace attune::server
