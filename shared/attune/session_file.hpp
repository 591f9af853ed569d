// The portable session file: a header with magic and format version, then
// the room's events, each length-delimited. See proto/attune/v1/session.proto.
// Encoding and decoding are pure; the file helpers do the I/O.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "attune/engine.hpp"
#include "attune/v1/game.pb.h"
#include "attune/v1/session.pb.h"

namespace attune {

inline constexpr std::string_view kSessionMagic = "ATTUNESF";
// 2: events projected for the header's `viewer`; 1 (still read): no viewer.
inline constexpr std::uint32_t kSessionFormatVersion = 2;
// Caps that keep a hostile file from asking for unbounded memory.
inline constexpr std::size_t kMaxSessionRecordBytes = 1024 * 1024;
// A bigger file is refused before any of it is read (a real session is a few
// hundred kilobytes); files are read record by record, never whole.
inline constexpr std::uint64_t kMaxSessionFileBytes = 64ULL * 1024ULL * 1024ULL;
// Past this many events, or this much memory for the decoded events, the rest
// of a file is left unread and the viewer says so.
inline constexpr std::size_t kMaxSessionEvents = 200'000;
inline constexpr std::size_t kMaxSessionEventBytes = 128U * 1024U * 1024U;
// The hindsight sidecar is small (a few numbers per moment); a bigger one is refused.
inline constexpr std::uint64_t kMaxHindsightFileBytes = 4ULL * 1024ULL * 1024ULL;

struct Session {
  v1::SessionHeader header;
  std::vector<v1::Event> events;
  // Set when the file was damaged or cut short: what happened and how many
  // events could be read before it.
  std::optional<std::string> warning;
};

struct SessionError {
  std::string message;
};

[[nodiscard]] std::string encode_session(const v1::SessionHeader& header, const std::vector<v1::Event>& events);

// Whom a file's events are for: SEAT_HOST only when a file of format 2 or
// later says so; anything else (an older file, no viewer, a partner's seat)
// is the couple's file, SEAT_UNSPECIFIED. Never guesses "host".
[[nodiscard]] Seat session_viewer(const v1::SessionHeader& header);

// The session as `viewer` may have it (SEAT_HOST, or SEAT_UNSPECIFIED for the
// couple): every event through the engine's project_log, the header stamped
// with the viewer. What the .attune and JSON exports are made of.
[[nodiscard]] v1::SessionExport session_for(const v1::SessionHeader& header, const std::vector<v1::Event>& events,
                                            Seat viewer);
// A damaged tail is not an error: the good events before it come back with
// a warning. A wrong magic or a newer format version is an error.
[[nodiscard]] std::variant<Session, SessionError> decode_session(std::string_view bytes);

// Refuses a file over kMaxSessionFileBytes with a sentence naming the limit.
[[nodiscard]] std::variant<Session, SessionError> read_session_file(const std::filesystem::path& file);
// Reads a small private file whole, refusing one over `max_bytes`. nullopt
// content with no error: the file does not exist.
struct SmallFile {
  std::optional<std::string> bytes;
  std::optional<std::string> error;
};
[[nodiscard]] SmallFile read_small_file(const std::filesystem::path& file, std::uint64_t max_bytes);

}  // namespace attune
