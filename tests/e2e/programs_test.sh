#!/usr/bin/env bash
# The programs as a person runs them: attune-server on a free loopback port,
# attune-bot pairing two partners for three rounds, then a clean SIGTERM.
set -euo pipefail
server_bin=$1
bot_bin=$2
work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

"$server_bin" --listen 127.0.0.1:0 >"$work/out" 2>"$work/err" &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q '^owner code: ' "$work/out" 2>/dev/null && break
  sleep 0.05
done
first=$(head -n1 "$work/out")
# The second line is the owner code: it pairs one laptop (here the bots'
# folder) as an owner, which may then start games on this server.
owner_code=$(sed -n 's/^owner code: //p' "$work/out")
[[ "$owner_code" =~ ^[A-Z2-9]{10}$ ]] || { echo "no owner code on the second line"; cat "$work/out"; exit 1; }
[[ "$first" =~ ^attune-server\ listening\ on\ 127\.0\.0\.1:[0-9]+$ ]] || {
  echo "unexpected first line: '$first'"; cat "$work/err"; exit 1; }
address=${first##* }

# A laptop that is not an owner cannot start a game, and says why.
if "$bot_bin" --server "$address" --pair --rounds 1 2>"$work/stranger"; then
  echo "a stranger created a game"; exit 1
fi
grep -q 'not an owner' "$work/stranger" || { cat "$work/stranger"; exit 1; }

owner_dir="$work/owner-laptop"
"$bot_bin" --server "$address" --data-dir "$owner_dir" --owner-code "$owner_code" --pair --rounds 3 --seed 9 |
  tee "$work/bot"
[[ $(grep -c '^round [0-9]: speaker' "$work/bot") -eq 3 ]] || { echo "expected three round lines"; exit 1; }
grep -q 'empathic accuracy [0-9]*%' "$work/bot"

# One partner at a time: --create prints the code, --join takes it.
"$bot_bin" --server "$address" --data-dir "$owner_dir" --create --rounds 2 --seed 3 >"$work/creator" &
creator_pid=$!
for _ in $(seq 1 100); do
  grep -q '^join code: ' "$work/creator" 2>/dev/null && break
  sleep 0.05
done
code=$(sed -n 's/^join code: //p' "$work/creator")
[[ -n "$code" ]] || { echo "the creator printed no code"; exit 1; }
"$bot_bin" --server "$address" --join "$code" --rounds 2 --seed 4 >"$work/joiner"
wait "$creator_pid"
[[ $(grep -c '^round ' "$work/creator") -eq 2 ]] || { echo "creator did not see two rounds"; exit 1; }

# A wrong code is refused with a sentence, and a non-zero exit.
if "$bot_bin" --server "$address" --join NOPE99 --rounds 1 2>"$work/wrong"; then
  echo "a wrong code was accepted"; exit 1
fi
grep -q 'No game is waiting' "$work/wrong"

kill -TERM "$server_pid"
wait "$server_pid"
echo "server stopped cleanly on SIGTERM"
