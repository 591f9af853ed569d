// Input as a person gives it, into the real views with no backend: the
// keyboard alone plays a step, and typed text in any script (emoji,
// Hebrew) reaches the partner, the store and the JSON export byte-exact.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "attune/session_file.hpp"
#include "attune_server/store.hpp"
#include "harness.hpp"
#include "played_room.hpp"
#include "sample_screens.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/view_context.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {
namespace {

// Screens and sessions played through the engine (tests/fixtures).
using fixtures::sample_hosted_session;
using fixtures::sample_screens;
using fixtures::SampleScreen;

using namespace std::chrono_literals;

// Key indices for this test's io.KeyMap (the window maps SDL scancodes).
enum Key : int { kTab = 1, kLeft, kRight, kUp, kDown, kSpace, kHome, kEnd, kEnter = 13, kEscape = 27 };

const std::string kSad = "I feel \xF0\x9F\x98\x94 left out \xF0\x9F\x92\x94";  // I feel 😔 left out 💔
const std::string kLonely =
    "\xD7\x90\xD7\xA0\xD7\x99 \xD7\x9E\xD7\xA8\xD7\x92\xD7\x99\xD7\xA9 "
    "\xD7\x91\xD7\x95\xD7\x93\xD7\x93";  // אני מרגיש בודד

class InputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0F / 60.0F;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as the window sets it
    io.KeyMap[ImGuiKey_Tab] = kTab;
    io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
    io.KeyMap[ImGuiKey_RightArrow] = kRight;
    io.KeyMap[ImGuiKey_UpArrow] = kUp;
    io.KeyMap[ImGuiKey_DownArrow] = kDown;
    io.KeyMap[ImGuiKey_Space] = kSpace;
    io.KeyMap[ImGuiKey_Home] = kHome;
    io.KeyMap[ImGuiKey_End] = kEnd;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_Escape] = kEscape;
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    set_fonts(Fonts{});
    forget_noted_glyphs();
    apply_theme(Theme::kLight, 1.0F);
    auto loaded = load_content(ATTUNE_TEST_ASSETS);
    ASSERT_TRUE(std::holds_alternative<Content>(loaded));
    content_ = std::get<Content>(std::move(loaded));
    assets_ = Assets{content_.feelings, content_.nudges, content_.needs, content_.care, nullptr};
  }
  void TearDown() override { ImGui::DestroyContext(); }

  std::vector<Action> frame(client::Model& model, UiState& ui) {
    std::vector<Action> intents;
    HostInfo host;
    const ViewContext ctx{model, ui, assets_, host, 0, intents};
    ui.record_items = true;
    ui.items.clear();
    ImGui::NewFrame();
    draw_app(ctx);
    ImGui::Render();
    return intents;
  }

  // Presses and releases one key, as two frames; returns what was asked for.
  std::vector<Action> press(client::Model& model, UiState& ui, Key key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[key] = true;
    auto out = frame(model, ui);
    io.KeysDown[key] = false;
    auto after = frame(model, ui);
    out.insert(out.end(), after.begin(), after.end());
    return out;
  }

  // The label of the recorded control under the keyboard focus ring.
  static std::string focused(const UiState& ui) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (std::getenv("DEBUG_NAV") != nullptr) {
      std::fprintf(stderr, "nav id %08x window %s hidden %d active %08x\n", g.NavId,
                   g.NavWindow != nullptr ? g.NavWindow->Name : "-", g.NavDisableHighlight ? 1 : 0, g.ActiveId);
    }
    if (g.NavId == 0 || g.NavWindow == nullptr || g.NavDisableHighlight) return {};
    const ImRect rel = g.NavWindow->NavRectRel[0];
    const ImVec2 origin = g.NavWindow->DC.CursorStartPos;
    const ImVec2 centre(origin.x + (rel.Min.x + rel.Max.x) * 0.5F, origin.y + (rel.Min.y + rel.Max.y) * 0.5F);
    for (const auto& [label, r] : ui.items) {
      if (centre.x >= r[0] && centre.x <= r[2] && centre.y >= r[1] && centre.y <= r[3]) return label;
    }
    return "(unrecorded)";
  }

  // Presses Tab until `label` has the focus; false after `limit` presses.
  bool tab_to(client::Model& model, UiState& ui, const std::string& label, std::vector<std::string>* seen = nullptr,
              int limit = 200) {
    for (int i = 0; i < limit; ++i) {
      press(model, ui, kTab);
      const std::string now = focused(ui);
      if (seen != nullptr) seen->push_back(now);
      if (now == label) return true;
    }
    return false;
  }

  // Types `text` the way the window receives it: one SDL_TEXTINPUT (one
  // UTF-8 character, emoji included) per keystroke, a frame each.
  void type(client::Model& model, UiState& ui, const std::string& text) {
    const char* at = text.data();
    const char* end = at + text.size();
    while (at < end) {
      unsigned int c = 0;
      const int length = ImTextCharFromUtf8(&c, at, end);
      ImGui::GetIO().AddInputCharactersUTF8(std::string(at, static_cast<std::size_t>(length)).c_str());
      at += length;
      frame(model, ui);
    }
  }

  // Clicks a recorded control with the mouse; returns what was asked for.
  std::vector<Action> click(client::Model& model, UiState& ui, const std::string& label) {
    frame(model, ui);
    const auto item = ui.items.find(label);
    EXPECT_NE(item, ui.items.end()) << label;
    if (item == ui.items.end()) return {};
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((item->second[0] + item->second[2]) * 0.5F, (item->second[1] + item->second[3]) * 0.5F);
    auto out = frame(model, ui);
    io.MouseDown[0] = true;
    auto down = frame(model, ui);
    io.MouseDown[0] = false;
    auto up = frame(model, ui);
    out.insert(out.end(), down.begin(), down.end());
    out.insert(out.end(), up.begin(), up.end());
    return out;
  }

  template <typename T>
  static const T* find(const std::vector<Action>& intents) {
    for (const auto& intent : intents) {
      if (const auto* found = std::get_if<T>(&intent)) return found;
    }
    return nullptr;
  }

  Content content_;
  Assets assets_;
};

