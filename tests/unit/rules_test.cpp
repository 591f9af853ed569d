// The rules face: the answers views, the bot, the report and the replay ask
// instead of re-deriving them, checked against what decide itself does.
#include "attune/rules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "attune/engine.hpp"
#include "attune/report.hpp"
#include "played_room.hpp"

namespace attune {
namespace {

using namespace fixtures;  // the played room and its commands

v1::Command start_round() { return host_start_round(); }

TEST(Rules, HostRefusalIsTheSentenceDecideRefusesWith) {
  PlayedRoom room = PlayedRoom::hosted();
  room.advance_to(v1::STEP_KIND_REVEAL);
  room.act(kA, continue_after_reveal());
  room.act(kB, continue_after_reveal());
  EXPECT_FALSE(host_refusal(room.state, start_round()).has_value()) << "the round is done";
  room.act(kB, call_break());
  const auto asked = host_refusal(room.state, start_round());
  const auto decided = room.refusal_of(kHost, start_round());
  ASSERT_TRUE(asked.has_value());
  ASSERT_TRUE(decided.has_value());
  EXPECT_EQ(asked->code, decided->code);
  EXPECT_EQ(asked->message, decided->message);
}

TEST(Rules, RoundIsDoneOnlyWhenBothHaveSeenTheReveal) {
  PlayedRoom room = PlayedRoom::hosted();
  EXPECT_FALSE(round_done(room.state));
  room.advance_to(v1::STEP_KIND_REVEAL);
  EXPECT_FALSE(round_done(room.state));
  room.act(room.speaker(), continue_after_reveal());
  EXPECT_FALSE(round_done(room.state));
  room.act(room.listener(), continue_after_reveal());
  EXPECT_TRUE(round_done(room.state));
  EXPECT_FALSE(session_done(room.state));
  room.act(kHost, end_session());
  EXPECT_TRUE(session_done(room.state));
}

TEST(Rules, ExpectedMoveNamesTheCommandForWhoseStepItIs) {
  PlayedRoom room = PlayedRoom::playing();
  room.advance_to(v1::STEP_KIND_SHARE);
  EXPECT_EQ(expected_move(room.state, room.speaker()), v1::Command::kShare);
  EXPECT_EQ(expected_move(room.state, room.listener()), v1::Command::KIND_NOT_SET);
  room.advance_to(v1::STEP_KIND_RATE);
  EXPECT_EQ(expected_move(room.state, room.speaker()), v1::Command::kSubmitRating);
  EXPECT_EQ(expected_move(room.state, room.listener()), v1::Command::kSubmitRating);
  room.act(room.speaker(), rate({5, 5, 5, 5, 5, 5}, 3));
  EXPECT_EQ(expected_move(room.state, room.speaker()), v1::Command::KIND_NOT_SET) << "rated already";
  room.act(room.listener(), call_break());
  EXPECT_EQ(expected_move(room.state, room.listener()), v1::Command::KIND_NOT_SET) << "on a break";
}

TEST(Rules, WritingRefusalIsTheSentenceTheEngineSends) {
  PlayedRoom room = PlayedRoom::playing();
  room.advance_to(v1::STEP_KIND_SHARE);
  const std::string long_share(writing_rule(Writing::kShare).max_chars + 1, 'a');
  const auto decided = room.refusal_of(room.speaker(), share(long_share));
  const auto asked = writing_refusal(Writing::kShare, long_share);
  ASSERT_TRUE(decided.has_value());
  ASSERT_TRUE(asked.has_value());
  EXPECT_EQ(decided->message, asked->message);
  EXPECT_FALSE(writing_refusal(Writing::kQuestion, "").has_value()) << "a question is optional";
  EXPECT_TRUE(writing_refusal(Writing::kReflection, "   ").has_value()) << "a reflection is not";
}

TEST(Rules, PartScoresAndValuesConvertBothWaysInAcronymOrder) {
  const PartValues values{1, 2, 3, 4, 5, 6};
  EXPECT_EQ(part_values(part_scores(values)), values);
  EXPECT_EQ(part_scores(values).non_defensive(), 5U);
  for (std::size_t i = 0; i < kAttuneParts.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(kAttuneParts[i].part), i + 1) << kAttuneParts[i].name;
  }
  EXPECT_EQ(part_name(v1::ATTUNE_PART_EMPATHY), "Empathy");
  EXPECT_EQ(part_name(v1::ATTUNE_PART_UNSPECIFIED), "?");
}

TEST(Rules, DisplayNameIsTheNameElseTheRole) {
  PlayedRoom room;
  room.open(kHost, "Dr. Hale");
  room.join(kA, "Ana");
  EXPECT_EQ(display_name(room.state, kA), "Ana");
  EXPECT_EQ(display_name(room.state, kB), "Partner B");
  EXPECT_EQ(display_name(room.state, kHost), "Dr. Hale");
  EXPECT_EQ(display_name(RoomState{}, kHost), "The host");
  // A recording's header gives names without a room; the fallback is the same.
  EXPECT_EQ(display_name("Ana", kA), "Ana");
  EXPECT_EQ(display_name("", kB), "Partner B");
  EXPECT_EQ(display_name("", kHost), "The host");
}

TEST(Rules, TheGameRunsOnTheHostsLaptopElseOnTheLaptopThatMadeIt) {
  PlayedRoom couple = PlayedRoom::playing();
  EXPECT_EQ(hosting_seat(couple.state), kA) << "a couple's game runs where it was made";
  PlayedRoom hosted = PlayedRoom::hosted();
  EXPECT_EQ(hosting_seat(hosted.state), kHost);
  EXPECT_EQ(hosting_seat(RoomState{}), v1::SEAT_UNSPECIFIED);
}

TEST(Rules, OnlyRatingAndTheRevealAreTakenByBothPartners) {
  for (int k = v1::StepKind_MIN; k <= v1::StepKind_MAX; ++k) {
    if (!v1::StepKind_IsValid(k) || k == v1::STEP_KIND_UNSPECIFIED) continue;
    const auto kind = static_cast<v1::StepKind>(k);
    const bool both = kind == v1::STEP_KIND_RATE || kind == v1::STEP_KIND_REVEAL;
    EXPECT_EQ(is_both_partners_step(kind), both) << v1::StepKind_Name(kind);
    // Every step belongs to exactly one of: the speaker, the listener, both.
    EXPECT_EQ(int{is_speaker_step(kind)} + int{is_listener_step(kind)} + int{is_both_partners_step(kind)}, 1)
        << v1::StepKind_Name(kind);
  }
}

TEST(Rules, WhatTheOneActingIsDoingComesFromTheExercise) {
  PlayedRoom room = PlayedRoom::playing();
  room.advance_to(v1::STEP_KIND_REFLECT);
  EXPECT_EQ(step_doing(current_step(room.state)), current_step(room.state)->doing());
  EXPECT_FALSE(current_step(room.state)->doing().empty());
  const auto refused = room.refusal_of(room.speaker(), reflect("I hear you."));
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->message.find(current_step(room.state)->doing()), std::string::npos) << refused->message;
  EXPECT_EQ(step_doing(nullptr), "taking their turn");
}

