// A room: one couple's session. Holds the engine state and the newest
// events (a bounded window; older ones are read back from the store), and
// talks to its seats only through SeatLink, so it never touches a socket and
// a test can seat fakes. Every accepted event goes to the store before any
// seat hears of it.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attune/engine.hpp"

namespace attune::server {

class Store;
struct StoreFailure;

class SeatLink {
 public:
  virtual ~SeatLink() = default;
  // Queues a message for this seat's peer; never blocks, never throws.
  virtual void deliver(const v1::Envelope& envelope) = 0;
  // Another connection took this seat back (a reconnect); this one should go.
  virtual void replaced() {}
};

class Room {
 public:
  // `store` may be shared by many rooms and must outlive them.
  Room(std::string room_id, std::string join_code, Store& store);
  ~Room();
  Room(const Room&) = delete;
  Room& operator=(const Room&) = delete;

  // Rebuilds a room from what the store kept, after a restart.
  static std::unique_ptr<Room> restore(std::string room_id, std::string join_code, Store& store,
                                       std::vector<v1::Event> events, std::int64_t now_ms);

  [[nodiscard]] const std::string& id() const { return id_; }
  [[nodiscard]] const std::string& join_code() const { return join_code_; }
  [[nodiscard]] const RoomState& state() const { return state_; }
  // The whole log, content included: the window when it reaches back to the
  // first event, else read from the store (a room erased at its end keeps
  // only its window). For exports and tests; rooms never need it.
  [[nodiscard]] std::vector<v1::Event> log() const;
  // How many events the room holds in memory (its window, and any not yet durable).
  [[nodiscard]] std::size_t events_in_memory() const { return window_.size(); }
  [[nodiscard]] bool ended() const { return state_.stage == Stage::kEnded; }
  // Ended, but the store has not recorded it yet (kept until it has).
  [[nodiscard]] bool finish_pending() const { return finish_pending_; }
  // Marks the room ended in the store (erases it without consent); on
  // failure logs it and leaves it pending for the sweep (expire) to retry.
  void finish_in_store();
  [[nodiscard]] bool has_free_partner_seat() const;
  [[nodiscard]] bool anyone_attached() const;
  [[nodiscard]] bool attached(Seat seat) const;

  // Each returns the rejection, if any, after telling nobody; on success the
  // events are stored, folded and delivered (projected) to every seat.
  std::optional<Rejection> open(const OpenRoom& open, SeatLink* creator, std::int64_t now_ms);
  std::optional<Rejection> seat(const TakeSeat& take, SeatLink* link, std::int64_t now_ms);
  // A seat coming back: catches it up from `last_seq` and marks it present.
  // A connection still holding the seat is told it was replaced.
  void reattach(Seat seat, SeatLink* link, std::uint64_t last_seq, std::int64_t now_ms);
  // A rejection here is sent to the seat as an Error naming the command.
  void command(Seat seat, const v1::Command& command, std::int64_t now_ms);
  void presence(Seat seat, bool away, std::int64_t now_ms);
  // The seat's connection is gone; the seat is kept for it to come back.
  void detach(Seat seat, const SeatLink* link, std::int64_t now_ms);
  // Ends the session when every seat has been gone longer than `keep_ms`.
  void expire(std::int64_t now_ms, std::int64_t keep_ms);

  // Past this many events, only ending the session is accepted.
  void limit_events(std::size_t events) { max_events_ = events; }
  // How many durable events stay in memory for resumes; earlier ones are
  // read back from the store when a seat needs them.
  void limit_window(std::size_t events) { window_limit_ = events == 0 ? 1 : events; }
  // The lobby gave the room a fresh join code (too many wrong tries).
  void renew_code(std::string code) { join_code_ = std::move(code); }
  // Sends a notice that is not an event to every seat attached now.
  void tell(const v1::Envelope& envelope);
  // Ends the session at once (the host could not keep it).
  void close(std::int64_t now_ms);

  // Sends `link` everything after `after_seq`, projected for `seat`.
  void send_history(Seat seat, SeatLink* link, std::uint64_t after_seq) const;

 private:
  std::optional<Rejection> apply(const Input& input, std::int64_t now_ms);
  std::optional<Rejection> commit(Events events);
  // `in_force`: the room's settings when the event happened (before its fold).
  void broadcast(const v1::Event& event, const v1::HostSettings& in_force);
  // The store's group commit came back: tell the seats, or undo the fold.
  void durable();
  void lost(const StoreFailure& failure);

  // An event as the room keeps it: a RoomCreated without its content (the
  // store's shelved form), and the settings in force when it happened,
  // shared by every event that happened under the same settings.
  struct Logged {
    v1::Event event;
    std::shared_ptr<const v1::HostSettings> in_force;
  };
  // Folds `event` into the state and keeps it at the end of the window.
  void keep(v1::Event event);
  // Drops durable events beyond the window's limit from its front.
  void trim_window();
  // The event as it goes out: a shelved RoomCreated gets its content back.
  [[nodiscard]] v1::Event outgoing(const v1::Event& event) const;
  void resend_all(Seat seat, SeatLink* link, std::uint64_t after_seq) const;
  void rebuild(const std::vector<v1::Event>& events);

  std::deque<Logged> window_;
  std::size_t unsent_ = 0;  // the newest window_ entries that are folded but not yet durable
  std::shared_ptr<const v1::HostSettings> settings_ = std::make_shared<const v1::HostSettings>();
  // Logs a room-made event (presence, close) that could not be stored.
  void note(const std::optional<Rejection>& rejection, const char* doing) const;

  std::string id_;
  std::string join_code_;
  Store& store_;
  RoomState state_;
  bool finish_pending_ = false;               // ended, but the store does not know yet
  std::array<SeatLink*, 4> links_{};          // indexed by v1::Seat
  std::array<std::int64_t, 4> gone_since_{};  // when each seat's link went; 0: here or never seated
  std::size_t max_events_ = 20'000;
  std::size_t window_limit_ = 64;
};

}  // namespace attune::server
