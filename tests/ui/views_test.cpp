// The views with no backend at all (Dear ImGui's example_null pattern):
// draw every screen from sample models, click and type like a person, and
// check the intents that come out. No SDL, no sockets.
#include <gtest/gtest.h>
#include <imgui.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "attune/cards.hpp"
#include "attune/content.hpp"
#include "attune/files.hpp"
#include "attune/session_file.hpp"
#include "model/replay_files.hpp"
#include "model/replay_viewer.hpp"
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

constexpr int kEnterKey = 13;
constexpr int kEscapeKey = 27;

class ViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0F / 60.0F;
    io.KeyMap[ImGuiKey_Enter] = kEnterKey;
    io.KeyMap[ImGuiKey_KeyPadEnter] = kEnterKey + 1;
    io.KeyMap[ImGuiKey_Escape] = kEscapeKey;
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    set_fonts(Fonts{});
    apply_theme(Theme::kLight, 1.0F);
    auto loaded = load_content(ATTUNE_TEST_ASSETS);
    ASSERT_TRUE(std::holds_alternative<Content>(loaded));
    content_ = std::get<Content>(std::move(loaded));
    assets_ = Assets{content_.feelings, content_.nudges, content_.needs, content_.care, nullptr};
    samples_ = sample_screens(content_.exercise, content_.deck);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  SampleScreen& sample(const std::string& name) {
    auto found = std::find_if(samples_.begin(), samples_.end(), [&](const auto& s) { return s.name == name; });
    EXPECT_NE(found, samples_.end()) << name;
    return *found;
  }

  // One frame of the whole window; returns what the views asked for.
  std::vector<Action> frame(SampleScreen& screen) {
    std::vector<Action> intents;
    const ViewContext ctx{screen.model,
                          screen.ui,
                          assets_,
                          screen.host,
                          screen.now_ms,
                          intents,
                          screen.replay ? &*screen.replay : nullptr};
    ImGui::NewFrame();
    draw_app(ctx);
    ImGui::Render();
    return intents;
  }

  // Every piece of text one frame draws in the main window, through ImGui's
  // own log (to a file: ending the window ends the log and empties a buffer).
  std::string rendered_text(SampleScreen& screen) {
    std::vector<Action> intents;
    const ViewContext ctx{screen.model,
                          screen.ui,
                          assets_,
                          screen.host,
                          screen.now_ms,
                          intents,
                          screen.replay ? &*screen.replay : nullptr};
    frame(screen);  // settle layout
    const auto file = std::filesystem::temp_directory_path() / ("attune-views-" + std::to_string(::getpid()) + ".log");
    std::filesystem::remove(file);
    ImGui::NewFrame();
    ImGui::LogToFile(-1, file.c_str());
    draw_app(ctx);
    ImGui::LogFinish();
    ImGui::Render();
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(file);
    return text;
  }

  // Moves the mouse onto a recorded button, presses and releases it.
  std::vector<Action> click(SampleScreen& screen, const std::string& label) {
    screen.ui.record_items = true;
    screen.ui.items.clear();  // only what this frame draws
    frame(screen);
    frame(screen);
    const auto item = screen.ui.items.find(label);
    EXPECT_NE(item, screen.ui.items.end()) << "no button " << label;
    if (item == screen.ui.items.end()) return {};
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((item->second[0] + item->second[2]) * 0.5F, (item->second[1] + item->second[3]) * 0.5F);
    io.MouseDown[0] = false;
    auto out = frame(screen);
    io.MouseDown[0] = true;
    auto pressed = frame(screen);
    out.insert(out.end(), pressed.begin(), pressed.end());
    io.MouseDown[0] = false;
    auto released = frame(screen);
    out.insert(out.end(), released.begin(), released.end());
    return out;
  }

  // A copy of the first intent of type T (safe on temporaries).
  template <typename T>
  static std::optional<T> get(const std::vector<Action>& intents) {
    for (const auto& intent : intents) {
      if (const auto* found = std::get_if<T>(&intent)) return *found;
    }
    return std::nullopt;
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
  std::vector<SampleScreen> samples_;
};

TEST_F(ViewsTest, EverySampleScreenDrawsWithoutAskingForAnything) {
  ASSERT_GE(samples_.size(), 25U);
  for (auto& screen : samples_) {
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(frame(screen).empty()) << screen.name;
  }
}

TEST_F(ViewsTest, ScreenFollowsPhaseAndRole) {
  EXPECT_EQ(screen_for(sample("01-start").model), Screen::kStart);
  EXPECT_EQ(screen_for(sample("02-connecting").model), Screen::kConnecting);
  EXPECT_EQ(screen_for(sample("03-waiting-for-partner").model), Screen::kWaiting);
  EXPECT_EQ(screen_for(sample("04-prompt-speaker").model), Screen::kPrompt);
  EXPECT_EQ(screen_for(sample("05-prompt-listener-waits").model), Screen::kPartnerTurn);
  EXPECT_EQ(screen_for(sample("06-check-in-speaker").model), Screen::kCheckIn);
  EXPECT_EQ(screen_for(sample("08-share-speaker").model), Screen::kShare);
  EXPECT_EQ(screen_for(sample("10-reflect-listener").model), Screen::kReflect);
  EXPECT_EQ(screen_for(sample("11-reflect-speaker-waits").model), Screen::kPartnerTurn);
  EXPECT_EQ(screen_for(sample("12-confirm-speaker").model), Screen::kConfirm);
  EXPECT_EQ(screen_for(sample("15-validate-listener").model), Screen::kValidate);
  EXPECT_EQ(screen_for(sample("17-rate-speaker").model), Screen::kRate);
  EXPECT_EQ(screen_for(sample("20-reveal-speaker").model), Screen::kReveal);
  EXPECT_EQ(screen_for(sample("22-break").model), Screen::kBreak);
  EXPECT_EQ(screen_for(sample("25-connection-lost").model), Screen::kLost);
  EXPECT_EQ(screen_for(sample("25-reconnecting").model), Screen::kReconnecting);
  EXPECT_EQ(screen_for(sample("26-join-failed").model), Screen::kFailed);
  EXPECT_EQ(screen_for(sample("28-session-ended").model), Screen::kEnded);
}

TEST_F(ViewsTest, SpeakerPicksAFaceUpCardByItsId) {
  auto& screen = sample("04-prompt-speaker");
  const auto offer = offered_cards(screen.model.room);
  ASSERT_EQ(offer.size(), kOfferedCards);
  const std::string text = rendered_text(screen);
  for (const auto* card : offer)
    EXPECT_NE(text.find(card->prompt().substr(0, 20)), std::string::npos) << card->prompt();
  const auto intents = click(screen, "Talk about card 2");
  const auto* play = find<action::Play>(intents);
  ASSERT_NE(play, nullptr);
  EXPECT_EQ(play->command.draw_card().card_id(), offer[1]->id());
  EXPECT_TRUE(play->command.draw_card().own_topic().empty());
}

