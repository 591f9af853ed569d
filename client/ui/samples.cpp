#include "ui/samples.hpp"

#include <algorithm>
#include <array>

#include "attune/engine.hpp"
#include "attune/session_file.hpp"
#include "ui/replay_state.hpp"

namespace attune::ui {
namespace {

// An evening in late November 2026; any fixed moment will do.
constexpr std::int64_t kNowMs = 1'795'718'400'000;
constexpr Seat kMaya = v1::SEAT_PARTNER_A;
constexpr Seat kJonah = v1::SEAT_PARTNER_B;
constexpr Seat kHost = v1::SEAT_HOST;

class Log {
 public:
  // An event the room made (seats, rounds): no command id.
  v1::Event& room(Seat actor) { return add(actor, 0); }
  // An event a seat's command made.
  v1::Event& by(Seat actor) { return add(actor, ++command_ids_[static_cast<std::size_t>(actor)]); }
  std::vector<v1::Event> take() { return std::move(events_); }

 private:
  v1::Event& add(Seat actor, std::uint64_t command_id) {
    v1::Event& event = events_.emplace_back();
    event.set_seq(events_.size());
    event.set_at_ms(kNowMs - 900'000 + static_cast<std::int64_t>(events_.size()) * 30'000);
    event.set_actor(actor);
    event.set_command_id(command_id);
    return event;
  }

