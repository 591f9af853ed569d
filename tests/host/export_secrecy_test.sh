#!/usr/bin/env bash
# Issue 9: one secrecy rule for every output. A scripted host paces two
# rounds, keeps each rating with its rater and pins a private note and flag.
# The couple's .attune, JSON and HTML exports hold no byte of the note and
# nothing from either rating; the host's version holds both.
set -euo pipefail
server_bin=$1
bot_bin=$2
session_bin=$3
work=$(mktemp -d)
server_pid=
trap '[[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
note="Private-note-$RANDOM-only-for-the-host"
fail() { echo "$1"; exit 1; }

"$server_bin" --listen 127.0.0.1:0 --data-dir "$work/data" >"$work/out" 2>"$work/err" &
server_pid=$!
for _ in $(seq 1 200); do grep -q '^owner code: ' "$work/out" 2>/dev/null && break; sleep 0.05; done
address=$(head -n1 "$work/out" | awk '{print $NF}')
owner_code=$(sed -n 's/^owner code: //p' "$work/out")

"$bot_bin" --server "$address" --owner-code "$owner_code" --pair --with-host --keep-ratings --host-note "$note" --rounds 2 --timeout 120 \
  >"$work/bot"
id=$("$session_bin" --data-dir "$work/data" list | awk '/Dr. Rivera \(host\)/ {print $1; exit}')
[[ -n "$id" ]] || fail "no hosted session was kept"

for format in attune json html; do
  "$session_bin" --data-dir "$work/data" export "$id" --format "$format" --out "$work/couple.$format" >/dev/null
  "$session_bin" --data-dir "$work/data" export "$id" --format "$format" --host-version \
    --out "$work/host.$format" >/dev/null
  # -a: the .attune file is binary; the note must not appear as bytes at all.
  grep -aq -- "$note" "$work/host.$format" || fail "the host's $format export lacks the note"
  if grep -aq -- "$note" "$work/couple.$format"; then fail "the couple's $format export holds a private note"; fi
done

# JSON names every field it carries: the couple's has no rating, part score,
# intensity after, guess, gap or accuracy; the host's has them all.
for field in '"rating"' '"speaker_rating"' '"listener_prediction"' '"parts"' '"intensity_after"' \
             '"intensity_guess"' '"empathic_accuracy"' '"gaps"' '"note_pinned"' '"moment_flagged"'; do
  grep -q -- "$field" "$work/host.json" || fail "the host's JSON lacks $field"
  if grep -q -- "$field" "$work/couple.json"; then fail "the couple's JSON carries $field"; fi
done
# The notes stay in the couple's file as blank moments: the numbering is whole.
host_events=$(grep -c '"seq"' "$work/host.json")
couple_events=$(grep -c '"seq"' "$work/couple.json")
[[ "$host_events" -eq "$couple_events" ]] || fail "the couple's JSON has $couple_events events, the host's $host_events"
grep -q '"viewer": "SEAT_HOST"' "$work/host.json" || fail "the host's JSON does not say whom it is for"
if grep -q '"viewer"' "$work/couple.json"; then fail "the couple's JSON names a viewer"; fi

# The couple's report shows no accuracy, guess or radar shape of a kept rating.
if grep -q "Empathic accuracy" "$work/couple.html"; then fail "the couple's report shows the accuracy"; fi
if grep -q 'class="speaker"\|class="listener"' "$work/couple.html"; then fail "the couple's report draws a rating"; fi
grep -q "keep each rating with its rater" "$work/couple.html" || fail "the couple's report does not say why"
grep -q "Empathic accuracy" "$work/host.html" || fail "the host's report lacks the accuracy"
echo "the couple's exports hold no note and nothing from a kept rating; the host's hold both"
