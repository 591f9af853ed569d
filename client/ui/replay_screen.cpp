// The replay viewer: a finished session on a timeline, seen as one seat saw
// it at each moment, with the hindsight dial beside it. Reads the replay
// state and dispatches replay actions; the session file is never changed.
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "attune/text.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {
namespace {

constexpr std::array<double, 5> kSpeeds{0.5, 1.0, 2.0, 4.0, 8.0};
constexpr std::array<const char*, 5> kSpeedNames{"0.5x", "1x", "2x", "4x", "8x"};

bool host_only(const v1::Event& event) {
  return event.has_note_pinned() || event.has_moment_flagged() || event.has_settings_changed();
}

// Where the event with `seq` sits on the timeline, as a position (1-based).
std::size_t position_of(const client::Replay& replay, std::uint64_t seq) {
  const auto& events = replay.index.events();
  const auto found = std::lower_bound(events.begin(), events.end(), seq,
                                      [](const v1::Event& e, std::uint64_t s) { return e.seq() < s; });
  if (found == events.end() || found->seq() != seq) return 0;
  return static_cast<std::size_t>(found - events.begin()) + 1;
}

bool has_layer(const client::Replay& replay, Seat rater) {
  return std::any_of(replay.hindsight.layers().begin(), replay.hindsight.layers().end(),
                     [&](const v1::HindsightLayer& l) { return l.rater() == rater && l.moments_size() > 0; });
}

void header(const ViewContext& ctx, const client::Replay& replay) {
  const std::string a = replay_seat_name(replay, v1::SEAT_PARTNER_A);
  const std::string b = replay_seat_name(replay, v1::SEAT_PARTNER_B);
  std::int64_t when = replay.header.created_at_ms();
  if (when == 0 && replay.index.size() > 0) when = replay.index.events().front().at_ms();
  const float close_width = px(150);
  ImGui::BeginGroup();
  heading(("Replay: " + a + " and " + b).c_str());
  std::string about = when > 0 ? format_time(when, "%e %B %Y, %H:%M") : std::string("Date unknown");
  about += "  ·  " + std::to_string(replay.header.rounds()) + (replay.header.rounds() == 1 ? " round" : " rounds");
  about += "  ·  " + std::to_string(replay.index.size()) + " moments";
  small_muted(about);
  ImGui::EndGroup();
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - close_width));
  if (secondary_button(ctx.ui, "Close", true, close_width)) ctx.dispatch(action::CloseReplay{});
}

void calm_banner(const char* id, const std::string& text) {
  const Palette& p = palette();
  begin_card(id, p.warning_bg, 12.0F);
  ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
  end_card();
  gap(4);
}

