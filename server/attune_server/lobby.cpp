#include "attune_server/lobby.hpp"

#include <algorithm>

#include "attune/log.hpp"
#include "attune/secrets.hpp"

#include "attune_server/store.hpp"

namespace attune::server {
namespace {

constexpr std::size_t kCodeLength = 6;

// One answer for every code that does not seat you, so answers do not tell
// which codes are live (docs/security.md).
Rejection no_waiting_game(const std::string& code) {
  return Rejection{v1::ERROR_CODE_UNKNOWN_CODE,
                   "No game is waiting for a partner with code \"" + code +
                       "\". Check the code on the host's screen; if it is right, the game may already have both "
                       "partners, have ended, or be locked by the host."};
}

}  // namespace

Lobby::Lobby(Content content, Store& store, LobbyLimits limits)
    : content_(std::move(content)), store_(store), limits_(limits) {}

std::string Lobby::new_code() {
  for (;;) {
    std::string code = secrets::code(kCodeLength);
    if (!open_codes_.contains(code) && !used_codes_.contains(code)) return code;
  }
}

std::string Lobby::new_room_id() {
  for (;;) {
    std::string id = secrets::hex(8);
    if (!rooms_.contains(id) && !store_.load(id)) return id;
  }
}

std::optional<Rejection> Lobby::issue_token(Room& room, Seat seat, const std::string& device, std::string& token) {
  token = secrets::hex(16);
  if (auto failed = store_.set_seat_token(room.id(), seat, token, device)) {
    return Rejection{
        failed->disk_full ? v1::ERROR_CODE_STORAGE_FULL : v1::ERROR_CODE_STORAGE_FAILED,
        "The host could not save your seat, so it could not be kept if the connection drops: " + failed->message};
  }
  tokens_[room.id()][static_cast<std::size_t>(seat)] = SeatKey{token, device};
  return std::nullopt;
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
    room->limit_events(limits_.events_per_room);
    auto& tokens = tokens_[room->id()];
    for (const auto& [seat, key] : stored.seat_tokens) {
      if (seat > 0 && seat < 4) tokens[static_cast<std::size_t>(seat)] = key;
    }
    if (room->join_code().empty()) {
      // It used up its codes before the restart: no partner joins by code.
      codes_issued_[room->id()] = limits_.codes_per_room;
      rooms_[room->id()] = std::move(room);
      ++restored;
      continue;
    }
    if (room->has_free_partner_seat()) {
      open_codes_[room->join_code()] = room->id();
    } else {
      used_codes_[room->join_code()] = room->id();
    }
    codes_issued_[room->id()] = 1;
    rooms_[room->id()] = std::move(room);
    ++restored;
  }
  return restored;
}

SeatResult Lobby::create(const v1::CreateRoom& request, SeatLink* link, const std::string& device,
                         std::int64_t now_ms) {
  const Seat seat = request.seat() == v1::SEAT_UNSPECIFIED ? v1::SEAT_PARTNER_A : request.seat();
  if (seat != v1::SEAT_PARTNER_A && seat != v1::SEAT_HOST) {
    return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT, "A new room is created as partner A or as the host."};
  }
  std::size_t running = 0;
  for (const auto& [id, creator] : creators_) {
    const Room* room = find(id);
    if (creator == device && room != nullptr && !room->ended()) ++running;
  }
  if (running >= limits_.open_rooms_per_device) {
    return Rejection{v1::ERROR_CODE_SERVER_BUSY, "This laptop already has " + std::to_string(running) +
                                                     " games running on this host. End one before starting another."};
  }
  const std::string code = new_code();
  auto room = std::make_unique<Room>(new_room_id(), code, store_);
  room->limit_events(limits_.events_per_room);
  OpenRoom open{room->id(),
                content_.exercise,
                content_.deck,
                secrets::u64(),
                seat,
                request.display_name(),
                request.consent_to_recording(),
                content_.exercises,
                content_.decks};
  if (auto rejection = room->open(open, link, now_ms)) return *rejection;
  Room* raw = room.get();
  rooms_[raw->id()] = std::move(room);
  std::string token;
  auto rejection = issue_token(*raw, seat, device, token);
  if (!rejection) {
    // The room and its token share one commit, durable before RoomJoined goes out.
    if (auto failed = store_.flush()) {
      rejection =
          Rejection{failed->disk_full ? v1::ERROR_CODE_STORAGE_FULL : v1::ERROR_CODE_STORAGE_FAILED, failed->message};
    }
  }
  if (rejection) {
    raw->detach(seat, link, now_ms);
    raw->close(now_ms);
    return *rejection;
  }
  open_codes_[code] = raw->id();
  creators_[raw->id()] = device;
  codes_issued_[raw->id()] = 1;
  return Seated{raw, seat, token, false};
}

