#include "attune/checks.hpp"

#include "attune/rules.hpp"

namespace attune::checks {

Rejection reject(v1::ErrorCode code, std::string message) { return Rejection{code, std::move(message)}; }

std::optional<Rejection> writing(Writing writing, std::string_view text) { return writing_refusal(writing, text); }

std::optional<Rejection> parts(const v1::PartScores& scores) {
  for (const std::uint32_t value : part_values(scores)) {
    if (value < kMinPartScore || value > kMaxPartScore) {
      return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "Each ATTUNE part is rated from 1 to 7.");
    }
  }
  return std::nullopt;
}

// Checks that it is `seat`'s turn for a step of `kind`.
std::optional<Rejection> turn(const RoomState& state, Seat seat, v1::StepKind wanted) {
  const v1::StepKind now = current_step_kind(state);
  const auto& round = state.round;
  const Seat actor = is_listener_step(wanted) ? round.listener : round.speaker;
  if (now != wanted) {
    std::string message = "That step is not now: the round is at \"";
    if (const auto* step = current_step(state)) message += step->title();
    message += "\".";
    return reject(v1::ERROR_CODE_OUT_OF_TURN, std::move(message));
  }
  if ((is_speaker_step(wanted) || is_listener_step(wanted)) && seat != actor) {
    std::string message = "It is ";
    message += state.seats[seat_index(actor)].name;
    message += "'s turn (";
    message += step_doing(current_step(state));
    message += "); yours comes next.";
    return reject(v1::ERROR_CODE_OUT_OF_TURN, std::move(message));
  }
  return std::nullopt;
}

std::optional<Rejection> pin(const RoomState& state, std::uint64_t pinned_seq) {
  if (pinned_seq == 0 || pinned_seq > state.last_seq) {
    return reject(v1::ERROR_CODE_INVALID_ARGUMENT, "A note is pinned to a moment that has already happened.");
  }
  return std::nullopt;
}

}  // namespace attune::checks
