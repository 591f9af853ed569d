// The live window: SDL events and network news in, model updates through
// attune::client::update, effects out to the network thread, views drawn
// only when something changed (or while something moves on screen).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/app.hpp"
#include "app/embedded_server.hpp"
#include "app/lan_addresses.hpp"
#include "app/platform.hpp"
#include "attune/content.hpp"
#include "attune/files.hpp"
#include "attune/log.hpp"
#include "bot/scripted_partner.hpp"
#include "model/app.hpp"
#include "model/replay_files.hpp"
#include "model/saved_seat.hpp"
#include "net/discovery.hpp"
#include "net/net_client.hpp"
#include "ui/screens.hpp"
#include "ui/ui_state.hpp"
#include "ui/view_context.hpp"
#include "ui/widgets.hpp"

namespace attune::app {
namespace {

// At most this many frames after each event, so layout that settles over a
// frame or two (cards, popups) is right before the loop sleeps again; it
// stops sooner once a frame draws the same picture as the one before.
constexpr int kFramesAfterEvent = 3;
constexpr int kIdleWaitMs = 1000;
constexpr int kAnimationWaitMs = 33;
constexpr int kTickMs = 250;
// The port a hosted game asks for first, so the partner's address stays the
// same from one evening to the next.
constexpr std::uint16_t kUsualPort = 7420;

std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

ui::Assets load_assets() {
  ui::Assets assets;
  const auto dir = default_assets_dir();
  auto feelings = load_feelings(dir / "feelings.textproto");
  if (auto* ok = std::get_if<v1::FeelingsList>(&feelings)) {
    assets.feelings = std::move(*ok);
  } else {
    attune::log::error(std::get<ContentError>(feelings).message);
  }
  auto nudges = load_nudges(dir / "nudges.textproto");
  if (auto* ok = std::get_if<v1::NudgeLexicon>(&nudges)) {
    assets.nudges = std::move(*ok);
  } else {
    attune::log::error(std::get<ContentError>(nudges).message);
  }
  auto needs = load_needs(dir / "needs.textproto");
  if (auto* ok = std::get_if<v1::NeedsList>(&needs)) {
    assets.needs = std::move(*ok);
  } else {
    std::cerr << "attune: " << std::get<ContentError>(needs).message << "\n";
  }
  auto care = load_care(dir / "care.textproto");
  if (auto* ok = std::get_if<v1::CareList>(&care)) {
    assets.care = std::move(*ok);
  } else {
    std::cerr << "attune: " << std::get<ContentError>(care).message << "\n";
  }
  return assets;
}

// Wakes the loop from another thread; SDL_PushEvent is thread-safe.
std::function<void()> waker(std::uint32_t event_type) {
  return [event_type] {
    SDL_Event event{};
    event.type = event_type;
    SDL_PushEvent(&event);
  };
}

// The window shell: wires the platform (SDL events, drawing), the network
// thread, the embedded server and the disk to the window's model
// (client::App). Every decision is the model's; this carries out its effects
// and reports what happened back as actions.
class LiveApp {
 public:
  LiveApp(Platform& platform, const AppOptions& options)
      : platform_(platform),
        options_(options),
        net_(waker(platform.wake_event()), client::NetOptions{data_dir_, ""}),
        finder_(waker(platform.wake_event())),
        assets_(load_assets()) {
    const auto remembered = client::load_remembered(data_dir_);
    ui_.name = options.name.empty() ? remembered.name : options.name;
    ui_.join_address = remembered.address;
    ui_.host_port = options.port;
    ui_.consent_to_recording = options.record;
    if (options.join) {
      ui_.join_code = options.join->code;
      ui_.join_address = options.join->address;
    }
    app_.give_up_after_ms = std::int64_t{options.give_up_seconds} * 1000;
    app_.session.give_up_after_ms = app_.give_up_after_ms;
    std::string error;
    auto seat = client::load_seat(data_dir_, error);
    if (!error.empty()) attune::log::error(error);
    if (seat) dispatch(client::action::SeatOnDisk{std::make_shared<const client::SavedSeat>(*seat), wall_clock_ms()});
  }

  ~LiveApp() {
    if (app_.saved && client::mid_game(app_.session)) save_seat();  // the last drafts, whatever the debounce
    dispatch(client::action::Leave{});
    server_.stop();
  }
  LiveApp(const LiveApp&) = delete;
  LiveApp& operator=(const LiveApp&) = delete;

  void dispatch(const client::Action& action) {
    auto step = client::update(std::move(app_), action);
    app_ = std::move(step.app);
    carry_out(std::move(step.effects));
  }

