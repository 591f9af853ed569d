// Start: your name, then host a game, join one, open a recording, or host a
// session for a couple as their therapist.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "attune/text.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_start_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const bool has_name = !trim(ui.name).empty();

  const auto welcome = [&] {
    gap(12);
    big_text("Attune");
    heading("A calm game for listening to each other.");
    muted_text(
        "One of you shares a feeling; the other practises listening: see, understand, validate. "
        "Then you both rate, privately, how it went and compare.");
    gap(10);
    begin_card("name", p.panel);
    ImGui::TextUnformatted("Your name");
    small_muted("Your partner sees it on their screen.");
    ImGui::InputTextWithHint("##name", "e.g. Maya", &ui.name);
    gap(4);
    ImGui::Checkbox("Keep a recording of this session", &ui.consent_to_recording);
    small_muted("Kept only if everyone agrees, on the hosting laptop, for replaying later.");
    end_card();
    gap(6);
    muted_text("Both laptops need to be on the same network. Nothing leaves the room: no cloud, no account.");
    gap(10);
    begin_card("more", p.panel_alt);
    ImGui::TextUnformatted("Open a recording");
    small_muted("Step through a finished session (an .attune file from attune-session export).");
    const float open_width = px(110);
    ImGui::SetNextItemWidth(ImGui::CalcItemWidth() - open_width - ImGui::GetStyle().ItemSpacing.x);
    ImGui::InputTextWithHint("##replay_path", "e.g. /home/maya/evening.attune", &ui.replay_path);
    ImGui::SameLine();
    if (secondary_button(ui, "Open", !trim(ui.replay_path).empty(), open_width)) {
      ctx.dispatch(action::OpenReplay{std::string(trim(ui.replay_path))});
    }
    end_card();
  };

  const auto choices = [&] {
    gap(12);
    if (!ui.rejoin_partner.empty()) {
      // A seat this laptop held when the window closed: the first thing offered.
      begin_card("rejoin", p.accent_soft);
      heading(ui.rejoin_partner == "-" ? "Rejoin your game" : ("Rejoin the game with " + ui.rejoin_partner).c_str());
      if (!ui.rejoin_note.empty()) muted_text(ui.rejoin_note);
      if (primary_button(ui, "Rejoin")) ctx.dispatch(action::Rejoin{});
      ImGui::SameLine();
      if (secondary_button(ui, "Start fresh instead")) ctx.dispatch(action::ForgetSeat{});
      end_card();
      gap(8);
    }
    begin_card("host", p.panel);
    heading("Host a game");
    muted_text("This laptop starts the game. You get a short code to give your partner.");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Port");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(px(140));
    ImGui::InputInt("##port", &ui.host_port, 0, 0);
    if (ui.host_port < 0) ui.host_port = 0;
    if (ui.host_port > 65535) ui.host_port = 65535;
    ImGui::SameLine();
    small_muted(ui.host_port == 0 ? "0: any free port" : (ui.host_port == 7420 ? "the usual port" : ""));
    if (primary_button(ui, "Host a game", has_name)) {
      ctx.dispatch(action::Host{std::string(trim(ui.name)), static_cast<std::uint16_t>(ui.host_port),
                                v1::SEAT_PARTNER_A, ui.consent_to_recording});
    }
    if (!has_name) small_muted("Write your name first.");
    end_card();
    gap(8);

    begin_card("join", p.panel);
    heading("Join a game");
    muted_text("Your partner's screen shows an address and a code.");
    // A fixed-height row: games appearing or going never move the fields
    // below under the pointer.
    small_muted(ctx.host.games_nearby.empty() ? "Games on this network: looking..."
                                              : "Games on this network (click to use):");
    const float row_height = ImGui::GetFrameHeight() + px(4);
    ImGui::BeginChild(
        "games_nearby", ImVec2(ImGui::CalcItemWidth(), row_height), false,
        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
    for (const auto& game : ctx.host.games_nearby) {
      if (chip(ui, game.c_str())) ui.join_address = game;
      ImGui::SameLine();
    }
    ImGui::EndChild();
    ImGui::TextUnformatted("Address");
    ImGui::InputTextWithHint("##address", "e.g. 192.168.1.20:7420", &ui.join_address);
    ImGui::TextUnformatted("Code");
    ImGui::InputTextWithHint("##code", "e.g. K7QF2M", &ui.join_code, ImGuiInputTextFlags_CharsUppercase);
    const bool can_join = has_name && !trim(ui.join_address).empty() && !trim(ui.join_code).empty();
    if (primary_button(ui, "Join a game", can_join)) {
      ctx.dispatch(action::Join{std::string(trim(ui.name)), std::string(trim(ui.join_address)),
                                std::string(trim(ui.join_code)), ui.consent_to_recording});
    }
    end_card();
    gap(8);
    begin_card("therapists", p.panel_alt);
    ImGui::TextUnformatted("For therapists");
    small_muted("A third seat for a counsellor: see both partners, pace the steps, keep private notes.");
    if (secondary_button(ui, "Host a session for a couple", has_name)) {
      ctx.dispatch(action::Host{std::string(trim(ui.name)), static_cast<std::uint16_t>(ui.host_port), v1::SEAT_HOST,
                                ui.consent_to_recording});
    }
    end_card();
  };
  two_columns("start", welcome, choices, 0.48F);
}

}  // namespace attune::ui
