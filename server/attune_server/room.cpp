#include "attune_server/room.hpp"

#include "attune_server/store.hpp"

namespace attune::server {
namespace {

std::size_t index_of(Seat seat) {
  const int raw = static_cast<int>(seat);
  return (raw > 0 && raw < 4) ? static_cast<std::size_t>(raw) : 0;
}

}  // namespace

Room::Room(std::string room_id, std::string join_code, Store& store)
    : id_(std::move(room_id)), join_code_(std::move(join_code)), store_(store) {}

std::unique_ptr<Room> Room::restore(std::string room_id, std::string join_code, Store& store,
                                    std::vector<v1::Event> events, std::int64_t now_ms) {
  auto room = std::make_unique<Room>(std::move(room_id), std::move(join_code), store);
  room->state_ = replay(events);
  room->log_ = std::move(events);
  // Everyone is away after a restart until they come back.
  for (std::size_t i = 1; i < room->gone_since_.size(); ++i) {
    if (room->state_.seats[i].taken) room->gone_since_[i] = now_ms;
  }
  return room;
}

bool Room::has_free_partner_seat() const {
  return !state_.seats[v1::SEAT_PARTNER_A].taken || !state_.seats[v1::SEAT_PARTNER_B].taken;
}

bool Room::anyone_attached() const {
  for (std::size_t i = 1; i < links_.size(); ++i) {
    if (links_[i] != nullptr) return true;
  }
  return false;
}

bool Room::attached(Seat seat) const { return links_[index_of(seat)] != nullptr; }

std::optional<Rejection> Room::apply(const Input& input, std::int64_t now_ms) {
  if (log_.size() >= max_events_) {
    const auto* command = std::get_if<SeatCommand>(&input);
    const bool ending = std::holds_alternative<CloseRoom>(input) || (command && command->command.has_end_session());
    if (!ending) {
      return Rejection{v1::ERROR_CODE_SERVER_BUSY,
                       "This session has grown as long as one session may be on this host. End it and start a new "
                       "one; everything so far is kept."};
    }
  }
  Decision decision = decide(state_, input, now_ms);
  if (auto* rejection = std::get_if<Rejection>(&decision)) return *rejection;
  return commit(std::get<Events>(std::move(decision)));
}

std::optional<Rejection> Room::commit(Events events) {
  if (events.empty()) return std::nullopt;
  // Durable first; only then does anyone hear of it.
  if (auto failed = store_.append(id_, join_code_, events)) {
    return Rejection{failed->disk_full ? v1::ERROR_CODE_STORAGE_FULL : v1::ERROR_CODE_STORAGE_FAILED, failed->message};
  }
  const bool was_ended = ended();
  for (auto& event : events) {
    const v1::HostSettings in_force = state_.settings;
    state_ = fold(std::move(state_), event);
    log_.push_back(event);
    broadcast(event, in_force);
  }
  if (!was_ended && ended()) (void)store_.finish(id_, is_recorded(state_));
  return std::nullopt;
}

void Room::broadcast(const v1::Event& event, const v1::HostSettings& in_force) {
  for (std::size_t i = 1; i < links_.size(); ++i) {
    if (links_[i] == nullptr) continue;
    v1::Envelope envelope;
    *envelope.mutable_event() = project_event(event, static_cast<Seat>(i), in_force);
    links_[i]->deliver(envelope);
  }
}

std::optional<Rejection> Room::open(const OpenRoom& open, SeatLink* creator, std::int64_t now_ms) {
  links_[index_of(open.creator)] = creator;
  auto rejection = apply(open, now_ms);
  if (rejection) links_[index_of(open.creator)] = nullptr;
  return rejection;
}

std::optional<Rejection> Room::seat(const TakeSeat& take, SeatLink* link, std::int64_t now_ms) {
  const std::size_t index = index_of(take.seat);
  if (index == 0) return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT, "Unknown seat."};
  Decision decision = decide(state_, take, now_ms);
  if (auto* rejection = std::get_if<Rejection>(&decision)) return *rejection;
  auto events = std::get<Events>(std::move(decision));
  // Stored before the newcomer is attached, so a failure leaves no trace.
  if (auto failed = store_.append(id_, join_code_, events)) {
    return Rejection{failed->disk_full ? v1::ERROR_CODE_STORAGE_FULL : v1::ERROR_CODE_STORAGE_FAILED, failed->message};
  }
  // The newcomer first catches up on what happened before they sat down.
  send_history(take.seat, link, 0);
  links_[index] = link;
  gone_since_[index] = 0;
  for (auto& event : events) {
    const v1::HostSettings in_force = state_.settings;
    state_ = fold(std::move(state_), event);
    log_.push_back(event);
    broadcast(event, in_force);
  }
  return std::nullopt;
}

void Room::reattach(Seat seat, SeatLink* link, std::uint64_t last_seq, std::int64_t now_ms) {
  const std::size_t index = index_of(seat);
  if (index == 0) return;
  SeatLink* previous = links_[index];
  links_[index] = link;
  gone_since_[index] = 0;
  if (previous != nullptr && previous != link) previous->replaced();
  send_history(seat, link, last_seq);
  (void)apply(MarkPresence{seat, false}, now_ms);
}

void Room::command(Seat seat, const v1::Command& command, std::int64_t now_ms) {
  if (auto rejection = apply(SeatCommand{seat, command}, now_ms)) {
    SeatLink* link = links_[index_of(seat)];
    if (link == nullptr) return;
    v1::Envelope envelope;
    auto* error = envelope.mutable_error();
    error->set_code(rejection->code);
    error->set_message(rejection->message);
    error->set_command_id(command.command_id());
    link->deliver(envelope);
  }
}

void Room::presence(Seat seat, bool away, std::int64_t now_ms) { (void)apply(MarkPresence{seat, away}, now_ms); }

void Room::detach(Seat seat, const SeatLink* link, std::int64_t now_ms) {
  const std::size_t index = index_of(seat);
  if (index == 0 || links_[index] != link) return;
  links_[index] = nullptr;
  gone_since_[index] = now_ms;
  (void)apply(MarkPresence{seat, true}, now_ms);
}

void Room::expire(std::int64_t now_ms, std::int64_t keep_ms) {
  if (ended() || anyone_attached()) return;
  bool anyone_seated = false;
  for (std::size_t i = 1; i < gone_since_.size(); ++i) {
    if (!state_.seats[i].taken) continue;
    anyone_seated = true;
    if (gone_since_[i] == 0 || now_ms - gone_since_[i] < keep_ms) return;
  }
  if (anyone_seated) (void)apply(CloseRoom{}, now_ms);
}

void Room::tell(const v1::Envelope& envelope) {
  for (std::size_t i = 1; i < links_.size(); ++i) {
    if (links_[i] != nullptr) links_[i]->deliver(envelope);
  }
}

void Room::close(std::int64_t now_ms) {
  if (!ended()) (void)apply(CloseRoom{}, now_ms);
}

void Room::send_history(Seat seat, SeatLink* link, std::uint64_t after_seq) const {
  // Each event under the settings in force when it happened, exactly as it
  // went out live (not under today's settings).
  RoomState seen;
  for (const auto& event : log_) {
    v1::Event projected = project_event(event, seat, seen.settings);
    seen = fold(std::move(seen), projected);
    if (event.seq() <= after_seq) continue;
    v1::Envelope envelope;
    *envelope.mutable_event() = std::move(projected);
    link->deliver(envelope);
  }
}

}  // namespace attune::server