TEST(Rules, TheReportNamesAMomentInTheReplaysWords) {
  PlayedRoom room = PlayedRoom::hosted();
  room.advance_to(v1::STEP_KIND_REFLECT);  // just after the share
  const RoomState before_share = replay({room.log.begin(), room.log.end() - 1});
  const std::string line = describe_event(before_share, room.log.back());
  EXPECT_EQ(line, "Ana shared");
  room.act(kHost, host_note(room.state.last_seq, "She named it first."));
  ReportOptions options;
  options.viewer = kHost;
  const std::string html = render_report(room.log, options);
  EXPECT_NE(html.find("At " + line + ":"), std::string::npos);
}

TEST(Rules, AReportOfARoundWithoutACheckInShowsNoIntensityAtTheStart) {
  const v1::Exercise* speaker_listener = nullptr;
  for (const auto& exercise : shipped_content().exercises) {
    if (exercise.id() == "speaker-listener") speaker_listener = &exercise;
  }
  ASSERT_NE(speaker_listener, nullptr);
  PlayedRoom room = PlayedRoom::playing(42, speaker_listener);
  room.play_round();
  ASSERT_TRUE(room.state.finished_rounds.back().no_check_in());
  const std::string html = render_report(room.log, ReportOptions{});
  EXPECT_EQ(html.find("Intensity 0"), std::string::npos);
  EXPECT_NE(html.find("Intensity 3 (the listener guessed 4)"), std::string::npos);
}

TEST(Rules, EveryStepKindHasARowWithItsCommandAndAScriptedMove) {
  const auto* kinds = v1::StepKind_descriptor();
  for (int i = 0; i < kinds->value_count(); ++i) {
    const auto kind = static_cast<v1::StepKind>(kinds->value(i)->number());
    if (kind == v1::STEP_KIND_UNSPECIFIED) continue;
    const StepRule* rule = step_rule(kind);
    ASSERT_NE(rule, nullptr) << v1::StepKind_Name(kind) << " has no row in step_rules()";
    EXPECT_NE(rule->command, v1::Command::KIND_NOT_SET) << v1::StepKind_Name(kind);
    ASSERT_NE(rule->scripted, nullptr) << v1::StepKind_Name(kind);
    // The scripted move is the command that takes the step.
    EXPECT_EQ(rule->scripted(RoomState{}, v1::SEAT_PARTNER_A).kind_case(), rule->command) << v1::StepKind_Name(kind);
    EXPECT_NE(std::string(rule->name), "") << v1::StepKind_Name(kind);
  }
  EXPECT_EQ(step_rule(v1::STEP_KIND_UNSPECIFIED), nullptr);
}

TEST(Rules, AScriptedMoveIsOnlyForTheSeatTheRoomWaitsFor) {
  auto room = fixtures::PlayedRoom::playing();
  EXPECT_FALSE(scripted_move(room.state, room.listener()).has_value());
  const auto move = scripted_move(room.state, room.speaker());
  ASSERT_TRUE(move.has_value());
  EXPECT_EQ(move->kind_case(), v1::Command::kDrawCard);
}

}  // namespace
}  // namespace attune