void controls(const ViewContext& ctx, const client::Replay& replay) {
  UiState& ui = ctx.ui;
  const auto& cursor = replay.cursor;
  const std::size_t size = replay.index.size();
  const float button = px(120);
  if (cursor.playing) {
    if (primary_button(ui, "Pause", true, button)) ctx.dispatch(action::ReplayPlay{false});
  } else {
    if (primary_button(ui, "Play", size > 0, button)) ctx.dispatch(action::ReplayPlay{true});
  }
  ImGui::SameLine();
  if (secondary_button(ui, "Step back", cursor.position > 0)) {
    ctx.dispatch(action::ReplaySeek{cursor.position - 1});
  }
  ImGui::SameLine();
  if (secondary_button(ui, "Step forward", cursor.position < size)) {
    ctx.dispatch(action::ReplaySeek{cursor.position + 1});
  }
  // Speed and viewpoint as small segmented buttons; each group moves to the
  // next line when the window is too narrow for it.
  const auto segment = [&](const std::string& label, const std::string& record_as, bool on) {
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_Button, on ? p.accent_soft : p.panel);
    ImGui::PushStyleColor(ImGuiCol_Border, on ? p.accent : p.border);
    ImGui::PushStyleColor(ImGuiCol_Text, on ? p.text : p.muted);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(px(10), px(10)));
    const bool clicked = ImGui::Button(label.c_str());
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(3);
    if (ui.record_items) {
      ui.items[record_as] = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                             ImGui::GetItemRectMax().y};
    }
    return clicked && !on;
  };
  const auto group_width = [&](const char* title, const std::vector<std::string>& labels) {
    float width = ImGui::CalcTextSize(title).x + px(8);
    for (const auto& label : labels) width += ImGui::CalcTextSize(label.c_str(), nullptr, true).x + px(20) + px(4);
    return width;
  };
  const auto place = [&](float width) {
    const float right = ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x;
    if (ImGui::GetItemRectMax().x + px(24) + width <= right) ImGui::SameLine(0, px(24));
  };
  std::vector<std::string> speeds(kSpeedNames.begin(), kSpeedNames.end());
  place(group_width("Speed", speeds));
  ImGui::BeginGroup();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Speed");
  for (std::size_t i = 0; i < kSpeeds.size(); ++i) {
    ImGui::SameLine(0, i == 0 ? px(8) : px(4));
    const bool on = std::abs(cursor.speed - kSpeeds[i]) < 1e-6;
    if (segment(kSpeedNames[i], kSpeedNames[i], on)) ctx.dispatch(action::ReplaySpeed{kSpeeds[i]});
  }
  ImGui::EndGroup();
  // Only the views this file was made for: a couple's file never offers the host's.
  std::vector<std::pair<Seat, std::string>> seats;
  std::vector<std::string> names;
  for (const Seat seat : replay.viewpoints) {
    seats.emplace_back(seat, seat == v1::SEAT_HOST ? std::string("Host") : replay_seat_name(replay, seat));
    names.push_back(seats.back().second);
  }
  place(group_width("See it as", names));
  ImGui::BeginGroup();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("See it as");
  for (std::size_t i = 0; i < seats.size(); ++i) {
    const auto& [seat, name] = seats[i];
    ImGui::SameLine(0, i == 0 ? px(8) : px(4));
    const std::string label = name + "##as" + std::to_string(static_cast<int>(seat));
    if (segment(label, "as " + name, replay.viewpoint == seat)) ctx.dispatch(action::ReplayViewpoint{seat});
  }
  ImGui::EndGroup();
}

// The hindsight curves over the timeline: each partner's own feeling and
// their guess of the other's, 1 (hard) to 9 (good).
void curves(const client::Replay& replay, float height) {
  const Palette& p = palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 end(origin.x + width, origin.y + height);
  draw->AddRectFilled(origin, end, to_u32(p.panel), px(6));
  const float mid = origin.y + height * 0.5F;
  draw->AddLine(ImVec2(origin.x, mid), ImVec2(end.x, mid), to_u32(p.border, 0.7F));
  const std::size_t size = std::max<std::size_t>(replay.index.size(), 1);
  const auto x_of = [&](std::size_t position) {
    return origin.x + px(6) + (width - px(12)) * static_cast<float>(position) / static_cast<float>(size);
  };
  const auto y_of = [&](std::uint32_t value) {
    const float t =
        static_cast<float>(value - client::kDialMin) / static_cast<float>(client::kDialMax - client::kDialMin);
    return end.y - px(6) - (height - px(12)) * t;
  };
  struct Series {
    Seat rater;
    bool guess;
    ImVec4 colour;
    float alpha;
    float thickness;
  };
  // A's colour is the accent, B's the listener colour; a guess is drawn in
  // the colour of the person guessed about, fainter.
  const std::array<Series, 4> series{Series{v1::SEAT_PARTNER_A, false, p.accent, 1.0F, px(2.5F)},
                                     Series{v1::SEAT_PARTNER_B, false, p.listener, 1.0F, px(2.5F)},
                                     Series{v1::SEAT_PARTNER_A, true, p.listener, 0.45F, px(1.5F)},
                                     Series{v1::SEAT_PARTNER_B, true, p.accent, 0.45F, px(1.5F)}};
  for (const auto& s : series) {
    std::vector<ImVec2> points;
    for (const auto& layer : replay.hindsight.layers()) {
      if (layer.rater() != s.rater) continue;
      for (const auto& moment : layer.moments()) {
        const std::uint32_t value = s.guess ? moment.partner() : moment.self();
        const std::size_t at = position_of(replay, moment.seq());
        if (value == 0 || at == 0) continue;
        points.emplace_back(x_of(at), y_of(value));
      }
    }
    if (points.size() > 1) {
      draw->AddPolyline(points.data(), static_cast<int>(points.size()), to_u32(s.colour, s.alpha), ImDrawFlags_None,
                        s.thickness);
    }
    for (const auto& point : points) draw->AddCircleFilled(point, s.thickness * 1.3F, to_u32(s.colour, s.alpha));
  }
  const float now = x_of(replay.cursor.position);
  draw->AddLine(ImVec2(now, origin.y + px(3)), ImVec2(now, end.y - px(3)), to_u32(p.text, 0.5F), px(1.5F));
  ImGui::Dummy(ImVec2(width, height));
}

