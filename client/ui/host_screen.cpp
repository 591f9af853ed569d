// The host's dashboard: both partners, what they have said and rated this
// round, the reveal and a trend over rounds, the pacing controls, the soft
// phase timer, private notes and flags, and the session's settings. The host
// guides; nothing here can be written in a partner's place.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "attune/text.hpp"
#include "ui/cards_view.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {
namespace {

void play(const ViewContext& ctx, const v1::Command& command) { ctx.dispatch(action::Play{command, kDraftNone}); }

// A control the room would refuse now is shown off (rules.hpp, host_refusal).
bool host_may(const RoomState& room, void (*fill)(v1::Command&)) {
  v1::Command command;
  fill(command);
  return !host_refusal(room, command).has_value();
}

std::string clock_text(std::int64_t ms) {
  const std::int64_t seconds = std::max<std::int64_t>(ms, 0) / 1000;
  char text[32];
  std::snprintf(text, sizeof text, "%lld:%02lld", static_cast<long long>(seconds / 60),
                static_cast<long long>(seconds % 60));
  return text;
}

void partners_card(const ViewContext& ctx) {
  const Palette& p = palette();
  const RoomState& room = ctx.model.room;
  begin_card("partners", p.panel, 14.0F);
  for (const Seat seat : {v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B}) {
    const auto& info = room.seats[static_cast<std::size_t>(seat)];
    std::string role;
    if (room.round.number > 0 && room.stage == Stage::kPlaying) {
      role = seat == room.round.speaker ? "speaking" : "listening";
    }
    std::string state;
    if (!info.taken) {
      state = "not here yet";
    } else if (info.away) {
      state = "away (connection dropped)";
    } else if (room.stage == Stage::kPlaying && awaits(room, seat)) {
      state = "their turn";
    } else {
      state = "here";
    }
    ImGui::PushStyleColor(ImGuiCol_Text, seat == v1::SEAT_PARTNER_A ? p.accent : p.listener);
    line_text(display_name(room, seat));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    small_muted((role.empty() ? std::string() : role + "  ·  ") + state);
  }
  end_card();
}

void rating_lines(const std::string& title, const v1::Rating& rating) {
  small_muted(title);
  const auto values = part_values(rating.parts());
  std::string line;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) line += "  ";
    line += std::string(kAttuneParts[i].letter) + " " + std::to_string(values[i]);
  }
  line += "   ·   intensity " + std::to_string(rating.intensity());
  ImGui::TextUnformatted(line.c_str());
  if (!rating.comment().empty()) muted_text("\"" + rating.comment() + "\"");
}

void ratings_card(const ViewContext& ctx) {
  const Palette& p = palette();
  const RoomState& room = ctx.model.room;
  const RoundState& round = room.round;
  if (!round.speaker_rated && !round.listener_rated) return;
  gap(6);
  begin_card("ratings", p.panel, 14.0F);
  heading("Ratings so far");
  const std::string speaker = display_name(room, round.speaker);
  const std::string listener = display_name(room, round.listener);
  if (round.speaker_rating) {
    rating_lines(speaker + " rated how they were heard", *round.speaker_rating);
  } else {
    small_muted(speaker + " has not rated yet.");
  }
  if (round.listener_prediction) {
    rating_lines(listener + "'s guess of " + speaker + "'s rating", *round.listener_prediction);
  } else {
    small_muted(listener + " has not guessed yet.");
  }
  small_muted(room.settings.partners_see_ratings() ? "Partners see both ratings at the reveal."
                                                   : "Partners see only their own rating; you see both.");
  end_card();
}

