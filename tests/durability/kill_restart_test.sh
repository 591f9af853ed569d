#!/usr/bin/env bash
# kill -9 the server at several points of a game, restart it on the same data
# folder and port each time, and check that the partners (attune-bot, which
# reconnects by itself) finish every round and that the kept record is
# gapless and duplicate-free.
set -euo pipefail
server_bin=$1
bot_bin=$2
session_bin=$3
work=$(mktemp -d)
data="$work/data"
server_pid=
bot_pid=
cleanup() {
  [[ -n "$server_pid" ]] && kill -9 "$server_pid" 2>/dev/null || true
  [[ -n "$bot_pid" ]] && kill "$bot_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_server() {
  local listen=$1
  : >"$work/out"
  "$server_bin" --listen "$listen" --data-dir "$data" >"$work/out" 2>>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 1 200); do
    grep -q '^owner code: ' "$work/out" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "the server did not start"; cat "$work/server.log"; exit 1
}

start_server 127.0.0.1:0
address=$(head -n1 "$work/out" | awk '{print $NF}')
owner_code=$(sed -n 's/^owner code: //p' "$work/out")
"$bot_bin" --server "$address" --owner-code "$owner_code" --pair --rounds 4 --seed 21 --pace 40 --timeout 240 >"$work/bot" 2>"$work/bot.err" &
bot_pid=$!
# The crashes test resuming a seat: wait until both partners have one (on a
# busy machine pairing the owner and seating can take longer than the first delay).
for _ in $(seq 1 200); do
  "$session_bin" --data-dir "$data" list 2>/dev/null | grep -q 'Sam' && break
  sleep 0.05
done

# Five crashes at different moments of the game.
for delay in 0.3 0.4 0.25 0.5 0.35; do
  sleep "$delay"
  kill -9 "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  sleep 0.2
  start_server "$address"
done

if ! wait "$bot_pid"; then
  bot_pid=
  echo "the partners did not finish after the crashes:"; cat "$work/bot" "$work/bot.err"; exit 1
fi
bot_pid=
cat "$work/bot"
cat "$work/bot.err"
[[ $(grep -c '^round [0-9]: speaker' "$work/bot") -eq 4 ]] || { echo "expected four rounds"; exit 1; }
grep -q 'Reconnecting' "$work/bot.err" || { echo "the crashes were never noticed"; exit 1; }

kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=

# The record: one recorded session, events 1..N once each.
"$session_bin" --data-dir "$data" list | tee "$work/list"
id=$(awk '/recorded/ && !/not recorded/ {print $1; exit}' "$work/list")
[[ -n "$id" ]] || { echo "no recorded session kept"; exit 1; }
"$session_bin" --data-dir "$data" export "$id" --format json --out "$work/session.json"
grep -o '"seq": "[0-9]*"' "$work/session.json" | grep -o '[0-9]*' >"$work/seqs"
count=$(wc -l <"$work/seqs")
[[ "$count" -gt 40 ]] || { echo "only $count events kept"; exit 1; }
seq 1 "$count" | diff -q - "$work/seqs" >/dev/null || { echo "the record has gaps or repeats"; exit 1; }
echo "record of $count events is gapless and duplicate-free after 5 crashes"

# The portable file opens and an unknown session is refused clearly.
"$session_bin" --data-dir "$data" export "$id" --format attune --out "$work/session.attune"
[[ $(head -c 8 "$work/session.attune") == "ATTUNESF" ]]
if "$session_bin" --data-dir "$data" export nope --out "$work/x" 2>"$work/err"; then exit 1; fi
grep -q 'no session nope' "$work/err"
"$session_bin" --data-dir "$data" delete "$id"
"$session_bin" --data-dir "$data" list | grep -q 'No sessions'
