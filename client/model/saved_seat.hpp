// What this laptop keeps on disk so a closed window, a crash or a reboot can
// take its seat back: the room, the seat's secret token, who the host was
// (address and certificate fingerprint), the names, and the drafts. Kept in
// the data folder, owner-only (attune/files.hpp save_private_file), and
// removed once the session ends or the host says the seat is gone.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "attune/engine.hpp"

namespace attune::client {

struct SavedSeat {
  std::string server;  // HOST:PORT the seat was taken at
  std::string room_id;
  std::string seat_token;
  std::uint64_t last_seq = 0;  // the last event this seat had folded
  Seat seat = v1::SEAT_UNSPECIFIED;
  std::string name;                           // this seat's name
  std::string partner_name;                   // the other partner's name, for "Rejoin the game with Maya"
  std::string host_fingerprint;               // the host's certificate: a rejoin goes only to the same host
  bool hosted_here = false;                   // this laptop ran the game (its server restarts on rejoin)
  std::uint16_t port = 0;                     // with hosted_here: the port it listened on
  std::int64_t saved_at_ms = 0;               // wall clock of the last save
  std::int64_t keep_ms = 0;                   // how long the host keeps a dropped seat
  std::map<std::string, std::string> drafts;  // what was being written, by field
};

// The name and address typed on the start screen last time.
struct Remembered {
  std::string name;
  std::string address;
};

// Byte-exact text form: each field is "key LENGTH\n" then LENGTH raw bytes
// then "\n", so drafts keep every character, newlines included.
[[nodiscard]] std::string encode_saved_seat(const SavedSeat& seat);
// nullopt (and a sentence in `error`) for a damaged or unknown file.
[[nodiscard]] std::optional<SavedSeat> decode_saved_seat(std::string_view text, std::string& error);
[[nodiscard]] std::string encode_remembered(const Remembered& remembered);
[[nodiscard]] Remembered decode_remembered(std::string_view text);

// Files in the data folder: "seat" and "start". Saving never throws; it
// returns a sentence when the file could not be written.
[[nodiscard]] std::optional<std::string> save_seat(const std::filesystem::path& dir, const SavedSeat& seat);
[[nodiscard]] std::optional<SavedSeat> load_seat(const std::filesystem::path& dir, std::string& error);
void forget_seat(const std::filesystem::path& dir);
[[nodiscard]] std::optional<std::string> save_remembered(const std::filesystem::path& dir,
                                                         const Remembered& remembered);
[[nodiscard]] Remembered load_remembered(const std::filesystem::path& dir);

// True while the host still keeps the seat (saved_at + keep time not passed).
[[nodiscard]] bool seat_still_kept(const SavedSeat& seat, std::int64_t now_ms);

}  // namespace attune::client
