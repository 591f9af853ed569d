// The round engine: pure rules for a room. No sockets, clocks, files or
// randomness in here. Time arrives as `now_ms`, randomness as the room seed.
//
//   decide(state, input)  -> Rejection | events   (what the room accepts)
//   fold(state, event)    -> state                (how an event changes it)
//   project_event(event, viewer, settings) -> event (what that viewer may see)
//
// The server, the clients, the replay viewer and the tests all rebuild state
// with the same fold. Every output (wire, exports, report, replay) goes
// through the one project_event; a viewer's state is the fold of what it
// was sent, never a filtered copy of the full state.
//
// The seams: room_state.hpp (the state as plain data), checks.* (what a
// command must satisfy), host_controls.* (the host's commands),
// projection.* (the one secrecy rule), rules.* (answers for everyone else),
// and this file (decide and fold).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "attune/cards.hpp"
#include "attune/projection.hpp"
#include "attune/room_state.hpp"
#include "attune/rules.hpp"

namespace attune {

// Inputs that come from the room itself rather than from a seat's command.
struct OpenRoom {
  std::string room_id;
  v1::Exercise exercise;
  v1::Deck deck;
  std::uint64_t seed = 0;
  Seat creator = v1::SEAT_PARTNER_A;
  std::string creator_name;
  bool creator_consents = false;
  std::vector<v1::Exercise> exercises{};  // the choices a host has later
  std::vector<v1::Deck> decks{};
};
struct TakeSeat {
  Seat seat = v1::SEAT_UNSPECIFIED;
  std::string name;
  bool consents = false;
  // What the hosting laptop remembers of the couple this seat completes
  // (the server's store): deck cards played before, oldest first, and the
  // couple's own cards. Becomes CardsRemembered once both partners sit.
  std::vector<std::string> remembered_cards{};
  std::vector<v1::Card> custom_cards{};
};
struct MarkPresence {
  Seat seat = v1::SEAT_UNSPECIFIED;
  bool away = false;
};
struct CloseRoom {};  // everyone left
struct SeatCommand {
  Seat seat = v1::SEAT_UNSPECIFIED;
  v1::Command command;
};

using Input = std::variant<OpenRoom, TakeSeat, MarkPresence, CloseRoom, SeatCommand>;

// Decides an input against the state. Accepted inputs become events numbered
// from state.last_seq + 1 and stamped with now_ms. A command whose id the seat
// already used is accepted with no events (applied once).
[[nodiscard]] Decision decide(const RoomState& state, const Input& input, std::int64_t now_ms);

// Applies one event. Events out of sequence are a caller bug and are ignored
// (the state is returned unchanged) so a bad log can never corrupt a room.
[[nodiscard]] RoomState fold(RoomState state, const v1::Event& event);

// Folds a whole log from an empty room.
[[nodiscard]] RoomState replay(const std::vector<v1::Event>& events);

}  // namespace attune
