// The reveal: the speaker's rating and the listener's prediction side by
// side on a six-axis radar, the gaps, and how the feeling changed. Framed
// as feedback for the listener, never as a contest.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {
namespace {

constexpr float kPi = 3.14159265F;

ImVec2 axis_point(const ImVec2& centre, float radius, std::size_t axis, float value) {
  const float angle = -kPi / 2.0F + static_cast<float>(axis) * (2.0F * kPi / 6.0F);
  const float r = radius * value / static_cast<float>(kMaxPartScore);
  return ImVec2(centre.x + std::cos(angle) * r, centre.y + std::sin(angle) * r);
}

void shape(ImDrawList* draw, const ImVec2& centre, float radius, const std::array<std::uint32_t, 6>& values,
           const ImVec4& colour, float fill_alpha, float thickness) {
  std::array<ImVec2, 6> points{};
  for (std::size_t i = 0; i < 6; ++i) points[i] = axis_point(centre, radius, i, static_cast<float>(values[i]));
  // Fan from the centre: the shape is star-shaped around it even when it is
  // not convex. Anti-aliased fill would draw seams between the triangles.
  const ImDrawListFlags saved = draw->Flags;
  draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  for (std::size_t i = 0; i < 6; ++i) {
    draw->AddTriangleFilled(centre, points[i], points[(i + 1) % 6], to_u32(colour, fill_alpha));
  }
  draw->Flags = saved;
  draw->AddPolyline(points.data(), 6, to_u32(colour), ImDrawFlags_Closed, thickness);
  for (const auto& point : points) draw->AddCircleFilled(point, thickness * 1.6F, to_u32(colour));
}

void radar(const v1::Revealed& reveal, float size) {
  const Palette& p = palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float radius = size * 0.32F;
  const float height = 2.0F * radius + 2.0F * (ImGui::GetTextLineHeight() + px(18));
  const ImVec2 centre(origin.x + size * 0.5F, origin.y + height * 0.5F);
  for (std::uint32_t ring = 1; ring <= kMaxPartScore; ++ring) {
    std::array<ImVec2, 6> points{};
    for (std::size_t i = 0; i < 6; ++i) points[i] = axis_point(centre, radius, i, static_cast<float>(ring));
    draw->AddPolyline(points.data(), 6, to_u32(p.border, ring == kMaxPartScore ? 1.0F : 0.55F), ImDrawFlags_Closed,
                      ring == kMaxPartScore ? px(1.5F) : px(1.0F));
  }
  for (std::size_t i = 0; i < 6; ++i) {
    draw->AddLine(centre, axis_point(centre, radius, i, static_cast<float>(kMaxPartScore)), to_u32(p.border));
  }
  // A rating kept with its rater is absent from the others' copy: no shape.
  if (reveal.has_listener_prediction()) {
    shape(draw, centre, radius, part_values(reveal.listener_prediction().parts()), p.listener, 0.16F, px(2.0F));
  }
  if (reveal.has_speaker_rating()) {
    shape(draw, centre, radius, part_values(reveal.speaker_rating().parts()), p.accent, 0.22F, px(2.5F));
  }
  // Labels outside the outer ring, anchored by the side they sit on.
  for (std::size_t i = 0; i < 6; ++i) {
    const ImVec2 at = axis_point(centre, radius + px(14), i, static_cast<float>(kMaxPartScore));
    const char* label = kAttuneParts[i].short_name;
    const ImVec2 text = ImGui::CalcTextSize(label);
    const float dx = at.x - centre.x;
    float x = at.x - text.x * 0.5F;
    if (dx > px(4)) x = at.x;
    if (dx < -px(4)) x = at.x - text.x;
    x = std::clamp(x, origin.x, origin.x + size - text.x);
    float y = at.y - text.y * 0.5F;
    if (i == 0) y = at.y - text.y;
    if (i == 3) y = at.y;
    draw->AddText(ImVec2(x, y), to_u32(p.text), label);
  }
  ImGui::Dummy(ImVec2(size, height));
}

void legend_item(const ImVec4& colour, const std::string& text) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + h * 0.2F), ImVec2(at.x + h * 0.6F, at.y + h * 0.8F),
                                            to_u32(colour), px(3));
  ImGui::Dummy(ImVec2(h * 0.6F, h));
  ImGui::SameLine();
  ImGui::TextUnformatted(text.c_str());
}

const char* gap_words(int speaker, int listener) {
  const int miss = std::abs(speaker - listener);
  if (miss == 0) return "the same";
  if (miss == 1) return "close";
  if (miss == 2) return "a little apart";
  return "worth talking about";
}

}  // namespace

void reveal_radar(const v1::Revealed& reveal, float size) { radar(reveal, size); }