void status_card(const ViewContext& ctx) {
  const Palette& p = palette();
  UiState& ui = ctx.ui;
  const RoomState& room = ctx.model.room;
  const RoundState& round = room.round;
  const bool busy = client::waiting_on_server(ctx.model);
  const bool ended = session_done(room);
  begin_card("status", p.accent_soft, 14.0F);
  if (ended) {
    heading("The session has ended");
    muted_text("Export the report from the terminal: attune-session export ID --format html.");
  } else if (room.stage == Stage::kWaitingForPartner) {
    const bool both = room.seats[v1::SEAT_PARTNER_A].taken && room.seats[v1::SEAT_PARTNER_B].taken;
    heading(both ? "Both partners are here" : "Waiting for both partners");
    if (both) muted_text("Start the first round when you are ready.");
    if (!ctx.model.join_code.empty()) {
      body_text("Join code: " + ctx.model.join_code);
      if (!ctx.model.code_notice.empty()) small_muted(ctx.model.code_notice);
      if (ctx.host.hosting) {
        std::string where;
        for (const auto& address : ctx.host.addresses) {
          where += (where.empty() ? "" : ", ") + address + ":" + std::to_string(ctx.host.port);
        }
        if (!where.empty()) small_muted("Address: " + where);
      }
    }
  } else if (room.pause.active) {
    heading("On a break");
    const std::int64_t left = room.pause.return_at_ms - ctx.now_ms;
    small_muted("Back at about " + clock_text(left) + " from now.");
    if (left > 0) redraw_at(ui, ctx.now_ms + (left % 1000) + 1);
  } else {
    const auto* step = current_step(room);
    std::string title = "Round " + std::to_string(round.number);
    if (step != nullptr) title += ": " + step->title();
    heading(title.c_str());
    std::string turn;
    const bool a = awaits(room, v1::SEAT_PARTNER_A);
    const bool b = awaits(room, v1::SEAT_PARTNER_B);
    if (a && b) {
      turn = "Both partners are on this step.";
    } else if (a || b) {
      turn = display_name(room, a ? v1::SEAT_PARTNER_A : v1::SEAT_PARTNER_B) + "'s turn.";
    } else {
      turn = "Waiting for you to start the next round.";
    }
    if (room.held) turn = "Held: the partners' screens are paused until you resume.";
    body_text(turn);
    if (room.step_started_at_ms > 0) {
      const std::int64_t elapsed = ctx.now_ms - room.step_started_at_ms;
      small_muted(clock_text(elapsed) + " in this step");
      // The clock and the phase-timer reminder move on their own, once a second.
      redraw_at(ui, ctx.now_ms + 1000 - (elapsed % 1000 + 1000) % 1000);
      const std::int64_t timer = static_cast<std::int64_t>(room.settings.phase_timer_seconds()) * 1000;
      if (timer > 0 && elapsed > timer) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
        ImGui::TextWrapped("Past the %lld-minute mark. No hurry; a gentle word may help them along.",
                           static_cast<long long>(timer / 60000));
        ImGui::PopStyleColor();
      }
    }
  }
  if (ui.read_only) {
    end_card();
    return;
  }
  gap(4);
  const bool both_here = room.seats[v1::SEAT_PARTNER_A].taken && room.seats[v1::SEAT_PARTNER_B].taken &&
                         !room.seats[v1::SEAT_PARTNER_A].away && !room.seats[v1::SEAT_PARTNER_B].away;
  // Whether the room allows it is the engine's answer; who is present is the view's care.
  const bool can_start = both_here && host_may(room, [](v1::Command& c) { c.mutable_host_start_round(); });
  if (primary_button(ui, "Start round", can_start && !busy)) {
    v1::Command command;
    command.mutable_host_start_round();
    play(ctx, command);
  }
  ImGui::SameLine();
  const bool playing = room.stage == Stage::kPlaying;
  if (secondary_button(ui, room.held ? "Resume" : "Hold", playing && !busy)) {
    v1::Command command;
    command.mutable_host_hold()->set_on(!room.held);
    play(ctx, command);
  }
  ImGui::SameLine();
  if (secondary_button(ui, "Skip this step",
                       host_may(room, [](v1::Command& c) { c.mutable_host_skip_step(); }) && !busy)) {
    v1::Command command;
    command.mutable_host_skip_step();
    play(ctx, command);
  }
  ImGui::SameLine();
  if (secondary_button(ui, room.locked ? "Unlock room" : "Lock room", !ended && !busy)) {
    v1::Command command;
    command.mutable_host_lock()->set_on(!room.locked);
    play(ctx, command);
  }
  if (room.pause.active) {
    if (secondary_button(ui, "End break", playing && !busy)) {
      v1::Command command;
      command.mutable_ready_to_resume();
      play(ctx, command);
    }
  } else {
    if (secondary_button(ui, "Call break", playing && !busy)) {
      v1::Command command;
      command.mutable_call_break();
      play(ctx, command);
    }
  }
  ImGui::SameLine();
  // Ending is for everyone and cannot be undone: asked first (dialogs.cpp).
  if (secondary_button(ui, "End session...", !ended && !busy)) ui.end_session_dialog_open = true;
  sending_note(ctx);
  end_card();
}

