#include "model/saved_seat.hpp"

#include <charconv>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "attune/files.hpp"

namespace attune::client {
namespace {

constexpr std::string_view kSeatMagic = "attune-seat 1";
constexpr std::string_view kStartMagic = "attune-start 1";
constexpr std::size_t kMaxField = 1 << 20;  // no draft is near this; a bigger one is damage

void put(std::string& out, std::string_view key, std::string_view value) {
  out += key;
  out += ' ';
  out += std::to_string(value.size());
  out += '\n';
  out += value;
  out += '\n';
}

// Reads "key LENGTH\nBYTES\n" records after a magic line.
bool fields(std::string_view text, std::string_view magic, std::vector<std::pair<std::string, std::string>>& out,
            std::string& error) {
  if (text.substr(0, magic.size()) != magic || text.size() <= magic.size() || text[magic.size()] != '\n') {
    error = "it is not a saved seat of this version of Attune";
    return false;
  }
  std::size_t at = magic.size() + 1;
  while (at < text.size()) {
    const auto line_end = text.find('\n', at);
    const auto space = text.find(' ', at);
    if (line_end == std::string_view::npos || space == std::string_view::npos || space > line_end) {
      error = "it is cut short or damaged";
      return false;
    }
    std::size_t length = 0;
    const auto* first = text.data() + space + 1;
    const auto* last = text.data() + line_end;
    const auto parsed = std::from_chars(first, last, length);
    if (parsed.ec != std::errc() || parsed.ptr != last || length > kMaxField ||
        line_end + 1 + length + 1 > text.size() || text[line_end + 1 + length] != '\n') {
      error = "it is cut short or damaged";
      return false;
    }
    out.emplace_back(std::string(text.substr(at, space - at)), std::string(text.substr(line_end + 1, length)));
    at = line_end + 1 + length + 1;
  }
  return true;
}

template <typename Number>
bool number(const std::string& text, Number& out) {
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), out);
  return parsed.ec == std::errc() && parsed.ptr == text.data() + text.size();
}

std::optional<std::string> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::optional<std::string> write(const std::filesystem::path& dir, const char* name, const std::string& content) {
  if (auto problem = make_private_dirs(dir)) return problem;
  return save_private_file(dir / name, content);
}

}  // namespace

std::string encode_saved_seat(const SavedSeat& seat) {
  std::string out(kSeatMagic);
  out += '\n';
  put(out, "server", seat.server);
  put(out, "room", seat.room_id);
  put(out, "token", seat.seat_token);
  put(out, "last_seq", std::to_string(seat.last_seq));
  put(out, "seat", std::to_string(static_cast<int>(seat.seat)));
  put(out, "name", seat.name);
  put(out, "partner", seat.partner_name);
  put(out, "host_fingerprint", seat.host_fingerprint);
  put(out, "hosted_here", seat.hosted_here ? "1" : "0");
  put(out, "port", std::to_string(seat.port));
  put(out, "saved_at", std::to_string(seat.saved_at_ms));
  put(out, "keep", std::to_string(seat.keep_ms));
  for (const auto& [key, value] : seat.drafts) put(out, "draft." + key, value);
  return out;
}

std::optional<SavedSeat> decode_saved_seat(std::string_view text, std::string& error) {
  std::vector<std::pair<std::string, std::string>> records;
  if (!fields(text, kSeatMagic, records, error)) return std::nullopt;
  SavedSeat seat;
  bool ok = true;
  for (auto& [key, value] : records) {
    if (key == "server") {
      seat.server = value;
    } else if (key == "room") {
      seat.room_id = value;
    } else if (key == "token") {
      seat.seat_token = value;
    } else if (key == "last_seq") {
      ok = ok && number(value, seat.last_seq);
    } else if (key == "seat") {
      int raw = 0;
      ok = ok && number(value, raw) && v1::Seat_IsValid(raw);
      seat.seat = static_cast<Seat>(raw);
    } else if (key == "name") {
      seat.name = value;
    } else if (key == "partner") {
      seat.partner_name = value;
    } else if (key == "host_fingerprint") {
      seat.host_fingerprint = value;
    } else if (key == "hosted_here") {
      seat.hosted_here = value == "1";
    } else if (key == "port") {
      ok = ok && number(value, seat.port);
    } else if (key == "saved_at") {
      ok = ok && number(value, seat.saved_at_ms);
    } else if (key == "keep") {
      ok = ok && number(value, seat.keep_ms);
    } else if (key.rfind("draft.", 0) == 0) {
      seat.drafts[key.substr(6)] = std::move(value);
    }  // an unknown key from a newer version is skipped
  }
  if (!ok || seat.server.empty() || seat.room_id.empty() || seat.seat_token.empty()) {
    error = "it is missing the room, the seat or the host's address";
    return std::nullopt;
  }
  return seat;
}

std::string encode_remembered(const Remembered& remembered) {
  std::string out(kStartMagic);
  out += '\n';
  put(out, "name", remembered.name);
  put(out, "address", remembered.address);
  return out;
}

Remembered decode_remembered(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> records;
  std::string ignored;
  Remembered remembered;
  if (!fields(text, kStartMagic, records, ignored)) return remembered;
  for (auto& [key, value] : records) {
    if (key == "name") remembered.name = value;
    if (key == "address") remembered.address = value;
  }
  return remembered;
}

std::optional<std::string> save_seat(const std::filesystem::path& dir, const SavedSeat& seat) {
  return write(dir, "seat", encode_saved_seat(seat));
}

std::optional<SavedSeat> load_seat(const std::filesystem::path& dir, std::string& error) {
  const auto text = read_file(dir / "seat");
  if (!text) return std::nullopt;
  std::string why;
  auto seat = decode_saved_seat(*text, why);
  if (!seat) error = "The saved seat in " + (dir / "seat").string() + " could not be read: " + why + ".";
  return seat;
}

void forget_seat(const std::filesystem::path& dir) {
  std::error_code ignored;
  std::filesystem::remove(dir / "seat", ignored);
}

std::optional<std::string> save_remembered(const std::filesystem::path& dir, const Remembered& remembered) {
  return write(dir, "start", encode_remembered(remembered));
}

Remembered load_remembered(const std::filesystem::path& dir) {
  const auto text = read_file(dir / "start");
  return text ? decode_remembered(*text) : Remembered{};
}

bool seat_still_kept(const SavedSeat& seat, std::int64_t now_ms) {
  return seat.keep_ms <= 0 || now_ms - seat.saved_at_ms < seat.keep_ms;
}

}  // namespace attune::client
