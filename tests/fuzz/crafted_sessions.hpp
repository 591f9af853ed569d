// Hand-crafted hostile session files: the cases a fault review found, kept
// as code so the tests and the fuzz corpus build them the same way.
#pragma once

#include <string>
#include <vector>

#include "attune/session_file.hpp"

namespace attune::crafted {

inline v1::Event numbered(std::vector<v1::Event>& log) {
  v1::Event event;
  event.set_seq(log.size() + 1);
  event.set_at_ms(1'000 + static_cast<std::int64_t>(log.size()));
  return event;
}

inline v1::Exercise exercise_of(std::initializer_list<v1::StepKind> kinds) {
  v1::Exercise exercise;
  exercise.set_id("crafted");
  exercise.set_max_reflect_loops(3);
  for (const auto kind : kinds) exercise.add_steps()->set_kind(kind);
  return exercise;
}

// A round that reaches its confirm step (index 3), then a second RoomCreated
// that swaps in a one-step exercise, then a "partly" that loops back to the
// reflect step: the step index points past the new exercise's steps.
inline std::vector<v1::Event> step_past_swapped_exercise(std::size_t padding = 300) {
  std::vector<v1::Event> log;
  auto created = numbered(log);
  *created.mutable_room_created()->mutable_exercise() =
      exercise_of({v1::STEP_KIND_PROMPT, v1::STEP_KIND_SHARE, v1::STEP_KIND_REFLECT, v1::STEP_KIND_CONFIRM,
                   v1::STEP_KIND_RATE, v1::STEP_KIND_REVEAL});
  log.push_back(created);
  for (const v1::Seat seat : {v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B}) {
    auto taken = numbered(log);
    taken.mutable_seat_taken()->set_seat(seat);
    taken.mutable_seat_taken()->set_name(seat == v1::SEAT_PARTNER_A ? "A" : "B");
    log.push_back(taken);
  }
  auto started = numbered(log);
  started.mutable_round_started()->set_round(1);
  started.mutable_round_started()->set_speaker(v1::SEAT_PARTNER_A);
  started.mutable_round_started()->set_listener(v1::SEAT_PARTNER_B);
  log.push_back(started);
  auto drawn = numbered(log);
  drawn.mutable_card_drawn()->mutable_card()->set_id("c");
  log.push_back(drawn);
  auto shared = numbered(log);
  shared.mutable_shared()->set_text("x");
  log.push_back(shared);
  auto reflected = numbered(log);
  reflected.mutable_reflected()->set_text("y");
  log.push_back(reflected);
  // Enough events between here and the swap that a seek starts from a snapshot.
  for (std::size_t i = 0; i < padding; ++i) {
    auto presence = numbered(log);
    presence.mutable_presence_changed()->set_seat(v1::SEAT_PARTNER_B);
    presence.mutable_presence_changed()->set_away(i % 2 == 0);
    log.push_back(presence);
  }
  auto swapped = numbered(log);
  *swapped.mutable_room_created()->mutable_exercise() = exercise_of({v1::STEP_KIND_REVEAL});
  log.push_back(swapped);
  auto partly = numbered(log);
  partly.set_actor(v1::SEAT_PARTNER_A);
  partly.mutable_confirmed()->set_complete(false);
  partly.mutable_confirmed()->set_loops_back(true);
  log.push_back(partly);
  return log;
}

// A room created with close to a record's worth of exercises, then many tiny
// events: every snapshot of the replay index would copy the whole list.
inline std::vector<v1::Event> snapshot_bomb(std::size_t tiny_events) {
  std::vector<v1::Event> log;
  auto created = numbered(log);
  auto* room = created.mutable_room_created();
  *room->mutable_exercise() = exercise_of({v1::STEP_KIND_PROMPT, v1::STEP_KIND_REVEAL});
  v1::Exercise heavy;
  heavy.set_id("e");
  heavy.set_summary(std::string(400, 'z'));
  // Empty steps: two bytes on disk each, far more in memory.
  for (int i = 0; i < 100; ++i) heavy.add_steps();
  const std::size_t each = heavy.ByteSizeLong() + 3;  // tag and length prefix
  const std::size_t room_for = (kMaxSessionRecordBytes - created.ByteSizeLong() - 1024) / each;
  for (std::size_t i = 0; i < room_for; ++i) *room->add_exercises() = heavy;
  log.push_back(created);
  for (std::size_t i = 0; i < tiny_events; ++i) {
    auto presence = numbered(log);
    presence.mutable_presence_changed()->set_seat(v1::SEAT_PARTNER_A);
    log.push_back(presence);
  }
  return log;
}

inline std::string file_of(const std::vector<v1::Event>& log) {
  v1::SessionHeader header;
  header.set_room_id("crafted");
  return encode_session(header, log);
}

}  // namespace attune::crafted
