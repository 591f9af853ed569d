// Choosing together what to play: one partner proposes an exercise and a
// deck, the other agrees, keeps what they had, or proposes something else.
// Also the quiet bar above a round nobody has begun yet, which opens the
// picker, the opening breath and the closing.
#include <imgui.h>

#include "attune/rituals.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace attune::ui {
namespace {

v1::Command propose(const std::string& exercise_id, const std::string& deck_id) {
  v1::Command command;
  command.mutable_propose_play()->set_exercise_id(exercise_id);
  command.mutable_propose_play()->set_deck_id(deck_id);
  return command;
}

v1::Command answer(bool agree, const PlayProposal& proposal) {
  v1::Command command;
  command.mutable_answer_proposal()->set_agree(agree);
  command.mutable_answer_proposal()->set_exercise_id(proposal.exercise_id);
  command.mutable_answer_proposal()->set_deck_id(proposal.deck_id);
  return command;
}

std::string exercise_title(const RoomState& room, const std::string& id) {
  const auto* exercise = find_exercise(room, id);
  return exercise != nullptr ? exercise->title() : id;
}

std::string deck_title(const RoomState& room, const std::string& id) {
  const auto* deck = find_deck(room, id);
  return deck != nullptr ? deck->title() : id;
}

// The exercises and decks as chips, with the picked one's words below.
void picker(const ViewContext& ctx, std::string& exercise_id, std::string& deck_id) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const RoomState& room = ctx.model.room;
  two_columns(
      "choose_lists",
      [&] {
        begin_card("exercises", p.panel);
        small_muted("Exercise: how the round goes");
        ChipFlow flow;
        for (const auto& exercise : room.exercises) {
          flow.next(exercise.title().c_str());
          if (toggle_chip(ui, exercise.title().c_str(), exercise.id() == exercise_id)) exercise_id = exercise.id();
        }
        gap(4);
        if (const auto* picked = find_exercise(room, exercise_id)) muted_text(picked->summary());
        end_card();
      },
      [&] {
        begin_card("decks", p.panel);
        small_muted("Deck: what the cards are about");
        ChipFlow flow;
        for (const auto& deck : room.decks) {
          flow.next(deck.title().c_str());
          if (toggle_chip(ui, deck.title().c_str(), deck.id() == deck_id)) deck_id = deck.id();
        }
        gap(4);
        if (const auto* picked = find_deck(room, deck_id)) {
          muted_text(picked->description());
          small_muted(std::to_string(picked->cards_size()) + " cards");
        }
        end_card();
      },
      0.5F);
}

// Starts the picker on what is proposed, else on what is in play.
void seed_picker(const ViewContext& ctx) {
  const RoomState& room = ctx.model.room;
  if (!ctx.ui.chosen_exercise.empty() && find_exercise(room, ctx.ui.chosen_exercise) != nullptr &&
      !ctx.ui.chosen_deck.empty() && find_deck(room, ctx.ui.chosen_deck) != nullptr) {
    return;
  }
  ctx.ui.chosen_exercise = room.proposal ? room.proposal->exercise_id : room.exercise.id();
  ctx.ui.chosen_deck = room.proposal ? room.proposal->deck_id : room.deck.id();
}

}  // namespace

bool choose_screen_open(const ViewContext& ctx) {
  const RoomState& room = ctx.model.room;
  return ctx.ui.choosing && choosing_open(room) && is_partner(ctx.model.seat) && !room.proposal;
}

void draw_round_frame_bar(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  const RoomState& room = model.room;
  if (ui.read_only || !is_partner(model.seat)) return;
  const bool can_choose = choosing_open(room);
  const bool can_breathe = opening_open(room) && !room.breath.active;
  const bool can_close = closing_open(room) && room.finished_rounds.size() > 0;
  if (!can_choose && !can_breathe && !can_close) return;
  const bool busy = client::waiting_on_server(model);
  begin_card("round_frame", p.accent_soft, 12.0F);
  std::string line = "Playing " + room.exercise.title() + " with \"" + room.deck.title() + "\".";
  if (host_present(room)) line += " " + seat_person(model, v1::SEAT_HOST) + " chooses what you play.";
  small_muted(line);
  bool first = true;
  const auto same_line = [&] {
    if (!first) ImGui::SameLine();
    first = false;
  };
  if (can_breathe) {
    same_line();
    if (secondary_button(ui, "Breathe together first", !busy)) {
      v1::Command command;
      command.mutable_breathe()->set_on(true);
      ctx.dispatch(action::Play{command, kDraftNone});
    }
  }
  if (can_choose) {
    same_line();
    if (secondary_button(ui, "Choose something else together", !busy)) {
      ui.choosing = true;
      ui.chosen_exercise.clear();
      ui.chosen_deck.clear();
    }
  }
  if (can_close) {
    same_line();
    if (secondary_button(ui, "Close the evening", !busy)) {
      v1::Command command;
      command.mutable_begin_closing();
      ctx.dispatch(action::Play{command, kDraftNone});
    }
  }
  end_card();
  gap(4);
}