// A small line per part over the finished rounds: the speaker's rating
// (solid) and the listener's guess (faint).
void trend(const RoomState& room) {
  const Palette& p = palette();
  const auto& rounds = room.finished_rounds;
  if (rounds.size() < 2) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float label_width = px(130);
  const float width = std::min(ImGui::GetContentRegionAvail().x - label_width, px(260));
  const float height = ImGui::GetTextLineHeight();
  for (std::size_t part = 0; part < kAttuneParts.size(); ++part) {
    ImGui::TextUnformatted(kAttuneParts[part].short_name);
    ImGui::SameLine(label_width);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const auto at = [&](std::size_t i, std::uint32_t value) {
      const float x = origin.x + width * static_cast<float>(i) / static_cast<float>(rounds.size() - 1);
      const float t = static_cast<float>(value - kMinPartScore) / static_cast<float>(kMaxPartScore - kMinPartScore);
      return ImVec2(x, origin.y + height - height * std::clamp(t, 0.0F, 1.0F));
    };
    std::vector<ImVec2> speaker;
    std::vector<ImVec2> listener;
    for (std::size_t i = 0; i < rounds.size(); ++i) {
      speaker.push_back(at(i, part_values(rounds[i].speaker_rating().parts())[part]));
      listener.push_back(at(i, part_values(rounds[i].listener_prediction().parts())[part]));
    }
    draw->AddPolyline(listener.data(), static_cast<int>(listener.size()), to_u32(p.listener, 0.6F), ImDrawFlags_None,
                      px(1.5F));
    draw->AddPolyline(speaker.data(), static_cast<int>(speaker.size()), to_u32(p.accent), ImDrawFlags_None, px(2));
    for (const auto& point : speaker) draw->AddCircleFilled(point, px(2.5F), to_u32(p.accent));
    ImGui::Dummy(ImVec2(width, height));
  }
}

