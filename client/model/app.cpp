#include "model/app.hpp"

#include <type_traits>
#include <variant>

namespace attune::client {
namespace {

void merge(Effects& into, Effects from) {
  if (from.connect_to) into.connect_to = std::move(from.connect_to);
  into.disconnect = into.disconnect || from.disconnect;
  for (auto& envelope : from.send) into.send.push_back(std::move(envelope));
  into.clear_drafts |= from.clear_drafts;
}

// The seat's own actions go to the seat's model.
void to_session(App& app, AppEffects& effects, const Action& action) {
  auto step = update(std::move(app.session), action);
  app.session = std::move(step.model);
  app.session.give_up_after_ms = app.give_up_after_ms;
  merge(effects.session, std::move(step.effects));
}

void connect(App& app, AppEffects& effects, const std::string& server, const Plan& plan) {
  app.last_connect = action::Connect{server, plan};
  to_session(app, effects, *app.last_connect);
}

// A failure to start, shown through the seat's model as a connection that
// could not be made, so the failed screen says what happened. Nothing is
// sent or opened.
void fail(App& app, const std::string& server, const Plan& plan, const std::string& reason) {
  auto step = update(std::move(app.session), action::Connect{server, plan});
  step = update(std::move(step.model), action::Disconnected{reason});
  app.session = std::move(step.model);
  app.session.give_up_after_ms = app.give_up_after_ms;
}

void stop_hosting(App& app, AppEffects& effects) {
  effects.stop_server = true;
  app.hosting = false;
  app.port = 0;
  app.starting.reset();
}

void forget_saved_seat(App& app, AppEffects& effects) {
  app.saved.reset();
  effects.forget_saved_seat = true;
}

void rejoin(App& app, AppEffects& effects) {
  if (!app.saved) return;
  const SavedSeat& seat = *app.saved;
  const Plan plan{Plan::Kind::kResume, seat.name, {}, seat.seat, false, seat.room_id, seat.seat_token};
  stop_hosting(app, effects);
  app.restore_drafts = true;
  if (seat.hosted_here) {
    // The game lived in this window: its server comes back on the same port
    // (the partner's laptop is retrying there) and reloads the room from its
    // store; the seat is taken once it listens.
    effects.start_server = seat.port;
    app.starting = App::Starting{plan, seat.port, seat.port, seat.server};
    return;
  }
  connect(app, effects, seat.server, plan);
}

// A seat's token goes only to the host whose certificate the seat was taken
// with: resuming at any other computer is refused before the token is sent.
bool same_host_as_seat(const App& app, const std::string& host_fingerprint) {
  const Model& model = app.session;
  const bool resuming = model.link == Link::kReconnecting || (model.plan && model.plan->kind == Plan::Kind::kResume);
  if (!resuming || !app.saved || app.saved->host_fingerprint.empty()) return true;
  return host_fingerprint == app.saved->host_fingerprint;
}

void back_to_start(App& app, AppEffects& effects) {
  // A seat the host still keeps stays saved: the start screen offers it.
  if (app.saved) effects.save_seat = true;
  to_session(app, effects, action::Leave{});
  stop_hosting(app, effects);
  app.last_connect.reset();
}

void keep_seat(App& app, AppEffects& effects, const action::KeepSeat& facts) {
  const Model& model = app.session;
  // The host said the seat is gone: nothing left to take back.
  if (model.link == Link::kFailed && model.plan && model.plan->kind == Plan::Kind::kResume && model.problem &&
      (model.problem->code == v1::ERROR_CODE_ROOM_ENDED || model.problem->code == v1::ERROR_CODE_SEAT_TOKEN_INVALID)) {
    if (app.saved) forget_saved_seat(app, effects);
    return;
  }
  if (model.link == Link::kIdle && app.saved && !seat_still_kept(*app.saved, facts.now_ms)) {
    app.lapsed_seat = app.saved;
    forget_saved_seat(app, effects);
    return;
  }
  if (model.link != Link::kInRoom || model.seat_token.empty()) return;
  if (model.room.stage == Stage::kEnded) {
    if (app.saved) forget_saved_seat(app, effects);
    return;
  }
  bool restored = false;
  if (app.restore_drafts && app.saved) {
    effects.restore_drafts = app.saved->drafts;
    app.restore_drafts = false;
    restored = true;  // this turn's drafts are from before the restore
  }
  if (!app.saved || app.saved->room_id != model.room_id) {
    app.saved = SavedSeat{};
    app.saved->server = model.server;
    app.saved->room_id = model.room_id;
    app.saved->host_fingerprint = facts.host_fingerprint;
    app.saved->hosted_here = app.hosting;
    app.saved->port = app.port;
    app.saved->keep_ms = kSeatKeptMs;
    app.seat_dirty = true;
  }
  SavedSeat& saved = *app.saved;
  if (model.seat_kept_ms > 0 && saved.keep_ms != model.seat_kept_ms) {
    saved.keep_ms = model.seat_kept_ms;  // the host's own keep time (RoomJoined)
    app.seat_dirty = true;
  }
  const std::string partner = partner_label(model);
  const bool changed = saved.seat_token != model.seat_token || saved.last_seq != model.room.last_seq ||
                       saved.seat != model.seat || saved.partner_name != partner;
  if (changed) {
    saved.seat_token = model.seat_token;
    saved.last_seq = model.room.last_seq;
    saved.seat = model.seat;
    const auto index = static_cast<std::size_t>(model.seat) % 4;
    saved.name = model.room.seats[index].name.empty() ? facts.typed_name : model.room.seats[index].name;
    saved.partner_name = partner;
    app.seat_dirty = true;
  }
  if (!restored && facts.drafts != saved.drafts) {
    saved.drafts = facts.drafts;
    app.drafts_dirty = true;
  }
  const std::int64_t since = facts.now_ms - app.last_seat_save_ms;
  if (app.seat_dirty || since >= kSeatRefreshMs || (app.drafts_dirty && since >= kDraftSaveEveryMs)) {
    saved.saved_at_ms = facts.now_ms;
    effects.save_seat = true;
    app.last_seat_save_ms = facts.now_ms;
    app.seat_dirty = false;
    app.drafts_dirty = false;
  }
}

}  // namespace

std::string partner_label(const Model& model) {
  if (model.seat == v1::SEAT_HOST) {
    const auto& a = model.room.seats[v1::SEAT_PARTNER_A];
    const auto& b = model.room.seats[v1::SEAT_PARTNER_B];
    if (a.taken && b.taken) return a.name + " and " + b.name;
    return a.taken ? a.name : (b.taken ? b.name : std::string());
  }
  const std::string name = partner_name(model);
  return name == "your partner" ? std::string() : name;
}

bool mid_game(const Model& model) {
  const bool seated = model.link == Link::kInRoom || model.link == Link::kReconnecting;
  return seated && model.room.stage != Stage::kEnded && model.room.stage != Stage::kEmpty;
}

AppStep update(App app, const Action& action) {
  AppEffects effects;
  std::visit(
      [&](const auto& a) {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, action::Host>) {
          effects.remember_name = a.name;
          forget_saved_seat(app, effects);
          stop_hosting(app, effects);
          effects.start_server = a.port;
          app.starting =
              App::Starting{Plan{Plan::Kind::kCreate, a.name, {}, a.seat, a.consent_to_recording}, a.port, 0, ""};
        } else if constexpr (std::is_same_v<T, action::Join>) {
          effects.remember_name = a.name;
          effects.remember_address = a.address;
          forget_saved_seat(app, effects);
          stop_hosting(app, effects);
          connect(app, effects, a.address,
                  Plan{Plan::Kind::kJoin, a.name, a.code, v1::SEAT_UNSPECIFIED, a.consent_to_recording});
        } else if constexpr (std::is_same_v<T, action::ServerStarted>) {
          if (!app.starting) return;
          const App::Starting starting = *app.starting;
          app.starting.reset();
          if (starting.needed_port != 0 && a.port != starting.needed_port) {
            stop_hosting(app, effects);
            fail(app, starting.server, starting.plan,
                 "Port " + std::to_string(starting.needed_port) +
                     ", where this game ran, is busy on this laptop now. Close the program using it, then press "
                     "Try again.");
            return;
          }
          app.hosting = true;
          app.port = a.port;
          connect(app, effects, starting.server.empty() ? "127.0.0.1:" + std::to_string(a.port) : starting.server,
                  starting.plan);
        } else if constexpr (std::is_same_v<T, action::Failed>) {
          if (app.starting) {
            const App::Starting starting = *app.starting;
            stop_hosting(app, effects);
            fail(app, "0.0.0.0:" + std::to_string(starting.port), starting.plan, a.reason);
            return;
          }
          effects.session.disconnect = true;
          fail(app, app.session.server, app.session.plan.value_or(Plan{}), a.reason);
        } else if constexpr (std::is_same_v<T, action::Connected>) {
          if (!same_host_as_seat(app, a.host_fingerprint)) {
            effects.session.disconnect = true;
            fail(app, app.session.server, app.session.plan.value_or(Plan{}),
                 "The computer at " + app.session.server +
                     " is not the host this seat was taken at: its identity is different. Your seat was not sent to "
                     "it. If the game moved, join again with a new code.");
            return;
          }
          to_session(app, effects, a);
        } else if constexpr (std::is_same_v<T, action::Leave>) {
          if (app.session.link == Link::kInRoom && app.session.room.stage != Stage::kEnded) {
            // End it for both, so the partner is not left waiting; the ended
            // screen then offers the way back to the start.
            v1::Command command;
            command.mutable_end_session();
            to_session(app, effects, action::Play{command, kDraftNone});
            return;
          }
          back_to_start(app, effects);
        } else if constexpr (std::is_same_v<T, action::Reconnect>) {
          // A seat this laptop held is taken back; joining by the used code
          // again would only hear "already has both partners".
          if (app.saved) {
            rejoin(app, effects);
          } else if (app.last_connect) {
            to_session(app, effects, *app.last_connect);
          }
        } else if constexpr (std::is_same_v<T, action::Rejoin>) {
          rejoin(app, effects);
        } else if constexpr (std::is_same_v<T, action::ForgetSeat>) {
          forget_saved_seat(app, effects);
        } else if constexpr (std::is_same_v<T, action::ForgetHost>) {
          // Only after the host's identity changed, and only for that address.
          if (!app.session.host_identity_changed) return;
          effects.forget_host = app.session.server;
          app.session.host_identity_changed = false;
          app.session.lost_reason = "This laptop no longer trusts the computer at " + app.session.server +
                                    ". Press Try again to pair with it afresh, with the code on the host's screen.";
        } else if constexpr (std::is_same_v<T, action::CloseApp>) {
          app.quit = true;
          effects.quit = true;
        } else if constexpr (std::is_same_v<T, action::BackToStart>) {
          back_to_start(app, effects);
        } else if constexpr (std::is_same_v<T, action::OpenReplay>) {
          effects.open_replay = a.file;
        } else if constexpr (std::is_same_v<T, action::HindsightNotSaved>) {
          if (app.replay) app.replay->hindsight_note = "Your hindsight ratings could not be saved: " + a.reason;
        } else if constexpr (std::is_same_v<T, action::SeatOnDisk>) {
          if (!a.seat) return;
          if (seat_still_kept(*a.seat, a.now_ms)) {
            app.saved = *a.seat;
            app.lapsed_seat.reset();
          } else {
            app.lapsed_seat = *a.seat;
            forget_saved_seat(app, effects);
          }
        } else if constexpr (std::is_same_v<T, action::KeepSeat>) {
          keep_seat(app, effects, a);
        } else if constexpr (std::is_same_v<T, action::ReplayOpened>) {
          if (a.replay) app.replay = std::move(*a.replay);
        } else if constexpr (std::is_same_v<T, action::CloseReplay>) {
          app.replay.reset();
        } else if constexpr (std::is_same_v<T, action::ReplaySeek> || std::is_same_v<T, action::ReplayPlay> ||
                             std::is_same_v<T, action::ReplaySpeed> || std::is_same_v<T, action::ReplayViewpoint> ||
                             std::is_same_v<T, action::RateMoment> || std::is_same_v<T, action::ReplayElapsed>) {
          // Only the hindsight sidecar is ever written; the session file never is.
          if (app.replay && update_replay(*app.replay, action)) effects.save_hindsight = true;
        } else {
          // The seat's own: network news, the clock, Play, DismissProblem, Connect.
          to_session(app, effects, action);
        }
      },
      action);
  return AppStep{std::move(app), std::move(effects)};
}

}  // namespace attune::client