TEST_F(ViewsTest, SpeakerCanDrawBlindOrPassOnce) {
  auto& screen = sample("04-prompt-speaker");
  const auto blind = get<action::Play>(click(screen, "Draw a card blind"));
  ASSERT_TRUE(blind.has_value());
  EXPECT_TRUE(blind->command.draw_card().card_id().empty());
  EXPECT_TRUE(blind->command.draw_card().own_topic().empty());
  const auto pass = get<action::Play>(click(screen, "Show other cards"));
  ASSERT_TRUE(pass.has_value());
  EXPECT_TRUE(pass->command.has_pass_cards());
  // After the pass, the button is off and says why.
  auto& passed = sample("04b-prompt-after-pass");
  EXPECT_FALSE(get<action::Play>(click(passed, "Show other cards")).has_value());
  EXPECT_NE(rendered_text(passed).find("You passed once this round"), std::string::npos);
}

TEST_F(ViewsTest, ListenerSeesTheSameFaceUpCardsWithoutPicking) {
  auto& speaker = sample("04-prompt-speaker");
  auto& listener = sample("05-prompt-listener-waits");
  const std::string text = rendered_text(listener);
  for (const auto* card : offered_cards(speaker.model.room)) {
    EXPECT_NE(text.find(card->prompt().substr(0, 20)), std::string::npos) << card->prompt();
  }
  listener.ui.record_items = true;
  frame(listener);
  EXPECT_EQ(listener.ui.items.count("Talk about card 1"), 0U);
}

TEST_F(ViewsTest, AddingACardOfYourOwnSendsItsTextAndNamesTheDraft) {
  ImGui::GetIO().DisplaySize = ImVec2(1280, 2400);  // the panel sits below the cards
  auto& screen = sample("05b-custom-card");
  EXPECT_NE(rendered_text(screen).find("You have 1 card of your own."), std::string::npos);
  const std::string draft = screen.ui.custom_card;
  const auto play = get<action::Play>(click(screen, "Add this card"));
  ASSERT_TRUE(play.has_value());
  EXPECT_EQ(play->command.add_custom_card().prompt(), draft);
  EXPECT_EQ(play->drafts, kDraftCustomCard);
  screen.ui.custom_card.clear();
  EXPECT_FALSE(get<action::Play>(click(screen, "Add this card")).has_value()) << "a blank card is not sent";
}

TEST_F(ViewsTest, ShareButtonSendsTheDraftAndNamesIt) {
  auto& screen = sample("08-share-speaker");
  const std::string draft = screen.ui.share;
  const auto intents = click(screen, "Share");
  const auto* play = find<action::Play>(intents);
  ASSERT_NE(play, nullptr);
  EXPECT_EQ(play->command.share().text(), draft);
  EXPECT_EQ(play->drafts, kDraftShare);
  EXPECT_EQ(screen.ui.share, draft) << "the view never clears a draft itself";
}

TEST_F(ViewsTest, CtrlEnterSendsTheReflection) {
  auto& screen = sample("10-reflect-listener");
  frame(screen);
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = true;
  io.KeysDown[kEnterKey] = true;
  const auto intents = frame(screen);
  io.KeysDown[kEnterKey] = false;
  io.KeyCtrl = false;
  const auto* play = find<action::Play>(intents);
  ASSERT_NE(play, nullptr);
  EXPECT_EQ(play->command.reflect().text(), screen.ui.reflection);
  EXPECT_EQ(play->command.reflect().question(), screen.ui.question);
}

TEST_F(ViewsTest, HostingNeedsAName) {
  auto& screen = sample("01-start");
  screen.ui.name = "  ";
  const auto clicked1 = click(screen, "Host a game");
  EXPECT_EQ(find<action::Host>(clicked1), nullptr);
  screen.ui.name = "Maya";
  screen.ui.host_port = 7420;
  const auto clicked2 = click(screen, "Host a game");
  const auto* host = find<action::Host>(clicked2);
  ASSERT_NE(host, nullptr);
  EXPECT_EQ(host->name, "Maya");
  EXPECT_EQ(host->port, 7420);
}

TEST_F(ViewsTest, JoinSendsAddressAndCode) {
  auto& screen = sample("01-start");
  screen.ui.join_address = " 192.168.1.20:7420 ";
  screen.ui.join_code = "K7QF";
  const auto clicked3 = click(screen, "Join a game");
  const auto* join = find<action::Join>(clicked3);
  ASSERT_NE(join, nullptr);
  EXPECT_EQ(join->address, "192.168.1.20:7420");
  EXPECT_EQ(join->code, "K7QF");
}

TEST_F(ViewsTest, RatingSendsAllSixPartsAndTheIntensity) {
  auto& screen = sample("17-rate-speaker");
  const auto clicked4 = click(screen, "Submit privately");
  const auto* play = find<action::Play>(clicked4);
  ASSERT_NE(play, nullptr);
  const auto& rating = play->command.submit_rating();
  EXPECT_EQ(rating.parts().awareness(), 6U);
  EXPECT_EQ(rating.parts().non_defensive(), 4U);
  EXPECT_EQ(rating.parts().empathy(), 7U);
  EXPECT_EQ(rating.intensity(), 4U);
  EXPECT_EQ(play->drafts, kDraftRating);
}

TEST_F(ViewsTest, YesThatsItConfirms) {
  auto& screen = sample("12-confirm-speaker");
  const auto clicked5 = click(screen, "Yes, that's it");
  const auto* play = find<action::Play>(clicked5);
  ASSERT_NE(play, nullptr);
  EXPECT_TRUE(play->command.confirm().complete());
}

TEST_F(ViewsTest, BreakScreenKeepsBreathingAndOffersToResume) {
  auto& screen = sample("22-break");
  frame(screen);
  EXPECT_TRUE(screen.ui.wants_animation);
  const auto clicked6 = click(screen, "I'm ready to resume");
  const auto* play = find<action::Play>(clicked6);
  ASSERT_NE(play, nullptr);
  EXPECT_TRUE(play->command.has_ready_to_resume());
}

TEST_F(ViewsTest, LostConnectionOffersReconnectAndKeepsTheDraft) {
  auto& screen = sample("25-connection-lost");
  const std::string draft = screen.ui.reflection;
  const auto clicked7 = click(screen, "Try again");
  EXPECT_NE(find<action::Reconnect>(clicked7), nullptr);
  EXPECT_EQ(screen.ui.reflection, draft);
}