void rounds_card(const ViewContext& ctx) {
  const Palette& p = palette();
  const RoomState& room = ctx.model.room;
  const v1::Revealed* latest = room.round.reveal ? &*room.round.reveal : nullptr;
  if (latest == nullptr && !room.finished_rounds.empty()) latest = &room.finished_rounds.back();
  if (latest == nullptr) return;
  gap(6);
  begin_card("rounds", p.panel, 14.0F);
  heading("How the listening went");
  for (std::size_t i = 0; i < room.finished_rounds.size(); ++i) {
    const auto& r = room.finished_rounds[i];
    const std::string start = r.no_check_in() ? std::string() : std::to_string(r.intensity_before()) + " → ";
    body_text("Round " + std::to_string(i + 1) + ": intensity " + start + std::to_string(r.intensity_after()) +
              " (guessed " + std::to_string(r.intensity_guess()) + "), guesses " +
              std::to_string(r.empathic_accuracy()) + "% close");
  }
  if (room.finished_rounds.size() >= 2) {
    gap(4);
    small_muted("Each part over the rounds");
    trend(room);
  }
  gap(6);
  small_muted("The latest round");
  const float size = std::min(ImGui::CalcItemWidth(), px(420));
  const float indent = (ImGui::CalcItemWidth() - size) * 0.5F;
  if (indent > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
  reveal_radar(*latest, size);
  const Seat speaker_seat =
      is_partner(latest->speaker_rating().by()) ? latest->speaker_rating().by() : room.round.speaker;
  const std::string speaker = is_partner(speaker_seat) ? display_name(room, speaker_seat) : std::string("Speaker");
  const std::string listener =
      is_partner(speaker_seat) ? display_name(room, other_partner(speaker_seat)) : std::string("Listener");
  ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
  ImGui::TextUnformatted((speaker + "'s rating").c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine(0, px(18));
  ImGui::PushStyleColor(ImGuiCol_Text, p.listener);
  ImGui::TextUnformatted((listener + "'s guess").c_str());
  ImGui::PopStyleColor();
  end_card();
}

void notes_card(const ViewContext& ctx) {
  const Palette& p = palette();
  UiState& ui = ctx.ui;
  const RoomState& room = ctx.model.room;
  const bool busy = client::waiting_on_server(ctx.model);
  const bool open = room.stage != Stage::kEmpty && room.last_seq > 0;
  gap(6);
  begin_card("notes", p.panel, 14.0F);
  heading("Your notes");
  small_muted("Only you see these. A note or flag is pinned to the latest moment.");
  if (room.notes.empty() && room.flags.empty() && ui.read_only) small_muted("No notes or flags yet.");
  if (!ui.read_only) {
    composer(ui, "##host_note", ui.host_note, px(64), "What you noticed, for later...");
    const float row = ImGui::GetCursorPosX();
    if (primary_button(ui, "Pin note", open && !busy && !trim(ui.host_note).empty())) {
      v1::Command command;
      auto* note = command.mutable_host_note();
      note->set_pinned_seq(room.last_seq);
      note->set_text(std::string(trim(ui.host_note)));
      ctx.dispatch(action::Play{command, kDraftHostNote});
    }
    ImGui::SameLine();
    if (secondary_button(ui, "Flag this moment", open && !busy)) {
      v1::Command command;
      auto* flag = command.mutable_host_flag();
      flag->set_pinned_seq(room.last_seq);
      flag->set_label(trim(ui.host_flag).empty() ? std::string("Come back to this") : std::string(trim(ui.host_flag)));
      play(ctx, command);
    }
    ImGui::SameLine();
    fill_rest_of_row(row);
    ImGui::InputTextWithHint("##flag_label", "Flag label", &ui.host_flag);
    rtl_preview("##flag_label", ui.host_flag);
  }
  if (!room.notes.empty() || !room.flags.empty()) gap(4);
  for (const auto& note : room.notes) {
    small_muted("Note at moment " + std::to_string(note.pinned_seq));
    body_text(note.text);
  }
  for (const auto& flag : room.flags) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    wrapped_text("Flag at moment " + std::to_string(flag.pinned_seq) + ": " + flag.label);
    ImGui::PopStyleColor();
  }
  end_card();
}

template <typename List>
void id_combo(const char* id, std::string& value, const List& items) {
  std::string preview = value.empty() ? std::string("(as now)") : value;
  const float width = ImGui::CalcItemWidth();
  for (const auto& item : items) {
    if (item.id() == value && !item.title().empty()) preview = item.title();
  }
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(id, preview.c_str())) {
    if (ImGui::Selectable("(as now)", value.empty())) value.clear();
    for (const auto& item : items) {
      const std::string label = (item.title().empty() ? item.id() : item.title()) + "##" + item.id();
      if (ImGui::Selectable(label.c_str(), item.id() == value)) value = item.id();
    }
    ImGui::EndCombo();
  }
}

