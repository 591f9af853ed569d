#!/usr/bin/env bash
# LAN discovery as a person runs it, kept on loopback: attune-bot listens on
# 127.0.0.1, attune-server announces to exactly that address (never a broadcast).
set -euo pipefail
server_bin=$1
bot_bin=$2
work=$(mktemp -d)
server_pid=""
bot_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  [[ -n "$bot_pid" ]] && kill "$bot_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bot_bin" --discover 6 --discover-on 127.0.0.1:0 >"$work/bot" 2>"$work/bot-err" &
bot_pid=$!
for _ in $(seq 1 100); do
  [[ -s "$work/bot" ]] && break
  sleep 0.05
done
listening=$(head -n1 "$work/bot")
[[ "$listening" =~ ^listening\ for\ games\ on\ 127\.0\.0\.1:[0-9]+$ ]] || {
  echo "unexpected first line: '$listening'"; cat "$work/bot-err"; exit 1; }
udp_port=${listening##*:}

"$server_bin" --listen 127.0.0.1:0 --data-dir "$work/host" --announce-to "127.0.0.1:$udp_port" \
  >"$work/out" 2>"$work/err" &
server_pid=$!
for _ in $(seq 1 100); do
  [[ -s "$work/out" ]] && break
  sleep 0.05
done
address=$(head -n1 "$work/out")
address=${address##* }

wait "$bot_pid"
bot_pid=""
grep -q "^found game at $address (instance [0-9a-f]\{32\}, protocol [0-9]\{1,\})$" "$work/bot" || {
  echo "the bot did not list $address:"; cat "$work/bot"; exit 1; }
grep -q 'certificate fingerprint is [0-9a-f]\{64\}' "$work/err"
echo "discovered $address"