  int run() {
    bool running = true;
    int frames = kFramesAfterEvent;
    while (running) {
      SDL_Event event;
      const client::Model& model = app_.session;
      // While the model waits on the clock (reconnecting), tick a few times a second.
      const bool ticking = model.link == client::Link::kReconnecting;
      // A replay that plays moves on its own; otherwise the loop sleeps.
      const bool replaying = app_.replay && app_.replay->cursor.playing;
      int wait = ui_.wants_animation || replaying ? kAnimationWaitMs : (frames > 0 ? 0 : kIdleWaitMs);
      if (ticking && wait != 0) wait = std::min(wait, kTickMs);
      // A clock or countdown on screen: sleep exactly until it changes.
      if (ui_.redraw_at_ms > 0 && wait != 0) {
        const auto until = ui_.redraw_at_ms - wall_clock_ms();
        wait = static_cast<int>(std::clamp<std::int64_t>(until, 1, wait));
      }
      bool got = wait == 0 ? SDL_PollEvent(&event) == 1 : SDL_WaitEventTimeout(&event, wait) == 1;
      while (got) {
        // The network's wake-up alone changes nothing on screen; what it
        // brings is looked at below.
        if (event.type != platform_.wake_event()) frames = kFramesAfterEvent;
        const bool close =
            event.type == SDL_QUIT || (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE);
        // Mid-game, closing asks first and says the seat is kept.
        if (close && !app_.quit && client::mid_game(app_.session) && options_.demo_rounds == 0) {
          ui_.close_dialog_open = true;
        } else if (close) {
          running = false;
        }
        if (event.type != platform_.wake_event()) platform_.process(event);
        got = SDL_PollEvent(&event) == 1;
      }
      if (wake_frames_ > 0) {
        frames = std::max(frames, wake_frames_);
        wake_frames_ = 0;
      }
      for (const auto& action : net_.poll()) {
        // Heartbeat answers change nothing a person sees: no frames for them.
        const auto* received = std::get_if<client::action::Received>(&action);
        const bool heartbeat = received != nullptr && (received->envelope.has_pong() || received->envelope.has_ping());
        dispatch(action);
        if (!heartbeat) frames = kFramesAfterEvent;
      }
      if (ticking) {
        const auto before = app_.session.link;
        dispatch(client::action::Tick{wall_clock_ms()});
        if (app_.session.link != before) frames = kFramesAfterEvent;
      }
      if (ui_.redraw_at_ms > 0 && wall_clock_ms() >= ui_.redraw_at_ms) frames = std::max(frames, 1);
      dispatch(client::action::KeepSeat{wall_clock_ms(), net_.host_fingerprint(), ui::drafts_to_save(ui_), ui_.name});
      if (app_.quit) running = false;
      if (play_replay()) frames = std::max(frames, 1);
      if (app_.session.link == client::Link::kIdle) {
        std::vector<std::string> nearby;
        for (const auto& game : finder_.games()) {
          if (game.compatible) nearby.push_back(game.address);
        }
        if (nearby != host_.games_nearby) {
          host_.games_nearby = std::move(nearby);
          frames = kFramesAfterEvent;
        }
      }
      announce();
      if (options_.demo_rounds > 0 && play_demo()) running = false;
      if (frames > 0 || ui_.wants_animation) {
        draw();
        if (frames > 0) --frames;
        // The same picture as the frame before and nothing asked for: the
        // layout has settled, so no more frames until something happens.
        if (platform_.frame_unchanged() && !frame_asked_) frames = 0;
      }
    }
    return 0;
  }

 private:
  void carry_out(client::AppEffects effects) {
    if (effects.stop_server) {
      server_.stop();
      host_.hosting = false;
      host_.port = 0;
      host_.addresses.clear();
      host_.port_note.clear();
      host_.announce_note.clear();
    }
    if (effects.remember_name || effects.remember_address) {
      auto remembered = client::load_remembered(data_dir_);
      if (effects.remember_name) remembered.name = *effects.remember_name;
      if (effects.remember_address) remembered.address = *effects.remember_address;
      if (auto error = client::save_remembered(data_dir_, remembered)) attune::log::error(*error);
    }
    if (effects.forget_saved_seat) client::forget_seat(data_dir_);
    if (effects.save_seat) save_seat();
    if (effects.restore_drafts) ui::restore_drafts(ui_, *effects.restore_drafts);
    if (effects.forget_host) net_.forget_host(*effects.forget_host);
    net_.apply(effects.session);
    if (effects.session.clear_drafts != client::kDraftNone) ui::clear_drafts(ui_, effects.session.clear_drafts);
    if (effects.save_hindsight && app_.replay) {
      if (auto error = client::save_hindsight(*app_.replay)) {
        attune::log::error(client::hindsight_path(app_.replay->file) + ": " + *error);
        dispatch(client::action::HindsightNotSaved{*error});
      }
    }
    if (effects.open_replay) {
      auto replay = std::make_shared<client::Replay>(client::open_replay(*effects.open_replay));
      if (replay->error) attune::log::error(*effects.open_replay + ": " + *replay->error);
      ui_.replay_scrolled_to = static_cast<std::size_t>(-1);
      replay_clock_ = std::chrono::steady_clock::now();
      dispatch(client::action::ReplayOpened{std::move(replay)});
    }
    if (effects.start_server) start_server(*effects.start_server);
  }

