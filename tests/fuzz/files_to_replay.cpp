#include "files_to_replay.hpp"

#include <string_view>

#include "attune/session_file.hpp"
#include "model/replay.hpp"

namespace attune::fuzz {
namespace {

// Small, so a fuzz run exercises the budget (thinning, folding from the start).
constexpr std::size_t kFuzzSnapshotBudget = 4U * 1024U * 1024U;

std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace

void feed_session(const std::uint8_t* data, std::size_t size) {
  auto decoded = decode_session(as_text(data, size));
  auto* session = std::get_if<Session>(&decoded);
  if (session == nullptr) return;
  client::ReplayIndex index(std::move(session->events), v1::SEAT_HOST, kFuzzSnapshotBudget);
  const std::size_t count = index.size();
  // Seeks as the viewer makes them: start, end, middle, and snapshot edges.
  for (const std::size_t at : {std::size_t{0}, count / 3, std::size_t{129}, std::size_t{257}}) {
    const RoomState state = index.state_after(at);
    (void)current_step_kind(state);
    if (at < count) (void)describe_event(state, index.events()[at]);
  }
  // Each seat's view of the end, as the viewer's seat choice shows it.
  for (const Seat seat : {v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B, v1::SEAT_HOST}) {
    index.view_as(seat);
    const RoomState view = index.state_after(count);
    (void)awaits(view, seat);
    (void)current_step_kind(view);
  }
  client::ReplayCursor cursor;
  cursor.playing = true;
  (void)client::advance(index, cursor, 1'000'000);
}

void feed_hindsight(const std::uint8_t* data, std::size_t size) {
  v1::HindsightFile layer;
  if (!layer.ParseFromArray(data, static_cast<int>(size))) return;
  v1::SessionHeader header;
  header.set_room_id(layer.room_id());
  if (client::check_hindsight(layer, header)) return;
  (void)client::dial_accuracy(layer, v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B);
  (void)client::dial_accuracy(layer, v1::SEAT_PARTNER_B, v1::SEAT_PARTNER_A);
  (void)client::moment_of(layer, v1::SEAT_PARTNER_A, 1);
  client::rate_moment(layer, v1::SEAT_PARTNER_A, 3, 5, 9, 1000);
  (void)layer.SerializeAsString();
}

}  // namespace attune::fuzz
