#include "bot/scripted_partner.hpp"

#include <iterator>

#include "attune/rituals.hpp"

namespace attune::client {
namespace {

// Sample lines for demos and tests, written for this bot.
constexpr const char* kFeelings[] = {"tired", "hopeful", "lonely", "worried", "grateful", "tense", "sad", "relieved"};
constexpr const char* kShares[] = {
    "I feel stretched thin about this week at work, and what I need is an evening where we do nothing at all.",
    "I feel a bit left out when plans get made without me, and what I need is to be asked first.",
    "I feel proud about finishing the garden, and what I need is for you to come and see it with me.",
    "I feel uneasy about money this month, and what I need is for us to sit down together on Sunday.",
    "I feel close to you when we cook together, and what I need is more of those slow evenings.",
    "I feel worn out about my mother's visits, and what I need is your help planning the next one.",
};
constexpr const char* kReflections[] = {
    "If I got it, this week has asked a lot of you and you want some quiet time with me.",
    "It sounds like you felt on the outside, and you would like to be part of deciding.",
    "What I hear is that this matters to you and you want me beside you in it.",
    "So you are carrying some worry, and sharing it with me would make it lighter.",
};
constexpr const char* kQuestions[] = {"What was the hardest moment?", "Is there more you want me to know?",
                                      "What would help most this week?", ""};
constexpr const char* kMore[] = {"There is more: I also felt a little unseen when it happened.",
                                 "Partly. It is less about the plans and more about feeling included.",
                                 "And I think I was tired before it even started."};
constexpr const char* kValidations[] = {
    "It makes sense that you feel this, because you have been giving a lot and getting little rest.",
    "It makes sense to me: being left out of a plan would sting for me too.",
    "Of course this matters; you put your heart into it and want it to be seen.",
};
constexpr const char* kEmpathy[] = {"I imagine you feel tired and a bit alone with it.",
                                    "I imagine there is some hurt under the frustration.",
                                    "I imagine you feel hopeful and a little nervous."};
constexpr const char* kComments[] = {"Thank you for staying with me.", "", "I felt heard when you asked about more.",
                                     ""};

constexpr const char* kAppreciations[] = {
    "Thank you for staying with me tonight, even in the hard part.",
    "I appreciated how you asked before you explained.",
    "Thank you for listening the way you did this evening.",
};

}  // namespace

const char* ScriptedPartner::pick(const char* const* options, std::size_t count) {
  return options[std::uniform_int_distribution<std::size_t>(0, count - 1)(random_)];
}

std::uint32_t ScriptedPartner::between(std::uint32_t low, std::uint32_t high) {
  return std::uniform_int_distribution<std::uint32_t>(low, high)(random_);
}

v1::PartScores ScriptedPartner::scores_near(std::uint32_t centre) {
  auto near = [&] {
    const std::uint32_t low = centre > 1 ? centre - 1 : 1;
    const std::uint32_t high = centre < 7 ? centre + 1 : 7;
    return between(low, high);
  };
  PartValues values{};
  for (auto& value : values) value = near();
  return part_scores(values);
}

std::optional<v1::Command> ScriptedPartner::next(const Model& model) {
  if (model.link == Link::kInRoom && !waiting_on_server(model)) {
    if (auto reply = ritual_reply(model)) return reply;
  }
  if (!my_turn(model) || waiting_on_server(model)) return std::nullopt;
  const RoomState& room = model.room;
  // The rules say what a scripted player sends in this step; the bot only
  // varies the words and numbers of the commands it has lines for.
  auto command = scripted_move(room, model.seat);
  if (!command) return std::nullopt;
  switch (command->kind_case()) {
    case v1::Command::kDrawCard: round_centre_ = between(4, 6); break;
    case v1::Command::kCheckIn: {
      auto* check_in = command->mutable_check_in();
      check_in->clear_feelings();
      check_in->add_feelings(pick(kFeelings, std::size(kFeelings)));
      check_in->add_feelings(pick(kFeelings, std::size(kFeelings)));
      check_in->set_intensity(between(4, 9));
      break;
    }
    case v1::Command::kShare: command->mutable_share()->set_text(pick(kShares, std::size(kShares))); break;
    case v1::Command::kReflect:
      command->mutable_reflect()->set_text(pick(kReflections, std::size(kReflections)));
      command->mutable_reflect()->set_question(pick(kQuestions, std::size(kQuestions)));
      break;
    case v1::Command::kConfirm: {
      // Sometimes there is more to say, as there often is.
      const bool complete = room.round.reflections.size() > 1 || between(0, 2) != 0;
      command->mutable_confirm()->set_complete(complete);
      if (!complete) command->mutable_confirm()->set_more(pick(kMore, std::size(kMore)));
      break;
    }
    case v1::Command::kTellMore:
      // Once, there is more; then that's all.
      if (room.round.more.empty()) {
        command->mutable_tell_more()->set_done(false);
        command->mutable_tell_more()->set_more(pick(kMore, std::size(kMore)));
      }
      break;
    case v1::Command::kValidate:
      command->mutable_validate()->set_validation(pick(kValidations, std::size(kValidations)));
      command->mutable_validate()->set_empathy(pick(kEmpathy, std::size(kEmpathy)));
      break;
    case v1::Command::kSubmitRating: {
      auto* rating = command->mutable_submit_rating();
      const bool speaker = model.seat == room.round.speaker;
      *rating->mutable_parts() = scores_near(speaker ? round_centre_ + 1 : between(4, 6));
      const std::uint32_t before = room.round.intensity_before;
      rating->set_intensity(before > 2 ? before - between(1, 3) : before);
      rating->set_comment(speaker ? pick(kComments, std::size(kComments)) : "");
      break;
    }
    default: break;  // the rules' own move, as it is
  }
  return command;
}

std::optional<v1::Command> ScriptedPartner::ritual_reply(const Model& model) {
  const RoomState& room = model.room;
  const Seat seat = model.seat;
  if (!is_partner(seat)) return std::nullopt;
  v1::Command command;
  if (room.proposal && room.proposal->by != seat) {
    auto* answer = command.mutable_answer_proposal();
    answer->set_agree(true);
    answer->set_exercise_id(room.proposal->exercise_id);
    answer->set_deck_id(room.proposal->deck_id);
  } else if (room.closing.active && !(seat == v1::SEAT_PARTNER_A ? room.closing.a_written : room.closing.b_written)) {
    command.mutable_appreciate()->set_text(pick(kAppreciations, std::size(kAppreciations)));
  } else {
    return std::nullopt;
  }
  // The room's own check: nothing the room would refuse is sent.
  if (ritual_refusal(room, seat, command)) return std::nullopt;
  return command;
}

std::optional<v1::Command> ScriptedHost::next(const Model& model) {
  if (model.link != Link::kInRoom || model.seat != v1::SEAT_HOST || waiting_on_server(model)) return std::nullopt;
  const RoomState& room = model.room;
  v1::Command command;
  const auto& round = room.round;
  if (keep_ratings_ && room.settings.partners_see_ratings() && room.stage == Stage::kWaitingForPartner) {
    auto* settings = command.mutable_host_configure()->mutable_settings();
    *settings = room.settings;
    settings->set_partners_see_ratings(false);
    return command;
  }
  // The room says when a round may start; the script only says how many.
  v1::Command start;
  start.mutable_host_start_round();
  const bool may_start = !host_refusal(room, start).has_value();
  if (may_start && (room.stage == Stage::kWaitingForPartner || room.finished_rounds.size() < rounds_)) {
    command.mutable_host_start_round();
    return command;
  }
  if (room.stage != Stage::kPlaying || !round.card) return std::nullopt;
  if (noted_round_ != round.number) {
    noted_round_ = round.number;
    constexpr const char* kSampleNotes[] = {
        "Speaker named the feeling before the story; listener leaned in.",
        "Listener started to explain; caught it and went back to reflecting.",
        "Both softened after the first reflection. Ask about the need next time.",
    };
    auto* note = command.mutable_host_note();
    note->set_pinned_seq(room.last_seq);
    note->set_text(note_.empty() ? kSampleNotes[round.number % std::size(kSampleNotes)] : note_);
    return command;
  }
  if (flagged_round_ != round.number) {
    flagged_round_ = round.number;
    auto* flag = command.mutable_host_flag();
    flag->set_pinned_seq(room.last_seq);
    flag->set_label(note_.empty() ? "Revisit this moment together" : note_);
    return command;
  }
  return std::nullopt;
}

std::string format_parts(const v1::PartScores& parts) {
  std::string out;
  for (const auto value : part_values(parts)) {
    if (!out.empty()) out += '/';
    out += std::to_string(value);
  }
  return out;
}

}  // namespace attune::client
