// Issue 9: one secrecy rule for every output. A hosted round over real
// sockets with a private note, a flag and ratings the host keeps with their
// raters; then what each partner received, the couple's export and the
// replay of it are searched for anything that should not be there.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "attune/framing.hpp"
#include "attune/report.hpp"
#include "attune/session_file.hpp"
#include "harness.hpp"
#include "model/replay.hpp"

namespace attune::test {
namespace {

const std::string kNote = "Watch-for-stonewalling-7Q";
const std::string kFlag = "Revisit-the-kitchen-talk-4Z";

bool holds(const std::string& bytes, const std::string& secret) { return bytes.find(secret) != std::string::npos; }

struct PrivateRound {
  RunningServer server;
  Partner host{1};
  Partner a{2};
  Partner b{3};
  std::vector<v1::Event> log;  // the room's whole log, as the store has it

  // Seats everyone; the host keeps ratings private, starts a round, pins a
  // note and a flag; the partners play it to the reveal.
  bool play() {
    host.connect(server.address(), create_plan("Dr. Rivera", v1::SEAT_HOST));
    if (!pump_until({&host}, [&] { return !host.model().join_code.empty(); })) return false;
    a.connect(server.address(), join_plan("Alex", host.model().join_code));
    if (!pump_until({&host, &a}, [&] { return a.model().link == client::Link::kInRoom; })) return false;
    b.connect(server.address(), join_plan("Sam", host.model().join_code));
    if (!pump_until({&host, &a, &b}, [&] { return host.model().room.seats[v1::SEAT_PARTNER_B].taken; })) return false;
    v1::Command keep;
    *keep.mutable_host_configure()->mutable_settings() = host.model().room.settings;
    keep.mutable_host_configure()->mutable_settings()->set_partners_see_ratings(false);
    host.play(keep);
    if (!pump_until({&host, &a, &b}, [&] { return !a.model().room.settings.partners_see_ratings(); })) return false;
    v1::Command start;
    start.mutable_host_start_round();
    host.play(start);
    a.autoplay = true;
    b.autoplay = true;
    if (!pump_until({&host, &a, &b}, [&] { return host.model().room.round.card.has_value(); })) return false;
    v1::Command note;
    note.mutable_host_note()->set_pinned_seq(host.model().room.last_seq);
    note.mutable_host_note()->set_text(kNote);
    host.play(note);
    if (!pump_until({&host, &a, &b}, [&] { return host.model().room.notes.size() == 1; })) return false;
    v1::Command flag;
    flag.mutable_host_flag()->set_pinned_seq(2);
    flag.mutable_host_flag()->set_label(kFlag);
    host.play(flag);
    const bool revealed = pump_until(
        {&host, &a, &b},
        [&] {
          return a.model().room.finished_rounds.size() == 1 && b.model().room.finished_rounds.size() == 1 &&
                 host.model().room.finished_rounds.size() == 1 && host.model().room.flags.size() == 1;
        },
        20s);
    if (!revealed) return false;
    const std::string room_id = host.model().room_id;
    log = server.run([&] { return server.server().lobby().find(room_id)->log(); });
    return true;
  }