SeatResult Lobby::resume(const v1::JoinRoom& request, SeatLink* link, const std::string& device, std::int64_t now_ms) {
  Room* room = find(request.room_id());
  const auto tokens = tokens_.find(request.room_id());
  if (room == nullptr || tokens == tokens_.end()) {
    return Rejection{v1::ERROR_CODE_ROOM_ENDED, "That game is no longer on this host. Start a new one together."};
  }
  for (std::size_t i = 1; i < 4; ++i) {
    const SeatKey& key = tokens->second[i];
    if (!secrets::same(key.token, request.seat_token())) continue;
    // A token is not enough on its own: only the laptop that took the seat
    // may take it back (a copied token from another device is refused).
    if (!secrets::same(key.device, device)) break;
    if (room->ended()) return Rejection{v1::ERROR_CODE_ROOM_ENDED, "That game has ended."};
    const Seat seat = static_cast<Seat>(i);
    room->reattach(seat, link, request.last_seq(), now_ms);
    return Seated{room, seat, key.token, true};
  }
  return Rejection{v1::ERROR_CODE_SEAT_TOKEN_INVALID,
                   "This laptop's seat in that game could not be confirmed. Join again with a new code."};
}

SeatResult Lobby::join(const v1::JoinRoom& request, SeatLink* link, const std::string& device, std::int64_t now_ms) {
  if (!request.room_id().empty() || !request.seat_token().empty()) return resume(request, link, device, now_ms);
  const std::string code = secrets::normalise_code(request.code());
  auto open = open_codes_.find(code);
  if (open == open_codes_.end()) return no_waiting_game(code);
  Room* room = find(open->second);
  if (room == nullptr || room->ended()) {
    open_codes_.erase(open);
    return no_waiting_game(code);
  }
  if (room->state().locked) return no_waiting_game(code);
  const auto& seats = room->state().seats;
  const Seat seat = seats[v1::SEAT_PARTNER_A].taken ? v1::SEAT_PARTNER_B : v1::SEAT_PARTNER_A;
  // The token is saved first: a seat that could not come back after a drop
  // is not given at all.
  std::string token;
  if (auto rejection = issue_token(*room, seat, device, token)) return *rejection;
  TakeSeat take{seat, request.display_name(), request.consent_to_recording()};
  if (auto rejection = recall_couple(*room, seat, device, take)) {
    tokens_[room->id()][static_cast<std::size_t>(seat)] = SeatKey{};
    return *rejection;
  }
  if (auto rejection = room->seat(take, link, now_ms)) {
    tokens_[room->id()][static_cast<std::size_t>(seat)] = SeatKey{};
    return *rejection;
  }
  if (!room->has_free_partner_seat()) {
    used_codes_[code] = room->id();
    open_codes_.erase(code);
  }
  return Seated{room, seat, token, false};
}

namespace {

std::string couple_of(const std::string& one_device, const std::string& other_device) {
  // The same two laptops are the same couple whichever sat down first.
  return "devices:" + std::min(one_device, other_device) + "+" + std::max(one_device, other_device);
}

}  // namespace

