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
bool has_id(const std::vector<T>& items, const std::string& id) {
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

Decision decide_host(const RoomState& state, const v1::Command& command, EventBuilder& out) {
  const auto& round = state.round;
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
      *out.add().mutable_settings_changed()->mutable_settings() = wanted;
      return out.take();
    }
    case v1::Command::kHostStartRound: {
      const bool both = state.seats[v1::SEAT_PARTNER_A].taken && state.seats[v1::SEAT_PARTNER_B].taken;
      if (!both) return reject(v1::ERROR_CODE_OUT_OF_TURN, "Both partners need to join before a round starts.");
      const bool first = state.stage == Stage::kWaitingForPartner;
      const bool round_done =
          current_step_kind(state) == v1::STEP_KIND_REVEAL && round.speaker_acknowledged && round.listener_acknowledged;
      if (!first && !round_done) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN,
                      "This round is still going; the next one can start after both have seen the reveal.");
      }
      start_round(out, state);
      return out.take();
    }
    case v1::Command::kHostHold: {
      if (command.host_hold().on() == state.held) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN,
                      state.held ? "The session is already on hold." : "The session is not on hold.");
      }
      out.add().mutable_hold_changed()->set_on(command.host_hold().on());
      return out.take();
    }
    case v1::Command::kHostLock: {
      if (command.host_lock().on() == state.locked) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN,
                      state.locked ? "The room is already locked." : "The room is not locked.");
      }
      out.add().mutable_lock_changed()->set_on(command.host_lock().on());
      return out.take();
    }
    case v1::Command::kHostSkipStep: {
      const auto kind = current_step_kind(state);
      if (!(is_speaker_step(kind) || is_listener_step(kind))) {
        return reject(v1::ERROR_CODE_OUT_OF_TURN,
                      "Only a writing or choosing step can be moved past; ratings stay private and are never skipped.");
      }
      out.add().mutable_step_skipped()->set_kind(kind);
      return out.take();
    }
    case v1::Command::kHostNote: {
      const auto& note = command.host_note();
      if (auto bad = checks::pin(state, note.pinned_seq())) return *bad;
      if (auto bad = checks::text(note.text(), kMaxTextChars, "Your note", true)) return *bad;
      auto* pinned = out.add().mutable_note_pinned();
      pinned->set_pinned_seq(note.pinned_seq());
      pinned->set_text(note.text());
      return out.take();
    }
    case v1::Command::kHostFlag: {
      const auto& flag = command.host_flag();
      if (auto bad = checks::pin(state, flag.pinned_seq())) return *bad;
      if (auto bad = checks::text(flag.label(), kMaxShortTextChars, "The flag's label", false)) return *bad;
      auto* flagged = out.add().mutable_moment_flagged();
      flagged->set_pinned_seq(flag.pinned_seq());
      flagged->set_label(std::string(trim(flag.label())));
      return out.take();
    }
    default: return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Unknown host command.");
  }
}

}  // namespace attune
