// Benchmarks the hot paths a room runs for every move, each beside a baseline
// measured in the same run (this machine is shared and noisy, so the figures
// that matter are medians and ratios):
//   - decide + fold of one event, against copying the event (the least a
//     server must do to keep it);
//   - replaying a 10,000-event log, against parsing it from bytes;
//   - framing decode, against a bare ParseFromArray of the same bytes.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "attune/content.hpp"
#include "attune/engine.hpp"
#include "attune/framing.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using attune::v1::Command;

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

template <typename F>
double time_ns(F&& work, int repeats) {
  std::vector<double> samples;
  for (int i = 0; i < repeats; ++i) {
    const auto start = Clock::now();
    work();
    samples.push_back(std::chrono::duration<double, std::nano>(Clock::now() - start).count());
  }
  return median(samples);
}

attune::RoomState apply(attune::RoomState state, const attune::Input& input, std::int64_t now,
                        std::vector<attune::v1::Event>& log) {
  auto decision = attune::decide(state, input, now);
  for (auto& event : std::get<attune::Events>(decision)) {
    state = attune::fold(std::move(state), event);
    log.push_back(std::move(event));
  }
  return state;
}

// Plays `rounds` full rounds and returns the log.
std::vector<attune::v1::Event> play(const attune::Content& content, int rounds) {
  std::vector<attune::v1::Event> log;
  std::int64_t now = 1'700'000'000'000;
  attune::RoomState state;
  state =
      apply(std::move(state),
            attune::OpenRoom{"bench", content.exercise, content.deck, 7, attune::v1::SEAT_PARTNER_A, "Alex"}, now, log);
  state = apply(std::move(state), attune::TakeSeat{attune::v1::SEAT_PARTNER_B, "Sam"}, now, log);
  std::uint64_t id = 1;
  auto send = [&](attune::v1::Seat seat, Command command) {
    command.set_command_id(id++);
    state = apply(std::move(state), attune::SeatCommand{seat, command}, ++now, log);
  };
  for (int r = 0; r < rounds; ++r) {
    const auto speaker = state.round.speaker;
    const auto listener = state.round.listener;
    Command c;
    c.mutable_draw_card();
    send(speaker, c);
    c.Clear();
    c.mutable_check_in()->add_feelings("tired");
    c.mutable_check_in()->set_intensity(6);
    send(speaker, c);
    c.Clear();
    c.mutable_share()->set_text("I feel tired about this week and what I need is a quiet evening together.");
    send(speaker, c);
    c.Clear();
    c.mutable_reflect()->set_text("If I got it, the week was long and you want quiet time with me.");
    send(listener, c);
    c.Clear();
    c.mutable_confirm()->set_complete(true);
    send(speaker, c);
    c.Clear();
    c.mutable_validate()->set_validation("It makes sense, because you gave a lot this week.");
    send(listener, c);
    for (auto seat : {speaker, listener}) {
      c.Clear();
      auto* parts = c.mutable_submit_rating()->mutable_parts();
      parts->set_awareness(5);
      parts->set_turning_toward(6);
      parts->set_tolerance(5);
      parts->set_understanding(6);
      parts->set_non_defensive(5);
      parts->set_empathy(6);
      c.mutable_submit_rating()->set_intensity(4);
      send(seat, c);
    }
    for (auto seat : {speaker, listener}) {
      c.Clear();
      c.mutable_continue_after_reveal();
      send(seat, c);
    }
  }
  return log;
}

}  // namespace

int main() {
  auto loaded = attune::load_content(attune::default_assets_dir());
  if (auto* error = std::get_if<attune::ContentError>(&loaded)) {
    std::fprintf(stderr, "engine_bench: %s\n", error->message.c_str());
    return 1;
  }
  const auto content = std::get<attune::Content>(std::move(loaded));
  constexpr int kRepeats = 15;

  // 1. A whole game of 800 rounds (about 10,000 events): decide + fold.
  std::vector<attune::v1::Event> log;
  const double play_ns = time_ns([&] { log = play(content, 800); }, kRepeats);
  const double events = static_cast<double>(log.size());
  std::vector<attune::v1::Event> copy;
  const double copy_ns = time_ns(
      [&] {
        copy.clear();
        for (const auto& event : log) copy.push_back(event);
      },
      kRepeats);
  std::printf("events in the game                  %zu\n", log.size());
  std::printf("decide+fold per event (median)      %8.0f ns   baseline copy %6.0f ns   ratio %.1fx\n", play_ns / events,
              copy_ns / events, play_ns / copy_ns);

  // 2. Replaying the whole log from nothing, against parsing it.
  std::string bytes;
  for (const auto& event : log) {
    attune::v1::Envelope envelope;
    *envelope.mutable_event() = event;
    attune::append_frame(envelope, bytes);
  }
  attune::RoomState replayed;
  const double replay_ns = time_ns([&] { replayed = attune::replay(log); }, kRepeats);
  std::printf("replay of %zu events (median)     %8.2f ms\n", log.size(), replay_ns / 1e6);

  // 3. Framing decode of every event, against parsing the same bodies bare.
  std::size_t decoded = 0;
  const double frame_ns = time_ns(
      [&] {
        attune::FrameDecoder decoder(attune::kMaxFrameBytes);
        decoder.feed(bytes);
        decoded = 0;
        while (decoder.next().status == attune::FrameDecoder::Status::kFrame) ++decoded;
      },
      kRepeats);
  std::vector<std::string> bodies;
  for (const auto& event : log) {
    attune::v1::Envelope envelope;
    *envelope.mutable_event() = event;
    bodies.push_back(envelope.SerializeAsString());
  }
  const double parse_ns = time_ns(
      [&] {
        attune::v1::Envelope envelope;
        for (const auto& body : bodies) envelope.ParseFromString(body);
      },
      kRepeats);
  std::printf("frame decode per event (median)     %8.0f ns   baseline parse %5.0f ns   ratio %.2fx\n",
              frame_ns / events, parse_ns / events, frame_ns / parse_ns);
  std::printf("frames decoded                      %zu (%zu bytes)\n", decoded, bytes.size());
  return (decoded == log.size() && replayed.last_seq == log.size()) ? 0 : 1;
}
