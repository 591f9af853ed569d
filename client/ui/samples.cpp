#include "ui/samples.hpp"

#include <algorithm>
#include <array>

#include "attune/engine.hpp"

namespace attune::ui {
namespace {

// An evening in late November 2026; any fixed moment will do.
constexpr std::int64_t kNowMs = 1'795'718'400'000;
constexpr Seat kMaya = v1::SEAT_PARTNER_A;
constexpr Seat kJonah = v1::SEAT_PARTNER_B;

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
  model.room = project(replay(events), seat);
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
  return out;
}

}  // namespace attune::ui