void legend_swatch(const ImVec4& colour, float alpha, const std::string& text) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + h * 0.35F), ImVec2(at.x + h, at.y + h * 0.65F),
                                            to_u32(colour, alpha), px(2));
  ImGui::Dummy(ImVec2(h, h));
  ImGui::SameLine();
  small_muted(text);
}

// Host flags and notes as ticks along the seek bar.
void flag_marks(const client::Replay& replay, const RoomState& final_state, float y, float left, float width) {
  const Palette& p = palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::size_t size = std::max<std::size_t>(replay.index.size(), 1);
  const auto mark = [&](std::uint64_t seq, const ImVec4& colour) {
    const std::size_t at = position_of(replay, seq);
    if (at == 0) return;
    const float x = left + width * static_cast<float>(at) / static_cast<float>(size);
    draw->AddTriangleFilled(ImVec2(x - px(5), y), ImVec2(x + px(5), y), ImVec2(x, y + px(7)), to_u32(colour));
  };
  for (const auto& note : final_state.notes) mark(note.pinned_seq, p.listener);
  for (const auto& flag : final_state.flags) mark(flag.pinned_seq, p.warning);
}

void timeline(const ViewContext& ctx, const client::Replay& replay, const RoomState& final_state, float height) {
  const Palette& p = palette();
  UiState& ui = ctx.ui;
  const bool as_host = replay.viewpoint == v1::SEAT_HOST;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, p.panel);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, px(8));
  // Long lines scroll sideways at large scales rather than being cut off.
  ImGui::BeginChild("timeline", ImVec2(0, height), true, ImGuiWindowFlags_HorizontalScrollbar);
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const auto& events = replay.index.events();
  const std::size_t position = replay.cursor.position;
  if (ui.replay_scrolled_to != position) {
    ui.replay_scrolled_to = position;
    const float target = static_cast<float>(position > 0 ? position - 1 : 0) * line;
    const float visible = ImGui::GetWindowHeight();
    if (target < ImGui::GetScrollY() || target > ImGui::GetScrollY() + visible - line * 2.0F) {
      ImGui::SetScrollY(std::max(0.0F, std::floor((target - visible * 0.4F) / line) * line));
    }
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(events.size()), line);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const auto i = static_cast<std::size_t>(row);
      const v1::Event& event = events[i];
      std::string text = format_time(event.at_ms(), "%H:%M:%S") + "   ";
      if (!as_host && host_only(event)) {
        text += "(for the host only)";
      } else {
        text += i < replay.lines.size() ? replay.lines[i] : std::string();
      }
      if (as_host) {
        for (const auto& flag : final_state.flags) {
          if (flag.pinned_seq == event.seq()) text += "   [flag]";
        }
        for (const auto& note : final_state.notes) {
          if (note.pinned_seq == event.seq()) text += "   [note]";
        }
      }
      text += "##event" + std::to_string(i);
      const bool current = i + 1 == position;
      if (current) ImGui::PushStyleColor(ImGuiCol_Header, p.accent_soft);
      if (ImGui::Selectable(text.c_str(), current) && !current) ctx.dispatch(action::ReplaySeek{i + 1});
      if (current) ImGui::PopStyleColor();
      if (ui.record_items) {
        ui.items["event " + std::to_string(i + 1)] = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                                                      ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y};
      }
    }
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

