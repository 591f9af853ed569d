// The session report: one self-contained, printable HTML page built from a
// session's events. Pure: events in, text out.
//
// Two versions: the couple's (the default) never holds a byte of the host's
// private notes or flags; the host's adds them, pinned to their moments.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "attune/v1/game.pb.h"
#include "attune/v1/session.pb.h"

namespace attune {

struct ReportOptions {
  bool host_version = false;
  std::int64_t generated_at_ms = 0;
  std::optional<v1::HindsightFile> hindsight;  // shown where present
};

[[nodiscard]] std::string render_report(const std::vector<v1::Event>& events, const ReportOptions& options);

// Escapes text for HTML element content and attribute values.
[[nodiscard]] std::string html_escape(std::string_view text);

}  // namespace attune
