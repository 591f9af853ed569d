#include "attune/report.hpp"

#include "attune/rituals.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <sstream>

#include "attune/content.hpp"
#include "attune/engine.hpp"
#include "attune/rituals.hpp"
#include "attune/text.hpp"

namespace attune {
namespace {

std::string fixed(double value, int decimals = 1) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(decimals);
  out << value;
  return out.str();
}

// A six-axis radar: the speaker's rating and the listener's prediction.
std::string radar_svg(const v1::Revealed& reveal) {
  constexpr double kSize = 260;
  constexpr double kCentre = kSize / 2;
  constexpr double kRadius = 90;
  auto point = [&](std::size_t axis, double value) {
    const double angle = -M_PI / 2 + static_cast<double>(axis) * (2 * M_PI / 6);
    const double r = kRadius * value / kMaxPartScore;
    return fixed(kCentre + r * std::cos(angle)) + "," + fixed(kCentre + r * std::sin(angle));
  };
  std::ostringstream svg;
  svg << "<svg class=\"radar\" viewBox=\"0 0 " << kSize << " " << kSize
      << "\" role=\"img\" aria-label=\"Radar of the six ATTUNE parts\">";
  for (int ring = 1; ring <= 7; ring += 2) {
    std::string points;
    for (std::size_t axis = 0; axis < 6; ++axis) points += point(axis, ring) + " ";
    svg << "<polygon points=\"" << points << "\" class=\"grid\"/>";
  }
  for (std::size_t axis = 0; axis < 6; ++axis) {
    svg << "<line x1=\"" << kCentre << "\" y1=\"" << kCentre << "\" x2=\""
        << point(axis, 7).substr(0, point(axis, 7).find(',')) << "\" y2=\""
        << point(axis, 7).substr(point(axis, 7).find(',') + 1) << "\" class=\"grid\"/>";
    const std::string label = point(axis, 8.6);
    svg << "<text x=\"" << label.substr(0, label.find(',')) << "\" y=\"" << label.substr(label.find(',') + 1)
        << "\" text-anchor=\"middle\" dominant-baseline=\"middle\">" << kAttuneParts[axis].letter << "</text>";
  }
  auto polygon = [&](const v1::PartScores& parts, const char* css) {
    const auto values = part_values(parts);
    std::string points;
    for (std::size_t axis = 0; axis < 6; ++axis) points += point(axis, values[axis]) + " ";
    svg << "<polygon points=\"" << points << "\" class=\"" << css << "\"/>";
  };
  if (reveal.has_speaker_rating()) polygon(reveal.speaker_rating().parts(), "speaker");
  if (reveal.has_listener_prediction()) polygon(reveal.listener_prediction().parts(), "listener");
  svg << "</svg>";
  return svg.str();
}

// One small line chart per ATTUNE part across rounds (speaker's rating).
std::string trend_svg(const std::vector<v1::Revealed>& rounds, std::size_t part) {
  constexpr double kWidth = 220;
  constexpr double kHeight = 80;
  std::ostringstream svg;
  svg << "<svg class=\"trend\" viewBox=\"0 0 " << kWidth << " " << kHeight << "\" role=\"img\" aria-label=\""
      << kAttuneParts[part].name << " across rounds\">";
  svg << "<line x1=\"10\" y1=\"70\" x2=\"210\" y2=\"70\" class=\"grid\"/>";
  const std::size_t n = rounds.size();
  auto x_of = [&](std::size_t i) {
    return n <= 1 ? 110.0 : 10.0 + 200.0 * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  auto y_of = [&](double value) { return 70.0 - 60.0 * (value - 1.0) / 6.0; };
  for (const char* who : {"speaker", "listener"}) {
    std::string points;
    for (std::size_t i = 0; i < n; ++i) {
      const bool speaker = std::string_view(who) == "speaker";
      if (speaker ? !rounds[i].has_speaker_rating() : !rounds[i].has_listener_prediction()) continue;
      const auto values =
          part_values(speaker ? rounds[i].speaker_rating().parts() : rounds[i].listener_prediction().parts());
      points += fixed(x_of(i)) + "," + fixed(y_of(values[part])) + " ";
    }
    if (!points.empty()) svg << "<polyline points=\"" << points << "\" class=\"" << who << "\"/>";
  }
  svg << "</svg>";
  return svg.str();
}

constexpr const char* kStyle = R"css(
body { font-family: "DejaVu Sans", "Noto Sans", sans-serif; color: #2f2a26; background: #fbf8f4; margin: 2rem auto; max-width: 52rem; line-height: 1.45; }
h1 { font-weight: 600; margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #e4dcd2; padding-bottom: .3rem; }
.muted { color: #7a6f66; } .note { background: #f3ede6; border-left: 4px solid #b98b6b; padding: .5rem .8rem; margin: .4rem 0; }
.round, .trends > div, .note { page-break-inside: avoid; break-inside: avoid; } .round { margin-bottom: 1.5rem; } h2 { break-after: avoid; }
.pair { display: flex; gap: 1.5rem; align-items: flex-start; flex-wrap: wrap; }
table { border-collapse: collapse; } td, th { padding: .2rem .6rem; text-align: left; border-bottom: 1px solid #ece5dc; }
svg .grid { fill: none; stroke: #d9cfc4; stroke-width: 1; } svg text { font-size: 12px; fill: #7a6f66; }
svg .speaker { fill: rgba(201, 123, 84, .25); stroke: #c97b54; stroke-width: 2; }
svg .listener { fill: rgba(90, 134, 146, .2); stroke: #5a8692; stroke-width: 2; stroke-dasharray: 5 3; }
svg.trend .speaker, svg.trend .listener { fill: none; }
.radar { width: 16rem; } .trend { width: 13rem; } .trends { display: grid; grid-template-columns: repeat(3, 1fr); gap: .5rem 1rem; }
.legend span { display: inline-block; margin-right: 1rem; } .swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: middle; }
footer { margin-top: 3rem; font-size: .85rem; }
@media print { body { background: white; margin: 0; } a { color: inherit; } }
)css";

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(ch);
    }
  }
  return out;
}

std::string render_report(const std::vector<v1::Event>& all_events, const ReportOptions& options) {
  const bool host_version = options.viewer == v1::SEAT_HOST;
  // Everything below reads only what this viewer may have.
  const std::vector<v1::Event> events = project_log(all_events, host_version ? v1::SEAT_HOST : v1::SEAT_UNSPECIFIED);
  const RoomState final_state = replay(events);
  const auto both_ratings = [](const v1::Revealed& reveal) {
    return reveal.has_speaker_rating() && reveal.has_listener_prediction();
  };
  const bool any_rounds_with_ratings =
      std::count_if(final_state.finished_rounds.begin(), final_state.finished_rounds.end(), both_ratings) > 1;
  std::ostringstream html;
  const std::string a = html_escape(display_name(final_state, v1::SEAT_PARTNER_A));
  const std::string b = html_escape(display_name(final_state, v1::SEAT_PARTNER_B));
  html << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       << "<title>Attune session: " << a << " and " << b << "</title><style>" << kStyle << "</style></head><body>\n";
  html << "<h1>" << a << " and " << b << "</h1>\n";
  html << "<p class=\"muted\">Attune session";
  if (!events.empty()) html << " of " << format_time(events.front().at_ms(), "%Y-%m-%d %H:%M UTC", TimeZone::kUtc);
  html << " &middot; " << final_state.finished_rounds.size() << " round"
       << (final_state.finished_rounds.size() == 1 ? "" : "s");
  if (final_state.seats[v1::SEAT_HOST].taken)
    html << " &middot; hosted by " << html_escape(final_state.seats[v1::SEAT_HOST].name);
  html << "</p>\n";
  html << "<p>"
       << (host_version ? "<strong>Host's version</strong>: includes private notes and flags. Keep it to yourself."
                        : "This is the couple's version. Ratings are feedback for the listener, never a score.")
       << "</p>\n";
  html << "<p class=\"legend\"><span><span class=\"swatch\" style=\"background:#c97b54\"></span>speaker's rating of "
          "the listener</span>"
       << "<span><span class=\"swatch\" style=\"background:#5a8692\"></span>listener's prediction</span></p>\n";

  // Rounds, with the feelings that were present.
  RoomState state;
  std::size_t round_index = 0;
  for (const auto& event : events) {
    const RoomState before = state;
    state = fold(std::move(state), event);
    if (!event.has_revealed()) continue;
    const auto& reveal = event.revealed();
    ++round_index;
    const auto& round = before.round;
    html << "<section class=\"round\"><h2>Round " << round_index << ": "
         << html_escape(display_name(before, round.speaker)) << " shared, "
         << html_escape(display_name(before, round.listener)) << " listened</h2>\n";
    if (round.card) {
      const std::string tags = card_tags(*round.card);
      html << "<p class=\"muted\">Card" << (tags.empty() ? "" : " (" + html_escape(tags) + ")") << ": "
           << html_escape(round.card->prompt()) << "</p>\n";
    }
    if (!round.feelings.empty()) {
      html << "<p>Feelings at the start: ";
      for (std::size_t i = 0; i < round.feelings.size(); ++i) html << (i ? ", " : "") << html_escape(round.feelings[i]);
      html << ".</p>\n";
    }
    if (both_ratings(reveal)) {
      html << "<p>Intensity ";
      if (!reveal.no_check_in()) html << reveal.intensity_before() << " &rarr; ";
      html << reveal.intensity_after() << " (the listener guessed " << reveal.intensity_guess()
           << "). Empathic accuracy: " << reveal.empathic_accuracy() << "%.</p>\n";
      html << "<div class=\"pair\">" << radar_svg(reveal)
           << "<table><tr><th>Part</th><th>Speaker</th><th>Listener's guess</th></tr>";
      const auto s = part_values(reveal.speaker_rating().parts());
      const auto l = part_values(reveal.listener_prediction().parts());
      for (std::size_t i = 0; i < 6; ++i) {
        html << "<tr><td>" << kAttuneParts[i].name << "</td><td>" << s[i] << "</td><td>" << l[i] << "</td></tr>";
      }
      html << "</table></div>\n";
      if (!reveal.speaker_rating().comment().empty()) {
        html << "<p>Comment for the listener: &ldquo;" << html_escape(reveal.speaker_rating().comment())
             << "&rdquo;</p>\n";
      }
    } else {
      // Only what the speaker showed both at the check-in.
      if (!reveal.no_check_in()) html << "<p>Intensity " << reveal.intensity_before() << " at the start.</p>\n";
      html << "<p class=\"muted\">The host chose to keep each rating with its rater.</p>\n";
    }
    html << "</section>\n";
  }
  if (round_index == 0) html << "<p>No round reached its reveal in this session.</p>\n";

  if (any_rounds_with_ratings) {
    html << "<h2>Across the rounds</h2><div class=\"trends\">";
    for (std::size_t part = 0; part < 6; ++part) {
      html << "<div><div>" << kAttuneParts[part].name << "</div>" << trend_svg(final_state.finished_rounds, part)
           << "</div>";
    }
    html << "</div>\n";
  }

  if (options.hindsight && !options.hindsight->layers().empty()) {
    html << "<h2>Looking back</h2><p>Ratings given while replaying the session, moment by moment, on a 1&ndash;9 "
            "scale.</p><ul>";
    for (const auto& layer : options.hindsight->layers()) {
      double own = 0;
      std::size_t count = 0;
      for (const auto& moment : layer.moments()) {
        if (moment.self() == 0) continue;
        own += moment.self();
        ++count;
      }
      html << "<li>" << html_escape(display_name(final_state, layer.rater())) << " rated " << layer.moments_size()
           << " moment" << (layer.moments_size() == 1 ? "" : "s");
      if (count > 0) html << ", feeling " << fixed(own / static_cast<double>(count)) << " on average";
      html << ".</li>";
    }
    html << "</ul>\n";
  }

  // The closing: what was present, as a list, and the appreciations once
  // both were written (project_log leaves them out of the couple's copy before).
  if (!final_state.feelings_named.empty()) {
    html << "<h2>Feelings named this session</h2><p>" << html_escape(feelings_summary(final_state)) << ".</p>\n";
  }
  const auto* from_a = appreciation_of(final_state, v1::SEAT_PARTNER_A);
  const auto* from_b = appreciation_of(final_state, v1::SEAT_PARTNER_B);
  if (from_a != nullptr || from_b != nullptr) {
    html << "<h2>Closing: appreciations</h2>\n";
    for (const auto* written : {from_a, from_b}) {
      if (written == nullptr) continue;
      const std::string who = html_escape(display_name(final_state, written->by()));
      if (written->passed()) {
        html << "<p class=\"muted\">" << who << " chose not to write one this time.</p>\n";
      } else {
        html << "<p><strong>" << who << "</strong>: &ldquo;" << html_escape(written->text()) << "&rdquo;</p>\n";
      }
    }
  }

  if (host_version) {
    html << "<h2>Private notes and flags</h2>\n";
    if (final_state.notes.empty() && final_state.flags.empty()) html << "<p class=\"muted\">None.</p>\n";
    for (const auto& note : final_state.notes) {
      if (note.pinned_seq == 0 || note.pinned_seq > events.size()) continue;
      const RoomState at = replay(
          std::vector<v1::Event>(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(note.pinned_seq - 1)));
      html << "<div class=\"note\"><span class=\"muted\">At "
           << html_escape(describe_event(at, events[note.pinned_seq - 1])) << ":</span> " << html_escape(note.text)
           << "</div>\n";
    }
    for (const auto& flag : final_state.flags) {
      html << "<div class=\"note\">&#9873; Flag at event " << flag.pinned_seq;
      if (!flag.label.empty()) html << ": " << html_escape(flag.label);
      html << "</div>\n";
    }
  }
  html << "<footer class=\"muted\">Made by Attune";
  if (options.generated_at_ms != 0)
    html << " on " << format_time(options.generated_at_ms, "%Y-%m-%d %H:%M UTC", TimeZone::kUtc);
  html << ". Attune is practice, not therapy. If there is fear or harm in your relationship, please reach out to a "
          "professional or a helpline.</footer>\n</body></html>\n";
  return html.str();
}

}  // namespace attune
