#!/usr/bin/env bash
# The window program as a person (or a script) runs it, with no display:
# SDL's offscreen driver. Renders every sample screen (attune-screens, fed by
# sessions played through the engine), then hosts a real game with the
# embedded server while attune-bot joins as partner B and plays a round.
set -euo pipefail
attune_bin=$1
bot_bin=$2
screens_bin=$3
work=$(mktemp -d)
attune_pid=""
trap '[[ -n "$attune_pid" ]] && kill "$attune_pid" 2>/dev/null; rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data"  # the embedded server's store and keys
export SDL_VIDEODRIVER=offscreen

"$screens_bin" "$work/shots" >"$work/render"
for dir in "$work/shots" "$work/shots/scale150"; do
  count=$(find "$dir" -maxdepth 1 -name '*.png' | wc -l)
  [[ $count -ge 25 ]] || { echo "expected every screen in $dir, found $count"; exit 1; }
done
# attune-screens itself fails when a screen does not fit 1280x800 (content
# wider than its window, or taller with no way to scroll). Here: none is blank.
for png in "$work"/shots/*.png "$work"/shots/scale150/*.png; do
  spread=$(convert "$png" -format '%[fx:standard_deviation]' info:)
  awk -v s="$spread" 'BEGIN { exit !(s > 0.01) }' || { echo "$png looks blank (deviation $spread)"; exit 1; }
  [[ $(identify -format '%wx%h' "$png") == 1280x800 ]] || { echo "$png is not 1280x800"; exit 1; }
done
head -c 8 "$work/shots/20-reveal-speaker.png" | od -An -tx1 | grep -q '89 50 4e 47' || {
  echo "the reveal screenshot is not a PNG"; exit 1; }

"$attune_bin" --host --no-announce --name Maya --demo-rounds 1 --snapshot "$work/live" >"$work/host" 2>"$work/host.err" &
attune_pid=$!
for _ in $(seq 1 200); do
  grep -q '^attune: join code ' "$work/host" 2>/dev/null && break
  sleep 0.05
done
line=$(grep '^attune: join code ' "$work/host") || { echo "the host printed no code"; cat "$work/host.err"; exit 1; }
code=$(echo "$line" | awk '{print $4}')
port=$(echo "$line" | awk '{print $7}')
"$bot_bin" --server "127.0.0.1:$port" --join "$code" --rounds 1 --timeout 60 | tee "$work/bot"
wait "$attune_pid"
attune_pid=""
grep -q '^attune: demo played 1 round(s); session ended$' "$work/host" || { cat "$work/host" "$work/host.err"; exit 1; }
grep -q '^played 1 round; session ended$' "$work/bot"
[[ -n "$(find "$work/live" -name '*.png')" ]] || { echo "the live window saved no snapshot"; exit 1; }
echo "hosted a round in the window with attune-bot as partner B"
