#include "model/model.hpp"

#include <algorithm>
#include <limits>

#include "attune/rituals.hpp"
#include "attune/version.hpp"

namespace attune::client {
namespace {

v1::Envelope hello() {
  v1::Envelope envelope;
  envelope.mutable_hello()->set_protocol_version(kProtocolVersion);
  envelope.mutable_hello()->set_client_name(std::string("attune ") + kVersionString);
  return envelope;
}

v1::Envelope seat_request(const Plan& plan) {
  v1::Envelope envelope;
  if (plan.kind == Plan::Kind::kCreate) {
    envelope.mutable_create_room()->set_display_name(plan.name);
    envelope.mutable_create_room()->set_seat(plan.seat);
    envelope.mutable_create_room()->set_consent_to_recording(plan.consent_to_recording);
  } else if (plan.kind == Plan::Kind::kResume) {
    // From sequence 0: a restarted window holds no room state, so it folds
    // the whole history again.
    envelope.mutable_join_room()->set_room_id(plan.room_id);
    envelope.mutable_join_room()->set_seat_token(plan.seat_token);
    envelope.mutable_join_room()->set_last_seq(0);
  } else {
    envelope.mutable_join_room()->set_display_name(plan.name);
    envelope.mutable_join_room()->set_code(plan.code);
    envelope.mutable_join_room()->set_consent_to_recording(plan.consent_to_recording);
  }
  return envelope;
}

bool silence_or_fault(v1::ErrorCode code) {
  return code == v1::ERROR_CODE_IDLE_TIMEOUT || code == v1::ERROR_CODE_HOST_FAULT;
}

bool resumable(const Model& model) {
  return (model.link == Link::kInRoom || model.link == Link::kReconnecting) && !model.seat_token.empty() &&
         model.room.stage != Stage::kEnded;
}

// Keeps the seat, the round and the command in flight; tries again with backoff.
void start_reconnect(Model& model, const std::string& reason) {
  model.lost_reason = reason;
  model.link = Link::kReconnecting;
  model.resume_connected = false;
  model.reconnect_delay_ms = reconnect_delay_ms(model.reconnect_attempts);
  model.reconnect_due_ms = 0;
  ++model.reconnect_attempts;
}

void on_received(Model& model, Effects& effects, const v1::Envelope& envelope) {
  switch (envelope.body_case()) {
    case v1::Envelope::kWelcome:
      model.server_name = envelope.welcome().server_name();
      model.heartbeat_seconds = envelope.welcome().heartbeat_seconds();
      if (model.link == Link::kReconnecting) {
        v1::Envelope resume;
        auto* join = resume.mutable_join_room();
        join->set_room_id(model.room_id);
        join->set_seat_token(model.seat_token);
        join->set_last_seq(model.room.last_seq);
        effects.send.push_back(std::move(resume));
      } else if (model.plan) {
        model.link = Link::kSeating;
        effects.send.push_back(seat_request(*model.plan));
      }
      break;
    case v1::Envelope::kRoomJoined:
      // Only the answer to our own create, join or resume seats us.
      if (model.link != Link::kSeating && model.link != Link::kReconnecting) break;
      model.link = Link::kInRoom;
      model.room_id = envelope.room_joined().room_id();
      model.seat = envelope.room_joined().seat();
      model.join_code = envelope.room_joined().code();
      model.seat_token = envelope.room_joined().seat_token();
      model.seat_kept_ms = static_cast<std::int64_t>(envelope.room_joined().seat_kept_seconds()) * 1000;
      model.problem.reset();
      model.reconnect_attempts = 0;
      model.resume_connected = false;
      model.reconnecting_since_ms = 0;
      model.host_gone = false;
      if (envelope.room_joined().resumed() && model.in_flight) {
        // Re-sent with its old id: the room applies it once, whatever happened.
        v1::Envelope again;
        *again.mutable_command() = model.in_flight->command;
        effects.send.push_back(std::move(again));
      }
      break;
    case v1::Envelope::kJoinCodeRenewed:
      if (model.link != Link::kInRoom) break;
      model.join_code = envelope.join_code_renewed().code();
      model.code_notice = envelope.join_code_renewed().message();
      break;
    case v1::Envelope::kEvent: {
      // A room's history arrives just before RoomJoined; nothing else may
      // write into the room we show.
      if (model.link != Link::kSeating && model.link != Link::kInRoom && model.link != Link::kReconnecting) break;
      const auto& event = envelope.event();
      if (event.seq() != model.room.last_seq + 1) {
        ++model.gaps_seen;
        break;
      }
      model.room = fold(std::move(model.room), event);
      if (event.has_seat_taken() && model.room.seats[v1::SEAT_PARTNER_A].taken &&
          model.room.seats[v1::SEAT_PARTNER_B].taken) {
        model.join_code.clear();  // used up
      }
      const std::uint64_t sent = in_flight_id(model);
      const bool mine = sent != 0 && event.command_id() == sent && event.actor() == model.seat;
      // After a resume the history may show the command already applied.
      const bool applied_earlier =
          sent != 0 && model.room.seats[static_cast<std::size_t>(model.seat) % 4].last_command_id >= sent;
      if (mine || applied_earlier) {
        // Accepted: what it carried is done (a refusal or a drop keeps it).
        effects.clear_drafts |= model.in_flight->drafts;
        model.in_flight.reset();
        model.problem.reset();
      }
      break;
    }
    case v1::Envelope::kResync:
      // The host's log is shorter than ours: start over from what it sends.
      model.room = RoomState{};
      break;
    case v1::Envelope::kError: {
      const auto& error = envelope.error();
      if (silence_or_fault(error.code()) && resumable(model)) {
        // A long silence (a sleeping laptop) or a host fault is a drop like
        // any other: the seat is kept, so reconnect and take it back.
        model.problem.reset();
        start_reconnect(model, error.code() == v1::ERROR_CODE_IDLE_TIMEOUT
                                   ? "The host heard nothing from this laptop for a while (was it asleep?). "
                                     "Your seat is kept; reconnecting."
                                   : error.message());
        effects.disconnect = true;
        break;
      }
      model.problem = Problem{error.code(), error.message(), error.command_id(), error.fatal()};
      if (error.command_id() != 0 && error.command_id() == in_flight_id(model)) model.in_flight.reset();
      if (error.fatal() || model.link == Link::kSeating || model.link == Link::kHandshaking ||
          model.link == Link::kReconnecting) {
        // Refused before we had a seat: nothing more will come on this link.
        model.link = Link::kFailed;
        model.lost_reason = error.message();
        effects.disconnect = true;
      }
      break;
    }
    default: break;
  }
}

// Outside the visitor lambda: GCC 12 trips over `Model{}` inside it.
Model blank_model() { return Model(); }

}  // namespace

Step update(Model model, const Action& action) {
  Effects effects;
  std::visit(
      [&](const auto& a) {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, action::Connect>) {
          Model fresh = blank_model();
          fresh.server = a.server;
          fresh.plan = a.plan;
          fresh.link = Link::kConnecting;
          model = std::move(fresh);
          effects.connect_to = a.server;
        } else if constexpr (std::is_same_v<T, action::Connected>) {
          if (model.link == Link::kReconnecting) {
            model.resume_connected = true;
          } else {
            model.link = Link::kHandshaking;
          }
          model.lost_reason.clear();
          effects.send.push_back(hello());
        } else if constexpr (std::is_same_v<T, action::Disconnected>) {
          if (model.link == Link::kFailed || model.link == Link::kIdle || model.link == Link::kLost) return;
          model.lost_reason = a.reason;
          if (resumable(model)) {
            start_reconnect(model, a.reason);
            return;
          }
          model.link = model.link == Link::kInRoom ? Link::kLost : Link::kFailed;
          model.host_identity_changed = a.host_identity_changed;
          model.in_flight.reset();
        } else if constexpr (std::is_same_v<T, action::Tick>) {
          if (model.link != Link::kReconnecting) return;
          if (model.reconnecting_since_ms == 0) model.reconnecting_since_ms = a.now_ms;
          if (a.now_ms - model.reconnecting_since_ms >= model.give_up_after_ms) {
            // Gone for good, as far as waiting can tell: stop, say so calmly.
            model.link = Link::kLost;
            model.host_gone = true;
            model.in_flight.reset();
            effects.disconnect = true;
            return;
          }
          if (model.resume_connected) return;
          if (model.reconnect_due_ms == 0) {
            model.reconnect_due_ms = a.now_ms + model.reconnect_delay_ms;
            return;
          }
          if (a.now_ms >= model.reconnect_due_ms) {
            model.reconnect_due_ms = std::numeric_limits<std::int64_t>::max();  // until it answers
            effects.connect_to = model.server;
          }
        } else if constexpr (std::is_same_v<T, action::Received>) {
          on_received(model, effects, a.envelope);
        } else if constexpr (std::is_same_v<T, action::Play>) {
          if (model.link != Link::kInRoom) {
            model.problem = Problem{v1::ERROR_CODE_NOT_IN_ROOM, "You are not connected to a game right now.", 0, false};
            return;
          }
          // A window restarted onto its old seat starts counting past the ids
          // the room already saw, or its commands would count as repeats.
          if (is_partner(model.seat) || model.seat == v1::SEAT_HOST) {
            const auto seen = model.room.seats[static_cast<std::size_t>(model.seat)].last_command_id;
            model.next_command_id = std::max(model.next_command_id, seen + 1);
          }
          v1::Envelope envelope;
          *envelope.mutable_command() = a.command;
          envelope.mutable_command()->set_command_id(model.next_command_id);
          model.in_flight = Model::InFlight{envelope.command(), a.drafts};
          ++model.next_command_id;
          effects.send.push_back(std::move(envelope));
        } else if constexpr (std::is_same_v<T, action::Leave>) {
          model = blank_model();
          effects.disconnect = true;
        } else if constexpr (std::is_same_v<T, action::DismissProblem>) {
          model.problem.reset();
        }
      },
      action);
  return Step{std::move(model), std::move(effects)};
}

