#include "attune_server/room.hpp"

#include "attune/log.hpp"
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

Room::~Room() { store_.forget(this); }

std::unique_ptr<Room> Room::restore(std::string room_id, std::string join_code, Store& store,
                                    std::vector<v1::Event> events, std::int64_t now_ms) {
  auto room = std::make_unique<Room>(std::move(room_id), std::move(join_code), store);
  room->rebuild(events);
  // Everyone is away after a restart until they come back.
  for (std::size_t i = 1; i < room->gone_since_.size(); ++i) {
    if (room->state_.seats[i].taken) room->gone_since_[i] = now_ms;
  }
  return room;
}

void Room::rebuild(const std::vector<v1::Event>& events) {
  state_ = RoomState{};
  window_.clear();
  unsent_ = 0;
  settings_ = std::make_shared<const v1::HostSettings>();
  for (const auto& event : events) {
    keep(event);
    trim_window();
  }
}

void Room::keep(v1::Event event) {
  auto in_force = settings_;
  if (event.has_room_created()) {
    // The window keeps the shelved form, and the state points at the one
    // copy of the content that every room made with it shares.
    const SharedContent content = store_.shelve(event);
    v1::Event lean = event;
    if (!store_.inflate(lean, false)) log::error("Room " + id_ + ": the content it was created with is missing.");
    if (content) {
      state_.exercises = shared_exercises(content);
      state_.decks = shared_decks(content);
    }
    state_ = fold(std::move(state_), lean);
  } else {
    state_ = fold(std::move(state_), event);
  }
  // Settings change rarely: events share one copy until they do.
  if (state_.settings.SerializeAsString() != in_force->SerializeAsString()) {
    settings_ = std::make_shared<const v1::HostSettings>(state_.settings);
  }
  window_.push_back(Logged{std::move(event), std::move(in_force)});
}

void Room::trim_window() {
  while (window_.size() > unsent_ + window_limit_) window_.pop_front();
}

v1::Event Room::outgoing(const v1::Event& event) const {
  v1::Event full = event;
  if (!store_.inflate(full)) log::error("Room " + id_ + ": the content it was created with is missing from the store.");
  return full;
}