TEST_F(ViewsTest, ProblemBannerCanBeDismissedWithEscape) {
  auto& screen = sample("23-problem-banner");
  frame(screen);
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[kEscapeKey] = true;
  const auto intents = frame(screen);
  io.KeysDown[kEscapeKey] = false;
  EXPECT_NE(find<action::DismissProblem>(intents), nullptr);
}

TEST_F(ViewsTest, LeaveAsksFirst) {
  auto& screen = sample("08-share-speaker");
  EXPECT_TRUE(click(screen, "Leave").empty());
  EXPECT_TRUE(screen.ui.leave_dialog_open);
  const auto intents = click(screen, "Leave the session");
  EXPECT_NE(find<action::Leave>(intents), nullptr);
}

TEST_F(ViewsTest, TypingALongLineWrapsOnScreenButNotInTheDraft) {
  auto& screen = sample("08-share-speaker");
  screen.ui.share.clear();
  click(screen, "##share");
  const std::string typed =
      "I feel worn out about how full our evenings have been lately, and a bit lonely in the middle of it. "
      "What I need is one evening a week that is just ours, with the phones in a drawer.";
  ImGuiIO& io = ImGui::GetIO();
  for (std::size_t i = 0; i < typed.size(); i += 7) {
    io.AddInputCharactersUTF8(typed.substr(i, 7).c_str());
    frame(screen);
  }
  EXPECT_EQ(screen.ui.share, typed);
  const auto sent = click(screen, "Share");
  const auto* play = find<action::Play>(sent);
  ASSERT_NE(play, nullptr);
  EXPECT_EQ(play->command.share().text(), typed) << "soft line breaks never reach the partner";
}

// ---------------------------------------------------------------- replay viewer

TEST_F(ViewsTest, ReplayControlsAskToPlayStepAndSeek) {
  auto& screen = sample("40-replay-as-partner");
  ASSERT_TRUE(screen.replay.has_value());
  const std::size_t at = screen.replay->cursor.position;
  ASSERT_GT(at, 1U);
  const auto play = get<action::ReplayPlay>(click(screen, "Play"));
  ASSERT_TRUE(play.has_value());
  EXPECT_TRUE(play->on);
  const auto back = click(screen, "Step back");
  ASSERT_NE(find<action::ReplaySeek>(back), nullptr);
  EXPECT_EQ(find<action::ReplaySeek>(back)->position, at - 1);
  const auto forward = click(screen, "Step forward");
  ASSERT_NE(find<action::ReplaySeek>(forward), nullptr);
  EXPECT_EQ(find<action::ReplaySeek>(forward)->position, at + 1);
  const auto speed = get<action::ReplaySpeed>(click(screen, "4x"));
  ASSERT_TRUE(speed.has_value());
  EXPECT_DOUBLE_EQ(speed->speed, 4.0);
  const auto view = get<action::ReplayViewpoint>(click(screen, "as Jonah"));
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->seat, v1::SEAT_PARTNER_B);
  const auto line = get<action::ReplaySeek>(click(screen, "event " + std::to_string(at - 2)));
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->position, at - 2);
  EXPECT_NE(find<action::CloseReplay>(click(screen, "Close")), nullptr);
}

// Issue 9: a couple's file is seen only as its partners; only the host's
// version offers the host's view.
TEST_F(ViewsTest, ACouplesReplayNeverOffersTheHostsView) {
  const auto offered = [&](SampleScreen& screen) {
    screen.ui.record_items = true;
    screen.ui.items.clear();
    frame(screen);
    frame(screen);
    std::vector<std::string> seats;
    for (const auto& [label, rect] : screen.ui.items) {
      if (label.rfind("as ", 0) == 0) seats.push_back(label);
    }
    std::sort(seats.begin(), seats.end());
    return seats;
  };
  auto& couple = sample("40-replay-as-partner");
  EXPECT_EQ(offered(couple), (std::vector<std::string>{"as Jonah", "as Maya"}));
  auto& host = sample("41-replay-as-host");
  EXPECT_EQ(offered(host), (std::vector<std::string>{"as Host", "as Jonah", "as Maya"}));
}

TEST_F(ViewsTest, ReplayPauseWhilePlaying) {
  auto& screen = sample("40-replay-as-partner");
  screen.replay->cursor.playing = true;
  const auto play = get<action::ReplayPlay>(click(screen, "Pause"));
  ASSERT_TRUE(play.has_value());
  EXPECT_FALSE(play->on);
}

TEST_F(ViewsTest, HindsightDialRatesTheCurrentMoment) {
  auto& screen = sample("40-replay-as-partner");
  const v1::Event* event = client::current_event(*screen.replay);
  ASSERT_NE(event, nullptr);
  const auto rate = get<action::RateMoment>(click(screen, "dial self"));
  ASSERT_TRUE(rate.has_value());
  EXPECT_EQ(rate->rater, v1::SEAT_PARTNER_A);
  EXPECT_EQ(rate->seq, event->seq());
  EXPECT_EQ(rate->self, 5U) << "the middle of the 1-9 scale";
  EXPECT_EQ(rate->partner, 0U);
}

TEST_F(ViewsTest, ReplayOfANewerFileOffersTheWayBack) {
  auto& screen = sample("43-replay-newer-version");
  ASSERT_TRUE(screen.replay->error.has_value());
  EXPECT_NE(find<action::CloseReplay>(click(screen, "Back to start")), nullptr);
}

TEST_F(ViewsTest, StartScreenOpensARecordingAndHostsForACouple) {
  auto& screen = sample("01-start");
  screen.ui.replay_path = " /tmp/evening.attune ";
  const auto open = get<action::OpenReplay>(click(screen, "Open"));
  ASSERT_TRUE(open.has_value());
  EXPECT_EQ(open->file, "/tmp/evening.attune");
  screen.ui.name = "Ana";
  const auto host = get<action::Host>(click(screen, "Host a session for a couple"));
  ASSERT_TRUE(host.has_value());
  EXPECT_EQ(host->seat, v1::SEAT_HOST);
  EXPECT_EQ(host->name, "Ana");
}