client::Model check_in_model(const Content& content) {
  for (auto& sample : sample_screens(content.exercise, content.deck)) {
    if (sample.name == "06-check-in-speaker") return sample.model;
  }
  ADD_FAILURE() << "no check-in sample";
  return {};
}

TEST_F(InputTest, KeyboardAloneChecksInWithTabEnterAndArrows) {
  client::Model model = check_in_model(content_);
  UiState ui;
  frame(model, ui);
  frame(model, ui);

  // Tab reaches the top bar, the feelings and the button, in order.
  std::vector<std::string> seen;
  ASSERT_TRUE(tab_to(model, ui, "feeling lonely", &seen))
      << "Tab never reached a feeling: " << ::testing::PrintToString(seen);
  const std::vector<std::string> order(seen.begin(), seen.begin() + std::min<std::ptrdiff_t>(5, std::ssize(seen)));
  const std::string first_feeling = "feeling " + content_.feelings.groups(0).words(0);
  EXPECT_EQ(order, (std::vector<std::string>{"Take a break", "Leave", "##intensity", "Check in", first_feeling}));
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "(unrecorded)"), 0) << "Tab stopped on something unnamed";

  // Enter (and Space) on a focused checkbox toggles it.
  press(model, ui, kEnter);
  EXPECT_EQ(ui.feelings, std::set<std::string>{"lonely"});
  press(model, ui, kSpace);
  EXPECT_TRUE(ui.feelings.empty());
  press(model, ui, kEnter);
  EXPECT_EQ(ui.feelings.count("lonely"), 1U);

  // The arrows move between feelings and out of the card again.
  press(model, ui, kRight);
  const std::string next = focused(ui);
  EXPECT_NE(next, "feeling lonely");
  EXPECT_FALSE(next.empty());
  bool left_the_card = false;
  for (int i = 0; i < 30 && !left_the_card; ++i) {
    press(model, ui, kUp);
    const std::string now = focused(ui);
    left_the_card = now == "Take a break" || now == "Leave" || now == "##intensity" || now == "Check in";
  }
  EXPECT_TRUE(left_the_card) << "the arrows stayed in the feelings card";

  // Tab onto the slider leaves it a slider: no text box, the arrows set it.
  ASSERT_TRUE(tab_to(model, ui, "##intensity"));
  EXPECT_EQ(ImGui::GetCurrentContext()->TempInputId, 0U);
  ui.intensity = 0;
  for (int i = 1; i <= 3; ++i) {
    press(model, ui, kRight);
    EXPECT_EQ(focused(ui), "##intensity");
    EXPECT_EQ(ui.intensity, i);
  }
  press(model, ui, kLeft);
  press(model, ui, kRight);
  EXPECT_EQ(ImGui::GetCurrentContext()->TempInputId, 0U);

  // Enter on the focused button checks in.
  ASSERT_TRUE(tab_to(model, ui, "Check in"));
  const auto intents = press(model, ui, kEnter);
  const auto* play = find<action::Play>(intents);
  ASSERT_NE(play, nullptr) << "Enter did not press Check in";
  ASSERT_TRUE(play->command.has_check_in());
  EXPECT_EQ(play->command.check_in().intensity(), 3U);
  ASSERT_EQ(play->command.check_in().feelings_size(), 1);
  EXPECT_EQ(play->command.check_in().feelings(0), "lonely");
}

