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
#include "attune/keys.hpp"
#include "attune/log.hpp"
#include "bot/scripted_partner.hpp"
#include "model/saved_seat.hpp"
#include "net/discovery.hpp"
#include "net/net_client.hpp"
#include "ui/screens.hpp"
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
// How long a host keeps a dropped seat when it does not say (ServerConfig::keep_seat
// default); RoomJoined.seat_kept_seconds replaces it.
constexpr std::int64_t kSeatKeptMs = 15 * 60 * 1000;
// Drafts are written to disk at most this often while typing.
constexpr std::int64_t kDraftSaveEveryMs = 1500;

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

class LiveApp {
 public:
  LiveApp(Platform& platform, const AppOptions& options)
      : platform_(platform),
        options_(options),
        net_(waker(platform.wake_event()), client::NetOptions{default_data_dir(), ""}),
        finder_(waker(platform.wake_event())),
        assets_(load_assets()) {
    const auto remembered = client::load_remembered(data_dir_);
    ui_.name = options.name.empty() ? remembered.name : options.name;
    ui_.join_address = remembered.address;
    ui_.host_port = options.port;
    ui_.scale = options.scale;
    ui_.consent_to_recording = options.record;
    const auto at = options.join.find('@');
    if (at != std::string::npos) {
      ui_.join_code = options.join.substr(0, at);
      ui_.join_address = options.join.substr(at + 1);
    }
    offer_rejoin();
  }

