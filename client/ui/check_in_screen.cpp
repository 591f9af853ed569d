// The speaker names what they feel (words from the feelings list) and how
// strongly, 0 to 10.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {
namespace {

const char* intensity_word(int value) {
  if (value <= 1) return "barely there";
  if (value <= 3) return "mild";
  if (value <= 6) return "noticeable";
  if (value <= 8) return "strong";
  return "very strong";
}

}  // namespace

void draw_check_in_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const bool busy = client::waiting_on_server(ctx.model);
  // Families of feeling words as chips, one family to a row.
  const auto feelings = [&] {
    begin_card("feelings", p.panel);
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(px(4), px(3)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(px(5), px(4)));
    if (ImGui::BeginTable("families", 2, ImGuiTableFlags_SizingStretchProp, ImVec2(ImGui::CalcItemWidth(), 0))) {
      ImGui::TableSetupColumn("family", ImGuiTableColumnFlags_WidthFixed, px(96));
      ImGui::TableSetupColumn("words", ImGuiTableColumnFlags_WidthStretch);
      for (const auto& group : ctx.assets.feelings.groups()) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + px(92));
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(3));
        small_muted(group.name());
        ImGui::PopTextWrapPos();
        ImGui::TableSetColumnIndex(1);
        ImGui::PushID(group.name().c_str());
        ChipFlow flow;
        for (const auto& word : group.words()) {
          flow.next(word.c_str());
          const bool picked = ui.feelings.count(word) > 0;
          const bool clicked = toggle_chip(ui, word.c_str(), picked);
          record_item(ui, "feeling " + word);
          if (clicked) {
            if (picked) {
              ui.feelings.erase(word);
            } else {
              ui.feelings.insert(word);
            }
          }
        }
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
    ImGui::PopStyleVar(2);
    // Pseudo-feelings are not in the picker; say why, with a few of them.
    const auto& pseudo = ctx.assets.feelings.pseudo();
    if (!pseudo.empty()) {
      std::string examples;
      const int shown = std::min(pseudo.size(), 3);
      for (int i = 0; i < shown; ++i) {
        if (i > 0) examples += i + 1 == shown ? " or " : ", ";
        examples += "\"" + pseudo.Get(i).word() + "\"";
      }
      small_muted("Words like " + examples + " say what someone did; the feeling underneath is often one of these.");
    }
    const auto picked = ui.feelings.size();
    if (picked > kMaxFeelings) {
      small_muted("That is a lot at once; pick the " + std::to_string(kMaxFeelings) + " that fit best.");
    } else {
      small_muted(std::to_string(picked) + (picked == 1 ? " word" : " words") + " picked (up to " +
                  std::to_string(kMaxFeelings) + ").");
    }
    end_card();
  };
  const auto intensity = [&] {
    const auto picked = ui.feelings.size();
    begin_card("intensity", p.panel);
    ImGui::TextUnformatted("How strong is it right now?");
    ImGui::SetNextItemWidth(ImGui::CalcItemWidth() - px(34));
    keyboard_slider(ui, "##intensity", &ui.intensity, 0, static_cast<int>(kMaxIntensity));
    ImGui::SameLine();
    ImGui::Text("%d", ui.intensity);
    small_muted(std::string("0 is calm, 10 is as strong as it gets. Now: ") + intensity_word(ui.intensity) + ".");
    end_card();
    gap(8);
    const bool ok = picked >= 1 && picked <= kMaxFeelings;
    if (primary_button(ui, "Check in", ok && !busy) || (ok && !busy && ctrl_enter_pressed())) {
      v1::Command command;
      auto* check_in = command.mutable_check_in();
      for (const auto& word : ui.feelings) check_in->add_feelings(word);
      check_in->set_intensity(static_cast<std::uint32_t>(ui.intensity));
      ctx.dispatch(action::Play{command, kDraftCheckIn});
    }
    if (picked == 0) {
      ImGui::SameLine();
      small_muted("Pick at least one word first.");
    }
    sending_note(ctx);
  };
  const auto left = [&] {
    step_header(ctx);
    intensity();
    gap(16);
    round_story(ctx);
  };
  const auto right = [&] {
    gap(4);
    feelings();
  };
  if (ImGui::GetContentRegionAvail().x >= px(820)) {
    two_columns("check_in", left, right, 0.40F, false);
  } else {
    step_header(ctx);
    feelings();
    gap(8);
    intensity();
    gap(16);
    round_story(ctx);
  }
}

}  // namespace attune::ui
