#include "model/replay.hpp"

#include <algorithm>
#include <cmath>

namespace attune::client {
namespace {

constexpr std::int64_t kLongestGapMs = 3000;

std::size_t text_bytes(const std::vector<std::string>& texts) {
  std::size_t total = 0;
  for (const auto& text : texts) total += sizeof(std::string) + text.capacity();
  return total;
}

}  // namespace

std::size_t approximate_bytes(const RoomState& state) {
  std::size_t total = sizeof(RoomState) + state.room_id.capacity();
  total += state.exercise.SpaceUsedLong() + state.deck.SpaceUsedLong() + state.settings.SpaceUsedLong();
  for (const auto& exercise : state.exercises) total += exercise.SpaceUsedLong();
  for (const auto& deck : state.decks) total += deck.SpaceUsedLong();
  for (const auto& revealed : state.finished_rounds) total += revealed.SpaceUsedLong();
  for (const auto& seat : state.seats) total += seat.name.capacity();
  total += text_bytes(state.played_cards);
  for (const auto& note : state.notes) total += sizeof(HostNote) + note.text.capacity();
  for (const auto& flag : state.flags) total += sizeof(HostFlag) + flag.label.capacity();
  const auto& round = state.round;
  total += text_bytes(round.feelings) + text_bytes(round.more) + round.shared_text.capacity();
  for (const auto& reflection : round.reflections) {
    total += sizeof(Reflection) + reflection.text.capacity() + reflection.question.capacity();
  }
  if (round.card) total += round.card->SpaceUsedLong();
  if (round.validation) total += round.validation->SpaceUsedLong();
  if (round.reveal) total += round.reveal->SpaceUsedLong();
  return total;
}

ReplayIndex::ReplayIndex(std::vector<v1::Event> events, Seat viewer, std::size_t budget_bytes)
    : events_(std::move(events)), viewer_(viewer), budget_bytes_(budget_bytes) {
  build();
}

void ReplayIndex::view_as(Seat viewer) {
  if (viewer == viewer_) return;
  viewer_ = viewer;
  build();
}

void ReplayIndex::build() {
  snapshots_.clear();
  sizes_.clear();
  every_ = kSnapshotEvery;
  RoomState state;
  snapshots_.push_back(state);
  sizes_.push_back(approximate_bytes(state));
  snapshot_bytes_ = sizes_.back();
  for (std::size_t i = 0; i < events_.size(); ++i) {
    // Settings changes reach every viewer, so the viewer's own fold knows the
    // settings in force at each event.
    state = fold(std::move(state), project_event(events_[i], viewer_, state.settings));
    if ((i + 1) % every_ != 0) continue;
    const std::size_t bytes = approximate_bytes(state);
    // Over budget: keep every other snapshot and space them twice as far
    // apart, until this one fits (or only the empty start is left).
    while (snapshot_bytes_ + bytes > budget_bytes_ && snapshots_.size() > 1) {
      std::vector<RoomState> kept;
      std::vector<std::size_t> kept_sizes;
      snapshot_bytes_ = 0;
      for (std::size_t k = 0; k < snapshots_.size(); k += 2) {
        kept.push_back(std::move(snapshots_[k]));
        kept_sizes.push_back(sizes_[k]);
        snapshot_bytes_ += sizes_[k];
      }
      snapshots_ = std::move(kept);
      sizes_ = std::move(kept_sizes);
      every_ *= 2;
    }
    if ((i + 1) % every_ != 0) continue;
    if (snapshot_bytes_ + bytes > budget_bytes_) {
      // Even one snapshot does not fit: from here on, seeks fold from the start.
      every_ = std::max(every_, events_.size() + 1);
      continue;
    }
    snapshots_.push_back(state);
    sizes_.push_back(bytes);
    snapshot_bytes_ += bytes;
  }
}

RoomState ReplayIndex::state_after(std::size_t count) const {
  count = std::min(count, events_.size());
  const std::size_t snapshot = std::min(count / every_, snapshots_.size() - 1);
  RoomState state = snapshots_[snapshot];
  for (std::size_t i = snapshot * every_; i < count; ++i) {
    state = fold(std::move(state), project_event(events_[i], viewer_, state.settings));
  }
  return state;
}

void rate_moment(v1::HindsightFile& layer, Seat rater, std::uint64_t seq, std::uint32_t self, std::uint32_t partner,
                 std::int64_t now_ms) {
  v1::HindsightLayer* mine = nullptr;
  for (auto& existing : *layer.mutable_layers()) {
    if (existing.rater() == rater) mine = &existing;
  }
  if (mine == nullptr) {
    mine = layer.add_layers();
    mine->set_rater(rater);
    mine->set_room_id(layer.room_id());
  }
  mine->set_updated_at_ms(now_ms);
  v1::HindsightMoment* moment = nullptr;
  for (auto& existing : *mine->mutable_moments()) {
    if (existing.seq() == seq) moment = &existing;
  }
  if (moment == nullptr) {
    moment = mine->add_moments();
    moment->set_seq(seq);
  }
  if (self >= kDialMin && self <= kDialMax) moment->set_self(self);
  if (partner >= kDialMin && partner <= kDialMax) moment->set_partner(partner);
  // Keep moments in timeline order so curves draw left to right.
  std::sort(mine->mutable_moments()->begin(), mine->mutable_moments()->end(),
            [](const v1::HindsightMoment& a, const v1::HindsightMoment& b) { return a.seq() < b.seq(); });
}

const v1::HindsightMoment* moment_of(const v1::HindsightFile& layer, Seat rater, std::uint64_t seq) {
  for (const auto& mine : layer.layers()) {
    if (mine.rater() != rater) continue;
    for (const auto& moment : mine.moments()) {
      if (moment.seq() == seq) return &moment;
    }
  }
  return nullptr;
}

std::optional<DialAccuracy> dial_accuracy(const v1::HindsightFile& layer, Seat guesser, Seat target) {
  const v1::HindsightLayer* guesses = nullptr;
  const v1::HindsightLayer* own = nullptr;
  for (const auto& candidate : layer.layers()) {
    if (candidate.rater() == guesser) guesses = &candidate;
    if (candidate.rater() == target) own = &candidate;
  }
  if (guesses == nullptr || own == nullptr) return std::nullopt;
  double closeness = 0.0;
  std::size_t count = 0;
  for (const auto& guess : guesses->moments()) {
    if (guess.partner() == 0) continue;
    for (const auto& truth : own->moments()) {
      if (truth.seq() != guess.seq() || truth.self() == 0) continue;
      const double miss = std::abs(static_cast<double>(guess.partner()) - static_cast<double>(truth.self()));
      closeness += 1.0 - miss / static_cast<double>(kDialMax - kDialMin);
      ++count;
    }
  }
  if (count == 0) return std::nullopt;
  return DialAccuracy{100.0 * closeness / static_cast<double>(count), count};
}

std::optional<std::string> check_hindsight(const v1::HindsightFile& layer, const v1::SessionHeader& header) {
  if (!layer.room_id().empty() && layer.room_id() != header.room_id()) {
    return "These hindsight ratings belong to another session; they were not loaded.";
  }
  for (const auto& mine : layer.layers()) {
    if (mine.rater() != v1::SEAT_PARTNER_A && mine.rater() != v1::SEAT_PARTNER_B) {
      return "The hindsight ratings name a seat that is not a partner; they were not loaded.";
    }
    for (const auto& moment : mine.moments()) {
      if (moment.self() > kDialMax || moment.partner() > kDialMax) {
        return "The hindsight ratings hold values off the 1-9 scale; they were not loaded.";
      }
    }
  }
  return std::nullopt;
}

ReplayCursor advance(const ReplayIndex& index, ReplayCursor cursor, std::int64_t elapsed_ms) {
  if (!cursor.playing) return cursor;
  const auto& events = index.events();
  cursor.carry_ms += static_cast<std::int64_t>(static_cast<double>(elapsed_ms) * cursor.speed);
  while (cursor.position < events.size()) {
    std::int64_t gap = 0;
    if (cursor.position > 0) {
      gap = std::clamp<std::int64_t>(events[cursor.position].at_ms() - events[cursor.position - 1].at_ms(), 0,
                                     kLongestGapMs);
    }
    if (cursor.carry_ms < gap) break;
    cursor.carry_ms -= gap;
    ++cursor.position;
  }
  if (cursor.position >= events.size()) {
    cursor.playing = false;
    cursor.carry_ms = 0;
  }
  return cursor;
}

std::vector<Seat> replay_viewpoints(const v1::SessionHeader& header) {
  if (session_viewer(header) == v1::SEAT_HOST) return {v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B, v1::SEAT_HOST};
  return {v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B};
}

std::string hindsight_path(const std::string& session_file) { return session_file + ".hindsight"; }

}  // namespace attune::client