void draw_choose_screen(const ViewContext& ctx) {
  UiState& ui = ctx.ui;
  const Palette& p = palette();
  const client::Model& model = ctx.model;
  const RoomState& room = model.room;
  const std::string partner = client::partner_name(model);
  const bool busy = client::waiting_on_server(model);
  seed_picker(ctx);
  gap(12);

  if (room.proposal && room.proposal->by == model.seat) {
    heading(("Waiting for " + partner).c_str());
    begin_card("proposed", p.panel);
    body_text("You proposed " + exercise_title(room, room.proposal->exercise_id) + " with \"" +
              deck_title(room, room.proposal->deck_id) + "\".");
    muted_text("Nothing changes until " + partner +
               " agrees. They can also keep what you had, or suggest "
               "something else.");
    end_card();
    gap(6);
    if (secondary_button(ui, "Withdraw my proposal", !busy && !ui.read_only)) {
      ctx.dispatch(action::Play{answer(false, *room.proposal), kDraftNone});
    }
    sending_note(ctx);
    return;
  }

  if (room.proposal) {
    const PlayProposal& proposal = *room.proposal;
    heading((partner + " would like to change what you play").c_str());
    begin_card("proposal", p.panel);
    const auto* exercise = find_exercise(room, proposal.exercise_id);
    const auto* deck = find_deck(room, proposal.deck_id);
    small_muted("Exercise");
    body_text(exercise_title(room, proposal.exercise_id));
    if (exercise != nullptr) muted_text(exercise->summary());
    gap(4);
    small_muted("Deck");
    body_text(deck_title(room, proposal.deck_id));
    if (deck != nullptr) muted_text(deck->description());
    end_card();
    gap(6);
    muted_text("It changes only if you agree. There is no wrong answer.");
    const bool enabled = !busy && !ui.read_only;
    if (primary_button(ui, "Agree", enabled)) {
      ctx.dispatch(action::Play{answer(true, proposal), kDraftNone});
      ui.choosing = false;
    }
    ImGui::SameLine();
    if (secondary_button(ui, "Keep what we have", enabled)) {
      ctx.dispatch(action::Play{answer(false, proposal), kDraftNone});
      ui.choosing = false;
    }
    if (!ui.choosing) {
      ImGui::SameLine();
      if (secondary_button(ui, "Suggest something else", enabled)) {
        ui.choosing = true;
        ui.chosen_exercise = proposal.exercise_id;
        ui.chosen_deck = proposal.deck_id;
      }
    }
    sending_note(ctx);
    if (ui.choosing) {
      gap(10);
      ImGui::TextUnformatted("Suggest something else");
      picker(ctx, ui.chosen_exercise, ui.chosen_deck);
      const bool different = ui.chosen_exercise != proposal.exercise_id || ui.chosen_deck != proposal.deck_id;
      if (primary_button(ui, ("Suggest this to " + partner).c_str(), enabled && different)) {
        ctx.dispatch(action::Play{propose(ui.chosen_exercise, ui.chosen_deck), kDraftNone});
        ui.choosing = false;
      }
    }
    return;
  }

  heading("Choose what to play together");
  muted_text("Pick an exercise and a deck. Nothing changes until " + partner +
             " agrees; you can always keep what you have.");
  gap(4);
  picker(ctx, ui.chosen_exercise, ui.chosen_deck);
  const bool same = ui.chosen_exercise == room.exercise.id() && ui.chosen_deck == room.deck.id();
  if (primary_button(ui, ("Propose this to " + partner).c_str(), !busy && !same && !ui.read_only)) {
    ctx.dispatch(action::Play{propose(ui.chosen_exercise, ui.chosen_deck), kDraftNone});
    ui.choosing = false;
  }
  ImGui::SameLine();
  if (secondary_button(ui, "Back", !ui.read_only)) ui.choosing = false;
  if (same) small_muted("This is what you are playing now; pick something else to propose.");
  sending_note(ctx);
}

}  // namespace attune::ui