  std::vector<v1::Event> events_;
  std::array<std::uint64_t, 4> command_ids_{};
};

v1::PartScores scores(const std::array<std::uint32_t, 6>& values) {
  v1::PartScores parts;
  parts.set_awareness(values[0]);
  parts.set_turning_toward(values[1]);
  parts.set_tolerance(values[2]);
  parts.set_understanding(values[3]);
  parts.set_non_defensive(values[4]);
  parts.set_empathy(values[5]);
  return parts;
}

std::vector<v1::Event> first(const std::vector<v1::Event>& events, std::size_t count) {
  return {events.begin(), events.begin() + static_cast<std::ptrdiff_t>(std::min(count, events.size()))};
}

client::Model in_room(const std::vector<v1::Event>& events, Seat seat) {
  client::Model model;
  model.link = client::Link::kInRoom;
  model.server = "192.168.1.20:7420";
  model.seat = seat;
  model.room = view_of(events, seat);
  model.room_id = model.room.room_id;
  model.next_command_id = model.room.seats[static_cast<std::size_t>(seat)].last_command_id + 1;
  return model;
}

// Where each step of the sample round ends, as a count of events.
struct Marks {
  std::size_t waiting = 2;
  std::size_t round_started = 4;
  std::size_t card = 5;
  std::size_t checked_in = 6;
  std::size_t shared = 7;
  std::size_t reflected = 8;
  std::size_t partly = 9;
  std::size_t reflected_again = 10;
  std::size_t confirmed = 11;
  std::size_t validated = 12;
  std::size_t maya_rated = 13;
  std::size_t revealed = 15;
};

}  // namespace

std::vector<v1::Event> sample_round(const v1::Exercise& exercise, const v1::Deck& deck) {
  Log log;
  {
    auto* created = log.room(kMaya).mutable_room_created();
    created->set_room_id("sample-room");
    *created->mutable_exercise() = exercise;
    *created->mutable_deck() = deck;
    created->set_seed(7);
    created->set_creator_seat(kMaya);
  }
  {
    auto* taken = log.room(kMaya).mutable_seat_taken();
    taken->set_seat(kMaya);
    taken->set_name("Maya");
  }
  {
    auto* taken = log.room(kJonah).mutable_seat_taken();
    taken->set_seat(kJonah);
    taken->set_name("Jonah");
  }
  {
    auto* started = log.room(kJonah).mutable_round_started();
    started->set_round(1);
    started->set_speaker(kMaya);
    started->set_listener(kJonah);
  }
  {
    auto* drawn = log.by(kMaya).mutable_card_drawn();
    if (deck.cards_size() > 0) {
      *drawn->mutable_card() = deck.cards(std::min(4, deck.cards_size() - 1));
    } else {
      drawn->mutable_card()->set_prompt("Something small that has been on your mind lately.");
    }
  }
  {
    auto* checked = log.by(kMaya).mutable_checked_in();
    checked->add_feelings("tired");
    checked->add_feelings("lonely");
    checked->add_feelings("hopeful");
    checked->set_intensity(7);
  }
  log.by(kMaya).mutable_shared()->set_text(
      "I feel worn out about how full our evenings have been lately, and a bit lonely in the middle of it. What I "
      "need is one evening a week that is just ours, with the phones in a drawer.");
  {
    auto* reflected = log.by(kJonah).mutable_reflected();
    reflected->set_text(
        "If I have it right, the busy evenings have left you tired and a little alone, and you would like one "
        "protected evening a week for the two of us.");
    reflected->set_question("What would that evening look like for you?");
    reflected->set_attempt(1);
  }
  {
    auto* confirmed = log.by(kMaya).mutable_confirmed();
    confirmed->set_complete(false);
    confirmed->set_more("Partly. It is less about the hours and more that I miss feeling like your first choice.");
    confirmed->set_loops_back(true);
  }
  {
    auto* reflected = log.by(kJonah).mutable_reflected();
    reflected->set_text(
        "So under the tiredness you are missing me, and you want to feel chosen rather than fitted in around "
        "everything else.");
    reflected->set_attempt(2);
  }
  {
    auto* confirmed = log.by(kMaya).mutable_confirmed();
    confirmed->set_complete(true);
  }
  {
    auto* validated = log.by(kJonah).mutable_validated();
    validated->set_validation(
        "It makes sense that you feel lonely, because we have both been running on empty and I have let our time "
        "come last.");
    validated->set_empathy("I imagine you feel a bit sad, and hopeful that we can change it.");
  }
  v1::Rating maya;
  maya.set_by(kMaya);
  *maya.mutable_parts() = scores({6, 5, 6, 6, 4, 7});
  maya.set_intensity(4);
  maya.set_comment("Thank you for asking what the evening would look like.");
  v1::Rating jonah;
  jonah.set_by(kJonah);
  *jonah.mutable_parts() = scores({5, 5, 5, 6, 5, 5});
  jonah.set_intensity(5);
  jonah.set_comment("I noticed I wanted to explain my week, and I let it go.");
  {
    auto* submitted = log.by(kMaya).mutable_rating_submitted();
    submitted->set_by(kMaya);
    *submitted->mutable_rating() = maya;
  }
  {
    auto& event = log.by(kJonah);
    auto* submitted = event.mutable_rating_submitted();
    submitted->set_by(kJonah);
    *submitted->mutable_rating() = jonah;
  }
  {
    // The reveal comes with Jonah's rating, as the engine makes it.
    auto& event = log.room(kJonah);
    auto* revealed = event.mutable_revealed();
    *revealed->mutable_speaker_rating() = maya;
    *revealed->mutable_listener_prediction() = jonah;
    revealed->set_intensity_before(7);
    revealed->set_intensity_after(maya.intensity());
    revealed->set_intensity_guess(jonah.intensity());
    revealed->set_empathic_accuracy(empathic_accuracy(maya, jonah));
    const auto s = part_values(maya.parts());
    const auto l = part_values(jonah.parts());
    for (std::size_t i = 0; i < s.size(); ++i) {
      auto* gap = revealed->add_gaps();
      gap->set_part(static_cast<v1::AttunePart>(i + 1));
      gap->set_speaker(static_cast<std::int32_t>(s[i]));
      gap->set_listener(static_cast<std::int32_t>(l[i]));
    }
  }
  return log.take();
}

std::vector<v1::Event> sample_hosted_session(const v1::Exercise& exercise, const v1::Deck& deck) {
  const std::vector<v1::Event> round = sample_round(exercise, deck);
  std::vector<v1::Event> out;
  std::uint64_t host_commands = 0;
  const auto host_event = [&]() -> v1::Event& {
    v1::Event& event = out.emplace_back();
    event.set_actor(kHost);
    event.set_command_id(++host_commands);
    return event;
  };
  for (std::size_t i = 0; i < round.size(); ++i) {
    out.push_back(round[i]);
    if (i == 0) {
      out.back().mutable_room_created()->set_creator_seat(kHost);
      out.back().set_actor(kHost);
      v1::Event& taken = out.emplace_back();
      taken.set_actor(kHost);
      taken.mutable_seat_taken()->set_seat(kHost);
      taken.mutable_seat_taken()->set_name("Ana Rivera");
      taken.mutable_seat_taken()->set_consents_to_recording(true);
    }
    if (i == 2) {
      auto* settings = host_event().mutable_settings_changed()->mutable_settings();
      settings->set_max_reflect_loops(2);
      settings->set_break_seconds(600);
      settings->set_phase_timer_seconds(300);
      settings->set_partners_see_ratings(true);
    }
    if (round[i].has_shared()) {
      auto* note = host_event().mutable_note_pinned();
      note->set_pinned_seq(out.size() - 1);  // the share, numbered below
      note->set_text("Maya named loneliness before anything else. Come back to \"first choice\".");
    }
    if (round[i].has_confirmed() && !round[i].confirmed().complete()) {
      auto* flag = host_event().mutable_moment_flagged();
      flag->set_pinned_seq(out.size() - 1);  // the "partly"
      flag->set_label("The \"partly\" turned it");
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].set_seq(i + 1);
    out[i].set_at_ms(kNowMs - 1'200'000 + static_cast<std::int64_t>(i) * 45'000);
  }
  // Two partners acknowledge and the host ends the session.
  const auto next = [&](Seat actor) -> v1::Event& {
    v1::Event& event = out.emplace_back();
    event.set_seq(out.size());
    event.set_at_ms(out[out.size() - 2].at_ms() + 20'000);
    event.set_actor(actor);
    return event;
  };
  next(kMaya).mutable_reveal_acknowledged()->set_seat(kMaya);
  next(kJonah).mutable_reveal_acknowledged()->set_seat(kJonah);
  next(kHost).mutable_session_ended()->set_by(kHost);
  return out;
}

namespace {

std::size_t index_where(const std::vector<v1::Event>& events, bool (v1::Event::*has)() const) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    if ((events[i].*has)()) return i + 1;
  }
  return events.size();
}

v1::SessionHeader sample_header(const std::vector<v1::Event>& events) {
  v1::SessionHeader header;
  header.set_format_version(kSessionFormatVersion);
  header.set_room_id("sample-room");
  header.set_created_at_ms(events.empty() ? kNowMs : events.front().at_ms());
  header.set_exported_at_ms(kNowMs);
  header.set_rounds(1);
  header.set_recorded(true);
  header.set_exporter("attune samples");
  for (const auto& [seat, name] :
       {std::pair{kMaya, "Maya"}, std::pair{kJonah, "Jonah"}, std::pair{kHost, "Ana Rivera"}}) {
    auto* s = header.add_seats();
    s->set_seat(seat);
    s->set_name(name);
  }
  return header;
}

// Hindsight curves that move through the evening: Maya lower during the
// share, easing after the second reflection; Jonah's guesses a step behind.
void sample_hindsight(ReplayState& replay) {
  const std::array<std::uint32_t, 12> maya{5, 4, 3, 3, 4, 4, 5, 6, 6, 7, 7, 7};
  const std::array<std::uint32_t, 12> jonah{5, 5, 4, 4, 4, 5, 5, 6, 6, 6, 7, 7};
  const std::array<std::uint32_t, 12> maya_guess{5, 5, 4, 4, 5, 5, 5, 5, 6, 6, 7, 7};
  const std::array<std::uint32_t, 12> jonah_guess{5, 5, 5, 4, 4, 4, 5, 5, 6, 6, 6, 7};
  const auto& events = replay.index.events();
  for (std::size_t i = 0; i < maya.size(); ++i) {
    const std::size_t at = 4 + i * 2;
    if (at >= events.size()) break;
    client::rate_moment(replay.hindsight, kMaya, events[at].seq(), maya[i], maya_guess[i], kNowMs);
    client::rate_moment(replay.hindsight, kJonah, events[at].seq(), jonah[i], jonah_guess[i], kNowMs);
  }
}

}  // namespace

std::vector<SampleScreen> sample_screens(const v1::Exercise& exercise, const v1::Deck& deck) {
  const std::vector<v1::Event> round = sample_round(exercise, deck);
  const Marks at;
  std::vector<SampleScreen> out;
  const auto add = [&](std::string name, client::Model model) -> SampleScreen& {
    SampleScreen& screen = out.emplace_back();
    screen.name = std::move(name);
    screen.model = std::move(model);
    screen.now_ms = kNowMs;
    screen.ui.name = screen.model.seat == kJonah ? "Jonah" : "Maya";
    return screen;
  };

  {
    auto& s = add("01-start", client::Model{});
    s.host.games_nearby = {"192.168.1.20:7420"};
  }
  {
    client::Model model;
    model.link = client::Link::kHandshaking;
    model.server = "192.168.1.20:7420";
    add("02-connecting", model);
  }
  {
    auto model = in_room(first(round, at.waiting), kMaya);
    model.join_code = "K7QF2M";
    auto& s = add("03-waiting-for-partner", model);
    s.host.hosting = true;
    s.host.port = 7420;
    s.host.addresses = {"192.168.1.20"};
  }
  add("04-prompt-speaker", in_room(first(round, at.round_started), kMaya));
  add("05-prompt-listener-waits", in_room(first(round, at.round_started), kJonah));
  {
    auto& s = add("06-check-in-speaker", in_room(first(round, at.card), kMaya));
    s.ui.feelings = {"tired", "lonely", "hopeful"};
    s.ui.intensity = 7;
  }
  {
    auto& s = add("07-share-speaker-nudge", in_room(first(round, at.checked_in), kMaya));
    s.ui.share = "You never put your phone down at dinner, and I feel lonely about it.";
  }
  {
    auto& s = add("08-share-speaker", in_room(first(round, at.checked_in), kMaya));
    s.ui.share =
        "I feel worn out about how full our evenings have been lately, and a bit lonely in the middle of it. What I "
        "need is one evening a week that is just ours.";
  }
  {
    auto& s = add("08-share-speaker-needs", in_room(first(round, at.checked_in), kMaya));
    s.ui.share = "I felt ignored at dinner on Friday. What I need is time together";
    s.ui.needs_open = true;
  }
  {
    auto& s = add("08-care-resources", in_room(first(round, at.checked_in), kMaya));
    s.ui.care_dialog_open = true;
  }
  add("09-share-listener-waits", in_room(first(round, at.checked_in), kJonah));
  {
    auto& s = add("10-reflect-listener", in_room(first(round, at.shared), kJonah));
    s.ui.reflection = "If I have it right, the busy evenings have left you tired and a little alone";
    s.ui.question = "What would that evening look like for you?";
  }
  add("11-reflect-speaker-waits", in_room(first(round, at.shared), kMaya));
  add("12-confirm-speaker", in_room(first(round, at.reflected), kMaya));
  {
    auto& s = add("13-confirm-speaker-partly", in_room(first(round, at.reflected), kMaya));
    s.ui.confirm_partly = true;
    s.ui.more = "Partly. It is less about the hours and more that I miss feeling like your first choice.";
  }
  {
    auto& s = add("14-reflect-again-listener", in_room(first(round, at.partly), kJonah));
    s.ui.reflection = "So under the tiredness you are missing me, but I have been really busy at work.";
  }
  {
    auto& s = add("15-validate-listener", in_room(first(round, at.confirmed), kJonah));
    s.ui.validation = "It makes sense that you feel lonely, because ";
  }
  add("16-validate-speaker-waits", in_room(first(round, at.confirmed), kMaya));
  {
    auto& s = add("17-rate-speaker", in_room(first(round, at.validated), kMaya));
    s.ui.parts = {6, 5, 6, 6, 4, 7};
    s.ui.rating_intensity = 4;
    s.ui.comment = "Thank you for asking what the evening would look like.";
  }
  {
    auto& s = add("18-rate-listener", in_room(first(round, at.validated), kJonah));
    s.ui.parts = {5, 5, 5, 6, 5, 5};
    s.ui.rating_intensity = 5;
  }
  add("19-rate-speaker-done", in_room(first(round, at.maya_rated), kMaya));
  add("20-reveal-speaker", in_room(first(round, at.revealed), kMaya));
  add("21-reveal-listener", in_room(first(round, at.revealed), kJonah));
  {
    auto events = first(round, at.reflected_again);
    v1::Event called;
    called.set_seq(events.size() + 1);
    called.set_at_ms(kNowMs - 120'000);
    called.set_actor(kJonah);
    called.set_command_id(100);
    called.mutable_break_called()->set_by(kJonah);
    called.mutable_break_called()->set_return_at_ms(kNowMs - 120'000 + 20 * 60'000);
    events.push_back(called);
    v1::Event ready;
    ready.set_seq(events.size() + 1);
    ready.set_at_ms(kNowMs - 60'000);
    ready.set_actor(kJonah);
    ready.set_command_id(101);
    ready.mutable_ready_to_resume()->set_seat(kJonah);
    events.push_back(ready);
    add("22-break", in_room(events, kMaya));
    auto& dark = add("22-break-dark", in_room(events, kMaya));
    dark.dark = true;
    dark.now_ms = kNowMs + 2'000;  // the circle mid-breath
  }
  {
    auto& s = add("23-problem-banner", in_room(first(round, at.shared), kJonah));
    s.model.problem =
        client::Problem{v1::ERROR_CODE_OUT_OF_TURN, "It is Maya's turn (confirming); yours comes next.", 3, false};
    s.ui.reflection = "What I am hearing is that the evenings have been too full.";
  }
  {
    auto& s = add("24-leave-dialog", in_room(first(round, at.checked_in), kMaya));
    s.ui.leave_dialog_open = true;
  }
  {
    client::Model model = in_room(first(round, at.shared), kJonah);
    model.link = client::Link::kLost;
    model.lost_reason = "The connection to 192.168.1.20:7420 closed: the other laptop stopped answering.";
    auto& s = add("25-connection-lost", model);
    s.ui.reflection = "If I have it right, the busy evenings have left you tired";
  }
  {
    client::Model model = in_room(first(round, at.shared), kJonah);
    model.link = client::Link::kReconnecting;
    model.reconnect_attempts = 2;
    model.lost_reason = "The connection to 192.168.1.20:7420 dropped.";
    auto& s = add("25-reconnecting", model);
    s.ui.reflection = "If I have it right, the busy evenings have left you tired";
  }
  {
    client::Model model;
    model.link = client::Link::kFailed;
    model.server = "192.168.1.20:7420";
    model.lost_reason = "No game is waiting with code \"K7QF2N\". Check the code on the host's screen and try again.";
    model.problem = client::Problem{v1::ERROR_CODE_UNKNOWN_CODE, model.lost_reason, 0, true};
    add("26-join-failed", model);
  }
  {
    auto events = round;
    const auto next = [&](Seat actor) -> v1::Event& {
      v1::Event& event = events.emplace_back();
      event.set_seq(events.size());
      event.set_at_ms(kNowMs);
      event.set_actor(actor);
      return event;
    };
    next(kMaya).mutable_reveal_acknowledged()->set_seat(kMaya);
    next(kJonah).mutable_reveal_acknowledged()->set_seat(kJonah);
    auto* started = next(kJonah).mutable_round_started();
    started->set_round(2);
    started->set_speaker(kJonah);
    started->set_listener(kMaya);
    add("27-next-round-roles-swap", in_room(events, kMaya));
    next(kMaya).mutable_session_ended()->set_by(kMaya);
    add("28-session-ended", in_room(events, kJonah));
  }
  {
    auto& s = add("29-reveal-listener-dark", in_room(first(round, at.revealed), kJonah));
    s.dark = true;
  }
  {
    auto& s = add("30-share-speaker-dark", in_room(first(round, at.checked_in), kMaya));
    s.dark = true;
    s.ui.share = "I feel worn out about how full our evenings have been lately.";
  }

  // The host's seat, in a session a therapist runs.
  const std::vector<v1::Event> hosted = sample_hosted_session(exercise, deck);
  const std::size_t hosted_shared = index_where(hosted, &v1::Event::has_note_pinned);
  const std::size_t hosted_rated = index_where(hosted, &v1::Event::has_rating_submitted);
  const std::size_t hosted_revealed = index_where(hosted, &v1::Event::has_revealed);
  {
    auto model = in_room(first(hosted, 5), kHost);
    model.join_code = "K7QF2M";
    auto& s = add("31-host-waiting", model);
    s.ui.name = "Ana Rivera";
    s.host.hosting = true;
    s.host.port = 7420;
    s.host.addresses = {"192.168.1.20"};
  }
  {
    auto model = in_room(first(hosted, hosted_shared), kHost);
    auto& s = add("32-host-during-share", model);
    s.ui.name = "Ana Rivera";
    // Six minutes into a step with a five-minute timer: the gentle note.
    s.now_ms = model.room.step_started_at_ms + 6 * 60'000 + 12'000;
    s.ui.host_note = "Jonah leaned in when she said \"lonely\".";
  }
  {
    auto model = in_room(first(hosted, hosted_rated), kHost);
    auto& s = add("33-host-ratings-arrive", model);
    s.ui.name = "Ana Rivera";
    s.now_ms = model.room.step_started_at_ms + 95'000;
  }
  {
    auto model = in_room(first(hosted, hosted_revealed + 2), kHost);
    // Two earlier rounds for the trend.
    const v1::Revealed latest = model.room.finished_rounds.back();
    std::vector<v1::Revealed> earlier;
    for (const auto& values :
         {std::array<std::uint32_t, 6>{4, 3, 4, 3, 3, 5}, std::array<std::uint32_t, 6>{5, 4, 5, 5, 3, 6}}) {
      v1::Revealed r = latest;
      *r.mutable_speaker_rating()->mutable_parts() = scores(values);
      r.set_empathic_accuracy(values[0] * 12);
      r.set_intensity_before(8);
      earlier.push_back(r);
    }
    model.room.finished_rounds.insert(model.room.finished_rounds.begin(), earlier.begin(), earlier.end());
    model.room.round.number = 3;
    auto& s = add("34-host-reveal-and-trend", model);
    s.ui.name = "Ana Rivera";
    s.now_ms = model.room.step_started_at_ms + 30'000;
  }
  {
    auto& s = add("35-partner-with-host", in_room(first(hosted, hosted_shared - 1), kJonah));
    s.ui.reflection = "If I have it right, the busy evenings have left you tired";
  }
  {
    // The same round with the host keeping each rating with its rater: the
    // listener's reveal holds only his own prediction.
    std::vector<v1::Event> kept = hosted;
    for (auto& event : kept) {
      if (event.has_settings_changed())
        event.mutable_settings_changed()->mutable_settings()->set_partners_see_ratings(false);
    }
    add("36-reveal-ratings-kept-listener", in_room(first(kept, hosted_revealed), kJonah));
  }
  {
    // Both partners seated, the therapist has not started yet.
    auto model = in_room(first(hosted, 4), kJonah);
    add("45-both-seated-host-starts", model);
  }
  {
    auto& s = add("46-rejoin-offered", client::Model{});
    s.ui.name = "Jonah";
    s.ui.join_address = "192.168.1.20:7420";
    s.ui.rejoin_partner = "Maya";
    s.ui.rejoin_note = "Your seat is kept until about 21:40, with what you were writing.";
  }
  {
    client::Model model = in_room(first(round, at.shared), kJonah);
    model.link = client::Link::kLost;
    model.host_gone = true;
    model.lost_reason = "Nothing is answering at 192.168.1.20:7420.";
    auto& s = add("47-host-gone", model);
    s.ui.reflection = "If I have it right, the busy evenings have left you tired";
  }
  {
    auto& s = add("48-close-dialog", in_room(first(round, at.shared), kJonah));
    s.ui.close_dialog_open = true;
  }
  {
    auto model = in_room(first(hosted, hosted_shared - 1), kHost);
    auto& s = add("49-end-session-dialog", model);
    s.ui.name = "Ana Rivera";
    s.ui.end_session_dialog_open = true;
    s.now_ms = model.room.step_started_at_ms + 40'000;
  }

  // The replay viewer, on the same hosted session.
  // A partner replays the couple's export; only the host's has the host's view.
  v1::SessionHeader header = sample_header(hosted);
  header.set_viewer(kHost);
  const auto replay_of = [&](Seat viewpoint, std::size_t position) {
    const auto made = session_for(header, hosted, viewpoint == kHost ? kHost : v1::SEAT_UNSPECIFIED);
    ReplayState replay =
        replay_from_session("/home/ana/sessions/maya-jonah.attune",
                            Session{made.header(), {made.events().begin(), made.events().end()}, {}}, std::nullopt);
    (void)apply_replay(replay, intent::ReplayViewpoint{viewpoint}, kNowMs);
    replay.cursor.position = position;
    return replay;
  };
  {
    auto& s = add("40-replay-as-partner", client::Model{});
    s.ui.replay = replay_of(kMaya, hosted_shared - 1);
    sample_hindsight(*s.ui.replay);
  }
  {
    auto& s = add("41-replay-as-host", client::Model{});
    s.ui.replay = replay_of(kHost, index_where(hosted, &v1::Event::has_moment_flagged));
    sample_hindsight(*s.ui.replay);
  }
  {
    auto& s = add("42-replay-damaged-file", client::Model{});
    // A copy that stopped part-way: the real decoder keeps what came before.
    std::string bytes = encode_session(header, first(hosted, 15));
    bytes.resize(bytes.size() - 20);
    auto decoded = decode_session(bytes);
    if (auto* session = std::get_if<Session>(&decoded)) {
      s.ui.replay = replay_from_session("/home/ana/sessions/maya-jonah.attune", std::move(*session), std::nullopt);
    } else {
      s.ui.replay = replay_from_session("/home/ana/sessions/maya-jonah.attune", Session{header, first(hosted, 14), {}},
                                        std::nullopt);
    }
    (void)apply_replay(*s.ui.replay, intent::ReplayViewpoint{kJonah}, kNowMs);
    s.ui.replay->cursor.position = 9;
  }
  {
    auto& s = add("43-replay-newer-version", client::Model{});
    // A file from a later Attune: the format version after the magic is higher.
    std::string bytes = encode_session(header, hosted);
    bytes[kSessionMagic.size()] = static_cast<char>(kSessionFormatVersion + 1);
    auto decoded = decode_session(bytes);
    ReplayState replay;
    replay.file = "/home/ana/sessions/from-the-future.attune";
    if (auto* error = std::get_if<SessionError>(&decoded)) {
      replay.error = error->message;
    } else {
      replay.error = "This file was written by a newer version of Attune.";
    }
    s.ui.replay = replay;
  }
  {
    auto& s = add("44-replay-as-partner-dark", client::Model{});
    s.ui.replay = replay_of(kJonah, hosted_rated);
    sample_hindsight(*s.ui.replay);
    s.dark = true;
  }
  {
    // Words in several scripts and emoji, as a couple may write them: the
    // listener reads them and answers in Hebrew.
    auto events = first(round, at.shared);
    for (auto& event : events) {
      if (event.has_shared()) {
        event.mutable_shared()->set_text(
            "I feel \xF0\x9F\x98\x94 left out \xF0\x9F\x92\x94 when plans change. "
            "\xD7\x90\xD7\xA0\xD7\x99 \xD7\x9E\xD7\xA8\xD7\x92\xD7\x99\xD7\xA9 "
            "\xD7\x91\xD7\x95\xD7\x93\xD7\x93. \xD8\xA3\xD9\x86\xD8\xA7 \xD9\x88\xD8\xAD\xD9\x8A\xD8\xAF. "
            "\xE5\xAF\x82\xE3\x81\x97\xE3\x81\x84. \xCE\xBC\xCF\x8C\xCE\xBD\xCE\xBF\xCF\x82. "
            "\xD0\xBE\xD0\xB4\xD0\xB8\xD0\xBD\xD0\xBE\xD0\xBA\xD0\xBE. \xF0\x9F\x99\x8F");
      }
    }
    auto& s = add("45-reflect-listener-many-scripts", in_room(events, kJonah));
    s.ui.reflection =
        "\xD7\x90\xD7\xA0\xD7\x99 \xD7\xA9\xD7\x95\xD7\x9E\xD7\xA2 "
        "\xD7\x90\xD7\x95\xD7\xAA\xD7\x9A \xE2\x9D\xA4\xEF\xB8\x8F";
  }
  {
    // Right to left: Maya shares in Hebrew (with a time and an English
    // sentence inside), Jonah reflects in Arabic; Maya reads both, each line
    // in reading order with the Arabic letters joined.
    auto events = first(round, at.reflected);
    for (auto& event : events) {
      if (event.has_shared()) {
        event.mutable_shared()->set_text(
            "\xD7\x90\xD7\xA0\xD7\x99 \xD7\x9E\xD7\xA8\xD7\x92\xD7\x99\xD7\xA9\xD7\x94 \xD7\x9C\xD7\x91\xD7\x93 "
            "\xD7\x9B\xD7\xA9\xD7\x94\xD7\xAA\xD7\x95\xD7\x9B\xD7\xA0\xD7\x99\xD7\x95\xD7\xAA "
            "\xD7\x9E\xD7\xA9\xD7\xAA\xD7\xA0\xD7\x95\xD7\xAA \xD7\x91\xD7\xA8\xD7\x92\xD7\xA2 "
            "\xD7\x94\xD7\x90\xD7\x97\xD7\xA8\xD7\x95\xD7\x9F, \xD7\x9B\xD7\x9E\xD7\x95 "
            "\xD7\x91\xD7\x99\xD7\x95\xD7\x9D \xD7\xA9\xD7\x99\xD7\xA9\xD7\x99 \xD7\x91-20:00. "
            "I need a plan we both keep.");
      }
      if (event.has_reflected()) {
        event.mutable_reflected()->set_text(
            "\xD8\xA3\xD8\xB4\xD8\xB9\xD8\xB1 \xD8\xA3\xD9\x86\xD9\x83 \xD9\x88\xD8\xAD\xD9\x8A\xD8\xAF\xD8\xA9 "
            "\xD8\xB9\xD9\x86\xD8\xAF\xD9\x85\xD8\xA7 \xD8\xAA\xD8\xAA\xD8\xBA\xD9\x8A\xD8\xB1 "
            "\xD8\xA7\xD9\x84\xD8\xAE\xD8\xB7\xD8\xB7 \xD9\x81\xD9\x8A \xD8\xA2\xD8\xAE\xD8\xB1 "
            "\xD9\x84\xD8\xAD\xD8\xB8\xD8\xA9\xD8\x8C \xD9\x88\xD8\xAA\xD8\xAD\xD8\xAA\xD8\xA7\xD8\xAC\xD9\x8A\xD9\x86 "
            "\xD8\xA5\xD9\x84\xD9\x89 \xD8\xAE\xD8\xB7\xD8\xA9 \xD9\x86\xD9\x84\xD8\xAA\xD8\xB2\xD9\x85 "
            "\xD8\xA8\xD9\x87\xD8\xA7 \xD9\x85\xD8\xB9\xD9\x8B\xD8\xA7.");
      }
    }
    add("50-rtl-text", in_room(events, kMaya));
  }
  return out;
}

}  // namespace attune::ui