  ~LiveApp() {
    if (saved_ && mid_game()) save_now();  // the last drafts, whatever the debounce
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
        if (close && !quit_ && mid_game() && options_.demo_rounds == 0) {
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
        if (std::holds_alternative<client::action::Connected>(action) && !same_host_as_seat()) continue;
        dispatch(action);
        if (!heartbeat) frames = kFramesAfterEvent;
      }
      if (ticking) {
        const auto before = model_.link;
        dispatch(client::action::Tick{wall_clock_ms()});
        if (model_.link != before) frames = kFramesAfterEvent;
      }
      if (ui_.redraw_at_ms > 0 && wall_clock_ms() >= ui_.redraw_at_ms) frames = std::max(frames, 1);
      keep_seat();
      if (quit_) running = false;
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
        // The same picture as the frame before and nothing asked for: the
        // layout has settled, so no more frames until something happens.
        if (platform_.frame_unchanged() && !frame_asked_) frames = 0;
      }
    }
    return 0;
  }

 private:
  void dispatch(const client::Action& action) {
    auto step = client::update(std::move(model_), action);
    model_ = std::move(step.model);
    model_.give_up_after_ms = std::int64_t{options_.give_up_seconds} * 1000;
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
    remember(host.name, ui_.join_address);
    forget_saved_seat();
    client::Plan plan{client::Plan::Kind::kCreate, host.name, {}, host.seat, host.consent_to_recording};
    if (!start_server(host.port, plan)) return;
    connect("127.0.0.1:" + std::to_string(host_.port), plan);
  }

  // Starts the embedded server on `port`; when that is the usual port and it
  // is taken, on any free one, with a note on screen. False (and the failed
  // screen) when it cannot start at all.
  bool start_server(std::uint16_t port, const client::Plan& plan) {
    server_.stop();
    host_ = ui::HostInfo{};
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
      fail("0.0.0.0:" + std::to_string(port), plan, *error);
      return false;
    }
    host_.hosting = true;
    host_.port = server_.port();
    host_.addresses = lan_ipv4_addresses();
    host_.announce_note = server_.announce_problem();
    announced_code_.clear();
    std::cout << "attune: hosting on port " << host_.port;
    for (const auto& address : host_.addresses) std::cout << " " << address << ":" << host_.port;
    std::cout << std::endl;
    return true;
  }

  void on(const ui::intent::Join& join) {
    remember(join.name, join.address);
    forget_saved_seat();
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
    // A seat this laptop held is taken back; joining by the used code again
    // would only hear "already has both partners".
    if (saved_) {
      on(ui::intent::Rejoin{});
      return;
    }
    if (last_connect_) dispatch(*last_connect_);
  }

  void on(const ui::intent::Rejoin&) {
    if (!saved_) return;
    const client::SavedSeat seat = *saved_;
    client::Plan plan{client::Plan::Kind::kResume, seat.name, {}, seat.seat, false, seat.room_id, seat.seat_token};
    if (seat.hosted_here) {
      // The game lived in this window: its server comes back on the same
      // port (the partner's laptop is retrying there) and reloads the room
      // from its store.
      if (!start_server(seat.port, plan)) return;
      if (host_.port != seat.port) {
        server_.stop();
        host_ = ui::HostInfo{};
        fail(seat.server, plan,
             "Port " + std::to_string(seat.port) +
                 ", where this game ran, is busy on this laptop now. Close the "
                 "program using it, then press Try again.");
        return;
      }
    } else {
      server_.stop();
      host_ = ui::HostInfo{};
    }
    connect(seat.server, plan);
    restore_drafts_once_ = true;
  }

  void on(const ui::intent::ForgetSeat&) { forget_saved_seat(); }

  void on(const ui::intent::CloseApp&) { quit_ = true; }

  void on(const ui::intent::BackToStart&) {
    // A seat the host still keeps stays saved: the start screen offers it.
    if (saved_) save_now();
    dispatch(client::action::Leave{});
    server_.stop();
    host_.hosting = false;
    host_.port = 0;
    host_.addresses.clear();
    last_connect_.reset();
    offer_rejoin();
  }

  void on(const ui::intent::DismissProblem&) { dispatch(client::action::DismissProblem{}); }

  void on(const ui::intent::OpenReplay& open) {
    ui_.replay = ui::open_replay(open.file);
    ui_.replay_scrolled_to = static_cast<std::size_t>(-1);
    replay_clock_ = std::chrono::steady_clock::now();
    if (ui_.replay->error) attune::log::error(open.file + ": " + *ui_.replay->error);
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
      attune::log::error(client::hindsight_path(ui_.replay->file) + ": " + *error);
    }
  }

  // The scripted partner's move, sent the way a view would send it. True
  // when the demo is over.
  bool play_demo() {
    if (model_.link == client::Link::kFailed || model_.link == client::Link::kLost) {
      attune::log::error("demo stopped: " + model_.lost_reason);
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
    ui_.record_items = !options_.ui_map.empty();
    if (ui_.record_items) ui_.items.clear();
    platform_.begin_frame();
    ui::draw_app(ctx);
    platform_.end_frame(false);
    write_ui_map();
    snapshot();
    platform_.present();
    frame_asked_ = !intents.empty();
    for (const auto& intent : intents) handle(intent);
  }

  // With --ui-map: where each named control is, rewritten when it changes.
  void write_ui_map() {
    if (options_.ui_map.empty()) return;
    std::ostringstream out;
    out << "screen " << static_cast<int>(ui::screen_for(model_)) << "\n";
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
      attune::log::error("snapshot: " + error);
    }
  }

  [[nodiscard]] bool mid_game() const {
    const bool seated = model_.link == client::Link::kInRoom || model_.link == client::Link::kReconnecting;
    return seated && model_.room.stage != Stage::kEnded && model_.room.stage != Stage::kEmpty;
  }

  void remember(const std::string& name, const std::string& address) {
    if (auto error = client::save_remembered(data_dir_, client::Remembered{name, address})) {
      attune::log::error(*error);
    }
  }

  // The start screen's "Rejoin the game with Maya", from the seat on disk.
  void offer_rejoin() {
    ui_.rejoin_partner.clear();
    ui_.rejoin_note.clear();
    ui_.rejoin_until_ms = 0;
    std::string error;
    auto seat = client::load_seat(data_dir_, error);
    if (!error.empty()) attune::log::error(error);
    const auto now = wall_clock_ms();
    if (!seat) return;
    const std::string partner = seat->partner_name.empty() ? "-" : seat->partner_name;
    const std::int64_t until = client::seat_kept_until(*seat);
    if (!client::seat_still_kept(*seat, now)) {
      forget_saved_seat();
      ui_.rejoin_partner = partner;  // past its keep time: the start screen says so, with no Rejoin
      ui_.rejoin_until_ms = until;
      return;
    }
    saved_ = std::move(seat);
    ui_.rejoin_partner = partner;
    ui_.rejoin_until_ms = until;
    ui_.rejoin_note = "Your seat is kept until about " + ui::clock_time(saved_->saved_at_ms + saved_->keep_ms) +
                      ", with what you were writing." +
                      (saved_->hosted_here ? " This laptop hosted the game; rejoining starts it again." : "");
  }

  void forget_saved_seat() {
    saved_.reset();
    client::forget_seat(data_dir_);
    ui_.rejoin_partner.clear();
    ui_.rejoin_note.clear();
    ui_.rejoin_until_ms = 0;
  }

  // Refuses to resume a seat at a host whose certificate is not the one the
  // seat was taken with: the seat token never goes to another computer.
  bool same_host_as_seat() {
    const bool resuming =
        model_.link == client::Link::kReconnecting || (model_.plan && model_.plan->kind == client::Plan::Kind::kResume);
    if (!resuming || !saved_ || saved_->host_fingerprint.empty()) return true;
    const std::string now = net_.host_fingerprint();
    if (now == saved_->host_fingerprint) return true;
    net_.disconnect();
    auto plan = model_.plan.value_or(client::Plan{});
    fail(model_.server, plan,
         "The computer at " + model_.server +
             " is not the host this seat was taken at: its identity is different. Your seat was not sent to it. "
             "If the game moved, join again with a new code.");
    return false;
  }

  static std::string partner_label(const client::Model& model) {
    if (model.seat == v1::SEAT_HOST) {
      const auto& a = model.room.seats[v1::SEAT_PARTNER_A];
      const auto& b = model.room.seats[v1::SEAT_PARTNER_B];
      if (a.taken && b.taken) return a.name + " and " + b.name;
      return a.taken ? a.name : (b.taken ? b.name : std::string());
    }
    const std::string name = client::partner_name(model);
    return name == "your partner" ? std::string() : name;
  }

  // Keeps the seat on disk while this window holds one, so a crash, a closed
  // window or a reboot can take it back; forgets it when the session ends or
  // the host says the seat is gone.
  void keep_seat() {
    if (model_.link == client::Link::kFailed && model_.plan && model_.plan->kind == client::Plan::Kind::kResume &&
        model_.problem &&
        (model_.problem->code == v1::ERROR_CODE_ROOM_ENDED ||
         model_.problem->code == v1::ERROR_CODE_SEAT_TOKEN_INVALID)) {
      if (saved_) forget_saved_seat();
      return;
    }
    if (model_.link != client::Link::kInRoom || model_.seat_token.empty()) return;
    if (model_.room.stage == Stage::kEnded) {
      if (saved_) forget_saved_seat();
      return;
    }
    if (restore_drafts_once_ && saved_) {
      ui::restore_drafts(ui_, saved_->drafts);
      restore_drafts_once_ = false;
    }
    if (!saved_ || saved_->room_id != model_.room_id) {
      saved_ = client::SavedSeat{};
      saved_->server = model_.server;
      saved_->room_id = model_.room_id;
      saved_->host_fingerprint = net_.host_fingerprint();
      saved_->hosted_here = host_.hosting;
      saved_->port = host_.port;
      saved_->keep_ms = kSeatKeptMs;
      seat_dirty_ = true;
    }
    if (model_.seat_kept_ms > 0 && saved_->keep_ms != model_.seat_kept_ms) {
      saved_->keep_ms = model_.seat_kept_ms;  // the host's own keep time (RoomJoined)
      seat_dirty_ = true;
    }
    const auto drafts = ui::drafts_to_save(ui_);
    const std::string partner = partner_label(model_);
    const bool changed = saved_->seat_token != model_.seat_token || saved_->last_seq != model_.room.last_seq ||
                         saved_->seat != model_.seat || saved_->partner_name != partner;
    if (changed) {
      saved_->seat_token = model_.seat_token;
      saved_->last_seq = model_.room.last_seq;
      saved_->seat = model_.seat;
      saved_->name = ui::my_name(model_).empty() ? ui_.name : ui::my_name(model_);
      saved_->partner_name = partner;
      seat_dirty_ = true;
    }
    if (drafts != saved_->drafts) {
      saved_->drafts = drafts;
      drafts_dirty_ = true;
    }
    const auto now = wall_clock_ms();
    // Once a minute regardless: the keep time counts from when the seat was last seen.
    const bool stale = now - last_seat_save_ms_ >= 60'000;
    if (seat_dirty_ || stale || (drafts_dirty_ && now - last_seat_save_ms_ >= kDraftSaveEveryMs)) save_now();
  }

  void save_now() {
    if (!saved_) return;
    const auto now = wall_clock_ms();
    saved_->saved_at_ms = now;
    if (auto error = client::save_seat(data_dir_, *saved_)) attune::log::error(*error);
    last_seat_save_ms_ = now;
    seat_dirty_ = false;
    drafts_dirty_ = false;
  }

  Platform& platform_;
  AppOptions options_;
  std::filesystem::path data_dir_ = default_data_dir();
  std::optional<client::SavedSeat> saved_;
  bool seat_dirty_ = false;
  bool drafts_dirty_ = false;
  bool restore_drafts_once_ = false;
  bool quit_ = false;
  std::int64_t last_seat_save_ms_ = 0;
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
  bool frame_asked_ = false;  // the last frame's views asked for something
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