TEST_F(InputTest, TabLandingOnAButtonDoesNotPressIt) {
  client::Model model = check_in_model(content_);
  UiState ui;
  ui.feelings = {"tired"};
  frame(model, ui);
  for (int i = 0; i < 40; ++i) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[kTab] = true;
    auto intents = frame(model, ui);
    io.KeysDown[kTab] = false;
    auto after = frame(model, ui);
    intents.insert(intents.end(), after.begin(), after.end());
    EXPECT_TRUE(intents.empty()) << "Tab pressed " << focused(ui);
  }
}

// The speaker types, emoji included; the listener types Hebrew. Both go
// through the real server to the partner's screen, the store and the export.
TEST_F(InputTest, EmojiAndHebrewSurviveFromTypingToPartnerStoreAndExport) {
  test::TempDir data;
  server::ServerConfig config;
  config.data_dir = data.path();
  std::string room_id;
  {
    test::RunningServer server(config);
    test::Partner a(1);
    test::Partner b(2);
    ASSERT_TRUE(test::seat_couple(server, a, b));
    // A script plays up to the share; the people take over there.
    client::ScriptedPartner script_a(1);
    client::ScriptedPartner script_b(2);
    ASSERT_TRUE(test::pump_until({&a, &b}, [&] {
      bool there = true;
      for (auto [partner, script] : {std::pair{&a, &script_a}, std::pair{&b, &script_b}}) {
        if (current_step_kind(partner->model().room) == v1::STEP_KIND_SHARE) continue;
        there = false;
        if (auto command = script->next(partner->model())) partner->play(*command);
      }
      return there && !client::waiting_on_server(a.model()) && !client::waiting_on_server(b.model());
    }));
    room_id = a.model().room_id;
    test::Partner& speaker = a.model().room.round.speaker == a.model().seat ? a : b;
    test::Partner& listener = &speaker == &a ? b : a;

    // The speaker's window: click into the box, type, press Share.
    client::Model speaker_model = speaker.model();
    UiState speaker_ui;
    click(speaker_model, speaker_ui, "##share");
    type(speaker_model, speaker_ui, kSad);
    EXPECT_EQ(speaker_ui.share, kSad);
    const auto intents = click(speaker_model, speaker_ui, "Share");
    const auto* share = find<action::Play>(intents);
    ASSERT_NE(share, nullptr) << "Share was not pressed";
    EXPECT_EQ(share->command.share().text(), kSad);
    speaker.play(share->command);
    ASSERT_TRUE(test::pump_until({&a, &b}, [&] { return listener.model().room.round.shared_text == kSad; }))
        << "the listener's screen state has " << listener.model().room.round.shared_text;

    // The listener's screen draws those words and asks for their glyphs.
    client::Model listener_model = listener.model();
    UiState listener_ui;
    forget_noted_glyphs();  // what the speaker's window asked for
    frame(listener_model, listener_ui);
    const auto wanted = take_wanted_glyphs();
    for (const ImWchar emoji : {ImWchar{0x1F614}, ImWchar{0x1F494}}) {
      EXPECT_NE(std::find(wanted.begin(), wanted.end(), emoji), wanted.end()) << std::hex << emoji;
    }

    // The listener reflects in Hebrew, typed.
    click(listener_model, listener_ui, "##reflection");
    type(listener_model, listener_ui, kLonely);
    EXPECT_EQ(listener_ui.reflection, kLonely);
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    io.KeysDown[kEnter] = true;
    auto sent = frame(listener_model, listener_ui);
    io.KeysDown[kEnter] = false;
    io.KeyCtrl = false;
    frame(listener_model, listener_ui);
    const auto* reflect = find<action::Play>(sent);
    ASSERT_NE(reflect, nullptr) << "Ctrl+Enter did not send the reflection";
    EXPECT_EQ(reflect->command.reflect().text(), kLonely);
    listener.play(reflect->command);
    ASSERT_TRUE(test::pump_until({&a, &b}, [&] {
      const auto& reflections = speaker.model().room.round.reflections;
      return !reflections.empty() && reflections.back().text == kLonely;
    }));
    v1::Command end;
    end.mutable_end_session();
    a.play(end);
    ASSERT_TRUE(test::pump_until({&a, &b}, [&] { return b.model().room.stage == Stage::kEnded; }));
  }

  // The store kept the very bytes.
  auto opened = server::Store::open(data.path());
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<server::Store>>(opened));
  auto& store = std::get<std::unique_ptr<server::Store>>(opened);
  const auto stored = store->load(room_id);
  ASSERT_TRUE(stored.has_value());
  std::string stored_share;
  std::string stored_reflection;
  for (const auto& event : stored->events) {
    if (event.has_shared()) stored_share = event.shared().text();
    if (event.has_reflected()) stored_reflection = event.reflected().text();
  }
  EXPECT_EQ(stored_share, kSad);
  EXPECT_EQ(stored_reflection, kLonely);

  // The JSON export (the attune-session program) holds them too.
  const std::string out = (data.path() / "export.json").string();
  const std::string command = std::string(ATTUNE_SESSION_BIN) + " --data-dir '" + data.path().string() + "' export " +
                              room_id + " --format json --out '" + out + "' >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(out, std::ios::binary);
  const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(json.find(kSad), std::string::npos) << "the export does not hold the emoji text as UTF-8";
  EXPECT_NE(json.find(kLonely), std::string::npos) << "the export does not hold the Hebrew as UTF-8";
  v1::SessionExport parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok());
  std::vector<std::string> texts;
  for (const auto& event : parsed.events()) {
    if (event.has_shared()) texts.push_back(event.shared().text());
    if (event.has_reflected()) texts.push_back(event.reflected().text());
  }
  EXPECT_EQ(texts, (std::vector<std::string>{kSad, kLonely}));
}

}  // namespace
}  // namespace attune::ui

