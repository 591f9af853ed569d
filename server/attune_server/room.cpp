#include "attune_server/room.hpp"

namespace attune::server {
namespace {

std::size_t index_of(Seat seat) {
  const int raw = static_cast<int>(seat);
  return (raw > 0 && raw < 4) ? static_cast<std::size_t>(raw) : 0;
}

}  // namespace

Room::Room(std::string room_id, std::string join_code) : id_(std::move(room_id)), join_code_(std::move(join_code)) {}

bool Room::has_free_partner_seat() const {
  return !state_.seats[v1::SEAT_PARTNER_A].taken || !state_.seats[v1::SEAT_PARTNER_B].taken;
}

bool Room::anyone_attached() const {
  for (std::size_t i = 1; i < links_.size(); ++i) {
    if (links_[i] != nullptr) return true;
  }
  return false;
}

std::optional<Rejection> Room::apply(const Input& input, std::int64_t now_ms) {
  Decision decision = decide(state_, input, now_ms);
  if (auto* rejection = std::get_if<Rejection>(&decision)) return *rejection;
  commit(std::get<Events>(std::move(decision)));
  return std::nullopt;
}

void Room::commit(Events events) {
  for (auto& event : events) {
    state_ = fold(std::move(state_), event);
    log_.push_back(event);
    broadcast(event);
  }
}

void Room::broadcast(const v1::Event& event) {
  for (std::size_t i = 1; i < links_.size(); ++i) {
    if (links_[i] == nullptr) continue;
    auto projected = project_event(event, static_cast<Seat>(i));
    if (!projected) continue;
    v1::Envelope envelope;
    *envelope.mutable_event() = std::move(*projected);
    links_[i]->deliver(envelope);
  }
}

std::optional<Rejection> Room::open(const OpenRoom& open, SeatLink* creator, std::int64_t now_ms) {
  links_[index_of(open.creator)] = creator;
  auto rejection = apply(open, now_ms);
  if (rejection) links_[index_of(open.creator)] = nullptr;
  return rejection;
}

std::optional<Rejection> Room::seat(Seat seat, const std::string& name, SeatLink* link, std::int64_t now_ms) {
  const std::size_t index = index_of(seat);
  if (index == 0) return Rejection{v1::ERROR_CODE_INVALID_ARGUMENT, "Unknown seat."};
  Decision decision = decide(state_, TakeSeat{seat, name}, now_ms);
  if (auto* rejection = std::get_if<Rejection>(&decision)) return *rejection;
  // The newcomer first catches up on what happened before they sat down.
  send_history(seat, link, 0);
  links_[index] = link;
  commit(std::get<Events>(std::move(decision)));
  return std::nullopt;
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
  if (!anyone_attached()) {
    (void)apply(CloseRoom{}, now_ms);
  } else {
    (void)apply(MarkPresence{seat, true}, now_ms);
  }
}

void Room::send_history(Seat seat, SeatLink* link, std::uint64_t after_seq) const {
  for (const auto& event : log_) {
    if (event.seq() <= after_seq) continue;
    auto projected = project_event(event, seat);
    if (!projected) continue;
    v1::Envelope envelope;
    *envelope.mutable_event() = std::move(*projected);
    link->deliver(envelope);
  }
}

}  // namespace attune::server