  // Starts the embedded server on `port`; when that is the usual port and it
  // is taken, on any free one, with a note on screen. Reports ServerStarted,
  // or Failed with the reason.
  void start_server(std::uint16_t port) {
    server_.stop();
    auto error = server_.start("0.0.0.0", port, default_assets_dir(), options_.announce);
    if (error && port == kUsualPort) {
      if (!server_.start("0.0.0.0", 0, default_assets_dir(), options_.announce)) {
        host_.port_note = "Port " + std::to_string(kUsualPort) +
                          " is busy on this laptop (another Attune, or another program), so this game is on port " +
                          std::to_string(server_.port()) + ". Your partner needs this address; it differs from usual.";
        error.reset();
      }
    }
    if (error) {
      attune::log::error(*error);
      dispatch(client::action::Failed{*error});
      return;
    }
    host_.hosting = true;
    host_.port = server_.port();
    host_.addresses = lan_ipv4_addresses();
    host_.announce_note = server_.announce_problem();
    announced_code_.clear();
    std::cout << "attune: hosting on port " << host_.port;
    for (const auto& address : host_.addresses) std::cout << " " << address << ":" << host_.port;
    std::cout << std::endl;
    dispatch(client::action::ServerStarted{host_.port});
  }

  // Moves a playing replay on by the time since the last frame. True when
  // the cursor moved (or stopped), so the frame is drawn.
  bool play_replay() {
    const auto now = std::chrono::steady_clock::now();
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - replay_clock_).count();
    replay_clock_ = now;
    if (!app_.replay || !app_.replay->cursor.playing) return false;
    const auto before = app_.replay->cursor;
    dispatch(client::action::ReplayElapsed{std::min<std::int64_t>(elapsed, 1000)});
    if (!app_.replay) return true;
    return app_.replay->cursor.position != before.position || !app_.replay->cursor.playing;
  }

  // The scripted partner's move, sent the way a view would send it. True
  // when the demo is over.
  bool play_demo() {
    const client::Model& model = app_.session;
    if (model.link == client::Link::kFailed || model.link == client::Link::kLost) {
      attune::log::error("demo stopped: " + model.lost_reason);
      return true;
    }
    if (model.link != client::Link::kInRoom) return false;
    if (model.room.stage == Stage::kEnded) {
      std::cout << "attune: demo played " << model.room.finished_rounds.size() << " round(s); session ended"
                << std::endl;
      return true;
    }
    if (model.room.finished_rounds.size() >= options_.demo_rounds) {
      if (model.plan && model.plan->kind == client::Plan::Kind::kCreate && !client::waiting_on_server(model)) {
        dispatch(client::action::Leave{});
      }
      return false;
    }
    auto command = model.seat == v1::SEAT_HOST ? demo_host_.next(model) : demo_partner_.next(model);
    if (command) {
      dispatch(client::action::Play{*command, client::kDraftNone});
      wake_frames_ = kFramesAfterEvent;
    }
    return false;
  }

  // Prints the join code once, for scripts and for the person at a terminal.
  void announce() {
    const client::Model& model = app_.session;
    if (model.link != client::Link::kInRoom || model.join_code.empty() || model.join_code == announced_code_) {
      return;
    }
    announced_code_ = model.join_code;
    std::cout << "attune: join code " << model.join_code;
    if (host_.hosting) std::cout << " on port " << host_.port;
    std::cout << std::endl;
  }

  void draw() {
    offer_rejoin();
    std::vector<client::Action> actions;
    const ui::ViewContext ctx{
        app_.session, ui_, assets_, host_, wall_clock_ms(), actions, app_.replay ? &*app_.replay : nullptr};
    ui_.record_items = !options_.ui_map.empty();
    if (ui_.record_items) ui_.items.clear();
    platform_.begin_frame();
    ui::draw_app(ctx);
    platform_.end_frame(false);
    write_ui_map();
    snapshot();
    platform_.present();
    frame_asked_ = !actions.empty();
    for (const auto& action : actions) {
      if (app_.replay) replay_clock_ = std::chrono::steady_clock::now();
      dispatch(action);
    }
  }

