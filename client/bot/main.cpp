// attune-bot: scripted partners that play real rounds against a server, over
// the same model and network code the window uses.
#include <CLI/CLI.hpp>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "attune/address.hpp"
#include "attune/log.hpp"
#include "attune/program_help.hpp"
#include "bot/scripted_partner.hpp"
#include "net/discovery.hpp"
#include "net/net_client.hpp"

namespace {

using attune::client::Model;

struct Waker {
  std::mutex mutex;
  std::condition_variable cv;
  bool woken = false;
  void wake() {
    {
      std::lock_guard lock(mutex);
      woken = true;
    }
    cv.notify_one();
  }
  void wait_for(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex);
    cv.wait_for(lock, limit, [&] { return woken; });
    woken = false;
  }
};

struct BotSeat {
  BotSeat(Waker& waker, std::uint64_t seed, const attune::client::NetOptions& options)
      : net([&waker] { waker.wake(); }, options), partner(seed) {}
  attune::client::NetClient net;
  Model model;
  attune::client::ScriptedPartner partner;
  std::size_t printed_rounds = 0;
  bool playing = true;
  bool said_reconnecting = false;
  std::optional<attune::client::ScriptedHost> host;  // set for the host's seat
  std::int64_t pace_ms = 0;                          // thinking time between moves, like a person
  std::int64_t next_move_ms = 0;

  void dispatch(const attune::client::Action& action) {
    auto step = attune::client::update(std::move(model), action);
    model = std::move(step.model);
    net.apply(step.effects);
  }
  void pump() {
    for (auto& action : net.poll()) dispatch(action);
    const auto now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    dispatch(attune::client::action::Tick{now});
    const bool reconnecting = model.link == attune::client::Link::kReconnecting;
    if (reconnecting && !said_reconnecting) attune::log::warn(model.lost_reason + " Reconnecting...");
    if (!reconnecting && said_reconnecting && model.link == attune::client::Link::kInRoom) {
      attune::log::info("back in the game");
    }
    said_reconnecting = reconnecting;
    if (!playing || now < next_move_ms) return;
    if (host) {
      if (auto command = host->next(model)) {
        dispatch(attune::client::action::Play{*command});
        next_move_ms = now + pace_ms;
      }
      return;
    }
    if (auto command = partner.next(model)) {
      dispatch(attune::client::action::Play{*command});
      next_move_ms = now + pace_ms;
    }
  }
};

std::string seat_label(const Model& model, attune::v1::Seat seat) {
  const auto& info = model.room.seats[static_cast<std::size_t>(seat)];
  return info.name + " (" + std::string(attune::seat_name(seat)) + ")";
}

void print_round(const Model& model, std::size_t index) {
  const auto& reveal = model.room.finished_rounds[index];
  if (!reveal.has_speaker_rating() || !reveal.has_listener_prediction()) {
    // The host kept each rating with its rater: this seat has only its own.
    std::cout << "round " << index + 1 << ": ratings kept with their raters; intensity " << reveal.intensity_before()
              << " at the start" << std::endl;
    return;
  }
  const auto speaker = reveal.speaker_rating().by();
  const auto listener = reveal.listener_prediction().by();
  std::cout << "round " << index + 1 << ": speaker " << seat_label(model, speaker) << ", listener "
            << seat_label(model, listener) << "; speaker rated "
            << attune::client::format_parts(reveal.speaker_rating().parts()) << ", listener predicted "
            << attune::client::format_parts(reveal.listener_prediction().parts()) << "; intensity "
            << reveal.intensity_before() << " -> " << reveal.intensity_after() << " (guessed "
            << reveal.intensity_guess() << "); empathic accuracy " << reveal.empathic_accuracy() << "%" << std::endl;
}