TEST(Replay, ApplySeeksPlaysAndRatesWithoutTouchingEvents) {
  client::Replay replay = client::replay_from_session("x.attune", Session{{}, {}, {}}, std::nullopt);
  EXPECT_FALSE(client::update_replay(replay, action::ReplayPlay{true}));
  EXPECT_FALSE(replay.cursor.playing) << "nothing to play";
  const Content& content = fixtures::shipped_content();  // a session the engine accepts
  std::vector<v1::Event> events = sample_hosted_session(content.exercise, content.deck);
  v1::SessionHeader header;
  header.set_room_id("sample-room");
  replay = client::replay_from_session("x.attune", Session{header, events, {}}, std::nullopt);
  ASSERT_EQ(replay.lines.size(), events.size());
  client::update_replay(replay, action::ReplaySeek{events.size() + 10});
  EXPECT_EQ(replay.cursor.position, events.size());
  client::update_replay(replay, action::ReplayPlay{true});
  EXPECT_TRUE(replay.cursor.playing);
  EXPECT_EQ(replay.cursor.position, 0U) << "playing from the end starts over";
  client::update_replay(replay, action::ReplaySpeed{8.0});
  EXPECT_DOUBLE_EQ(replay.cursor.speed, 8.0);
  EXPECT_TRUE(client::update_replay(replay, action::RateMoment{v1::SEAT_PARTNER_A, 5, 3, 6, 42}));
  EXPECT_FALSE(client::update_replay(replay, action::RateMoment{v1::SEAT_HOST, 5, 3, 6, 42})) << "only partners rate";
  const auto* moment = client::moment_of(replay.hindsight, v1::SEAT_PARTNER_A, 5);
  ASSERT_NE(moment, nullptr);
  EXPECT_EQ(moment->self(), 3U);
  EXPECT_EQ(moment->partner(), 6U);
  EXPECT_EQ(replay.index.events().size(), events.size());
}

TEST(Replay, ACouplesFileShowsNoNoteRefusesTheHostsViewAndStillTakesHindsight) {
  const Content& content = fixtures::shipped_content();  // a session the engine accepts
  const std::vector<v1::Event> events = sample_hosted_session(content.exercise, content.deck);
  std::string note;
  for (const auto& event : events) {
    if (event.has_note_pinned()) note = event.note_pinned().text();
  }
  ASSERT_FALSE(note.empty());
  v1::SessionHeader header;
  header.set_room_id("sample-room");
  // The same log as the couple's export and as an older file that held it all.
  const v1::SessionExport couple = session_for(header, events, v1::SEAT_UNSPECIFIED);
  header.set_format_version(1);
  for (const Session& session :
       {Session{couple.header(), {couple.events().begin(), couple.events().end()}, {}}, Session{header, events, {}}}) {
    client::Replay replay = client::replay_from_session("x.attune", session, std::nullopt);
    EXPECT_EQ(replay.viewpoints, (std::vector<Seat>{v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B}));
    for (const auto& line : replay.lines) EXPECT_EQ(line.find(note), std::string::npos);
    for (const auto& event : replay.index.events()) EXPECT_FALSE(event.has_note_pinned());
    EXPECT_FALSE(client::update_replay(replay, action::ReplayViewpoint{v1::SEAT_HOST}));
    EXPECT_EQ(replay.viewpoint, v1::SEAT_PARTNER_A);
    client::update_replay(replay, action::ReplayViewpoint{v1::SEAT_PARTNER_B});
    EXPECT_EQ(replay.viewpoint, v1::SEAT_PARTNER_B);
    EXPECT_EQ(replay.index.viewer(), v1::SEAT_PARTNER_B);
    EXPECT_TRUE(replay.index.state_after(replay.index.size()).notes.empty());
    EXPECT_TRUE(client::update_replay(replay, action::RateMoment{v1::SEAT_PARTNER_B, events[8].seq(), 2, 7, 1}));
    ASSERT_NE(client::moment_of(replay.hindsight, v1::SEAT_PARTNER_B, events[8].seq()), nullptr);
  }
}

TEST(Replay, ABadHindsightSidecarIsLeftAloneAndRatingIsOff) {
  v1::SessionHeader header;
  header.set_room_id("room-1");
  v1::HindsightFile other;
  other.set_room_id("room-2");
  client::Replay replay = client::replay_from_session("x.attune", Session{header, {}, {}}, other.SerializeAsString());
  EXPECT_TRUE(replay.hindsight_note.has_value());
  EXPECT_FALSE(client::update_replay(replay, action::RateMoment{v1::SEAT_PARTNER_A, 1, 3, 0, 0}));
}

