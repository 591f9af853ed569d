// Waiting for the partner: the code, big, and where to find this game.
#include <imgui.h>

#include "attune/rituals.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_waiting_screen(const ViewContext& ctx) {
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  gap(24);
  const RoomState& room = model.room;
  if (room.seats[v1::SEAT_PARTNER_A].taken && room.seats[v1::SEAT_PARTNER_B].taken) {
    // With a therapist hosting, both partners can be seated before anything
    // starts: nobody is missing, the host starts the first round.
    const std::string host = seat_person(model, v1::SEAT_HOST);
    heading(("You are both here. " + host + " starts the first round.").c_str());
    begin_card("both_here", p.panel);
    body_text("You and " + client::partner_name(model) + " are seated. " + host +
              " is hosting this session and begins when you are all ready.");
    muted_text("While you wait: take a slow breath, and think of something small you would like to be heard about.");
    end_card();
    if (opening_open(room) && !ctx.ui.read_only) {
      gap(6);
      // The opening breath: a minute of paced breathing on both screens.
      if (secondary_button(ctx.ui, "Breathe together while you wait", !client::waiting_on_server(model))) {
        v1::Command command;
        command.mutable_breathe()->set_on(true);
        ctx.dispatch(action::Play{command, kDraftNone});
      }
    }
    return;
  }
  heading("Waiting for your partner to join");
  muted_text(
      "On the other laptop, open Attune, choose \"Join a game\" and type the address and the code below. "
      "The first round starts as soon as they sit down.");
  gap(12);
  begin_card("code", p.panel, 24.0F);
  small_muted("Code");
  if (model.join_code.empty()) {
    muted_text(model.code_notice.empty() ? "(no code: this seat joined an existing game)" : model.code_notice.c_str());
  } else {
    // Spaced out so it can be read aloud across the room.
    std::string spaced;
    for (const char ch : model.join_code) {
      if (!spaced.empty()) spaced += ' ';
      spaced += ch;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
    big_text(spaced.c_str());
    ImGui::PopStyleColor();
    if (!model.code_notice.empty()) small_muted(model.code_notice);
  }
  gap(8);
  small_muted("Address");
  if (ctx.host.hosting && !ctx.host.addresses.empty()) {
    for (const auto& address : ctx.host.addresses) {
      heading((address + ":" + std::to_string(ctx.host.port)).c_str());
    }
    if (ctx.host.addresses.size() > 1) small_muted("This laptop has more than one network; try the first one first.");
  } else if (ctx.host.hosting) {
    heading(("port " + std::to_string(ctx.host.port)).c_str());
    muted_text("No network address was found; check that this laptop is on Wi-Fi.");
  } else {
    heading(model.server.c_str());
  }
  if (!ctx.host.port_note.empty()) {
    gap(4);
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("%s", ctx.host.port_note.c_str());
    ImGui::PopStyleColor();
  }
  end_card();
  gap(12);
  muted_text("While you wait: take a slow breath, and think of something small you would like to be heard about.");
}

}  // namespace attune::ui