// Lists the games heard on the LAN: "found game at ADDR (instance ID, protocol N)".
int discover(std::chrono::seconds limit, const std::string& on) {
  attune::HostPort where;
  std::string error;
  if (!attune::parse_host_port(on, where, error)) {
    attune::log::error(error);
    return 2;
  }
  attune::client::GameFinder finder({}, where.port, where.host);
  if (!finder.problem().empty()) {
    attune::log::error(finder.problem());
    return 1;
  }
  std::cout << "listening for games on " << where.host << ":" << finder.port() << std::endl;
  std::set<std::string> printed;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& game : finder.games()) {
      if (!printed.insert(game.instance_id + game.address).second) continue;
      std::cout << "found game at " << game.address << " (instance " << game.instance_id << ", protocol "
                << game.protocol_version << (game.compatible ? "" : ", needs another Attune version") << ")"
                << std::endl;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (printed.empty()) {
    attune::log::warn("no games heard; type the host's address instead.");
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"attune-bot: scripted partners that play Attune rounds against a server."};
  std::string server;
  bool pair = false;
  bool create = false;
  std::string join_code;
  unsigned rounds = 1;
  std::uint64_t seed = 1;
  unsigned timeout_s = 120;
  bool no_consent = false;
  bool with_host = false;
  std::string host_note;
  unsigned pace_ms = 0;
  attune::client::NetOptions net_options;
  app.add_option("--server", server, "HOST:PORT of an attune-server (needed unless --discover)");
  unsigned discover_s = 0;
  std::string discover_on = "0.0.0.0:" + std::to_string(attune::kDiscoveryPort);
  app.add_option("--discover", discover_s,
                 "listen this many seconds for games announced on the LAN, print each, then exit")
      ->check(CLI::Range(1U, 600U));
  app.add_option("--discover-on", discover_on, "ADDR:PORT to listen on for announcements (port 0: any free one)")
      ->capture_default_str();
  auto* pair_opt = app.add_flag("--pair", pair, "create a room and seat both partners");
  auto* create_opt = app.add_flag("--create", create, "create a room, print its code, play partner A");
  auto* join_opt = app.add_option("--join", join_code, "join the room with this code and play partner B");
  pair_opt->excludes(create_opt)->excludes(join_opt);
  create_opt->excludes(join_opt);
  app.add_option("--rounds", rounds, "rounds to play")->capture_default_str()->check(CLI::Range(1U, 1000U));
  app.add_option("--seed", seed, "seed for the sample text and ratings")->capture_default_str();
  app.add_option("--pace", pace_ms, "milliseconds each partner waits before a move")->capture_default_str();
  app.add_flag("--with-host", with_host, "with --pair: a scripted host creates the room and paces the rounds");
  app.add_option("--host-note", host_note, "with --with-host: the private note and flag pinned in every round");
  bool keep_ratings = false;
  app.add_flag("--keep-ratings", keep_ratings, "with --with-host: the host keeps each rating with its rater");
  app.add_flag("--no-consent", no_consent, "do not agree to the session being recorded");
  app.add_option("--timeout", timeout_s, "give up after this many seconds")->capture_default_str();
  app.add_option("--data-dir", net_options.data_dir,
                 "folder for this device's key, certificate and paired hosts (created 0700); "
                 "default: a throwaway identity in memory");
  app.add_option("--owner-code", net_options.owner_code,
                 "the owner code attune-server printed: pairs this bot's device as an owner so it may create "
                 "games there (not needed when it shares the server's --data-dir)");
  attune::describe_program(app, "attune-bot",
                           {{"--server", "ADDR:PORT"},
                            {"--discover", "SECONDS"},
                            {"--discover-on", "ADDR:PORT"},
                            {"--join", "CODE"},
                            {"--rounds", "N"},
                            {"--seed", "N"},
                            {"--pace", "MS"},
                            {"--timeout", "SECONDS"},
                            {"--data-dir", "DIR"},
                            {"--owner-code", "CODE"}},
                           "Examples:\n"
                           "  attune-bot --server 127.0.0.1:7420 --data-dir bots --owner-code CODE --pair --rounds 3\n"
                           "  attune-bot --discover 5");
  CLI11_PARSE(app, argc, argv);
  attune::log::init("attune-bot");
  if (discover_s > 0) return discover(std::chrono::seconds(discover_s), discover_on);
  if (server.empty()) {
    attune::log::error("--server HOST:PORT is required.");
    return 2;
  }
  if (!pair && !create && join_code.empty()) {
    attune::log::error("say --pair, --create or --join CODE.");
    return 2;
  }

  Waker waker;
  std::vector<std::unique_ptr<BotSeat>> seats;
  seats.push_back(std::make_unique<BotSeat>(waker, seed, net_options));
  seats.back()->pace_ms = pace_ms;
  attune::client::Plan plan;
  if (with_host && !pair) {
    attune::log::error("--with-host goes with --pair.");
    return 2;
  }
  if (with_host) {
    plan.kind = attune::client::Plan::Kind::kCreate;
    plan.name = "Dr. Rivera";
    plan.seat = attune::v1::SEAT_HOST;
    seats[0]->host.emplace(host_note, rounds, keep_ratings);
  } else if (join_code.empty()) {
    plan.kind = attune::client::Plan::Kind::kCreate;
    plan.name = "Alex";
  } else {
    plan.kind = attune::client::Plan::Kind::kJoin;
    plan.name = "Sam";
    plan.code = join_code;
  }
  plan.consent_to_recording = !no_consent;
  seats[0]->dispatch(attune::client::action::Connect{server, plan});

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  bool printed_code = false;
  auto add_partner = [&](const char* name, std::uint64_t partner_seed) {
    seats.push_back(std::make_unique<BotSeat>(waker, partner_seed, net_options));
    seats.back()->pace_ms = pace_ms;
    attune::client::Plan join{attune::client::Plan::Kind::kJoin, name, seats[0]->model.join_code,
                              attune::v1::SEAT_UNSPECIFIED};
    join.consent_to_recording = !no_consent;
    seats.back()->dispatch(attune::client::action::Connect{server, join});
  };
  for (;;) {
    if (std::chrono::steady_clock::now() > deadline) {
      attune::log::error("gave up after " + std::to_string(timeout_s) + " s; the rounds did not finish.");
      return 1;
    }
    waker.wait_for(std::chrono::milliseconds(100));
    for (auto& seat : seats) seat->pump();

    Model& first = seats[0]->model;
    if (!first.join_code.empty() && !printed_code && first.link == attune::client::Link::kInRoom) {
      printed_code = true;
      if (create) std::cout << "join code: " << first.join_code << std::endl;
      if (pair) add_partner(with_host ? "Alex" : "Sam", seed * 7919 + 1);
    }
    // With a host, partner B joins once partner A has sat down.
    if (with_host && seats.size() == 2 && first.room.seats[attune::v1::SEAT_PARTNER_A].taken &&
        !first.join_code.empty()) {
      add_partner("Sam", seed * 104729 + 3);
    }
    for (auto& seat : seats) {
      const Model& model = seat->model;
      if (model.link == attune::client::Link::kFailed || model.link == attune::client::Link::kLost) {
        attune::log::error(model.lost_reason);
        return 1;
      }
      // A move that crossed the end of the session on the wire is refused as
      // too late; once the rounds asked for are played that is no failure.
      const bool crossed_the_end = model.problem && model.problem->code == attune::v1::ERROR_CODE_ROOM_ENDED &&
                                   first.room.finished_rounds.size() >= rounds;
      if (model.problem && !crossed_the_end) {
        attune::log::error("the server refused a move: " + model.problem->message);
        return 1;
      }
    }
    // The first seat narrates; each revealed round is printed once.
    while (seats[0]->printed_rounds < first.room.finished_rounds.size() && seats[0]->printed_rounds < rounds) {
      print_round(first, seats[0]->printed_rounds++);
    }
    if (first.room.finished_rounds.size() >= rounds) {
      for (auto& seat : seats) seat->playing = false;
      if (first.room.stage == attune::Stage::kEnded) {
        std::cout << "played " << rounds << " round" << (rounds == 1 ? "" : "s") << "; session ended" << std::endl;
        return 0;
      }
      if (!join_code.empty()) continue;  // the creator ends the session
      if (!attune::client::waiting_on_server(first)) {
        attune::v1::Command end;
        end.mutable_end_session();
        seats[0]->dispatch(attune::client::action::Play{end});
      }
    }
  }
}
