// Opening a 10,000-event session file and seeking in it, as the replay
// viewer does. Baseline in the same run: folding from the first event to the
// same positions (what a viewer without snapshots would do).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "attune/session_file.hpp"
#include "model/replay.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A session of `count` events with a realistic mix of texts.
std::vector<attune::v1::Event> synthetic_session(std::size_t count) {
  std::vector<attune::v1::Event> events;
  for (std::size_t i = 1; i <= count; ++i) {
    attune::v1::Event event;
    event.set_seq(i);
    event.set_at_ms(static_cast<std::int64_t>(1'700'000'000'000 + 4000 * i));
    event.set_actor(i % 2 == 0 ? attune::v1::SEAT_PARTNER_A : attune::v1::SEAT_PARTNER_B);
    switch (i % 4) {
      case 0: event.mutable_shared()->set_text(std::string(300, 's')); break;
      case 1: event.mutable_reflected()->set_text(std::string(250, 'r')); break;
      case 2: event.mutable_presence_changed()->set_away(false); break;
      default: event.mutable_break_ended(); break;
    }
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace

int main() {
  constexpr std::size_t kEvents = 10'000;
  const std::string file = attune::encode_session(attune::v1::SessionHeader{}, synthetic_session(kEvents));

  std::vector<double> open_ms;
  for (int i = 0; i < 9; ++i) {
    const auto start = Clock::now();
    auto read = attune::decode_session(file);
    attune::client::ReplayIndex index(std::get<attune::Session>(std::move(read)).events, attune::v1::SEAT_PARTNER_A);
    open_ms.push_back(ms_since(start));
  }

  auto read = attune::decode_session(file);
  const attune::client::ReplayIndex index(std::get<attune::Session>(std::move(read)).events,
                                          attune::v1::SEAT_PARTNER_A);
  std::mt19937 random(5);
  std::uniform_int_distribution<std::size_t> pick(0, kEvents);
  std::vector<double> seek_ms;
  std::vector<double> baseline_ms;
  for (int i = 0; i < 201; ++i) {
    const std::size_t to = pick(random);
    auto start = Clock::now();
    const attune::RoomState sought = index.state_after(to);  // already as partner A saw it
    seek_ms.push_back(ms_since(start));
    start = Clock::now();
    attune::RoomState folded;
    for (std::size_t k = 0; k < to; ++k) folded = attune::fold(std::move(folded), index.events()[k]);
    baseline_ms.push_back(ms_since(start));
    if (sought.last_seq != folded.last_seq) return 1;
  }
  std::printf("session file                      %zu events, %zu bytes\n", kEvents, file.size());
  std::printf("open (decode + index), median     %8.2f ms\n", median(open_ms));
  std::printf("seek to a random event, median    %8.3f ms   (max %.3f ms)\n", median(seek_ms),
              *std::max_element(seek_ms.begin(), seek_ms.end()));
  std::printf("baseline: fold from the start     %8.3f ms   ratio %.0fx\n", median(baseline_ms),
              median(baseline_ms) / median(seek_ms));
  return 0;
}