  [[nodiscard]] const v1::Revealed& full_reveal() const {
    for (const auto& event : log) {
      if (event.has_revealed()) return event.revealed();
    }
    static const v1::Revealed none;
    return none;
  }
};

// What a partner may hold of a reveal when the host kept each rating with
// its rater: their own rating and the number it carries, nothing compared.
void expect_only_own_rating(const v1::Revealed& seen, Seat viewer, const v1::Revealed& full) {
  const bool speaks = full.speaker_rating().by() == viewer;
  const bool listens = full.listener_prediction().by() == viewer;
  EXPECT_EQ(seen.has_speaker_rating(), speaks);
  EXPECT_EQ(seen.has_listener_prediction(), listens);
  EXPECT_EQ(seen.intensity_after(), speaks ? full.intensity_after() : 0U);
  EXPECT_EQ(seen.intensity_guess(), listens ? full.intensity_guess() : 0U);
  EXPECT_EQ(seen.empathic_accuracy(), 0U);
  EXPECT_EQ(seen.gaps_size(), 0);
}

TEST(OutputSecrecy, WithRatingsKeptNoPartnerReceivesAFieldDerivedFromTheOthersRating) {
  PrivateRound round;
  ASSERT_TRUE(round.play());
  const v1::Revealed& full = round.full_reveal();
  // The room's own record has everything, so the checks below are not empty.
  ASSERT_TRUE(full.has_speaker_rating() && full.has_listener_prediction());
  ASSERT_EQ(full.gaps_size(), 6);
  ASSERT_GT(full.empathic_accuracy(), 0U);

  for (const auto& [partner, seat] :
       {std::pair{&round.a, v1::SEAT_PARTNER_A}, std::pair{&round.b, v1::SEAT_PARTNER_B}}) {
    SCOPED_TRACE(std::string(seat_name(seat)));
    std::size_t reveals = 0;
    for (const auto& envelope : partner->received()) {
      if (!envelope.has_event() || !envelope.event().has_revealed()) continue;
      ++reveals;
      expect_only_own_rating(envelope.event().revealed(), seat, full);
    }
    EXPECT_EQ(reveals, 1U);
    ASSERT_EQ(partner->model().room.finished_rounds.size(), 1U);
    expect_only_own_rating(partner->model().room.finished_rounds[0], seat, full);
  }
  // The host sees it all.
  bool host_saw_it = false;
  for (const auto& envelope : round.host.received()) {
    if (envelope.has_event() && envelope.event().has_revealed()) {
      host_saw_it = envelope.event().revealed().SerializeAsString() == full.SerializeAsString();
    }
  }
  EXPECT_TRUE(host_saw_it);
}

struct Collector : server::SeatLink {
  void deliver(const v1::Envelope& envelope) override { got.push_back(envelope); }
  std::vector<v1::Envelope> got;
};

// The history a seat is sent on coming back is what went out live, byte for
// byte, even after the host changed the setting: each event is projected
// under the settings in force when it happened, not today's.
TEST(OutputSecrecy, AHistoryResentLaterMatchesWhatWentOutLiveAfterTheHostShowsRatings) {
  PrivateRound round;
  ASSERT_TRUE(round.play());
  v1::Command show;
  *show.mutable_host_configure()->mutable_settings() = round.host.model().room.settings;
  show.mutable_host_configure()->mutable_settings()->set_partners_see_ratings(true);
  round.host.play(show);
  ASSERT_TRUE(pump_until({&round.host, &round.a, &round.b}, [&] {
    return round.a.model().room.settings.partners_see_ratings() && round.b.model().room.settings.partners_see_ratings();
  }));
  const std::string room_id = round.host.model().room_id;
  for (const auto& [partner, seat] :
       {std::pair{&round.a, v1::SEAT_PARTNER_A}, std::pair{&round.b, v1::SEAT_PARTNER_B}}) {
    SCOPED_TRACE(std::string(seat_name(seat)));
    Collector history;
    round.server.run([&] { round.server.server().lobby().find(room_id)->send_history(seat, &history, 0); });
    std::map<std::uint64_t, std::string> live;
    for (const auto& envelope : partner->received()) {
      if (envelope.has_event()) live[envelope.event().seq()] = envelope.event().SerializeAsString();
    }
    ASSERT_FALSE(history.got.empty());
    ASSERT_FALSE(live.empty());
    std::size_t reveals = 0;
    const std::uint64_t last_live = live.rbegin()->first;
    for (const auto& envelope : history.got) {
      ASSERT_TRUE(envelope.has_event());
      const auto& event = envelope.event();
      if (event.seq() > last_live) continue;  // happened since (a presence change), not yet pumped
      ASSERT_EQ(live.count(event.seq()), 1U) << "seq " << event.seq();
      EXPECT_EQ(event.SerializeAsString(), live[event.seq()]) << "seq " << event.seq();
      if (event.has_revealed()) {
        ++reveals;
        expect_only_own_rating(event.revealed(), seat, round.full_reveal());
      }
    }
    EXPECT_EQ(reveals, 1U);
  }
}

v1::SessionHeader header_of(const std::vector<v1::Event>& log) {
  v1::SessionHeader header;
  header.set_room_id(log.front().room_created().room_id());
  header.set_created_at_ms(log.front().at_ms());
  header.set_recorded(true);
  return header;
}

std::string as_json(const v1::SessionExport& made) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(made, &json, options).ok());
  return json;
}