void dial(const ViewContext& ctx, const client::Replay& replay) {
  const Palette& p = palette();
  UiState& ui = ctx.ui;
  const Seat rater = replay.viewpoint;
  const Seat other = other_partner(rater);
  const std::string other_name = replay_seat_name(replay, other);
  const v1::Event* event = current_event(replay);
  begin_card("dial", p.panel_alt, 14.0F);
  ImGui::TextUnformatted(("Looking back, as " + replay_seat_name(replay, rater)).c_str());
  if (event == nullptr) {
    small_muted("Step to a moment on the timeline to rate it.");
  } else if (!replay.hindsight_saves) {
    small_muted("Rating is off for this file (see the note above).");
  } else {
    const v1::HindsightMoment* moment = client::moment_of(replay.hindsight, rater, event->seq());
    int self = moment != nullptr ? static_cast<int>(moment->self()) : 0;
    int partner = moment != nullptr ? static_cast<int>(moment->partner()) : 0;
    const float label_width = px(210);
    const float row = ImGui::GetCursorPosX();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("How I felt here");
    ImGui::SameLine(label_width);
    fill_rest_of_row(row);
    if (ImGui::SliderInt("##dial_self", &self, static_cast<int>(client::kDialMin), static_cast<int>(client::kDialMax),
                         self == 0 ? "not rated" : "%d")) {
      ctx.dispatch(action::RateMoment{rater, event->seq(), static_cast<std::uint32_t>(self), 0, ctx.now_ms});
    }
    if (ui.record_items) {
      ui.items["dial self"] = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                               ImGui::GetItemRectMax().y};
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(("How " + other_name + " felt").c_str());
    ImGui::SameLine(label_width);
    fill_rest_of_row(row);
    if (ImGui::SliderInt("##dial_partner", &partner, static_cast<int>(client::kDialMin),
                         static_cast<int>(client::kDialMax), partner == 0 ? "not rated" : "%d")) {
      ctx.dispatch(action::RateMoment{rater, event->seq(), 0, static_cast<std::uint32_t>(partner), ctx.now_ms});
    }
    if (ui.record_items) {
      ui.items["dial partner"] = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                                  ImGui::GetItemRectMax().y};
    }
    small_muted(
        "1 very hard  ·  5 neutral  ·  9 very good. Saved beside the recording; the recording stays as it was.");
  }
  const std::string a = replay_seat_name(replay, v1::SEAT_PARTNER_A);
  const std::string b = replay_seat_name(replay, v1::SEAT_PARTNER_B);
  const auto a_of_b = client::dial_accuracy(replay.hindsight, v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B);
  const auto b_of_a = client::dial_accuracy(replay.hindsight, v1::SEAT_PARTNER_B, v1::SEAT_PARTNER_A);
  const auto describe = [](const std::string& guesser, const std::string& target, const client::DialAccuracy& acc) {
    return guesser + "'s sense of " + target + ": " + std::to_string(static_cast<int>(acc.percent + 0.5)) +
           "% close over " + std::to_string(acc.moments) + (acc.moments == 1 ? " moment" : " moments");
  };
  if (a_of_b) small_muted(describe(a, b, *a_of_b));
  if (b_of_a) small_muted(describe(b, a, *b_of_a));
  end_card();
}

// The seat's own screen at this moment, drawn read-only.
void seat_view(const ViewContext& ctx, const client::Replay& replay, const RoomState& state) {
  const Palette& p = palette();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, p.background);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, px(8));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(16), px(12)));
  ImGui::BeginChild("seat_view", ImVec2(0, 0), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
  const Seat seat = replay.viewpoint;
  const std::string who = seat == v1::SEAT_HOST ? std::string("the host") : replay_seat_name(replay, seat);
  const v1::Event* event = current_event(replay);
  std::string caption = "What " + who + " saw";
  if (event != nullptr) caption += " at " + format_time(event->at_ms(), "%H:%M:%S");
  if (state.round.number > 0) {
    caption += "  ·  Round " + std::to_string(state.round.number);
    const auto* step = current_step(state);
    if (step != nullptr && state.stage == Stage::kPlaying) caption += "  ·  " + step->title();
  }
  small_muted(caption);
  gap(6);
  if (state.stage == Stage::kEmpty || event == nullptr) {
    muted_text("Nothing has happened yet. Press Play, or pick a moment on the timeline.");
  } else {
    client::Model model;
    model.link = client::Link::kInRoom;
    model.seat = seat;
    model.room = state;  // already what this seat saw: the index folds projected events
    model.room_id = state.room_id;
    UiState scratch;
    scratch.read_only = true;
    std::vector<Action> ignored;
    const ViewContext inner{model, scratch, ctx.assets, ctx.host, event->at_ms(), ignored};
    ImGui::PushStyleVar(ImGuiStyleVar_DisabledAlpha, 0.85F);
    ImGui::BeginDisabled();
    ImGui::PushID("seat");
    if (seat == v1::SEAT_HOST) {
      draw_host_screen(inner);
    } else {
      draw_screen_for(inner);
    }
    ImGui::PopID();
    ImGui::EndDisabled();
    ImGui::PopStyleVar();
  }
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
}