std::int64_t reconnect_delay_ms(std::uint32_t attempt) {
  return std::int64_t{500} << std::min<std::uint32_t>(attempt, 4);
}

bool my_turn(const Model& model) { return model.link == Link::kInRoom && awaits(model.room, model.seat); }

bool waiting_on_server(const Model& model) { return model.in_flight.has_value(); }

std::uint64_t in_flight_id(const Model& model) { return model.in_flight ? model.in_flight->command.command_id() : 0; }

std::string partner_name(const Model& model) {
  const Seat other = other_partner(model.seat);
  if (other == v1::SEAT_UNSPECIFIED) return "your partner";
  const auto& seat = model.room.seats[static_cast<std::size_t>(other)];
  return seat.taken && !seat.name.empty() ? seat.name : "your partner";
}

std::string describe_partner_activity(const Model& model) {
  const RoomState& room = model.room;
  const std::string partner = partner_name(model);
  if (model.link != Link::kInRoom) return {};
  if (room.stage == Stage::kWaitingForPartner) {
    const auto& host = room.seats[static_cast<std::size_t>(v1::SEAT_HOST)];
    const bool both = room.seats[v1::SEAT_PARTNER_A].taken && room.seats[v1::SEAT_PARTNER_B].taken;
    if (both && host.taken) {
      return "You are both here. " + (host.name.empty() ? std::string("The host") : host.name) +
             " starts the first round.";
    }
    return "Waiting for your partner to join.";
  }
  if (room.stage == Stage::kEnded) return "The session has ended.";
  const Seat other = other_partner(model.seat);
  if (other != v1::SEAT_UNSPECIFIED && room.seats[static_cast<std::size_t>(other)].away) {
    return partner + "'s connection dropped; waiting for them to come back. Their seat is kept.";
  }
  if (room.pause.active) return "You are both on a break.";
  if (other == v1::SEAT_UNSPECIFIED) return {};
  if (const auto ritual = ritual_words(room, model.seat)) return ritual->partner;
  if (!awaits(room, other)) return partner + " is waiting for you.";
  // The exercise's own words for the step (ExerciseStep.doing).
  return partner + " is " + step_doing(current_step(room)) + "...";
}

}  // namespace attune::client