  // With --ui-map: where each named control is, rewritten when it changes.
  void write_ui_map() {
    if (options_.ui_map.empty()) return;
    std::ostringstream out;
    out << "screen " << static_cast<int>(ui::screen_for(app_.session)) << "\n";
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) out << "popup\n";
    for (const auto& [name, rect] : ui_.items) {
      out << name << "\t" << static_cast<int>(rect[0]) << " " << static_cast<int>(rect[1]) << " "
          << static_cast<int>(rect[2]) << " " << static_cast<int>(rect[3]) << "\n";
    }
    if (out.str() == ui_map_written_) return;
    ui_map_written_ = out.str();
    const std::string temp = options_.ui_map + ".tmp";
    {
      std::ofstream file(temp, std::ios::trunc);
      file << ui_map_written_;
    }
    std::error_code ignored;
    std::filesystem::rename(temp, options_.ui_map, ignored);
  }

  // With --snapshot: one PNG per new screen, once its layout has settled.
  void snapshot() {
    if (options_.snapshot_dir.empty()) return;
    const ui::Screen screen = ui::screen_for(app_.session);
    const auto key = static_cast<int>(screen) * 1000 + static_cast<int>(app_.session.room.round.number);
    if (key != snapshot_key_) {
      snapshot_key_ = key;
      snapshot_frames_ = 0;
      return;
    }
    if (++snapshot_frames_ != 2) return;
    std::error_code ignored;
    std::filesystem::create_directories(options_.snapshot_dir, ignored);
    std::ostringstream name;
    name << std::setw(2) << std::setfill('0') << ++snapshot_count_ << "-screen" << static_cast<int>(screen) << "-round"
         << app_.session.room.round.number << ".png";
    std::string error;
    if (!platform_.save_png((std::filesystem::path(options_.snapshot_dir) / name.str()).string(), error)) {
      attune::log::error("snapshot: " + error);
    }
  }

  // The start screen's "Rejoin the game with Maya", from the saved seat.
  void offer_rejoin() {
    ui_.rejoin_partner.clear();
    ui_.rejoin_note.clear();
    ui_.rejoin_until_ms = 0;
    if (app_.session.link != client::Link::kIdle) return;
    if (!app_.saved) {
      // Past its keep time: the start screen says so, with no Rejoin.
      if (app_.lapsed_seat) {
        ui_.rejoin_partner = app_.lapsed_seat->partner_name.empty() ? "-" : app_.lapsed_seat->partner_name;
        ui_.rejoin_until_ms = client::seat_kept_until(*app_.lapsed_seat);
      }
      return;
    }
    const client::SavedSeat& seat = *app_.saved;
    ui_.rejoin_partner = seat.partner_name.empty() ? "-" : seat.partner_name;
    ui_.rejoin_until_ms = client::seat_kept_until(seat);
    ui_.rejoin_note = "Your seat is kept until about " + ui::clock_time(seat.saved_at_ms + seat.keep_ms) +
                      ", with what you were writing." +
                      (seat.hosted_here ? " This laptop hosted the game; rejoining starts it again." : "");
  }

  void save_seat() {
    if (!app_.saved) return;
    client::SavedSeat seat = *app_.saved;
    seat.saved_at_ms = wall_clock_ms();
    if (auto error = client::save_seat(data_dir_, seat)) attune::log::error(*error);
  }

  Platform& platform_;
  AppOptions options_;
  std::filesystem::path data_dir_ = default_data_dir();
  client::NetClient net_;
  client::GameFinder finder_;
  ui::Assets assets_;
  client::App app_;
  ui::UiState ui_;
  ui::HostInfo host_;
  EmbeddedServer server_;
  std::string announced_code_;
  client::ScriptedPartner demo_partner_{42};
  client::ScriptedHost demo_host_{"", options_.demo_rounds};
  std::chrono::steady_clock::time_point replay_clock_ = std::chrono::steady_clock::now();
  bool frame_asked_ = false;  // the last frame's views asked for something
  int wake_frames_ = 0;
  std::string ui_map_written_;
  int snapshot_key_ = -1;
  int snapshot_frames_ = 0;
  int snapshot_count_ = 0;
};

}  // namespace

int run_live(const AppOptions& options) {
  Platform platform;
  std::string error;
  if (!platform.open(PlatformOptions{}, error)) {
    attune::log::error(error);
    return 1;
  }
  const float scale = options.scale * platform.display_scale();
  platform.load_fonts(scale, platform.framebuffer_ratio());
  platform.style(options.theme, scale);

  LiveApp app(platform, options);
  if (!options.replay.empty()) {
    app.dispatch(client::action::OpenReplay{options.replay});
  } else if (options.host) {
    app.dispatch(client::action::Host{options.name, static_cast<std::uint16_t>(options.port),
                                      options.host_seat ? v1::SEAT_HOST : v1::SEAT_PARTNER_A, options.record});
  } else if (options.join) {
    app.dispatch(client::action::Join{options.name, options.join->address, options.join->code, options.record});
  }
  return app.run();
}

}  // namespace attune::app
