#include "frames_to_engine.hpp"

#include <cstdlib>
#include <string>
#include <string_view>

#include "attune/content.hpp"
#include "attune/engine.hpp"
#include "attune/framing.hpp"
#include "attune/pairing.hpp"

namespace attune::fuzz {
namespace {

const Content& content() {
  static const Content loaded = [] {
    auto result = load_content(ATTUNE_FUZZ_ASSETS);
    if (auto* error = std::get_if<ContentError>(&result)) {
      std::fprintf(stderr, "fuzz: %s\n", error->message.c_str());
      std::abort();
    }
    return std::get<Content>(std::move(result));
  }();
  return loaded;
}

// A room with both partners seated, as the server has it before play.
RoomState seated_room() {
  RoomState state;
  std::int64_t now = 1'000;
  // Field by field: the engine's input structs grow over time.
  OpenRoom open;
  open.room_id = "room-fuzz";
  open.exercise = content().exercise;
  open.deck = content().deck;
  open.seed = 7;
  open.creator = v1::SEAT_PARTNER_A;
  open.creator_name = "A";
  open.creator_consents = true;
  TakeSeat partner;
  partner.seat = v1::SEAT_PARTNER_B;
  partner.name = "B";
  partner.consents = true;
  const Input inputs[] = {open, partner};
  for (const auto& input : inputs) {
    auto decision = decide(state, input, now++);
    if (auto* events = std::get_if<Events>(&decision)) {
      for (const auto& event : *events) state = fold(std::move(state), event);
    }
  }
  return state;
}

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

void feed(const std::uint8_t* data, std::size_t size) {
  static const RoomState start = seated_room();
  RoomState state = start;
  FrameDecoder decoder;
  decoder.feed(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::string binding(pairing::kChannelBindingBytes, '\x42');
  std::int64_t now = 2'000;
  for (;;) {
    auto result = decoder.next();
    if (result.status != FrameDecoder::Status::kFrame) break;
    const v1::Envelope& envelope = result.envelope;
    // What passed the decoder is valid by its own rules.
    check(!validate_envelope(envelope).has_value());
    // Frames re-encode to something the decoder reads back the same.
    FrameDecoder again;
    again.feed(encode_frame(envelope));
    auto reread = again.next();
    check(reread.status == FrameDecoder::Status::kFrame);
    check(reread.envelope.SerializeAsString() == envelope.SerializeAsString());

    if (envelope.has_command()) {
      // The command id picks the seat, so seeds can script a whole round.
      const auto pick = envelope.command().command_id() % 3;
      const Seat seat = pick == 0 ? v1::SEAT_PARTNER_A : pick == 1 ? v1::SEAT_PARTNER_B : v1::SEAT_HOST;
      auto decision = decide(state, SeatCommand{seat, envelope.command()}, now++);
      if (auto* events = std::get_if<Events>(&decision)) {
        for (const auto& event : *events) {
          check(event.seq() == state.last_seq + 1);
          state = fold(std::move(state), event);
          for (const Seat viewer : {v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B, v1::SEAT_UNSPECIFIED}) {
            // A note's text never survives projection for anyone but the host.
            const v1::Event seen = project_event(event, viewer, state.settings);
            check(!seen.has_note_pinned() && !seen.has_moment_flagged());
          }
        }
      }
    } else if (envelope.has_pair_start()) {
      pairing::Responder responder({"AB3K9Z"}, envelope.pair_start().ya(), binding);
      (void)responder.confirmed_code(envelope.pair_start().ya());
    } else if (envelope.has_pair_offer()) {
      pairing::Initiator initiator("AB3K9Z", binding);
      (void)initiator.finish(envelope.pair_offer());
    }
  }
}

}  // namespace attune::fuzz