void draw_reveal_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  const RoundState& round = model.room.round;
  if (!round.reveal) {
    draw_partner_turn_screen(ctx);
    return;
  }
  const v1::Revealed& reveal = *round.reveal;
  const bool speaker = i_speak(model);
  const std::string speaker_name = seat_person(model, round.speaker);
  const std::string listener_name = seat_person(model, round.listener);
  const bool acknowledged = speaker ? round.speaker_acknowledged : round.listener_acknowledged;

  step_header(ctx);
  const auto chart = [&] {
    begin_card("radar", p.panel);
    const float size = std::min(ImGui::GetContentRegionAvail().x, px(360));
    const float indent = (ImGui::GetContentRegionAvail().x - size) * 0.5F;
    if (indent > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    radar(reveal, size);
    if (reveal.has_speaker_rating()) {
      legend_item(p.accent, speaker ? "Your rating of " + listener_name : speaker_name + "'s rating of you");
    }
    if (reveal.has_listener_prediction()) {
      legend_item(p.listener, speaker ? listener_name + "'s prediction" : "Your prediction");
    }
    end_card();
    if (!reveal.speaker_rating().comment().empty() || !reveal.listener_prediction().comment().empty()) {
      gap(6);
      begin_card("comments", p.panel);
      if (!reveal.speaker_rating().comment().empty()) {
        small_muted(speaker ? "You wrote" : speaker_name + " wrote");
        body_text("\"" + reveal.speaker_rating().comment() + "\"");
      }
      if (!reveal.listener_prediction().comment().empty()) {
        small_muted(speaker ? listener_name + " wrote" : "You wrote");
        body_text("\"" + reveal.listener_prediction().comment() + "\"");
      }
      end_card();
    }
    // What the ratings are about, under them: the listener's closing words.
    gap(6);
    closing_words(model, "closing_words");
  };
  const auto continue_row = [&] {
    gap(8);
    if (acknowledged) {
      secondary_button(ui, "Continue", false);
      ImGui::SameLine();
      small_muted("Waiting for " + client::partner_name(model) + " to continue; then you swap roles.");
    } else {
      if (primary_button(ui, "Continue", !client::waiting_on_server(model))) {
        v1::Command command;
        command.mutable_continue_after_reveal();
        ctx.dispatch(action::Play{command, kDraftNone});
      }
      ImGui::SameLine();
      small_muted("Next round you swap: " + (speaker ? std::string("you listen.") : std::string("you speak.")));
    }
    sending_note(ctx);
  };
  // The host kept each rating with its rater: only this partner's own answers
  // arrived, so nothing compares the two.
  const auto own_only = [&] {
    begin_card("kept", p.accent_soft);
    heading("Each rating stays with the person who gave it");
    muted_text("The host chose this for today. Talk about how the round felt, if you like, in your own words.");
    end_card();
    gap(6);
    begin_card("intensity", p.panel);
    small_muted(speaker ? "Your feeling" : speaker_name + "'s feeling");
    std::string line =
        reveal.no_check_in() ? "Intensity" : "Intensity " + std::to_string(reveal.intensity_before()) + " at the start";
    if (reveal.has_speaker_rating())
      line += (reveal.no_check_in() ? " " : " → ") + std::to_string(reveal.intensity_after()) + " now";
    if (reveal.has_listener_prediction()) line += " (you guessed " + std::to_string(reveal.intensity_guess()) + ")";
    body_text(line);
    end_card();
    continue_row();
  };
  const auto details = [&] {
    if (!reveal.has_speaker_rating() || !reveal.has_listener_prediction()) {
      own_only();
      return;
    }
    begin_card("accuracy", p.accent_soft);
    const std::string percent = std::to_string(reveal.empathic_accuracy()) + "%";
    if (speaker) {
      heading((listener_name + "'s guesses were " + percent + " close").c_str());
      muted_text("How near " + listener_name +
                 " came to your own answers. Where the shapes differ, tell them a "
                 "little more: that is how they learn you.");
    } else {
      heading(("Your guesses were " + percent + " close").c_str());
      muted_text("How near you came to " + speaker_name +
                 "'s own answers. A gap is a place to get curious "
                 "together, not a mark against you.");
    }
    end_card();
    gap(6);
    begin_card("gaps", p.panel);
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(px(6), px(4)));
    if (ImGui::BeginTable("gap_table", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg,
                          ImVec2(ImGui::CalcItemWidth(), 0))) {
      ImGui::TableSetupColumn("Part", ImGuiTableColumnFlags_WidthStretch, 0.42F);
      ImGui::TableSetupColumn(speaker ? "You" : speaker_name.c_str(), ImGuiTableColumnFlags_WidthStretch, 0.16F);
      ImGui::TableSetupColumn("Guess", ImGuiTableColumnFlags_WidthStretch, 0.16F);
      ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 0.26F);
      ImGui::TableHeadersRow();
      for (int i = 0; i < reveal.gaps_size(); ++i) {
        const auto& part_gap = reveal.gaps(i);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(std::string(part_name(part_gap.part())).c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::Text("%d", part_gap.speaker());
        ImGui::TableSetColumnIndex(2);
        ImGui::Text("%d", part_gap.listener());
        ImGui::TableSetColumnIndex(3);
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(gap_words(part_gap.speaker(), part_gap.listener()));
        ImGui::PopStyleColor();
      }
      ImGui::EndTable();
    }
    ImGui::PopStyleVar();
    end_card();
    gap(6);
    begin_card("intensity", p.panel);
    small_muted(speaker ? "Your feeling" : speaker_name + "'s feeling");
    // Without a check-in there is no "at the start" to compare with.
    const std::string start =
        reveal.no_check_in() ? std::string() : std::to_string(reveal.intensity_before()) + " at the start → ";
    body_text("Intensity " + start + std::to_string(reveal.intensity_after()) + " now (" +
              (speaker ? listener_name : std::string("you")) + " guessed " + std::to_string(reveal.intensity_guess()) +
              ")");
    end_card();
    continue_row();
  };
  two_columns("reveal", chart, details, 0.46F, false);
}

}  // namespace attune::ui
