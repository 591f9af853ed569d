// Both rate privately: the speaker rates the listener, the listener predicts
// that rating and guesses the speaker's intensity now.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {

void draw_rate_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  const RoundState& round = model.room.round;
  const bool speaker = i_speak(model);
  const bool busy = client::waiting_on_server(model);
  const std::string partner = client::partner_name(model);
  const bool done = speaker ? round.speaker_rated : round.listener_rated;

  if (done) {
    gap(30);
    heading("Your rating is in");
    begin_card("done", p.panel);
    body_text("It stays private from " + partner +
              " until they have rated too; then you both see the two views side "
              "by side.");
    if (model.room.seats[static_cast<std::size_t>(v1::SEAT_HOST)].taken) {
      small_muted(seat_person(model, v1::SEAT_HOST) + ", hosting, sees ratings as they arrive.");
    }
    muted_text(client::describe_partner_activity(model));
    end_card();
    return;
  }

  step_header(ctx);
  // The speaker rates what they read: the listener's closing words come first.
  closing_words(model, "closing_words");
  gap(4);
  if (ui.rating_intensity < 0) ui.rating_intensity = static_cast<int>(round.intensity_before);
  const std::string listener = seat_person(model, round.listener);
  const auto parts_column = [&] {
    begin_card("parts", p.panel);
    small_muted(speaker ? "How did " + listener + " listen? 1 = not yet, 7 = fully."
                        : "How do you think you came across? 1 = not yet, 7 = fully.");
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(px(6), px(5)));
    if (ImGui::BeginTable("parts_table", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg,
                          ImVec2(ImGui::CalcItemWidth(), 0))) {
      ImGui::TableSetupColumn("part", ImGuiTableColumnFlags_WidthStretch, 0.62F);
      ImGui::TableSetupColumn("score", ImGuiTableColumnFlags_WidthStretch, 0.38F);
      for (std::size_t i = 0; i < kAttuneParts.size(); ++i) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
        ImGui::TextUnformatted(kAttuneParts[i].letter);
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::TextUnformatted(kAttuneParts[i].name);
        ImGui::PushTextWrapPos(0.0F);
        small_muted(kAttuneParts[i].meaning);
        ImGui::PopTextWrapPos();
        ImGui::TableSetColumnIndex(1);
        ImGui::PushID(static_cast<int>(i));
        // The number sits beside the slider, where the grab cannot cover it.
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - px(34));
        keyboard_slider(ui, "##score", &ui.parts[i], static_cast<int>(kMinPartScore), static_cast<int>(kMaxPartScore));
        ImGui::SameLine();
        ImGui::Text("%d", ui.parts[i]);
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
    ImGui::PopStyleVar();
    end_card();
  };
  const auto rest_column = [&] {
    begin_card("intensity", p.panel);
    if (speaker) {
      ImGui::TextUnformatted("How strong is your feeling now?");
      if (round.checked_in) small_muted("At the start you said " + std::to_string(round.intensity_before) + " of 10.");
    } else {
      ImGui::TextUnformatted(("Your guess: how strong is " + partner + "'s feeling now?").c_str());
      if (round.checked_in) {
        small_muted("At the start " + partner + " said " + std::to_string(round.intensity_before) + " of 10.");
      }
    }
    ImGui::SetNextItemWidth(ImGui::CalcItemWidth() - px(34));
    keyboard_slider(ui, "##rate_intensity", &ui.rating_intensity, 0, static_cast<int>(kMaxIntensity));
    ImGui::SameLine();
    ImGui::Text("%d", ui.rating_intensity);
    gap(4);
    const std::string comment_label = "A word for " + partner + " (optional, shown at the reveal)";
    ImGui::TextUnformatted(comment_label.c_str());
    composer(ui, "##comment", ui.comment, 70,
             speaker ? "What helped, or what you would like more of..." : "What you noticed in yourself...");
    const bool ok = over_limit_note(ui.comment, Writing::kComment, "Submit privately");
    end_card();
    gap(6);
    if (primary_button(ui, "Submit privately", ok && !busy) || (ok && !busy && ctrl_enter_pressed())) {
      v1::Command command;
      auto* rating = command.mutable_submit_rating();
      PartValues values{};  // the sliders hold ints; the rating holds them in acronym order
      for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::uint32_t>(ui.parts[i]);
      *rating->mutable_parts() = part_scores(values);
      rating->set_intensity(static_cast<std::uint32_t>(ui.rating_intensity));
      rating->set_comment(ui.comment);
      ctx.dispatch(action::Play{command, kDraftRating});
    }
    ImGui::SameLine();
    small_muted(rating_privacy(model));
    sending_note(ctx);
  };
  two_columns("rate", parts_column, rest_column, 0.58F, false);
}

}  // namespace attune::ui
