#include "attune/host_controls.hpp"

#include <algorithm>
#include <string>

#include "attune/checks.hpp"
#include "attune/rules.hpp"
#include "attune/text.hpp"

namespace attune {

using checks::reject;

namespace {

template <typename T>
bool has_id(const SharedList<T>& items, const std::string& id) {
  return std::any_of(items.begin(), items.end(), [&](const T& item) { return item.id() == id; });
}

}  // namespace

bool is_host_command(const v1::Command& command) {
  switch (command.kind_case()) {
    case v1::Command::kHostConfigure:
    case v1::Command::kHostStartRound:
    case v1::Command::kHostHold:
    case v1::Command::kHostSkipStep:
    case v1::Command::kHostNote:
    case v1::Command::kHostFlag:
    case v1::Command::kHostLock: return true;
    default: return false;
  }
}

std::optional<Rejection> host_refusal(const RoomState& state, const v1::Command& command) {
  if (state.stage == Stage::kEnded) return reject(v1::ERROR_CODE_ROOM_ENDED, "This session has ended.");
  switch (command.kind_case()) {
    case v1::Command::kHostConfigure: {
      const auto& wanted = command.host_configure().settings();
      if (wanted.max_reflect_loops() > 10) {
        return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Allow at most 10 \"is there more?\" loops.");
      }
      if (wanted.break_seconds() < 60 || wanted.break_seconds() > 3600) {
        return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "A break lasts from 1 to 60 minutes.");
      }
      if (wanted.phase_timer_seconds() > 3600) {
        return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "A phase timer is at most 60 minutes.");
      }
      if (!wanted.next_exercise_id().empty() && wanted.next_exercise_id() != state.exercise.id() &&
          !has_id(state.exercises, wanted.next_exercise_id())) {
        return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "There is no exercise \"" + wanted.next_exercise_id() + "\".");
      }
      if (!wanted.next_deck_id().empty() && wanted.next_deck_id() != state.deck.id() &&
          !has_id(state.decks, wanted.next_deck_id())) {
        return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "There is no deck \"" + wanted.next_deck_id() + "\".");
      }
      return std::nullopt;
    }
    case v1::Command::kHostStartRound: {
      const bool both = state.seats[v1::SEAT_PARTNER_A].taken && state.seats[v1::SEAT_PARTNER_B].taken;
      if (!both) return reject(v1::ERROR_CODE_OUT_OF_TURN, "Both partners need to join before a round starts.");
      // A break is the couple's: the next round waits until they are back.
      if (state.pause.active) {
        return reject(v1::ERROR_CODE_ON_BREAK,
                      "The couple is on a break; start the next round once the break has ended.");
      }
      if (state.stage != Stage::kWaitingForPartner && !round_done(state)) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN,
                      "This round is still going; the next one can start after both have seen the reveal.");
      }
      return std::nullopt;
    }
    case v1::Command::kHostHold:
      if (command.host_hold().on() == state.held) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN,
                      state.held ? "The session is already on hold." : "The session is not on hold.");
      }
      return std::nullopt;
    case v1::Command::kHostLock:
      if (command.host_lock().on() == state.locked) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN,
                      state.locked ? "The room is already locked." : "The room is not locked.");
      }
      return std::nullopt;
    case v1::Command::kHostSkipStep: {
      const auto kind = current_step_kind(state);
      if (!(is_speaker_step(kind) || is_listener_step(kind))) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN,
                      "Only a writing or choosing step can be moved past; ratings stay private and are never skipped.");
      }
      // The step waits with the couple; moving it on under them would lose their place.
      if (state.pause.active) {
        return reject(v1::ERROR_CODE_ON_BREAK, "The couple is on a break; move past a step once the break has ended.");
      }
      return std::nullopt;
    }
    case v1::Command::kHostNote: {
      if (auto bad = checks::pin(state, command.host_note().pinned_seq())) return bad;
      return checks::writing(Writing::kNote, command.host_note().text());
    }
    case v1::Command::kHostFlag: {
      if (auto bad = checks::pin(state, command.host_flag().pinned_seq())) return bad;
      return checks::writing(Writing::kFlagLabel, command.host_flag().label());
    }
    default: return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Unknown host command.");
  }
}

Decision decide_host(const RoomState& state, const v1::Command& command, EventBuilder& out) {
  if (auto refused = host_refusal(state, command)) return *refused;
  switch (command.kind_case()) {
    case v1::Command::kHostConfigure:
      *out.add().mutable_settings_changed()->mutable_settings() = command.host_configure().settings();
      break;
    case v1::Command::kHostStartRound: start_round(out, state); break;
    case v1::Command::kHostHold: out.add().mutable_hold_changed()->set_on(command.host_hold().on()); break;
    case v1::Command::kHostLock: out.add().mutable_lock_changed()->set_on(command.host_lock().on()); break;
    case v1::Command::kHostSkipStep: out.add().mutable_step_skipped()->set_kind(current_step_kind(state)); break;
    case v1::Command::kHostNote: {
      auto* pinned = out.add().mutable_note_pinned();
      pinned->set_pinned_seq(command.host_note().pinned_seq());
      pinned->set_text(command.host_note().text());
      break;
    }
    case v1::Command::kHostFlag: {
      auto* flagged = out.add().mutable_moment_flagged();
      flagged->set_pinned_seq(command.host_flag().pinned_seq());
      flagged->set_label(std::string(trim(command.host_flag().label())));
      break;
    }
    default: break;  // host_refusal refused every other kind
  }
  return out.take();
}

}  // namespace attune