void error_screen(const ViewContext& ctx, const client::Replay& replay) {
  const Palette& p = palette();
  gap(24);
  begin_card("replay_error", p.panel);
  heading("This file cannot be replayed");
  body_text(replay.error.value_or("Something went wrong while reading it."));
  small_muted(replay.file);
  gap(6);
  muted_text(
      "Attune replays the .attune files that attune-session export writes. A file from a newer Attune needs "
      "that newer version to open it.");
  gap(6);
  if (primary_button(ctx.ui, "Back to start")) ctx.dispatch(action::CloseReplay{});
  end_card();
}

}  // namespace

void draw_replay_screen(const ViewContext& ctx) {
  if (ctx.replay == nullptr) return;
  const client::Replay& replay = *ctx.replay;
  if (replay.error) {
    error_screen(ctx, replay);
    return;
  }
  header(ctx, replay);
  if (replay.warning) calm_banner("replay_warning", *replay.warning);
  if (replay.hindsight_note) calm_banner("hindsight_note", *replay.hindsight_note);
  gap(2);
  controls(ctx, replay);
  gap(2);

  const RoomState final_state = replay.index.state_after(replay.index.size());
  const RoomState state = replay.index.state_after(replay.cursor.position);
  const bool partner_view = replay.viewpoint == v1::SEAT_PARTNER_A || replay.viewpoint == v1::SEAT_PARTNER_B;
  if (has_layer(replay, v1::SEAT_PARTNER_A) && has_layer(replay, v1::SEAT_PARTNER_B)) {
    curves(replay, std::min(px(80), ImGui::GetMainViewport()->Size.y * 0.09F));
    const Palette& p = palette();
    const std::string a = replay_seat_name(replay, v1::SEAT_PARTNER_A);
    const std::string b = replay_seat_name(replay, v1::SEAT_PARTNER_B);
    legend_swatch(p.accent, 1.0F, a + " felt");
    ImGui::SameLine(0, px(18));
    legend_swatch(p.listener, 1.0F, b + " felt");
    ImGui::SameLine(0, px(18));
    legend_swatch(p.listener, 0.45F, a + "'s guess of " + b);
    ImGui::SameLine(0, px(18));
    legend_swatch(p.accent, 0.45F, b + "'s guess of " + a);
  }
  int position = static_cast<int>(replay.cursor.position);
  const std::string format = "Moment %d of " + std::to_string(replay.index.size());
  const float slider_left = ImGui::GetCursorScreenPos().x;
  const float slider_width = ImGui::GetContentRegionAvail().x;
  ImGui::BeginDisabled(replay.index.size() == 0);
  const bool seeked = ImGui::SliderInt("##seek", &position, 0, static_cast<int>(replay.index.size()), format.c_str());
  ImGui::EndDisabled();
  if (seeked) {
    ctx.dispatch(action::ReplaySeek{static_cast<std::size_t>(std::max(position, 0))});
  }
  if (ctx.ui.record_items) {
    ctx.ui.items["seek"] = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                            ImGui::GetItemRectMax().y};
  }
  if (replay.viewpoint == v1::SEAT_HOST) {
    flag_marks(replay, final_state, ImGui::GetItemRectMax().y + px(1), slider_left + px(8), slider_width - px(16));
  }
  gap(6);

  // When the window is short (large text), the page scrolls instead of
  // squeezing the timeline and the seat's view.
  const float avail_y = std::max(ImGui::GetContentRegionAvail().y, px(380));
  const float left_width = std::max(px(300), ImGui::GetContentRegionAvail().x * 0.38F);
  ImGui::BeginGroup();
  ImGui::PushItemWidth(left_width);
  ImGui::BeginChild("left", ImVec2(left_width, avail_y), false);
  float dial_height = 0.0F;
  if (partner_view) {
    dial_height = ImGui::GetStateStorage()->GetFloat(ImGui::GetID("dial_height"), px(190));
  }
  timeline(ctx, replay, final_state, std::max(px(120), avail_y - dial_height));
  if (partner_view) {
    const float before = ImGui::GetCursorPosY();
    gap(6);
    dial(ctx, replay);
    ImGui::GetStateStorage()->SetFloat(ImGui::GetID("dial_height"), ImGui::GetCursorPosY() - before + px(2));
  }
  ImGui::EndChild();
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  ImGui::SameLine(0, px(14));
  seat_view(ctx, replay, state);
}

}  // namespace attune::ui
