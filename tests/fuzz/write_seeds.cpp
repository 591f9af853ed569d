// Writes the fuzz seed corpus: valid frames of every kind a client sends,
// and a scripted round. Run by hand: attune_fuzz_seeds tests/fuzz/corpus
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "attune/framing.hpp"
#include "attune/pairing.hpp"

namespace {

using attune::v1::Command;
using attune::v1::Envelope;

Envelope command(std::uint64_t id, const std::function<void(Command&)>& fill) {
  Envelope envelope;
  envelope.mutable_command()->set_command_id(id);
  fill(*envelope.mutable_command());
  return envelope;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: attune_fuzz_seeds DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::vector<Envelope>& envelopes) {
    std::string bytes;
    for (const auto& envelope : envelopes) attune::append_frame(envelope, bytes);
    std::ofstream(dir / name, std::ios::binary) << bytes;
  };

  Envelope hello;
  hello.mutable_hello()->set_protocol_version(attune::kProtocolVersion);
  hello.mutable_hello()->set_client_name("attune 0.1");
  Envelope create;
  create.mutable_create_room()->set_display_name("Alex");
  create.mutable_create_room()->set_seat(attune::v1::SEAT_PARTNER_A);
  Envelope join;
  join.mutable_join_room()->set_code("AB3K9Z");
  join.mutable_join_room()->set_display_name("Sam");
  Envelope ping;
  ping.mutable_ping()->set_nonce(7);
  write("hello", {hello});
  write("hello-create", {hello, create});
  write("hello-join", {hello, join});
  write("ping", {ping});

  attune::pairing::Initiator initiator("AB3K9Z", std::string(attune::pairing::kChannelBindingBytes, '\x42'));
  attune::pairing::Responder responder({"AB3K9Z"}, initiator.start().pair_start().ya(),
                                       std::string(attune::pairing::kChannelBindingBytes, '\x42'));
  Envelope offer;
  *offer.mutable_pair_offer() = responder.offer();
  write("pair-start", {initiator.start()});
  write("pair-offer", {offer});
  if (auto finish = initiator.finish(responder.offer())) write("pair-finish", {*finish});

  // A round in command order; the id modulo 3 picks the seat (0 A, 1 B, 2 host).
  std::vector<Envelope> round = {
      command(3, [](Command& c) { c.mutable_draw_card(); }),
      command(6,
              [](Command& c) {
                c.mutable_check_in()->add_feelings("tired");
                c.mutable_check_in()->set_intensity(6);
              }),
      command(9, [](Command& c) { c.mutable_share()->set_text("I feel tired about work and I need rest."); }),
      command(10, [](Command& c) { c.mutable_reflect()->set_text("You are worn out and want some rest."); }),
      command(12, [](Command& c) { c.mutable_confirm()->set_complete(true); }),
      command(13,
              [](Command& c) {
                c.mutable_validate()->set_validation("It makes sense, because the week was long.");
                c.mutable_validate()->set_empathy("I imagine you feel drained.");
              }),
      command(15,
              [](Command& c) {
                auto* parts = c.mutable_submit_rating()->mutable_parts();
                parts->set_awareness(5);
                parts->set_turning_toward(6);
                parts->set_tolerance(5);
                parts->set_understanding(6);
                parts->set_non_defensive(7);
                parts->set_empathy(6);
                c.mutable_submit_rating()->set_intensity(4);
              }),
      command(16,
              [](Command& c) {
                auto* parts = c.mutable_submit_rating()->mutable_parts();
                parts->set_awareness(4);
                parts->set_turning_toward(5);
                parts->set_tolerance(5);
                parts->set_understanding(5);
                parts->set_non_defensive(6);
                parts->set_empathy(5);
                c.mutable_submit_rating()->set_intensity(4);
              }),
      command(18, [](Command& c) { c.mutable_continue_after_reveal(); }),
      command(19, [](Command& c) { c.mutable_continue_after_reveal(); }),
      command(21, [](Command& c) { c.mutable_call_break(); }),
      command(24, [](Command& c) { c.mutable_ready_to_resume(); }),
      command(25, [](Command& c) { c.mutable_ready_to_resume(); }),
      command(27, [](Command& c) { c.mutable_end_session(); }),
  };
  write("round", round);
  write("host-ends", {command(2, [](Command& c) { c.mutable_end_session(); })});
  std::cout << "wrote seeds to " << dir << "\n";
  return 0;
}
