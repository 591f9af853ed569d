#include "attune/rules.hpp"

#include <algorithm>
#include <cstdlib>

namespace attune {
namespace {

std::string_view phase_phrase(v1::StepKind kind) {
  switch (kind) {
    case v1::STEP_KIND_PROMPT: return "choosing a card";
    case v1::STEP_KIND_CHECK_IN: return "checking in";
    case v1::STEP_KIND_SHARE: return "sharing";
    case v1::STEP_KIND_REFLECT: return "reflecting";
    case v1::STEP_KIND_CONFIRM: return "confirming";
    case v1::STEP_KIND_VALIDATE: return "validating";
    case v1::STEP_KIND_RATE: return "rating";
    case v1::STEP_KIND_REVEAL: return "looking at the reveal";
    default: return "playing";
  }
}

}  // namespace

bool is_speaker_step(v1::StepKind kind) {
  return kind == v1::STEP_KIND_PROMPT || kind == v1::STEP_KIND_CHECK_IN || kind == v1::STEP_KIND_SHARE ||
         kind == v1::STEP_KIND_CONFIRM;
}

bool is_listener_step(v1::StepKind kind) { return kind == v1::STEP_KIND_REFLECT || kind == v1::STEP_KIND_VALIDATE; }

std::array<std::uint32_t, 6> part_values(const v1::PartScores& parts) {
  return {parts.awareness(),     parts.turning_toward(), parts.tolerance(),
          parts.understanding(), parts.non_defensive(),  parts.empathy()};
}

std::uint32_t empathic_accuracy(const v1::Rating& speaker, const v1::Rating& listener) {
  const auto s = part_values(speaker.parts());
  const auto l = part_values(listener.parts());
  // Each of the seven guesses scores 1 when exact and 0 at the widest miss.
  double closeness = 0.0;
  constexpr double kPartSpan = kMaxPartScore - kMinPartScore;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double miss = std::abs(static_cast<double>(s[i]) - static_cast<double>(l[i]));
    closeness += 1.0 - std::min(miss / kPartSpan, 1.0);
  }
  const double intensity_miss =
      std::abs(static_cast<double>(speaker.intensity()) - static_cast<double>(listener.intensity()));
  closeness += 1.0 - std::min(intensity_miss / kMaxIntensity, 1.0);
  return static_cast<std::uint32_t>(
      std::clamp<std::int64_t>(static_cast<std::int64_t>(closeness / 7.0 * 100.0 + 0.5), 0, 100));
}

bool host_present(const RoomState& state) { return state.seats[v1::SEAT_HOST].taken; }

const v1::ExerciseStep* current_step(const RoomState& state) {
  if (state.stage != Stage::kPlaying) return nullptr;
  if (state.round.step >= static_cast<std::size_t>(state.exercise.steps_size())) return nullptr;
  return &state.exercise.steps(static_cast<int>(state.round.step));
}

v1::StepKind current_step_kind(const RoomState& state) {
  const auto* step = current_step(state);
  return step != nullptr ? step->kind() : v1::STEP_KIND_UNSPECIFIED;
}

bool awaits(const RoomState& state, Seat seat) {
  if (state.stage != Stage::kPlaying || state.pause.active || !is_partner(seat)) return false;
  const auto kind = current_step_kind(state);
  const auto& round = state.round;
  const bool speaker = seat == round.speaker;
  if (is_speaker_step(kind)) return speaker;
  if (is_listener_step(kind)) return !speaker;
  if (kind == v1::STEP_KIND_RATE) return speaker ? !round.speaker_rated : !round.listener_rated;
  if (kind == v1::STEP_KIND_REVEAL) return speaker ? !round.speaker_acknowledged : !round.listener_acknowledged;
  return false;
}

bool is_recorded(const RoomState& state) {
  bool anyone = false;
  for (std::size_t i = 1; i < state.seats.size(); ++i) {
    if (!state.seats[i].taken) continue;
    anyone = true;
    if (!state.seats[i].consents_to_recording) return false;
  }
  return anyone;
}

bool is_partner(Seat seat) { return seat == v1::SEAT_PARTNER_A || seat == v1::SEAT_PARTNER_B; }

Seat other_partner(Seat seat) {
  if (seat == v1::SEAT_PARTNER_A) return v1::SEAT_PARTNER_B;
  if (seat == v1::SEAT_PARTNER_B) return v1::SEAT_PARTNER_A;
  return v1::SEAT_UNSPECIFIED;
}

std::string_view seat_name(Seat seat) {
  switch (seat) {
    case v1::SEAT_PARTNER_A: return "partner A";
    case v1::SEAT_PARTNER_B: return "partner B";
    case v1::SEAT_HOST: return "host";
    default: return "nobody";
  }
}

std::string_view step_kind_name(v1::StepKind kind) { return phase_phrase(kind); }

}  // namespace attune
