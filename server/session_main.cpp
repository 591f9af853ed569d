// attune-session: lists, exports and deletes the sessions a server kept.
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>
#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>

#include "attune/files.hpp"
#include "attune/log.hpp"
#include "attune/program_help.hpp"
#include "attune/report.hpp"
#include "attune/session_file.hpp"
#include "attune/text.hpp"
#include "attune/version.hpp"
#include "attune_server/store.hpp"

namespace {

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
  std::string data_dir = attune::default_data_dir().string();
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
  auto* cards =
      app.add_subcommand("cards", "the cards couples wrote themselves: export them, or forget every couple's cards");
  std::string cards_out;
  bool forget_cards = false;
  auto* cards_out_option = cards->add_option("--out", cards_out, "write the couples' own cards to this deck file");
  cards->add_flag("--forget", forget_cards, "forget which cards every couple played and the cards they wrote")
      ->excludes(cards_out_option);
  attune::describe_program(app, "attune-session",
                           {{"--data-dir", "DIR"}, {"--format", "FORMAT"}, {"--out", "FILE"}, {"--hindsight", "FILE"}},
                           "Examples:\n"
                           "  attune-session list\n"
                           "  attune-session export ID --format html --out evening.html\n"
                           "  attune-session delete ID\n"
                           "  attune-session cards --out our-cards.textproto");
  CLI11_PARSE(app, argc, argv);

  attune::log::init("attune-session");
  if (!std::filesystem::exists(std::filesystem::path(data_dir) / "attune.db")) {
    attune::log::error("no sessions are kept in " + data_dir + " (no attune.db there).");
    return 1;
  }
  auto opened = attune::server::Store::open(data_dir);
  if (auto* problem = std::get_if<std::string>(&opened)) {
    attune::log::error(*problem);
    return 1;
  }
  auto& store = *std::get<std::unique_ptr<attune::server::Store>>(opened);
  // A damaged store is still read: say so first, then show what can be had.
  if (store.damage()) attune::log::warn(*store.damage());

  if (*list) {
    const auto sessions = store.list();
    if (sessions.empty()) {
      // On a damaged store an empty list means "none could be read", not "none kept".
      if (store.damage()) return 1;
      std::cout << "No sessions are kept here.\n";
      return 0;
    }
    for (const auto& session : sessions) {
      std::cout << session.room_id << "  " << attune::format_time(session.created_at_ms, "%Y-%m-%d %H:%M") << "  ";
      std::string seats;
      for (const auto& [seat, name] : session.seats) {
        if (!seats.empty()) seats += ", ";
        seats += name + " (" + std::string(attune::seat_name(seat)) + ")";
      }
      const std::string kept = session.damage     ? "damaged (" + *session.damage + ")"
                               : session.recorded ? "recorded"
                                                  : "not recorded";
      std::cout << (seats.empty() ? "nobody seated" : seats) << "  " << session.rounds << " round"
                << (session.rounds == 1 ? "" : "s") << "  " << kept << (session.ended ? "" : "  (in progress)") << "\n";
    }
    return 0;
  }

  if (*exporter) {
    auto stored = store.load(export_id);
    if (stored && stored->damage) {
      attune::log::warn("session " + export_id + " is damaged (" + *stored->damage + "); exporting the " +
                        std::to_string(stored->events.size()) + " events that could be read.");
    }
    if (!stored) {
      attune::log::error("no session " + export_id + " here; `attune-session list` shows them.");
      return 1;
    }
    const attune::RoomState state = attune::replay(stored->events);
    if (!attune::is_recorded(state)) {
      attune::log::error("session " + export_id + " was not recorded (not everyone agreed), so it cannot be exported.");
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
        const auto sidecar = attune::read_small_file(hindsight_file, attune::kMaxHindsightFileBytes);
        attune::v1::HindsightFile layer;
        if (sidecar.error) {
          attune::log::error(*sidecar.error);
          return 1;
        }
        if (!sidecar.bytes || !layer.ParseFromString(*sidecar.bytes)) {
          attune::log::error(hindsight_file + " is not a hindsight-ratings file.");
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
        attune::log::error("could not write the session as JSON.");
        return 1;
      }
    }
    if (auto problem = attune::save_private_file(out, bytes)) {
      attune::log::error(*problem);
      return 1;
    }
    std::cout << "Wrote " << stored->events.size() << " events of session " << export_id << " to " << out
              << (host_version ? " (the host's version: keep it to yourself)" : " (the couple's version)") << "\n";
    return 0;
  }

  if (*cards) {
    if (forget_cards) {
      if (auto failed = store.forget_cards()) {
        attune::log::error(failed->message);
        return 1;
      }
      std::cout << "Forgot every couple's played cards and their own cards.\n";
      return 0;
    }
    const auto own = store.all_custom_cards();
    if (cards_out.empty()) {
      std::cout << own.size() << " card" << (own.size() == 1 ? "" : "s") << " written by couples are kept here.\n";
      for (const auto& card : own) std::cout << "  " << card.prompt() << "\n";
      return 0;
    }
    // A deck file in the same text format as assets/decks: readable,
    // movable, and a start for a deck of the host's own.
    attune::v1::Deck deck;
    deck.set_id("our-own-cards");
    deck.set_title("Our own cards");
    deck.set_description("Cards couples wrote themselves, exported by attune-session.");
    for (const auto& card : own) *deck.add_cards() = card;
    std::string text;
    if (!google::protobuf::TextFormat::PrintToString(deck, &text)) {
      attune::log::error("could not write the cards as text.");
      return 1;
    }
    const std::string file = "# Exported by attune-session " + std::string(attune::kVersionString) +
                             ". To offer these as a deck, give each card a focus and the exercises it suits;\n"
                             "# attune-server --check-content says what is missing.\n" +
                             text;
    if (auto problem = attune::save_private_file(cards_out, file)) {
      attune::log::error(*problem);
      return 1;
    }
    std::cout << "Wrote " << own.size() << " card" << (own.size() == 1 ? "" : "s") << " to " << cards_out << "\n";
    return 0;
  }

  if (*remover) {
    if (!store.load(delete_id)) {
      attune::log::error("no session " + delete_id + " here; `attune-session list` shows them.");
      return 1;
    }
    if (auto failed = store.erase(delete_id)) {
      attune::log::error(failed->message);
      return 1;
    }
    std::cout << "Deleted session " << delete_id << " and everything said in it.\n";
    return 0;
  }
  return 0;
}
