#include "ui/ui_state.hpp"

#include "ui/intents.hpp"

#include <string>
#include <string_view>

namespace attune::ui {

std::string with_need(const std::string& draft, const std::string& need) {
  static constexpr std::string_view kLead = "What I need is ";
  std::string out = draft;
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  const auto lead = out.rfind(kLead);
  // Still inside the "what I need" sentence: join the new need to it.
  if (lead != std::string::npos && out.find_first_of(".!?", lead) == out.size() - 1) {
    out.pop_back();
    const auto last_and = out.rfind(" and ");
    if (last_and != std::string::npos && last_and > lead) out.replace(last_and, 5, ", ");
    return out + " and " + need + ".";
  }
  if (!out.empty()) out += ' ';
  return out + std::string(kLead) + need + ".";
}

void clear_drafts(UiState& ui, std::uint32_t drafts) {
  if ((drafts & kDraftTopic) != 0U) ui.topic.clear();
  if ((drafts & kDraftCheckIn) != 0U) {
    ui.feelings.clear();
    ui.intensity = 5;
  }
  if ((drafts & kDraftShare) != 0U) ui.share.clear();
  if ((drafts & kDraftReflect) != 0U) {
    ui.reflection.clear();
    ui.question.clear();
  }
  if ((drafts & kDraftConfirm) != 0U) {
    ui.more.clear();
    ui.confirm_partly = false;
  }
  if ((drafts & kDraftValidate) != 0U) {
    ui.validation.clear();
    ui.empathy.clear();
  }
  if ((drafts & kDraftHostNote) != 0U) ui.host_note.clear();
  if ((drafts & kDraftHostSettings) != 0U) ui.host_settings_edited = false;
  if ((drafts & kDraftRating) != 0U) {
    ui.parts = {4, 4, 4, 4, 4, 4};
    ui.rating_intensity = -1;
    ui.comment.clear();
  }
}

void settle_drafts(const client::Model& model, UiState& ui) {
  if (ui.inflight_id == 0 || model.pending_command == ui.inflight_id) return;
  // The room folds an accepted command's id into the seat; a refusal or a
  // dropped link never does.
  const bool seated = is_partner(model.seat) || model.seat == v1::SEAT_HOST;
  const bool accepted =
      seated && model.room.seats[static_cast<std::size_t>(model.seat)].last_command_id >= ui.inflight_id;
  if (accepted) clear_drafts(ui, ui.inflight_drafts);
  ui.inflight_id = 0;
  ui.inflight_drafts = 0;
}

}  // namespace attune::ui