namespace attune::ui {
namespace {

TEST_F(InputTest, FirstTabOnTheStartScreenGoesToTheNameField) {
  client::Model model;
  UiState ui;
  frame(model, ui);
  frame(model, ui);
  press(model, ui, kTab);
  type(model, ui, "Maya");
  EXPECT_EQ(ui.name, "Maya");
}

}  // namespace
}  // namespace attune::ui

namespace attune::ui {
namespace {

TEST_F(InputTest, EscapeLeavesTheBoxAndKeepsEveryWord) {
  client::Model model;
  for (auto& sample : sample_screens(content_.exercise, content_.deck)) {
    if (sample.name == "08-share-speaker") model = sample.model;
  }
  UiState ui;
  click(model, ui, "##share");
  type(model, ui, kSad);
  press(model, ui, kEscape);
  EXPECT_EQ(ImGui::GetActiveID(), 0U) << "the box is still active";
  EXPECT_EQ(ui.share, kSad);
  frame(model, ui);
  EXPECT_EQ(ui.share, kSad);
}

}  // namespace
}  // namespace attune::ui

namespace attune::ui {
namespace {

TEST_F(InputTest, RateSlidersTakeTabAndArrowsWithoutATextBox) {
  client::Model model;
  for (auto& sample : sample_screens(content_.exercise, content_.deck)) {
    if (sample.name == "17-rate-speaker") model = sample.model;
  }
  UiState ui;
  ui.rating_intensity = 4;
  frame(model, ui);
  ASSERT_TRUE(tab_to(model, ui, "##rate_intensity"));
  EXPECT_EQ(ImGui::GetCurrentContext()->TempInputId, 0U);
  press(model, ui, kRight);
  EXPECT_EQ(ui.rating_intensity, 5);
  EXPECT_EQ(ImGui::GetCurrentContext()->TempInputId, 0U);
}

}  // namespace
}  // namespace attune::ui