std::optional<Rejection> Lobby::recall_couple(Room& room, Seat seat, const std::string& device, TakeSeat& take) {
  const Seat other = seat == v1::SEAT_PARTNER_A ? v1::SEAT_PARTNER_B : v1::SEAT_PARTNER_A;
  if (!room.state().seats[static_cast<std::size_t>(other)].taken) return std::nullopt;
  const std::string& other_device = tokens_[room.id()][static_cast<std::size_t>(other)].device;
  if (other_device.empty() || device.empty()) return std::nullopt;
  const std::string couple = couple_of(device, other_device);
  if (auto failed = store_.set_couple(room.id(), couple)) {
    return Rejection{failed->disk_full ? v1::ERROR_CODE_STORAGE_FULL : v1::ERROR_CODE_STORAGE_FAILED,
                     "The host could not note which cards you two have played: " + failed->message};
  }
  CoupleMemory memory = store_.couple_memory(couple);
  take.remembered_cards = std::move(memory.played_card_ids);
  take.custom_cards = std::move(memory.custom_cards);
  return std::nullopt;
}

RenewedCode Lobby::renew(const std::string& old_code, std::int64_t now_ms) {
  auto open = open_codes_.find(old_code);
  if (open == open_codes_.end()) return {};
  Room* room = find(open->second);
  open_codes_.erase(open);
  wrong_joins_.erase(old_code);
  used_codes_[old_code] = room == nullptr ? std::string() : room->id();
  if (room == nullptr || room->ended()) return {};
  RenewedCode renewed;
  renewed.room = room;
  auto& issued = codes_issued_[room->id()];
  if (issued < limits_.codes_per_room) {
    ++issued;
    renewed.code = new_code();
    open_codes_[renewed.code] = room->id();
    room->renew_code(renewed.code);
    const auto& seats = room->state().seats;
    renewed.devices = (seats[v1::SEAT_PARTNER_A].taken ? 0U : 1U) + (seats[v1::SEAT_PARTNER_B].taken ? 0U : 1U);
  }
  if (renewed.code.empty()) room->renew_code({});
  // Kept on disk, so a restart does not bring the retired code back.
  if (auto failed = store_.set_code(room->id(), renewed.code)) {
    log::error("The new join code of room " + room->id() + " could not be saved (" + failed->message +
               "); after a restart the game would take its old code again.");
  }
  v1::Envelope notice;
  auto* changed = notice.mutable_join_code_renewed();
  changed->set_code(renewed.code);
  changed->set_message(renewed.code.empty()
                           ? "Someone tried many wrong codes, so this game no longer takes partners by code. Start "
                             "a new game when your partner is ready."
                           : "Someone tried several wrong codes, so this game has a fresh code. Give your partner "
                             "the new one.");
  room->tell(notice);
  (void)now_ms;
  return renewed;
}

std::vector<std::pair<std::string, RenewedCode>> Lobby::wrong_join(std::int64_t now_ms) {
  std::vector<std::string> retired;
  for (const auto& [code, room_id] : open_codes_) {
    if (++wrong_joins_[code] >= limits_.wrong_joins_per_code) retired.push_back(code);
  }
  std::vector<std::pair<std::string, RenewedCode>> renewed;
  for (const auto& code : retired) {
    wrong_joins_.erase(code);
    renewed.emplace_back(code, renew(code, now_ms));
  }
  return renewed;
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
  for (auto codes : {&open_codes_, &used_codes_}) {
    for (auto code = codes->begin(); code != codes->end();) {
      code = code->second == room_id ? codes->erase(code) : std::next(code);
    }
  }
  for (auto code = wrong_joins_.begin(); code != wrong_joins_.end();) {
    code = open_codes_.contains(code->first) ? std::next(code) : wrong_joins_.erase(code);
  }
  tokens_.erase(room_id);
  creators_.erase(room_id);
  codes_issued_.erase(room_id);
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
