#include <charconv>

#include "ui/ui_state.hpp"

#include <string>
#include <string_view>

namespace attune::ui {

using namespace client;  // the Draft bits

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
  if ((drafts & kDraftCustomCard) != 0U) ui.custom_card.clear();
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
  if ((drafts & kDraftAnswer) != 0U) ui.answer_note.clear();
  if ((drafts & kDraftAppreciation) != 0U) ui.appreciation.clear();
  if ((drafts & kDraftStepText) != 0U) ui.step_text.clear();
  if ((drafts & kDraftHostNote) != 0U) ui.host_note.clear();
  if ((drafts & kDraftHostSettings) != 0U) ui.host_settings_edited = false;
  if ((drafts & kDraftRating) != 0U) {
    ui.parts = {4, 4, 4, 4, 4, 4};
    ui.rating_intensity = -1;
    ui.comment.clear();
  }
}

namespace {

bool read_int(const std::string& text, int low, int high, int& out) {
  int value = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
  if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || value < low || value > high) return false;
  out = value;
  return true;
}

}  // namespace

std::map<std::string, std::string> drafts_to_save(const UiState& ui) {
  std::map<std::string, std::string> out;
  const auto text = [&](const char* key, const std::string& value) {
    if (!value.empty()) out[key] = value;
  };
  text("topic", ui.topic);
  text("share", ui.share);
  text("reflection", ui.reflection);
  text("question", ui.question);
  text("more", ui.more);
  text("validation", ui.validation);
  text("empathy", ui.empathy);
  text("answer_note", ui.answer_note);
  text("step_text", ui.step_text);
  text("comment", ui.comment);
  text("host_note", ui.host_note);
  text("appreciation", ui.appreciation);
  std::string feelings;
  for (const auto& feeling : ui.feelings) feelings += feeling + "\n";
  text("feelings", feelings);
  out["intensity"] = std::to_string(ui.intensity);
  if (ui.confirm_partly) out["partly"] = "1";
  if (ui.rating_intensity >= 0) out["rating_intensity"] = std::to_string(ui.rating_intensity);
  std::string parts;
  for (const int part : ui.parts) parts += std::to_string(part);
  out["parts"] = parts;
  return out;
}

void restore_drafts(UiState& ui, const std::map<std::string, std::string>& drafts) {
  const auto get = [&](const char* key) -> const std::string* {
    const auto found = drafts.find(key);
    return found == drafts.end() ? nullptr : &found->second;
  };
  const auto text = [&](const char* key, std::string& into) {
    if (const auto* value = get(key)) into = *value;
  };
  text("topic", ui.topic);
  text("share", ui.share);
  text("reflection", ui.reflection);
  text("question", ui.question);
  text("more", ui.more);
  text("validation", ui.validation);
  text("empathy", ui.empathy);
  text("answer_note", ui.answer_note);
  text("step_text", ui.step_text);
  text("comment", ui.comment);
  text("host_note", ui.host_note);
  text("appreciation", ui.appreciation);
  if (const auto* feelings = get("feelings")) {
    ui.feelings.clear();
    std::size_t start = 0;
    while (start < feelings->size()) {
      const auto end = feelings->find('\n', start);
      if (end == std::string::npos) break;
      if (end > start) ui.feelings.insert(feelings->substr(start, end - start));
      start = end + 1;
    }
  }
  if (const auto* value = get("intensity")) (void)read_int(*value, 0, 10, ui.intensity);
  ui.confirm_partly = get("partly") != nullptr;
  if (const auto* value = get("rating_intensity")) (void)read_int(*value, 0, 10, ui.rating_intensity);
  if (const auto* parts = get("parts"); parts != nullptr && parts->size() == ui.parts.size()) {
    std::array<int, 6> read{};
    bool ok = true;
    for (std::size_t i = 0; i < read.size() && ok; ++i) ok = read_int(parts->substr(i, 1), 1, 7, read[i]);
    if (ok) ui.parts = read;
  }
}

}  // namespace attune::ui
