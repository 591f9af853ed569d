// The session report: one self-contained, printable HTML page built from a
// session's events. Pure: events in, text out.
//
// Two versions, both rendered from the events as the engine's project_log
// gives them to the viewer (the one secrecy rule of every output): the
// couple's (the default) holds no byte of the host's notes or flags and, when
// the host kept ratings with their raters, nothing from either rating; the
// host's adds the notes and flags, pinned to their moments.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "attune/v1/game.pb.h"
#include "attune/v1/session.pb.h"

namespace attune {

struct ReportOptions {
  // SEAT_HOST: the host's version. Anything else: the couple's version.
  v1::Seat viewer = v1::SEAT_UNSPECIFIED;
  std::int64_t generated_at_ms = 0;
  std::optional<v1::HindsightFile> hindsight;  // shown where present
};

[[nodiscard]] std::string render_report(const std::vector<v1::Event>& events, const ReportOptions& options);

// Escapes text for HTML element content and attribute values.
[[nodiscard]] std::string html_escape(std::string_view text);

}  // namespace attune