TEST(OutputSecrecy, ACouplesExportHoldsNoByteOfANoteAndOpensOnlyAsTheCouple) {
  PrivateRound round;
  ASSERT_TRUE(round.play());
  std::string record;
  for (const auto& event : round.log) record += event.SerializeAsString();
  ASSERT_TRUE(holds(record, kNote));  // the room's record has it: the export must drop it

  const v1::SessionExport couple = session_for(header_of(round.log), round.log, v1::SEAT_UNSPECIFIED);
  const std::vector<v1::Event> couple_events(couple.events().begin(), couple.events().end());
  const std::string file = encode_session(couple.header(), couple_events);
  const std::string json = as_json(couple);
  for (const std::string* bytes : {&file, &json}) {
    EXPECT_FALSE(holds(*bytes, kNote));
    EXPECT_FALSE(holds(*bytes, kFlag));
    EXPECT_FALSE(holds(*bytes, "Watch-for"));
  }
  // Blank moments keep the numbering whole, as on the wire.
  ASSERT_EQ(couple_events.size(), round.log.size());
  for (std::size_t i = 0; i < round.log.size(); ++i) {
    EXPECT_EQ(couple_events[i].seq(), round.log[i].seq());
    if (round.log[i].has_note_pinned() || round.log[i].has_moment_flagged()) {
      EXPECT_EQ(couple_events[i].kind_case(), v1::Event::KIND_NOT_SET);
    }
  }
  // Nothing from a kept rating either.
  for (const auto& event : couple_events) {
    if (event.has_rating_submitted()) {
      EXPECT_FALSE(event.rating_submitted().has_rating());
    }
    if (event.has_revealed()) {
      expect_only_own_rating(event.revealed(), v1::SEAT_UNSPECIFIED, round.full_reveal());
    }
  }

  // Read back, it says it is the couple's and offers only the partners' views.
  auto read = decode_session(file);
  ASSERT_TRUE(std::holds_alternative<Session>(read));
  const Session& session = std::get<Session>(read);
  EXPECT_EQ(session_viewer(session.header), v1::SEAT_UNSPECIFIED);
  EXPECT_EQ(client::replay_viewpoints(session.header), (std::vector<Seat>{v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B}));
  for (const Seat seat : {v1::SEAT_PARTNER_A, v1::SEAT_PARTNER_B}) {
    const client::ReplayIndex index(session.events, seat);
    const RoomState end = index.state_after(index.size());
    EXPECT_TRUE(end.notes.empty());
    EXPECT_TRUE(end.flags.empty());
    ASSERT_EQ(end.finished_rounds.size(), 1U);
    EXPECT_EQ(end.finished_rounds[0].empathic_accuracy(), 0U);
  }

  // The couple's report has no note; the host's version of everything has it.
  ReportOptions for_couple;
  const std::string couple_report = render_report(round.log, for_couple);
  EXPECT_FALSE(holds(couple_report, kNote));
  EXPECT_FALSE(holds(couple_report, kFlag));
  EXPECT_FALSE(holds(couple_report, "Empathic accuracy"));
  ReportOptions for_host;
  for_host.viewer = v1::SEAT_HOST;
  EXPECT_TRUE(holds(render_report(round.log, for_host), kNote));
  const v1::SessionExport host = session_for(header_of(round.log), round.log, v1::SEAT_HOST);
  const std::string host_file = encode_session(host.header(), {host.events().begin(), host.events().end()});
  EXPECT_TRUE(holds(host_file, kNote));
  EXPECT_TRUE(holds(as_json(host), kFlag));
  auto host_read = decode_session(host_file);
  ASSERT_TRUE(std::holds_alternative<Session>(host_read));
  EXPECT_EQ(session_viewer(std::get<Session>(host_read).header), v1::SEAT_HOST);
  EXPECT_EQ(client::replay_viewpoints(std::get<Session>(host_read).header).back(), v1::SEAT_HOST);
}

// A file from before the viewer was recorded (format 1) held the host's whole
// log. It opens as the couple's, never as the host's.
TEST(OutputSecrecy, AnOlderFileWithoutAViewerNeverOpensAsTheHosts) {
  PrivateRound round;
  ASSERT_TRUE(round.play());
  v1::SessionHeader header = header_of(round.log);
  header.set_format_version(1);
  std::string old(kSessionMagic);
  old += std::string("\x01\x00\x00\x00", 4);
  append_varint(header.SerializeAsString().size(), old);
  old += header.SerializeAsString();
  for (const auto& event : round.log) {
    append_varint(event.SerializeAsString().size(), old);
    old += event.SerializeAsString();
  }
  auto read = decode_session(old);
  ASSERT_TRUE(std::holds_alternative<Session>(read));
  const Session& session = std::get<Session>(read);
  EXPECT_EQ(session_viewer(session.header), v1::SEAT_UNSPECIFIED);
  const auto viewpoints = client::replay_viewpoints(session.header);
  EXPECT_EQ(std::count(viewpoints.begin(), viewpoints.end(), v1::SEAT_HOST), 0);
  // Even a forged "host" in an old header does not make it the host's file.
  v1::SessionHeader forged = session.header;
  forged.set_viewer(v1::SEAT_HOST);
  EXPECT_EQ(session_viewer(forged), v1::SEAT_UNSPECIFIED);
  // What the replay reads of it is the couple's projection.
  for (const auto& event : project_log(session.events, session_viewer(session.header))) {
    EXPECT_FALSE(holds(event.SerializeAsString(), kNote));
  }
}

}  // namespace
}  // namespace attune::test