void settings_card(const ViewContext& ctx) {
  const Palette& p = palette();
  UiState& ui = ctx.ui;
  const RoomState& room = ctx.model.room;
  if (!ui.host_settings_edited) ui.host_settings = room.settings;
  v1::HostSettings& s = ui.host_settings;
  gap(6);
  begin_card("settings", p.panel, 14.0F);
  heading("How the session runs");
  const float label = px(250);
  float row = 0.0F;
  bool edited = false;
  int loops = static_cast<int>(s.max_reflect_loops());
  row = ImGui::GetCursorPosX();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("\"Is there more?\" loops");
  ImGui::SameLine(label);
  fill_rest_of_row(row);
  if (keyboard_slider(ctx.ui, "##loops", &loops, 0, 5, "%d")) {
    s.set_max_reflect_loops(static_cast<std::uint32_t>(loops));
    edited = true;
  }
  int break_minutes = static_cast<int>(s.break_seconds() / 60);
  row = ImGui::GetCursorPosX();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Break length (minutes)");
  ImGui::SameLine(label);
  fill_rest_of_row(row);
  if (keyboard_slider(ctx.ui, "##break", &break_minutes, 1, 30, "%d")) {
    s.set_break_seconds(static_cast<std::uint32_t>(break_minutes) * 60);
    edited = true;
  }
  int timer_minutes = static_cast<int>(s.phase_timer_seconds() / 60);
  row = ImGui::GetCursorPosX();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Step timer (minutes)");
  ImGui::SameLine(label);
  fill_rest_of_row(row);
  if (keyboard_slider(ctx.ui, "##timer", &timer_minutes, 0, 20, timer_minutes == 0 ? "off" : "%d")) {
    s.set_phase_timer_seconds(static_cast<std::uint32_t>(timer_minutes) * 60);
    edited = true;
  }
  bool see = s.partners_see_ratings();
  if (ImGui::Checkbox("Partners see each other's ratings at the reveal", &see)) {
    s.set_partners_see_ratings(see);
    edited = true;
  }
  std::string exercise = s.next_exercise_id();
  std::string deck = s.next_deck_id();
  row = ImGui::GetCursorPosX();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Next exercise");
  ImGui::SameLine(label);
  fill_rest_of_row(row);
  id_combo("##exercise", exercise, room.exercises);
  row = ImGui::GetCursorPosX();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Next deck");
  ImGui::SameLine(label);
  fill_rest_of_row(row);
  id_combo("##deck", deck, room.decks);
  if (exercise != s.next_exercise_id()) {
    s.set_next_exercise_id(exercise);
    edited = true;
  }
  if (deck != s.next_deck_id()) {
    s.set_next_deck_id(deck);
    edited = true;
  }
  if (edited) ui.host_settings_edited = true;
  gap(2);
  const bool changed = ui.host_settings_edited && s.SerializeAsString() != room.settings.SerializeAsString();
  if (primary_button(ui, "Apply settings",
                     changed && !client::waiting_on_server(ctx.model) && room.stage != Stage::kEnded)) {
    v1::Command command;
    *command.mutable_host_configure()->mutable_settings() = s;
    ctx.dispatch(action::Play{command, kDraftHostSettings});
  }
  ImGui::SameLine();
  if (secondary_button(ui, "Undo changes", changed)) ui.host_settings_edited = false;
  small_muted("The exercise and deck apply from the next round.");
  end_card();
}

}  // namespace

void draw_host_screen(const ViewContext& ctx) {
  two_columns(
      "host",
      [&] {
        partners_card(ctx);
        ratings_card(ctx);
        gap(6);
        if (ctx.model.room.round.number == 0) {
          heading("This round so far");
          muted_text("Nothing yet. The first round begins when you press Start round.");
        } else {
          round_story(ctx);
        }
      },
      [&] {
        status_card(ctx);
        rounds_card(ctx);
        notes_card(ctx);
        custom_card_panel(ctx);
        if (!ctx.ui.read_only) settings_card(ctx);
      },
      0.45F, true);
}

}  // namespace attune::ui
