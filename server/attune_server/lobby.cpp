#include "attune_server/lobby.hpp"

#include <cstdio>

#include "attune/log.hpp"

#include "attune_server/store.hpp"

namespace attune::server {
namespace {

// No 0/O, 1/I/L: easy to read aloud and to type.
constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr std::size_t kCodeLength = 6;

// Compares secrets in time that does not depend on where they differ.
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

Lobby::Lobby(Content content, std::uint64_t seed, Store& store)
    : content_(std::move(content)), random_(seed), store_(store) {}

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
    if (!rooms_.contains(id) && !store_.load(id)) return id;
  }
}

std::string Lobby::issue_token(Room& room, Seat seat, std::optional<Rejection>& warning) {
  std::string token;
  char hex[9];
  for (int i = 0; i < 4; ++i) {
    std::snprintf(hex, sizeof hex, "%08x", secrets_());
    token += hex;
  }
  tokens_[room.id()][static_cast<std::size_t>(seat)] = token;
  if (auto failed = store_.set_seat_token(room.id(), seat, token)) {
    log::error("Room " + room.id() + ": a seat token could not be saved: " + failed->message);
    warning = Rejection{failed->disk_full ? v1::ERROR_CODE_STORAGE_FULL : v1::ERROR_CODE_STORAGE_FAILED,
                        "The host could not save your seat, so if the host restarts this laptop cannot take "
                        "it back. The game goes on; free space on the host to be safe."};
  }
  return token;
}

std::size_t Lobby::restore(std::int64_t now_ms) {
  std::size_t restored = 0;
  for (auto& stored : store_.open_rooms()) {
    if (stored.damage) {
      log::error("Room " + stored.room_id + " in " + store_.path().string() + " is damaged (" + *stored.damage +
                 "); restoring the " + std::to_string(stored.events.size()) + " events that could be read.");
    }
    if (stored.events.empty()) continue;
    auto room = Room::restore(stored.room_id, stored.code, store_, std::move(stored.events), now_ms);
    if (room->ended()) {
      // It ended but the store never heard (a failed write, or a kill in
      // between): finish it now, erasing it if not everyone consented.
      room->finish_in_store();
      if (room->finish_pending()) rooms_[room->id()] = std::move(room);
      continue;
    }
    auto& tokens = tokens_[room->id()];
    for (const auto& [seat, token] : stored.seat_tokens) {
      if (seat > 0 && seat < 4) tokens[static_cast<std::size_t>(seat)] = token;
    }
    if (room->has_free_partner_seat()) {
      open_codes_[room->join_code()] = room->id();
    } else {
      used_codes_[room->join_code()] = room->id();
    }
    rooms_[room->id()] = std::move(room);
    ++restored;
  }
  return restored;
}

SeatResult Lobby::create(const v1::CreateRoom& request, SeatLink* link, std::int64_t now_ms) {
  const Seat seat = request.seat() == v1::SEAT_UNSPECIFIED ? v1::SEAT_PARTNER_A : request.seat();
  if (seat != v1::SEAT_PARTNER_A && seat != v1::SEAT_HOST) {
    return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT, "A new room is created as partner A or as the host."};
  }
  const std::string code = new_code();
  auto room = std::make_unique<Room>(new_room_id(), code, store_);
  OpenRoom open{room->id(),
                content_.exercise,
                content_.deck,
                random_(),
                seat,
                request.display_name(),
                request.consent_to_recording(),
                content_.exercises,
                content_.decks};
  if (auto rejection = room->open(open, link, now_ms)) return *rejection;
  Room* raw = room.get();
  open_codes_[code] = raw->id();
  rooms_[raw->id()] = std::move(room);
  Seated seated{raw, seat, "", false, std::nullopt};
  seated.seat_token = issue_token(*raw, seat, seated.warning);
  return seated;
}

SeatResult Lobby::resume(const v1::JoinRoom& request, SeatLink* link, std::int64_t now_ms) {
  Room* room = find(request.room_id());
  const auto tokens = tokens_.find(request.room_id());
  if (room == nullptr || tokens == tokens_.end()) {
    return Rejection{v1::ERROR_CODE_ROOM_ENDED, "That game is no longer on this host. Start a new one together."};
  }
  for (std::size_t i = 1; i < 4; ++i) {
    if (!same_secret(tokens->second[i], request.seat_token())) continue;
    if (room->ended()) return Rejection{v1::ERROR_CODE_ROOM_ENDED, "That game has ended."};
    const Seat seat = static_cast<Seat>(i);
    room->reattach(seat, link, request.last_seq(), now_ms);
    return Seated{room, seat, tokens->second[i], true, std::nullopt};
  }
  return Rejection{v1::ERROR_CODE_SEAT_TOKEN_INVALID,
                   "This laptop's seat in that game could not be confirmed. Join again with a new code."};
}

SeatResult Lobby::join(const v1::JoinRoom& request, SeatLink* link, std::int64_t now_ms) {
  if (!request.room_id().empty() || !request.seat_token().empty()) return resume(request, link, now_ms);
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
  if (room->state().locked) {
    return Rejection{v1::ERROR_CODE_ROOM_LOCKED,
                     "The host has locked this game to new joiners. Ask them to unlock it if you belong there."};
  }
  const auto& seats = room->state().seats;
  const Seat seat = seats[v1::SEAT_PARTNER_A].taken ? v1::SEAT_PARTNER_B : v1::SEAT_PARTNER_A;
  if (auto rejection =
          room->seat(TakeSeat{seat, request.display_name(), request.consent_to_recording()}, link, now_ms)) {
    return *rejection;
  }
  if (!room->has_free_partner_seat()) {
    used_codes_[code] = room->id();
    open_codes_.erase(code);
  }
  Seated seated{room, seat, "", false, std::nullopt};
  seated.seat_token = issue_token(*room, seat, seated.warning);
  return seated;
}

Room* Lobby::find(const std::string& room_id) {
  auto it = rooms_.find(room_id);
  return it == rooms_.end() ? nullptr : it->second.get();
}

void Lobby::reap(const std::string& room_id) {
  auto it = rooms_.find(room_id);
  if (it == rooms_.end()) return;
  Room& room = *it->second;
  if (!room.ended() || room.anyone_attached() || room.finish_pending()) return;
  open_codes_.erase(room.join_code());
  used_codes_.erase(room.join_code());
  tokens_.erase(room_id);
  rooms_.erase(it);
}

void Lobby::expire(std::int64_t now_ms, std::int64_t keep_ms) {
  std::vector<std::string> ended;
  for (auto& [id, room] : rooms_) {
    room->expire(now_ms, keep_ms);
    if (room->ended()) ended.push_back(id);
  }
  for (const auto& id : ended) reap(id);
}

}  // namespace attune::server
