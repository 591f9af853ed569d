// The replay viewer's model: a finished session, a cursor on its timeline,
// the seat it is seen as, and the hindsight-rating layer beside it. States
// come from the engine's own fold of project_event, as in the live game (the
// one secrecy rule of every output). Pure:
// the shell reads and writes the files and keeps the clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attune/engine.hpp"
#include "attune/session_file.hpp"
#include "attune/v1/session.pb.h"

namespace attune::client {

// Every event's state can be had in well under a millisecond: a snapshot
// every kSnapshotEvery events, then at most that many folds.
inline constexpr std::size_t kSnapshotEvery = 128;
// Snapshots together stay under this many bytes: when a file's states are
// large (a crafted file can make each one huge), snapshots are taken more
// rarely, so seeks get slower but memory stays bounded.
inline constexpr std::size_t kSnapshotBudgetBytes = 64U * 1024U * 1024U;

// Roughly how many bytes a room state holds (protobuf space plus text).
[[nodiscard]] std::size_t approximate_bytes(const RoomState& state);

class ReplayIndex {
 public:
  // States are what `viewer` saw: each event goes through project_event
  // before it is folded. There is no default viewer on purpose.
  ReplayIndex(std::vector<v1::Event> events, Seat viewer, std::size_t budget_bytes = kSnapshotBudgetBytes);
  [[nodiscard]] std::size_t size() const { return events_.size(); }
  [[nodiscard]] const std::vector<v1::Event>& events() const { return events_; }
  [[nodiscard]] Seat viewer() const { return viewer_; }
  // Sees the same events as another viewer (rebuilds the snapshots).
  void view_as(Seat viewer);
  // The room after the first `count` events (0: before anything happened).
  [[nodiscard]] RoomState state_after(std::size_t count) const;
  // Events between snapshots (kSnapshotEvery, or a multiple when over budget).
  [[nodiscard]] std::size_t snapshot_every() const { return every_; }
  [[nodiscard]] std::size_t snapshot_bytes() const { return snapshot_bytes_; }

 private:
  void build();
  std::vector<v1::Event> events_;
  Seat viewer_ = v1::SEAT_UNSPECIFIED;
  std::size_t budget_bytes_ = kSnapshotBudgetBytes;
  std::size_t every_ = kSnapshotEvery;
  std::vector<RoomState> snapshots_;  // snapshots_[k] = state after k * every_ events
  std::vector<std::size_t> sizes_;    // approximate_bytes of each snapshot
  std::size_t snapshot_bytes_ = 0;
};

// The 9-point hindsight scale: 1 very negative, 5 neutral, 9 very positive.
inline constexpr std::uint32_t kDialMin = 1;
inline constexpr std::uint32_t kDialMax = 9;

// Records how `rater` felt at the event `seq` (self) and how they think the
// partner felt (partner); 0 leaves a value as it was. Never touches events.
void rate_moment(v1::HindsightFile& layer, Seat rater, std::uint64_t seq, std::uint32_t self, std::uint32_t partner,
                 std::int64_t now_ms);
[[nodiscard]] const v1::HindsightMoment* moment_of(const v1::HindsightFile& layer, Seat rater, std::uint64_t seq);

// How well `guesser`'s guesses track `target`'s own ratings, 0..100, over the
// moments both rated; nullopt when there are none.
struct DialAccuracy {
  double percent = 0.0;
  std::size_t moments = 0;
};
[[nodiscard]] std::optional<DialAccuracy> dial_accuracy(const v1::HindsightFile& layer, Seat guesser, Seat target);

// Validates a loaded hindsight file against the session it sits beside.
[[nodiscard]] std::optional<std::string> check_hindsight(const v1::HindsightFile& layer,
                                                         const v1::SessionHeader& header);

struct ReplayCursor {
  std::size_t position = 0;  // events applied
  bool playing = false;
  double speed = 1.0;         // 0.5, 1, 2, 4, 8
  std::int64_t carry_ms = 0;  // time played into the current gap
};

// Moves the cursor on by `elapsed_ms` of wall time at the cursor's speed,
// following the real gaps between events (each gap capped at 3 s so long
// pauses do not drag). Stops at the end.
[[nodiscard]] ReplayCursor advance(const ReplayIndex& index, ReplayCursor cursor, std::int64_t elapsed_ms);

// The seats a session file may be seen as: the host's version offers both
// partners and the host; the couple's version (every other file, see
// session_viewer) offers only the two partners, never the host.
[[nodiscard]] std::vector<Seat> replay_viewpoints(const v1::SessionHeader& header);

// Where the hindsight layer of a session file is kept: FILE + ".hindsight".
[[nodiscard]] std::string hindsight_path(const std::string& session_file);

}  // namespace attune::client
