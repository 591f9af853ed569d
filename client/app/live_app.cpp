// The live window: SDL events and network news in, model updates through
// attune::client::update, effects out to the network thread, views drawn
// only when something changed (or while something moves on screen).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/app.hpp"
#include "app/embedded_server.hpp"
#include "app/lan_addresses.hpp"
#include "app/platform.hpp"
#include "attune/content.hpp"
#include "attune/keys.hpp"
#include "bot/scripted_partner.hpp"
#include "net/discovery.hpp"
#include "net/net_client.hpp"
#include "ui/screens.hpp"
#include "ui/view_context.hpp"

namespace attune::app {
namespace {

// Frames drawn after each event, so layout that settles over a frame or two
// (cards, popups) is right before the loop sleeps again.
constexpr int kFramesAfterEvent = 3;
constexpr int kIdleWaitMs = 1000;
constexpr int kAnimationWaitMs = 33;
constexpr int kTickMs = 250;

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
    std::cerr << "attune: " << std::get<ContentError>(feelings).message << "\n";
  }
  auto nudges = load_nudges(dir / "nudges.textproto");
  if (auto* ok = std::get_if<v1::NudgeLexicon>(&nudges)) {
    assets.nudges = std::move(*ok);
  } else {
    std::cerr << "attune: " << std::get<ContentError>(nudges).message << "\n";
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

class LiveApp {
 public:
  LiveApp(Platform& platform, const AppOptions& options)
      : platform_(platform),
        options_(options),
        net_(waker(platform.wake_event()), client::NetOptions{default_data_dir(), ""}),
        finder_(waker(platform.wake_event())),
        assets_(load_assets()) {
    ui_.name = options.name;
    ui_.host_port = options.port;
    ui_.scale = options.scale;
    ui_.consent_to_recording = options.record;
    const auto at = options.join.find('@');
    if (at != std::string::npos) {
      ui_.join_code = options.join.substr(0, at);
      ui_.join_address = options.join.substr(at + 1);
    }
  }

  ~LiveApp() {
    dispatch(client::action::Leave{});
    server_.stop();
  }
  LiveApp(const LiveApp&) = delete;
  LiveApp& operator=(const LiveApp&) = delete;

  void handle(const ui::Intent& intent) {
    std::visit([this](const auto& i) { on(i); }, intent);
  }

  int run() {
    bool running = true;
    int frames = kFramesAfterEvent;
    while (running) {
      SDL_Event event;
      // While the model waits on the clock (reconnecting), tick a few times a second.
      const bool ticking = model_.link == client::Link::kReconnecting;
      // A replay that plays moves on its own; otherwise the loop sleeps.
      const bool replaying = ui_.replay && ui_.replay->cursor.playing;
      int wait = ui_.wants_animation || replaying ? kAnimationWaitMs : (frames > 0 ? 0 : kIdleWaitMs);
      if (ticking && wait != 0) wait = std::min(wait, kTickMs);
      bool got = wait == 0 ? SDL_PollEvent(&event) == 1 : SDL_WaitEventTimeout(&event, wait) == 1;
      while (got) {
        // The network's wake-up alone changes nothing on screen; what it
        // brings is looked at below.
        if (event.type != platform_.wake_event()) frames = kFramesAfterEvent;
        if (event.type == SDL_QUIT) running = false;
        if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE) running = false;
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
      if (ticking) dispatch(client::action::Tick{wall_clock_ms()});
      if (play_replay()) frames = std::max(frames, 1);
      if (model_.link == client::Link::kIdle) {
        std::vector<std::string> nearby;
        for (const auto& game : finder_.games()) {
          if (game.compatible) nearby.push_back(game.address);
        }
        if (nearby != host_.games_nearby) {
          host_.games_nearby = std::move(nearby);
          frames = kFramesAfterEvent;
        }
      }
      ui::settle_drafts(model_, ui_);
      announce();
      if (options_.demo_rounds > 0 && play_demo()) running = false;
      if (frames > 0 || ui_.wants_animation) {
        draw();
        if (frames > 0) --frames;
      }
    }
    return 0;
  }

 private:
  void dispatch(const client::Action& action) {
    auto step = client::update(std::move(model_), action);
    model_ = std::move(step.model);
    net_.apply(step.effects);
  }

  // Moves a playing replay on by the time since the last frame. True when
  // the cursor moved (or stopped), so the frame is drawn.
  bool play_replay() {
    const auto now = std::chrono::steady_clock::now();
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - replay_clock_).count();
    replay_clock_ = now;
    if (!ui_.replay || !ui_.replay->cursor.playing) return false;
    const auto before = ui_.replay->cursor;
    ui_.replay->cursor = client::advance(ui_.replay->index, before, std::min<std::int64_t>(elapsed, 1000));
    return ui_.replay->cursor.position != before.position || !ui_.replay->cursor.playing;
  }

  void connect(const std::string& server, client::Plan plan) {
    last_connect_ = client::action::Connect{server, std::move(plan)};
    dispatch(*last_connect_);
  }

  // Reports a failure to start through the model, as a connection that
  // could not be made, so the failed screen says what happened.
  void fail(const std::string& server, client::Plan plan, const std::string& reason) {
    auto step = client::update(std::move(model_), client::action::Connect{server, std::move(plan)});
    step = client::update(std::move(step.model), client::action::Disconnected{reason});
    model_ = std::move(step.model);
  }

  void on(const ui::intent::Host& host) {
    server_.stop();
    host_ = ui::HostInfo{};
    client::Plan plan{client::Plan::Kind::kCreate, host.name, {}, host.seat, host.consent_to_recording};
    if (auto error = server_.start("0.0.0.0", host.port, default_assets_dir())) {
      std::cerr << "attune: " << *error << "\n";
      fail("0.0.0.0:" + std::to_string(host.port), plan, *error);
      return;
    }
    host_.hosting = true;
    host_.port = server_.port();
    host_.addresses = lan_ipv4_addresses();
    announced_code_.clear();
    std::cout << "attune: hosting on port " << host_.port;
    for (const auto& address : host_.addresses) std::cout << " " << address << ":" << host_.port;
    std::cout << std::endl;
    connect("127.0.0.1:" + std::to_string(host_.port), plan);
  }

  void on(const ui::intent::Join& join) {
    server_.stop();
    host_ = ui::HostInfo{};
    connect(join.address, client::Plan{client::Plan::Kind::kJoin, join.name, join.code, v1::SEAT_UNSPECIFIED,
                                       join.consent_to_recording});
  }

  void on(const ui::intent::Play& play) {
    const std::uint64_t id = model_.next_command_id;
    dispatch(client::action::Play{play.command});
    if (model_.pending_command == id) {
      ui_.inflight_id = id;
      ui_.inflight_drafts = play.drafts;
    }
  }

  void on(const ui::intent::Leave&) {
    if (model_.link == client::Link::kInRoom && model_.room.stage != Stage::kEnded) {
      // End it for both, so the partner is not left waiting; the ended
      // screen then offers the way back to the start.
      v1::Command command;
      command.mutable_end_session();
      dispatch(client::action::Play{command});
      return;
    }
    on(ui::intent::BackToStart{});
  }

  void on(const ui::intent::Reconnect&) {
    if (last_connect_) dispatch(*last_connect_);
  }

  void on(const ui::intent::BackToStart&) {
    dispatch(client::action::Leave{});
    server_.stop();
    host_.hosting = false;
    host_.port = 0;
    host_.addresses.clear();
    last_connect_.reset();
  }

  void on(const ui::intent::DismissProblem&) { dispatch(client::action::DismissProblem{}); }

  void on(const ui::intent::OpenReplay& open) {
    ui_.replay = ui::open_replay(open.file);
    ui_.replay_scrolled_to = static_cast<std::size_t>(-1);
    replay_clock_ = std::chrono::steady_clock::now();
    if (ui_.replay->error) std::cerr << "attune: " << open.file << ": " << *ui_.replay->error << "\n";
  }

  void on(const ui::intent::CloseReplay&) { ui_.replay.reset(); }

  // Seeking, playing, the viewpoint and the hindsight dial. Only the
  // hindsight sidecar is ever written; the session file never is.
  template <typename ReplayIntent>
  void on(const ReplayIntent& intent) {
    if (!ui_.replay) return;
    replay_clock_ = std::chrono::steady_clock::now();
    if (!ui::apply_replay(*ui_.replay, intent, wall_clock_ms())) return;
    if (auto error = ui::save_hindsight(*ui_.replay)) {
      ui_.replay->hindsight_note = "Your hindsight ratings could not be saved: " + *error;
      std::cerr << "attune: " << client::hindsight_path(ui_.replay->file) << ": " << *error << "\n";
    }
  }

  // The scripted partner's move, sent the way a view would send it. True
  // when the demo is over.
  bool play_demo() {
    if (model_.link == client::Link::kFailed || model_.link == client::Link::kLost) {
      std::cerr << "attune: demo stopped: " << model_.lost_reason << "\n";
      return true;
    }
    if (model_.link != client::Link::kInRoom) return false;
    if (model_.room.stage == Stage::kEnded) {
      std::cout << "attune: demo played " << model_.room.finished_rounds.size() << " round(s); session ended"
                << std::endl;
      return true;
    }
    if (model_.room.finished_rounds.size() >= options_.demo_rounds) {
      if (model_.plan && model_.plan->kind == client::Plan::Kind::kCreate && !client::waiting_on_server(model_)) {
        on(ui::intent::Leave{});
      }
      return false;
    }
    auto command = model_.seat == v1::SEAT_HOST ? demo_host_.next(model_) : demo_partner_.next(model_);
    if (command) {
      on(ui::intent::Play{*command, ui::kDraftNone});
      wake_frames_ = kFramesAfterEvent;
    }
    return false;
  }

  // Prints the join code once, for scripts and for the person at a terminal.
  void announce() {
    if (model_.link != client::Link::kInRoom || model_.join_code.empty() || model_.join_code == announced_code_) {
      return;
    }
    announced_code_ = model_.join_code;
    std::cout << "attune: join code " << model_.join_code;
    if (host_.hosting) std::cout << " on port " << host_.port;
    std::cout << std::endl;
  }

  void draw() {
    std::vector<ui::Intent> intents;
    const ui::ViewContext ctx{model_, ui_, assets_, host_, wall_clock_ms(), intents};
    platform_.begin_frame();
    ui::draw_app(ctx);
    platform_.end_frame(false);
    snapshot();
    platform_.present();
    for (const auto& intent : intents) handle(intent);
  }

  // With --snapshot: one PNG per new screen, once its layout has settled.
  void snapshot() {
    if (options_.snapshot_dir.empty()) return;
    const ui::Screen screen = ui::screen_for(model_);
    const auto key = static_cast<int>(screen) * 1000 + static_cast<int>(model_.room.round.number);
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
         << model_.room.round.number << ".png";
    std::string error;
    if (!platform_.save_png((std::filesystem::path(options_.snapshot_dir) / name.str()).string(), error)) {
      std::cerr << "attune: snapshot: " << error << "\n";
    }
  }

  Platform& platform_;
  AppOptions options_;
  client::NetClient net_;
  client::GameFinder finder_;
  ui::Assets assets_;
  client::Model model_;
  ui::UiState ui_;
  ui::HostInfo host_;
  EmbeddedServer server_;
  std::optional<client::action::Connect> last_connect_;
  std::string announced_code_;
  client::ScriptedPartner demo_partner_{42};
  client::ScriptedHost demo_host_{"", options_.demo_rounds};
  std::chrono::steady_clock::time_point replay_clock_ = std::chrono::steady_clock::now();
  int wake_frames_ = 0;
  int snapshot_key_ = -1;
  int snapshot_frames_ = 0;
  int snapshot_count_ = 0;
};

}  // namespace

int run_live(const AppOptions& options) {
  Platform platform;
  std::string error;
  if (!platform.open(PlatformOptions{}, error)) {
    std::cerr << "attune: " << error << "\n";
    return 1;
  }
  const float scale = options.scale * platform.display_scale();
  platform.load_fonts(scale, platform.framebuffer_ratio());
  platform.style(options.theme, scale);

  LiveApp app(platform, options);
  if (!options.replay.empty()) {
    app.handle(ui::intent::OpenReplay{options.replay});
  } else if (options.host) {
    app.handle(ui::intent::Host{options.name, static_cast<std::uint16_t>(options.port),
                                options.host_seat ? v1::SEAT_HOST : v1::SEAT_PARTNER_A, options.record});
  } else if (!options.join.empty()) {
    const auto at = options.join.find('@');
    app.handle(ui::intent::Join{options.name, options.join.substr(at + 1), options.join.substr(0, at), options.record});
  }
  return app.run();
}

}  // namespace attune::app
