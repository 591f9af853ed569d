// attune-session: lists, exports and deletes the sessions a server kept.
#include <google/protobuf/util/json_util.h>
#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>

#include "attune/report.hpp"
#include "attune/session_file.hpp"
#include "attune/version.hpp"
#include "attune_server/store.hpp"

namespace {

std::string format_time(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
  return text;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

attune::v1::SessionHeader header_for(const attune::server::StoredRoom& stored, const attune::RoomState& state) {
  attune::v1::SessionHeader header;
  header.set_room_id(stored.room_id);
  header.set_created_at_ms(stored.created_at_ms);
  header.set_exported_at_ms(now_ms());
  header.set_rounds(static_cast<std::uint32_t>(state.finished_rounds.size()));
  header.set_recorded(attune::is_recorded(state));
  header.set_exporter(std::string("attune-session ") + attune::kVersionString);
  for (std::size_t i = 1; i < state.seats.size(); ++i) {
    if (!state.seats[i].taken) continue;
    auto* seat = header.add_seats();
    seat->set_seat(static_cast<attune::v1::Seat>(i));
    seat->set_name(state.seats[i].name);
  }
  return header;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"attune-session: the sessions kept by an attune-server."};
  app.require_subcommand(1);
  std::string data_dir = attune::server::default_data_dir().string();
  app.add_option("--data-dir", data_dir, "the server's data folder")->capture_default_str();

  auto* list = app.add_subcommand("list", "sessions with date, seats, rounds, recorded or not");
  auto* exporter = app.add_subcommand("export", "write one session to a file");
  std::string export_id;
  std::string format = "attune";
  std::string out;
  exporter->add_option("ID", export_id, "session id from `list`")->required();
  exporter->add_option("--format", format, "attune (portable session file), json, or html (a printable report)")
      ->check(CLI::IsMember({"attune", "json", "html"}))
      ->capture_default_str();
  bool host_version = false;
  std::string hindsight_file;
  exporter->add_flag("--host-version", host_version,
                     "the host's version, with private notes and flags (default: the couple's version, which has "
                     "no note or flag and follows the host's choice on ratings)");
  exporter->add_option("--hindsight", hindsight_file, "html: a hindsight-ratings file to include");
  exporter->add_option("--out", out, "file to write")->required();
  auto* remover = app.add_subcommand("delete", "remove a session and everything said in it");
  std::string delete_id;
  remover->add_option("ID", delete_id, "session id from `list`")->required();
  CLI11_PARSE(app, argc, argv);

  if (!std::filesystem::exists(std::filesystem::path(data_dir) / "attune.db")) {
    std::cerr << "attune-session: no sessions are kept in " << data_dir << " (no attune.db there).\n";
    return 1;
  }
  auto opened = attune::server::Store::open(data_dir);
  if (auto* problem = std::get_if<std::string>(&opened)) {
    std::cerr << "attune-session: " << *problem << "\n";
    return 1;
  }
  auto& store = *std::get<std::unique_ptr<attune::server::Store>>(opened);

  if (*list) {
    const auto sessions = store.list();
    if (sessions.empty()) {
      std::cout << "No sessions are kept here.\n";
      return 0;
    }
    for (const auto& session : sessions) {
      std::cout << session.room_id << "  " << format_time(session.created_at_ms) << "  ";
      std::string seats;
      for (const auto& [seat, name] : session.seats) {
        if (!seats.empty()) seats += ", ";
        seats += name + " (" + std::string(attune::seat_name(seat)) + ")";
      }
      std::cout << (seats.empty() ? "nobody seated" : seats) << "  " << session.rounds << " round"
                << (session.rounds == 1 ? "" : "s") << "  " << (session.recorded ? "recorded" : "not recorded")
                << (session.ended ? "" : "  (in progress)") << "\n";
    }
    return 0;
  }

  if (*exporter) {
    auto stored = store.load(export_id);
    if (!stored) {
      std::cerr << "attune-session: no session " << export_id << " here; `attune-session list` shows them.\n";
      return 1;
    }
    const attune::RoomState state = attune::replay(stored->events);
    if (!attune::is_recorded(state)) {
      std::cerr << "attune-session: session " << export_id
                << " was not recorded (not everyone agreed), so it cannot be exported.\n";
      return 1;
    }
    // One secrecy rule for every format: the events as the viewer may have them.
    const attune::v1::Seat viewer = host_version ? attune::v1::SEAT_HOST : attune::v1::SEAT_UNSPECIFIED;
    const attune::v1::SessionExport made = attune::session_for(header_for(*stored, state), stored->events, viewer);
    std::string bytes;
    if (format == "attune") {
      bytes = attune::encode_session(made.header(), {made.events().begin(), made.events().end()});
    } else if (format == "html") {
      attune::ReportOptions options;
      options.viewer = viewer;
      options.generated_at_ms = now_ms();
      if (!hindsight_file.empty()) {
        std::ifstream in(hindsight_file, std::ios::binary);
        attune::v1::HindsightFile layer;
        if (!in || !layer.ParseFromIstream(&in)) {
          std::cerr << "attune-session: " << hindsight_file << " is not a hindsight-ratings file.\n";
          return 1;
        }
        options.hindsight = layer;
      }
      bytes = attune::render_report(stored->events, options);
    } else {
      google::protobuf::util::JsonPrintOptions options;
      options.add_whitespace = true;
      options.preserve_proto_field_names = true;
      if (!google::protobuf::util::MessageToJsonString(made, &bytes, options).ok()) {
        std::cerr << "attune-session: could not write the session as JSON.\n";
        return 1;
      }
    }
    if (auto problem = attune::save_private_file(out, bytes)) {
      std::cerr << "attune-session: " << *problem << "\n";
      return 1;
    }
    std::cout << "Wrote " << stored->events.size() << " events of session " << export_id << " to " << out
              << (host_version ? " (the host's version: keep it to yourself)" : " (the couple's version)") << "\n";
    return 0;
  }

  if (*remover) {
    if (!store.load(delete_id)) {
      std::cerr << "attune-session: no session " << delete_id << " here; `attune-session list` shows them.\n";
      return 1;
    }
    if (auto failed = store.erase(delete_id)) {
      std::cerr << "attune-session: " << failed->message << "\n";
      return 1;
    }
    std::cout << "Deleted session " << delete_id << " and everything said in it.\n";
    return 0;
  }
  return 0;
}