std::vector<v1::Event> Room::log() const {
  if (!window_.empty() && window_.front().event.seq() != 1) {
    auto stored = store_.events(id_);
    if (!stored.empty()) return stored;
  }
  std::vector<v1::Event> events;
  events.reserve(window_.size());
  for (const auto& each : window_) events.push_back(outgoing(each.event));
  return events;
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
  if (state_.last_seq >= max_events_) {
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
  // Durable first; only then does anyone hear of it. Inside a group commit
  // the events are folded now (the next command in the same turn sees them)
  // and broadcast once the group's one flush returned (durable()).
  // A RoomCreated is shelved first: its content is kept once, by hash.
  for (auto& event : events) store_.shelve(event);
  if (auto failed = store_.append(id_, join_code_, events)) {
    return Rejection{failed->disk_full ? v1::ERROR_CODE_STORAGE_FULL : v1::ERROR_CODE_STORAGE_FAILED, failed->message};
  }
  const bool was_ended = ended();
  const bool first_unsent = unsent_ == 0;
  for (auto& event : events) {
    keep(std::move(event));
    ++unsent_;
  }
  if (first_unsent) {
    store_.after_commit(
        this, [this] { durable(); }, [this](const StoreFailure& failure) { lost(failure); });
  }
  if (!was_ended && ended()) finish_in_store();
  return std::nullopt;
}

void Room::durable() {
  // Copied out first: delivering may drop a seat, which adds an event.
  const std::vector<Logged> unsent(window_.end() - static_cast<std::ptrdiff_t>(unsent_), window_.end());
  unsent_ = 0;
  trim_window();
  for (const auto& each : unsent) broadcast(each.event, *each.in_force);
}

void Room::lost(const StoreFailure& failure) {
  // The group's commit failed and was rolled back: the room forgets what it
  // folded since the last durable event, and each sender hears why.
  const std::vector<Logged> unsent(window_.end() - static_cast<std::ptrdiff_t>(unsent_), window_.end());
  // The store rolled the group back: what it holds is what was durable.
  rebuild(store_.events(id_));
  std::uint64_t last_told = 0;
  for (const auto& each : unsent) {
    const auto& event = each.event;
    SeatLink* link = links_[index_of(event.actor())];
    if (link == nullptr || event.command_id() == 0 || event.command_id() == last_told) continue;
    last_told = event.command_id();
    v1::Envelope envelope;
    auto* error = envelope.mutable_error();
    error->set_code(failure.disk_full ? v1::ERROR_CODE_STORAGE_FULL : v1::ERROR_CODE_STORAGE_FAILED);
    error->set_message(failure.message);
    error->set_command_id(event.command_id());
    link->deliver(envelope);
  }
}

void Room::finish_in_store() {
  if (auto failed = store_.finish(id_, is_recorded(state_))) {
    // An unconsented session must not stay on disk: the sweep tries again.
    finish_pending_ = true;
    log::error("Room " + id_ + " ended but the store could not " +
               (is_recorded(state_) ? "mark it ended" : "erase it") + "; will retry: " + failed->message);
    return;
  }
  if (finish_pending_) log::info("Room " + id_ + ": the store caught up with its end.");
  finish_pending_ = false;
}

void Room::note(const std::optional<Rejection>& rejection, const char* doing) const {
  if (rejection) log::warn("Room " + id_ + ": " + doing + " was not recorded: " + rejection->message);
}

void Room::broadcast(const v1::Event& event, const v1::HostSettings& in_force) {
  v1::Event full;  // with its content, made once for every seat that hears it
  for (std::size_t i = 1; i < links_.size(); ++i) {
    if (links_[i] == nullptr) continue;
    if (full.kind_case() == v1::Event::KIND_NOT_SET) full = outgoing(event);
    v1::Envelope envelope;
    *envelope.mutable_event() = project_event(full, static_cast<Seat>(i), in_force);
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
  // Stored (with the seat's token, in the same group) and flushed before
  // the newcomer is attached or hears any history, so a failure leaves no trace.
  auto failed = store_.append(id_, join_code_, events);
  if (!failed) failed = store_.flush();
  if (failed) {
    return Rejection{failed->disk_full ? v1::ERROR_CODE_STORAGE_FULL : v1::ERROR_CODE_STORAGE_FAILED, failed->message};
  }
  // The newcomer first catches up on what happened before they sat down.
  send_history(take.seat, link, 0);
  links_[index] = link;
  gone_since_[index] = 0;
  for (auto& event : events) {
    const auto in_force = settings_;
    keep(event);
    broadcast(event, *in_force);
  }
  trim_window();
  return std::nullopt;
}

void Room::reattach(Seat seat, SeatLink* link, std::uint64_t last_seq, std::int64_t now_ms) {
  const std::size_t index = index_of(seat);
  if (index == 0) return;
  // History is only what is durable: the open group commits (and is heard
  // by the seats attached now) before this one is caught up.
  (void)store_.flush();
  SeatLink* previous = links_[index];
  links_[index] = link;
  gone_since_[index] = 0;
  if (previous != nullptr && previous != link) previous->replaced();
  if (last_seq > state_.last_seq) {
    // The client holds events this room does not (a lost log tail, or a
    // confused client): rather than diverge, it starts over from seq 1.
    log::warn("Room " + id_ + ": a seat resumed from event " + std::to_string(last_seq) + " but the room has " +
              std::to_string(state_.last_seq) + "; sending the whole history again.");
    v1::Envelope resync;
    resync.mutable_resync()->set_last_seq(state_.last_seq);
    link->deliver(resync);
    last_seq = 0;
  }
  send_history(seat, link, last_seq);
  note(apply(MarkPresence{seat, false}, now_ms), "a seat coming back");
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

void Room::presence(Seat seat, bool away, std::int64_t now_ms) {
  note(apply(MarkPresence{seat, away}, now_ms), away ? "a seat going quiet" : "a seat speaking again");
}

void Room::detach(Seat seat, const SeatLink* link, std::int64_t now_ms) {
  const std::size_t index = index_of(seat);
  if (index == 0 || links_[index] != link) return;
  links_[index] = nullptr;
  gone_since_[index] = now_ms;
  note(apply(MarkPresence{seat, true}, now_ms), "a seat dropping");
}

void Room::expire(std::int64_t now_ms, std::int64_t keep_ms) {
  if (finish_pending_) finish_in_store();
  if (ended() || anyone_attached()) return;
  bool anyone_seated = false;
  for (std::size_t i = 1; i < gone_since_.size(); ++i) {
    if (!state_.seats[i].taken) continue;
    anyone_seated = true;
    if (gone_since_[i] == 0 || now_ms - gone_since_[i] < keep_ms) return;
  }
  // A close that cannot be stored is tried again on the next sweep.
  if (anyone_seated) note(apply(CloseRoom{}, now_ms), "closing the room after everyone left");
}

void Room::tell(const v1::Envelope& envelope) {
  for (std::size_t i = 1; i < links_.size(); ++i) {
    if (links_[i] != nullptr) links_[i]->deliver(envelope);
  }
}

void Room::close(std::int64_t now_ms) {
  if (!ended()) note(apply(CloseRoom{}, now_ms), "closing the room");
}

void Room::send_history(Seat seat, SeatLink* link, std::uint64_t after_seq) const {
  // Each event under the settings in force when it happened, exactly as it
  // went out live (not under today's settings).
  if (!window_.empty() && after_seq + 1 < window_.front().event.seq()) {
    resend_all(seat, link, after_seq);
    return;
  }
  for (const auto& each : window_) {
    if (each.event.seq() <= after_seq) continue;
    v1::Envelope envelope;
    *envelope.mutable_event() = project_event(outgoing(each.event), seat, *each.in_force);
    link->deliver(envelope);
  }
}

void Room::resend_all(Seat seat, SeatLink* link, std::uint64_t after_seq) const {
  // Beyond the window: the store has every event (those of the open group too).
  const auto events = store_.events(id_);
  RoomState then;
  for (const auto& event : events) {
    const v1::HostSettings in_force = then.settings;
    then = fold(std::move(then), event);
    if (event.seq() <= after_seq) continue;
    v1::Envelope envelope;
    *envelope.mutable_event() = project_event(event, seat, in_force);
    link->deliver(envelope);
  }
  // A room erased at its end has only its window left to send.
  const std::uint64_t sent = events.empty() ? after_seq : events.back().seq();
  for (const auto& each : window_) {
    if (each.event.seq() <= sent) continue;
    v1::Envelope envelope;
    *envelope.mutable_event() = project_event(outgoing(each.event), seat, *each.in_force);
    link->deliver(envelope);
  }
}

}  // namespace attune::server
