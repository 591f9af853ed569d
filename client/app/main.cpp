// attune: the window for a couple's game. Host a game on this laptop, join
// one on the network, or render every screen to PNG files.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "app/app.hpp"
#include "attune/log.hpp"
#include "attune/program_help.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"attune: a calm two-player conversation game for practising listening."};
  attune::app::AppOptions options;
  std::string name;
  std::string theme = "light";
  auto* host = cli.add_flag("--host", options.host, "start hosting straight away (as partner A)");
  cli.add_flag("--host-seat", options.host_seat,
               "with --host: sit in the host seat (a therapist hosting a couple) instead of as partner A");
  cli.add_flag("--record", options.record, "agree to the session being recorded (asked on the start screen otherwise)");
  cli.add_flag("!--no-announce", options.announce,
               "do not announce a game hosted here on the network (it is found by typing the address)");
  cli.add_option("--port", options.port,
                 "the port a hosted game listens on; 7420 falls back to any free port when busy (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  std::string join_text;
  auto* join = cli.add_option("--join", join_text, "join straight away: CODE@HOST:PORT");
  cli.add_option("--name", name, "your name as your partner sees it");
  cli.add_option("--scale", options.scale, "UI scale on top of the display's own (0.75 to 3)")
      ->check(CLI::Range(0.75F, 3.0F))
      ->capture_default_str();
  cli.add_option("--theme", theme, "light or dark")->check(CLI::IsMember({"light", "dark"}))->capture_default_str();
  cli.add_option("--demo-rounds", options.demo_rounds,
                 "for demos and checks: a scripted partner plays this seat for N rounds, then the program quits");
  cli.add_option("--give-up-after", options.give_up_seconds,
                 "seconds a dropped connection keeps trying before saying the host is gone")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  cli.add_option("--ui-map", options.ui_map,
                 "for tests driving the window with real input: keep FILE listing where each named control is");
  cli.add_option("--snapshot", options.snapshot_dir, "save a PNG of each new screen of the live window into DIR");
  auto* replay =
      cli.add_option("--replay", options.replay, "open a recorded session (.attune file) in the replay viewer");
  host->excludes(join);
  replay->excludes(host)->excludes(join);
  attune::describe_program(cli, "attune",
                           {{"--port", "PORT"},
                            {"--join", "CODE@HOST:PORT"},
                            {"--name", "NAME"},
                            {"--scale", "FACTOR"},
                            {"--theme", "THEME"},
                            {"--demo-rounds", "N"},
                            {"--snapshot", "DIR"},
                            {"--replay", "FILE"}},
                           "Examples:\n"
                           "  attune                                   the start screen: host a game or join one\n"
                           "  attune --host --name Maya                host straight away\n"
                           "  attune --join K7QF@192.168.1.20:7420     join the game another laptop hosts\n"
                           "  attune --replay evening.attune           replay a recorded session");
  CLI11_PARSE(cli, argc, argv);
  attune::log::init("attune");

  if (!join_text.empty()) {
    attune::JoinTarget target;
    std::string problem;
    if (!attune::parse_join_target(join_text, target, problem)) {
      attune::log::error("--join: " + problem);
      return 2;
    }
    options.join = std::move(target);
  }
  options.theme = theme == "dark" ? attune::ui::Theme::kDark : attune::ui::Theme::kLight;
  options.name = name.empty() && (options.host || options.join) ? (options.host ? "Partner A" : "Partner B") : name;

  return attune::app::run_live(options);
}