TEST(Replay, HindsightIsSavedBesideTheFileWhichStaysAsItWas) {
  const Content& content = fixtures::shipped_content();  // a session the engine accepts
  const std::vector<v1::Event> events = sample_hosted_session(content.exercise, content.deck);
  v1::SessionHeader header;
  header.set_format_version(kSessionFormatVersion);
  header.set_room_id("sample-room");
  const std::string bytes = encode_session(header, events);
  const auto dir = std::filesystem::temp_directory_path() / ("attune-ui-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "evening.attune").string();
  ASSERT_FALSE(save_private_file(file, bytes).has_value());

  client::Replay replay = client::open_replay(file);
  ASSERT_FALSE(replay.error.has_value());
  EXPECT_EQ(replay.index.size(), events.size());
  ASSERT_TRUE(client::update_replay(replay, action::RateMoment{v1::SEAT_PARTNER_B, events[8].seq(), 2, 7, 1}));
  ASSERT_FALSE(client::save_hindsight(replay).has_value());

  const client::Replay again = client::open_replay(file);
  const auto* moment = client::moment_of(again.hindsight, v1::SEAT_PARTNER_B, events[8].seq());
  ASSERT_NE(moment, nullptr);
  EXPECT_EQ(moment->self(), 2U);
  EXPECT_EQ(moment->partner(), 7U);
  std::ifstream in(file, std::ios::binary);
  const std::string after((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(after, bytes) << "the recording is never written";
  std::filesystem::remove_all(dir);
}

TEST(Replay, OpeningSomethingThatIsNotASessionIsAnError) {
  const client::Replay replay = client::open_replay("/nonexistent/nothing.attune");
  EXPECT_TRUE(replay.error.has_value());
}

// ---------------------------------------------------------------- host seat

TEST_F(ViewsTest, HostScreenIsChosenForTheHostSeat) {
  EXPECT_EQ(screen_for(sample("31-host-waiting").model), Screen::kHost);
  EXPECT_EQ(screen_for(sample("32-host-during-share").model), Screen::kHost);
  EXPECT_NE(screen_for(sample("35-partner-with-host").model), Screen::kHost);
}

TEST_F(ViewsTest, HostStartsTheNextRoundOnlyWhenTheRoundIsDone) {
  auto& during = sample("32-host-during-share");
  EXPECT_EQ(find<action::Play>(click(during, "Start round")), nullptr);
  auto& done = sample("34-host-reveal-and-trend");
  const auto play = get<action::Play>(click(done, "Start round"));
  ASSERT_TRUE(play.has_value());
  EXPECT_TRUE(play->command.has_host_start_round());
}

TEST_F(ViewsTest, HostPacesTheSession) {
  auto& screen = sample("32-host-during-share");
  const auto hold = get<action::Play>(click(screen, "Hold"));
  ASSERT_TRUE(hold.has_value());
  EXPECT_TRUE(hold->command.host_hold().on());
  const auto skip = get<action::Play>(click(screen, "Skip this step"));
  ASSERT_TRUE(skip.has_value());
  EXPECT_TRUE(skip->command.has_host_skip_step());
  const auto pause = get<action::Play>(click(screen, "Call break"));
  ASSERT_TRUE(pause.has_value());
  EXPECT_TRUE(pause->command.has_call_break());
  // Ending is for everyone: it asks first, and only the dialog's button ends.
  EXPECT_FALSE(get<action::Play>(click(screen, "End session...")).has_value());
  EXPECT_TRUE(screen.ui.end_session_dialog_open);
  const auto end = get<action::Play>(click(screen, "End the session"));
  ASSERT_TRUE(end.has_value());
  EXPECT_TRUE(end->command.has_end_session());
  screen.model.room.held = true;
  const auto resume = get<action::Play>(click(screen, "Resume"));
  ASSERT_TRUE(resume.has_value());
  EXPECT_FALSE(resume->command.host_hold().on());
}

TEST_F(ViewsTest, HostPinsNotesAndFlagsToTheLatestMoment) {
  ImGui::GetIO().DisplaySize = ImVec2(1280, 2400);  // the whole dashboard on screen
  auto& screen = sample("32-host-during-share");
  const std::uint64_t last = screen.model.room.last_seq;
  const auto note = get<action::Play>(click(screen, "Pin note"));
  ASSERT_TRUE(note.has_value());
  EXPECT_EQ(note->command.host_note().pinned_seq(), last);
  EXPECT_EQ(note->command.host_note().text(), screen.ui.host_note);
  EXPECT_EQ(note->drafts, kDraftHostNote);
  const auto flag = get<action::Play>(click(screen, "Flag this moment"));
  ASSERT_TRUE(flag.has_value());
  EXPECT_EQ(flag->command.host_flag().pinned_seq(), last);
  EXPECT_FALSE(flag->command.host_flag().label().empty());
}

TEST_F(ViewsTest, HostSettingsAreSentWhole) {
  ImGui::GetIO().DisplaySize = ImVec2(1280, 2400);
  auto& screen = sample("32-host-during-share");
  EXPECT_EQ(find<action::Play>(click(screen, "Apply settings")), nullptr) << "nothing changed yet";
  screen.ui.host_settings = screen.model.room.settings;
  screen.ui.host_settings.set_break_seconds(15 * 60);
  screen.ui.host_settings_edited = true;
  const auto play = get<action::Play>(click(screen, "Apply settings"));
  ASSERT_TRUE(play.has_value());
  const auto& settings = play->command.host_configure().settings();
  EXPECT_EQ(settings.break_seconds(), 15U * 60U);
  EXPECT_EQ(settings.phase_timer_seconds(), screen.model.room.settings.phase_timer_seconds());
  EXPECT_EQ(settings.max_reflect_loops(), screen.model.room.settings.max_reflect_loops());
  EXPECT_EQ(play->drafts, kDraftHostSettings);
}

TEST_F(ViewsTest, SpeakerReadsTheValidationBeforeRating) {
  auto& screen = sample("17-rate-speaker");
  ASSERT_TRUE(screen.model.room.round.validation.has_value());
  const std::string validation = screen.model.room.round.validation->validation();
  const std::string text = rendered_text(screen);
  EXPECT_NE(text.find(validation), std::string::npos);
  EXPECT_NE(text.find("wrote to you"), std::string::npos);
  EXPECT_NE(rendered_text(sample("20-reveal-speaker")).find(validation), std::string::npos);
}

TEST_F(ViewsTest, PartnerRatingWithAHostSaysTheHostSeesItAsItArrives) {
  auto& screen = sample("18-rate-listener");
  EXPECT_NE(rendered_text(screen).find("Nobody sees it until you have both rated."), std::string::npos);
  auto& host_seat = screen.model.room.seats[v1::SEAT_HOST];
  host_seat.taken = true;
  host_seat.name = "Ana Rivera";
  const std::string text = rendered_text(screen);
  EXPECT_EQ(text.find("Nobody sees it"), std::string::npos);
  EXPECT_NE(text.find("Ana Rivera, hosting, sees it as it arrives"), std::string::npos);
}

TEST_F(ViewsTest, ABreakTheHostCalledNamesTheHost) {
  auto& screen = sample("22-break");
  screen.model.room.pause.called_by = v1::SEAT_HOST;
  screen.model.room.seats[v1::SEAT_HOST].taken = true;
  screen.model.room.seats[v1::SEAT_HOST].name = "Ana Rivera";
  const std::string text = rendered_text(screen);
  EXPECT_EQ(text.find("Nobody"), std::string::npos);
  EXPECT_NE(text.find("Ana Rivera asked for a pause"), std::string::npos);
}

TEST_F(ViewsTest, SeatedPartnersWithAHostAreNotToldToWaitForTheirPartner) {
  const std::string text = rendered_text(sample("45-both-seated-host-starts"));
  EXPECT_EQ(text.find("Waiting for your partner"), std::string::npos);
  EXPECT_EQ(text.find("open Attune"), std::string::npos);
  EXPECT_NE(text.find("Ana Rivera starts the first round"), std::string::npos);
}

TEST_F(ViewsTest, HostGoneIsAStillFinalScreenThatSaysWhatWasKept) {
  auto& screen = sample("47-host-gone");
  const std::string text = rendered_text(screen);
  EXPECT_NE(text.find("stopped for now"), std::string::npos);
  EXPECT_NE(text.find("What was kept"), std::string::npos);
  EXPECT_EQ(text.find("Reconnecting"), std::string::npos);
  EXPECT_FALSE(screen.ui.wants_animation);
  EXPECT_EQ(screen.ui.redraw_at_ms, 0);  // nothing moves: the loop sleeps
  EXPECT_NE(find<action::Reconnect>(click(screen, "Try again")), nullptr);
}

TEST_F(ViewsTest, ReconnectingDotsWakeTheLoopTwiceASecondWithoutAnimating) {
  auto& screen = sample("25-reconnecting");
  frame(screen);
  EXPECT_FALSE(screen.ui.wants_animation);
  EXPECT_GT(screen.ui.redraw_at_ms, screen.now_ms);
  EXPECT_LE(screen.ui.redraw_at_ms, screen.now_ms + 500);
}

TEST_F(ViewsTest, TheHostsStepClockWakesItselfEachSecond) {
  auto& screen = sample("32-host-during-share");
  frame(screen);
  EXPECT_GT(screen.ui.redraw_at_ms, screen.now_ms);
  EXPECT_LE(screen.ui.redraw_at_ms, screen.now_ms + 1000);
}

TEST_F(ViewsTest, FailureScreensPutTryAgainAndBackToStartInTheSamePlaces) {
  const auto places = [&](const std::string& name) {
    auto& screen = sample(name);
    screen.ui.record_items = true;
    frame(screen);
    frame(screen);
    const auto again = screen.ui.items.at("Try again");
    const auto back = screen.ui.items.at("Back to start");
    return again[0] < back[0];
  };
  EXPECT_TRUE(places("25-connection-lost"));
  EXPECT_TRUE(places("26-join-failed"));
  EXPECT_TRUE(places("47-host-gone"));
}

TEST_F(ViewsTest, StartScreenOffersToRejoinTheSavedSeat) {
  auto& screen = sample("46-rejoin-offered");
  EXPECT_NE(rendered_text(screen).find("Rejoin the game with Maya"), std::string::npos);
  EXPECT_NE(find<action::Rejoin>(click(screen, "Rejoin")), nullptr);
  EXPECT_NE(find<action::ForgetSeat>(click(screen, "Start fresh instead")), nullptr);
}

TEST_F(ViewsTest, RejoinIsOfferedOnlyUntilTheHostsKeepTimeEnds) {
  auto& screen = sample("46-rejoin-offered");
  const std::int64_t until = screen.now_ms + 60'000;
  screen.ui.rejoin_until_ms = until;
  screen.ui.record_items = true;
  screen.ui.redraw_at_ms = 0;
  frame(screen);
  EXPECT_NE(screen.ui.items.find("Rejoin"), screen.ui.items.end());
  EXPECT_GT(screen.ui.redraw_at_ms, 0);  // the window wakes itself to hide it in time
  EXPECT_LE(screen.ui.redraw_at_ms, until);
  screen.now_ms = until;
  screen.ui.items.clear();
  frame(screen);
  EXPECT_EQ(screen.ui.items.find("Rejoin"), screen.ui.items.end());
  const std::string text = rendered_text(screen);
  EXPECT_NE(text.find("Your seat in the game with Maya was kept until " + clock_time(until)), std::string::npos)
      << text;
  EXPECT_NE(text.find("host a game or join with a new code"), std::string::npos) << text;
}

TEST_F(ViewsTest, HebrewAndArabicAreDrawnInReadingOrderAndStoredAsTyped) {
  auto& screen = sample("50-rtl-text");
  const std::string shared = screen.model.room.round.shared_text;
  const std::string reflected = screen.model.room.round.reflections.at(0).text;
  const std::string text = rendered_text(screen);
  // "בן האחרון" ends the Hebrew clause as typed; drawn, the word reads
  // from the right: its last letter comes first.
  const std::string last_word_typed = "\xD7\x94\xD7\x90\xD7\x97\xD7\xA8\xD7\x95\xD7\x9F";  // האחרון
  const std::string last_word_drawn = "\xD7\x9F\xD7\x95\xD7\xA8\xD7\x97\xD7\x90\xD7\x94";  // ןורחאה
  EXPECT_NE(shared.find(last_word_typed), std::string::npos);
  EXPECT_NE(text.find(last_word_drawn), std::string::npos) << text;
  EXPECT_EQ(text.find(last_word_typed), std::string::npos);
  EXPECT_NE(text.find("20:00"), std::string::npos);  // digits keep their order
  // Arabic: drawn with presentation forms (U+FE70-U+FEFF, UTF-8 EF B9 B0 - EF BB BF).
  EXPECT_NE(text.find("\xEF\xBB"), std::string::npos);
  // The model still holds the words exactly as they arrived.
  EXPECT_EQ(screen.model.room.round.shared_text, shared);
  EXPECT_EQ(screen.model.room.round.reflections.at(0).text, reflected);
  EXPECT_EQ(reflected.find("\xEF\xBB"), std::string::npos);
}

TEST_F(ViewsTest, ADraftInHebrewShowsHowItReadsUnderTheBox) {
  auto& screen = sample("10-reflect-listener");
  screen.ui.reflection = "Hello";
  EXPECT_EQ(rendered_text(screen).find("How it reads"), std::string::npos);
  // "שלום" typed: the box keeps the typing order; the preview reads "םולש".
  screen.ui.reflection = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";
  const std::string text = rendered_text(screen);
  EXPECT_NE(text.find("How it reads"), std::string::npos) << text;
  EXPECT_NE(text.find("\xD7\x9D\xD7\x95\xD7\x9C\xD7\xA9"), std::string::npos) << text;
  EXPECT_EQ(screen.ui.reflection, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D");  // the draft is as typed
}

TEST_F(ViewsTest, GamesAppearingOnTheNetworkDoNotMoveTheJoinButton) {
  auto& screen = sample("01-start");
  screen.ui.record_items = true;
  frame(screen);
  frame(screen);
  const auto before = screen.ui.items.at("Join a game");
  screen.host.games_nearby = {"192.168.1.20:7420", "192.168.1.31:7420"};
  frame(screen);
  frame(screen);
  EXPECT_EQ(screen.ui.items.at("Join a game")[1], before[1]);
  EXPECT_NE(screen.ui.items.find("192.168.1.20:7420"), screen.ui.items.end());
}

TEST_F(ViewsTest, PartlyPanelDoesNotOfferTheYesStem) {
  auto& screen = sample("13-confirm-speaker-partly");
  screen.ui.record_items = true;
  frame(screen);
  frame(screen);
  for (const auto& [label, rect] : screen.ui.items) EXPECT_NE(label.rfind("Yes, that's it.", 0), 0U) << label;
  EXPECT_NE(screen.ui.items.find("Partly. The piece I would add is ..."), screen.ui.items.end());
}

TEST_F(ViewsTest, ShareSaysWhyItIsOffAndWarnsPastTheLimit) {
  auto& screen = sample("08-share-speaker");
  screen.ui.share = "   ";
  std::string text = rendered_text(screen);
  EXPECT_NE(text.find("Only spaces so far"), std::string::npos);
  EXPECT_FALSE(get<action::Play>(click(screen, "Share")).has_value());
  screen.ui.share = std::string(kMaxTextChars + 10, 'a');
  text = rendered_text(screen);
  EXPECT_NE(text.find("10 more than fits"), std::string::npos);
  EXPECT_FALSE(get<action::Play>(click(screen, "Share")).has_value());
}

TEST_F(ViewsTest, ReflectSaysWhenTheQuestionIsPastTheLimitAndDoesNotSend) {
  auto& screen = sample("10-reflect-listener");
  screen.ui.question = std::string(kMaxShortTextChars + 3, 'q');
  EXPECT_NE(rendered_text(screen).find("3 more than fits"), std::string::npos);
  EXPECT_FALSE(get<action::Play>(click(screen, "Send my reflection")).has_value());
}

TEST_F(ViewsTest, TheListenerAnswersTheRequestWithNotNowAndANote) {
  auto& screen = sample("16-answer-listener");
  const auto play = get<action::Play>(click(screen, "Not now"));
  ASSERT_TRUE(play.has_value());
  EXPECT_EQ(play->command.answer_request().answer(), v1::REQUEST_ANSWER_NOT_NOW);
  EXPECT_EQ(play->command.answer_request().note(), screen.ui.answer_note);
  EXPECT_EQ(play->drafts, client::kDraftAnswer);  // the note is cleared once the answer is accepted
}

TEST_F(ViewsTest, TheSpeakerAnswersIsThereMoreWithMoreOrThatsAll) {
  auto& screen = sample("16-more-speaker");
  EXPECT_NE(rendered_text(screen).find("is there more?"), std::string::npos);
  const auto more = get<action::Play>(click(screen, "There is more"));
  ASSERT_TRUE(more.has_value());
  EXPECT_FALSE(more->command.tell_more().done());
  EXPECT_EQ(more->command.tell_more().more(), screen.ui.more);
  EXPECT_EQ(more->drafts, client::kDraftConfirm);  // the "more" draft is cleared once accepted
  const auto all = get<action::Play>(click(screen, "That's all"));
  ASSERT_TRUE(all.has_value());
  EXPECT_TRUE(all->command.tell_more().done());
}

TEST_F(ViewsTest, TheSpeakerWritesATellUnderTheStepsTitle) {
  auto& screen = sample("16-tell-speaker");
  EXPECT_NE(rendered_text(screen).find("What set you off"), std::string::npos);
  const auto play = get<action::Play>(click(screen, "Send"));
  ASSERT_TRUE(play.has_value());
  EXPECT_EQ(play->command.tell().text(), screen.ui.step_text);
  EXPECT_EQ(play->drafts, client::kDraftStepText);
  screen.ui.step_text.clear();
  EXPECT_FALSE(get<action::Play>(click(screen, "Send")).has_value());
}

TEST_F(ViewsTest, TheListenerCanOnlySendAnOpenQuestionAsAQuestion) {
  auto& screen = sample("16-ask-listener");
  EXPECT_NE(rendered_text(screen).find("End it with a question mark"), std::string::npos);
  EXPECT_FALSE(get<action::Play>(click(screen, "Ask")).has_value());
  screen.ui.step_text += "?";
  const auto play = get<action::Play>(click(screen, "Ask"));
  ASSERT_TRUE(play.has_value());
  EXPECT_EQ(play->command.ask_open_question().question(), screen.ui.step_text);
  EXPECT_EQ(play->drafts, client::kDraftStepText);
}

TEST_F(ViewsTest, AnOverlongOwnTopicIsFlaggedBeforePressing) {
  auto& screen = sample("04-prompt-speaker");
  screen.ui.topic = std::string(kMaxShortTextChars + 1, 'a');
  EXPECT_NE(rendered_text(screen).find("1 more than fits"), std::string::npos);
  EXPECT_FALSE(get<action::Play>(click(screen, "Use my topic")).has_value());
}

TEST(Drafts, RoundTripThroughTheSavedSeatFields) {
  UiState ui;
  ui.validation = "It makes sense\n\xF0\x9F\x98\x94";
  ui.feelings = {"tired", "lonely"};
  ui.intensity = 7;
  ui.parts = {1, 2, 3, 4, 5, 6};
  ui.confirm_partly = true;
  ui.rating_intensity = 3;
  UiState back;
  restore_drafts(back, drafts_to_save(ui));
  EXPECT_EQ(back.validation, ui.validation);
  EXPECT_EQ(back.feelings, ui.feelings);
  EXPECT_EQ(back.intensity, 7);
  EXPECT_EQ(back.parts, ui.parts);
  EXPECT_TRUE(back.confirm_partly);
  EXPECT_EQ(back.rating_intensity, 3);
  // Out-of-range numbers from a damaged file are skipped, not applied.
  UiState untouched;
  restore_drafts(untouched, {{"intensity", "99"}, {"parts", "9x"}});
  EXPECT_EQ(untouched.intensity, 5);
  EXPECT_EQ(untouched.parts[0], 4);
}

}  // namespace
}  // namespace attune::ui

namespace attune::ui {
namespace {

TEST_F(ViewsTest, CheckInPickerShowsFamiliesAndTogglesAFeeling) {
  auto& screen = sample("06-check-in-speaker");
  screen.ui.feelings.clear();
  click(screen, "I'd rather not say");
  EXPECT_EQ(screen.ui.feelings, (std::set<std::string>{"I'd rather not say"}));
  click(screen, "ashamed");
  click(screen, "I'd rather not say");
  EXPECT_EQ(screen.ui.feelings, (std::set<std::string>{"ashamed"}));
  // Pseudo-feelings are not offered as words to pick.
  screen.ui.items.clear();
  frame(screen);
  EXPECT_EQ(screen.ui.items.count("rejected"), 0U);
  EXPECT_EQ(screen.ui.items.count("let down"), 0U);
  const auto intents = click(screen, "Check in");
  const auto play = get<action::Play>(intents);
  ASSERT_TRUE(play.has_value());
  ASSERT_EQ(play->command.check_in().feelings_size(), 1);
  EXPECT_EQ(play->command.check_in().feelings(0), "ashamed");
}

TEST_F(ViewsTest, NeedWordsJoinTheWhatINeedSentence) {
  auto& screen = sample("08-share-speaker");
  screen.ui.share = "I feel worn out.";
  click(screen, "Show words for needs");
  ASSERT_TRUE(screen.ui.needs_open);
  click(screen, "rest");
  EXPECT_EQ(screen.ui.share, "I feel worn out. What I need is rest.");
  click(screen, "time together");
  click(screen, "quiet");
  EXPECT_EQ(screen.ui.share, "I feel worn out. What I need is rest, time together and quiet.");
}

TEST_F(ViewsTest, CareFooterOpensWhereToFindHelp) {
  auto& screen = sample("04-prompt-speaker");
  click(screen, "Where to find help");
  EXPECT_TRUE(screen.ui.care_dialog_open);
  click(screen, "Close");
  EXPECT_FALSE(screen.ui.care_dialog_open);
}

TEST(Drafts, WithNeedStartsThenJoinsTheSentence) {
  EXPECT_EQ(with_need("", "rest"), "What I need is rest.");
  EXPECT_EQ(with_need("I am tired.  ", "rest"), "I am tired. What I need is rest.");
  EXPECT_EQ(with_need("What I need is rest.", "space"), "What I need is rest and space.");
  EXPECT_EQ(with_need("What I need is rest and space.", "quiet"), "What I need is rest, space and quiet.");
  // Once the speaker has written on past the sentence, a new one starts.
  EXPECT_EQ(with_need("What I need is rest. Also, I miss you.", "touch"),
            "What I need is rest. Also, I miss you. What I need is touch.");
}

// ------------------------------------------ choosing, opening breath, closing

TEST_F(ViewsTest, ChoosingScreensFollowTheProposal) {
  EXPECT_EQ(screen_for(sample("61-choose-partner-answers").model), Screen::kChoose);
  EXPECT_EQ(screen_for(sample("62-choose-waiting-for-answer").model), Screen::kChoose);
  EXPECT_EQ(screen_for(sample("63-opening-breath").model), Screen::kBreathe);
  EXPECT_EQ(screen_for(sample("66-closing-write").model), Screen::kClosing);
  EXPECT_EQ(screen_for(sample("68-evening-closed").model), Screen::kEnded);
}

TEST_F(ViewsTest, BeforeTheFirstCardAPartnerCanOpenThePickerOrBreathe) {
  auto& screen = sample("05-prompt-listener-waits");
  const auto breathe = click(screen, "Breathe together first");
  const auto* play = find<action::Play>(breathe);
  ASSERT_NE(play, nullptr);
  EXPECT_TRUE(play->command.breathe().on());
  EXPECT_TRUE(click(screen, "Choose something else together").empty());
  EXPECT_TRUE(screen.ui.choosing);
  EXPECT_NE(rendered_text(screen).find("Choose what to play together"), std::string::npos);
}

TEST_F(ViewsTest, ProposingSendsTheExerciseAndDeckPicked) {
  auto& screen = sample("60-choose-picking");
  const auto intents = click(screen, "Propose this to Jonah");
  const auto* play = find<action::Play>(intents);
  ASSERT_NE(play, nullptr);
  EXPECT_EQ(play->command.propose_play().exercise_id(), "stress-reducing");
  EXPECT_EQ(play->command.propose_play().deck_id(), "stress-outside");
}

TEST_F(ViewsTest, ThePartnerAgreesToExactlyWhatWasProposedOrKeepsWhatTheyHad) {
  auto& screen = sample("61-choose-partner-answers");
  const std::string text = rendered_text(screen);
  EXPECT_NE(text.find("Maya would like to change what you play"), std::string::npos);
  EXPECT_NE(text.find("Stress-reducing conversation"), std::string::npos);
  const auto agreed = click(screen, "Agree");
  const auto* play = find<action::Play>(agreed);
  ASSERT_NE(play, nullptr);
  EXPECT_TRUE(play->command.answer_proposal().agree());
  EXPECT_EQ(play->command.answer_proposal().exercise_id(), "stress-reducing");
  EXPECT_EQ(play->command.answer_proposal().deck_id(), "stress-outside");
  const auto kept = click(screen, "Keep what we have");
  const auto* keep = find<action::Play>(kept);
  ASSERT_NE(keep, nullptr);
  EXPECT_FALSE(keep->command.answer_proposal().agree());
}

TEST_F(ViewsTest, TheProposerWaitsAndMayWithdraw) {
  auto& screen = sample("62-choose-waiting-for-answer");
  EXPECT_NE(rendered_text(screen).find("Waiting for Jonah"), std::string::npos);
  const auto intents = click(screen, "Withdraw my proposal");
  const auto* play = find<action::Play>(intents);
  ASSERT_NE(play, nullptr);
  EXPECT_FALSE(play->command.answer_proposal().agree());
}

TEST_F(ViewsTest, TheOpeningBreathIsInStepOnBothLaptopsAndEitherCanEndIt) {
  auto& maya = sample("63-opening-breath");
  auto& jonah = sample("63-opening-breath-partner-dark");
  const std::string maya_text = rendered_text(maya);
  const std::string jonah_text = rendered_text(jonah);
  EXPECT_NE(maya_text.find("Breath 1 of 6"), std::string::npos);
  EXPECT_NE(jonah_text.find("Breath 1 of 6"), std::string::npos);
  EXPECT_TRUE(maya.ui.wants_animation);
  const auto intents = click(jonah, "Finish now");
  const auto* play = find<action::Play>(intents);
  ASSERT_NE(play, nullptr);
  EXPECT_FALSE(play->command.breathe().on());
  auto& done = sample("64-opening-breath-done");
  EXPECT_NE(rendered_text(done).find("Begin when you are both ready"), std::string::npos);
  EXPECT_FALSE(done.ui.wants_animation) << "a finished breath stops animating";
}

TEST_F(ViewsTest, TheClosingSendsTheAppreciationOrAPass) {
  auto& screen = sample("66-closing-write");
  const std::string draft = screen.ui.appreciation;
  EXPECT_NE(rendered_text(screen).find("Feelings named this evening"), std::string::npos);
  const auto shared = click(screen, "Share my appreciation");
  const auto* play = find<action::Play>(shared);
  ASSERT_NE(play, nullptr);
  EXPECT_EQ(play->command.appreciate().text(), draft);
  EXPECT_EQ(play->drafts, kDraftAppreciation);
  const auto passed = click(screen, "Pass this time");
  const auto* pass = find<action::Play>(passed);
  ASSERT_NE(pass, nullptr);
  EXPECT_TRUE(pass->command.appreciate().text().empty());
}

TEST_F(ViewsTest, WhileWaitingThePartnersAppreciationIsNotShown) {
  auto& screen = sample("67-closing-waiting-for-partner");
  const std::string text = rendered_text(screen);
  EXPECT_NE(text.find("Thank you. Maya is still writing."), std::string::npos);
}

TEST_F(ViewsTest, TheClosedEveningShowsBothAppreciationsAndTheFeelingsNamed) {
  auto& screen = sample("68-evening-closed");
  const std::string text = rendered_text(screen);
  EXPECT_NE(text.find("The evening is closed"), std::string::npos);
  EXPECT_NE(text.find("I noticed how honestly you said"), std::string::npos);
  EXPECT_NE(text.find("Thank you for asking what that evening"), std::string::npos);
  EXPECT_NE(text.find("tired"), std::string::npos);
}

TEST_F(ViewsTest, BetweenRoundsThePartnersCanCloseTheEvening) {
  auto& screen = sample("65-between-rounds-bar");
  const auto intents = click(screen, "Close the evening");
  const auto* play = find<action::Play>(intents);
  ASSERT_NE(play, nullptr);
  EXPECT_TRUE(play->command.has_begin_closing());
}

}  // namespace
}  // namespace attune::ui
