#!/usr/bin/env bash
# Two real Attune windows on an X display (Xvfb), played with the mouse and
# keyboard through xdotool, as a couple would: Maya hosts, Sam joins. Mid-round
# Sam's window is killed (kill -9) with a validation half written; restarted,
# it offers "Rejoin the game with Maya", comes back with the draft, and the
# round finishes. Then Maya's window (the host) is killed: Sam's window gives
# up after a bounded wait and shows the calm "stopped for now" screen, idle;
# Maya restarts, rejoins (her server comes back on the same port) and Sam's
# "Try again" takes his seat back.
#
# Usage: two_windows_test.sh ATTUNE ATTUNE_SESSION [SCREENSHOT_DIR]
set -euo pipefail
attune_bin=$1
session_bin=$2
shots_out=${3:-}
for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null || { echo "two_windows_test: $tool is missing (scripts/setup installs it)"; exit 1; }
done

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# A step that fails without its own sentence still says where it stopped.
trap 'echo "two_windows_test: stopped at line $LINENO"; for f in "$work"/*.err; do echo "== $f"; tail -5 "$f"; done' ERR

# Two displays, one per laptop; Xvfb picks free numbers and tells us on a pipe.
start_display() {
  local fifo="$work/display.$1"
  mkfifo "$fifo"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fifo" >"$work/xvfb.$1.log" 2>&1 &
  pids+=($!)
  read -r -t 10 display_number <"$fifo" || { echo "Xvfb did not start"; cat "$work/xvfb.$1.log"; exit 1; }
}
start_display maya
maya_display=":$display_number"
start_display sam
sam_display=":$display_number"
export SDL_VIDEODRIVER=x11

fail() {
  echo "two_windows_test: $*"
  for f in "$work"/*.err; do echo "== $f"; tail -5 "$f"; done
  exit 1
}

# map NAME -> "x0 y0 x1 y1" of a control drawn in the window's last frame.
rect() { awk -F'\t' -v name="$2" '$1 == name { print $2; exit }' "$1" 2>/dev/null; }
screen_of() { awk '$1 == "screen" { print $2; exit }' "$1" 2>/dev/null; }

wait_screen() {  # MAP SCREEN [SECONDS]
  local limit=$(( ${3:-30} * 10 ))
  for _ in $(seq 1 "$limit"); do
    [[ "$(screen_of "$1")" == "$2" ]] && return 0
    sleep 0.1
  done
  fail "$1 did not reach screen $2 (it shows $(screen_of "$1"))"
}

window_of() {  # WHO PID -> X window id
  local id=""
  for _ in $(seq 1 100); do
    id=$(on "$1" xdotool search --onlyvisible --pid "$2" 2>/dev/null | head -1 || true)
    [[ -n "$id" ]] && break
    sleep 0.1
  done
  [[ -n "$id" ]] || fail "no window for process $2"
  echo "$id"
}

click() {  # WHO NAME
  local map="$work/$1.map" win
  win=$(window_var "$1")
  local r=""
  for _ in $(seq 1 100); do
    r=$(rect "$map" "$2")
    [[ -n "$r" ]] && break
    sleep 0.1
  done
  [[ -n "$r" ]] || fail "no \"$2\" on $1's screen"
  read -r x0 y0 x1 y1 <<<"$r"
  (( y1 < 800 && y0 >= 0 )) || fail "\"$2\" is outside $1's window ($r)"
  on "$1" xdotool mousemove --window "$win" $(( (x0 + x1) / 2 )) $(( (y0 + y1) / 2 ))
  sleep 0.15
  on "$1" xdotool click 1
  sleep 0.35
}

type_into() {  # WHO NAME TEXT
  click "$1" "$2"
  on "$1" xdotool windowfocus --sync "$(window_var "$1")" 2>/dev/null || true
  on "$1" xdotool type --delay 15 "$3"
  sleep 0.3
}

window_var() { [[ $1 == maya ]] && echo "$maya_win" || echo "$sam_win"; }

shot() {  # WHO FILE (a picture for the docs; a failed grab does not fail the test)
  on "$1" import -window "$(window_var "$1")" "$2" || echo "two_windows_test: could not take $2 (import failed)"
}

display_for() { [[ $1 == maya ]] && echo "$maya_display" || echo "$sam_display"; }
# xdotool on the display of the window's laptop.
on() {
  local who=$1
  shift
  DISPLAY=$(display_for "$who") "$@"
}

cpu_ticks() {
  [[ -r "/proc/$1/stat" ]] || fail "the window (process $1) is gone"
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

start_window() {  # NAME DATA MAP ARGS... ; sets $started
  local name=$1 data=$2 map=$3
  shift 3
  # Right after a window on the same display was killed, the virtual X server
  # can refuse the next client for a moment ("x11 not available"): try again.
  for _ in 1 2 3; do
    rm -f "$map"
    DISPLAY=$(display_for "$name") XDG_DATA_HOME="$data" "$attune_bin" --no-announce --give-up-after 6 --ui-map "$map" "$@" \
      >"$work/$name.out" 2>"$work/$name.err" &
    started=$!
    pids+=("$started")
    sleep 0.5
    if kill -0 "$started" 2>/dev/null || ! grep -q "x11 not available" "$work/$name.err"; then return 0; fi
    echo "two_windows_test: the X display refused $name's window; starting it again"
    sleep 1
  done
}

# Screens (ui::Screen): 0 start, 2 waiting, 3 lost, 4 reconnecting, 6 prompt,
# 7 check-in, 8 share, 9 reflect, 10 confirm, 11 validate, 12 rate, 13 reveal,
# 15 partner's turn.
maya_map="$work/maya.map"
sam_map="$work/sam.map"
start_window maya "$work/maya" "$maya_map" --host --port 0 --name Maya --record
maya=$started
for _ in $(seq 1 200); do
  grep -q '^attune: join code ' "$work/maya.out" 2>/dev/null && break
  sleep 0.05
done
line=$(grep '^attune: join code ' "$work/maya.out") || fail "Maya's window printed no code"
code=$(awk '{print $4}' <<<"$line")
port=$(awk '{print $7}' <<<"$line")
maya_win=$(window_of maya "$maya")

start_window sam "$work/sam" "$sam_map" --join "$code@127.0.0.1:$port" --name Sam --record
sam=$started
sam_win=$(window_of sam "$sam")

# Round 1: Maya speaks, Sam listens.
wait_screen "$maya_map" 6
click maya "Draw a card blind"
wait_screen "$maya_map" 7
feeling=$(awk -F'\t' '$1 ~ /^feeling / { print $1; exit }' "$maya_map")
click maya "$feeling"
click maya "Check in"
wait_screen "$maya_map" 8
type_into maya "##share" "I feel left out when plans change late, and I need a heads-up."
click maya "Share"
wait_screen "$sam_map" 9
type_into sam "##reflection" "You feel left out when plans change late and you need a heads-up."
click sam "Send my reflection"
wait_screen "$maya_map" 10
click maya "Yes, that's it"
wait_screen "$sam_map" 11
validation="It makes sense you feel left out, because being told late says you were not thought of."
type_into sam "##validation" "$validation"
sleep 2  # the draft reaches the disk (saved at most every 1.5 s while typing)

# Sam's laptop: the window dies mid-round.
kill -9 "$sam"
wait "$sam" 2>/dev/null || true
[[ "$(stat -c %a "$work/sam/attune/seat")" == 600 ]] || fail "the saved seat is not owner-only"
grep -qF "$validation" "$work/sam/attune/seat" || fail "the draft was not saved"

start_window sam "$work/sam" "$sam_map"  # no --join, no --name: everything from disk
sam=$started
sam_win=$(window_of sam "$sam")
wait_screen "$sam_map" 0
sleep 0.5
[[ -n "$(rect "$sam_map" "Rejoin")" ]] || fail "no Rejoin offered"
shot sam "$work/rejoin.png"
click sam "Rejoin"
wait_screen "$sam_map" 11
# The draft came back: Send works without typing again.
click sam "Send"
wait_screen "$maya_map" 12
wait_screen "$sam_map" 12
sleep 0.5
shot maya "$work/rate-reads-validation.png"
click maya "Submit privately"
click sam "Submit privately"
wait_screen "$maya_map" 13
wait_screen "$sam_map" 13
click maya "Continue"
click sam "Continue"
# Round 2 begins: roles swap, Sam speaks.
wait_screen "$sam_map" 6
wait_screen "$maya_map" 15
echo "round 1 finished across a kill -9 of the joining window"

# The validation typed before the kill is in the host's store, byte for byte.
room=$("$session_bin" --data-dir "$work/maya/attune" list | awk 'NR == 1 { print $1 }')
"$session_bin" --data-dir "$work/maya/attune" export "$room" --format json --out "$work/session.json" >/dev/null
grep -qF "$validation" "$work/session.json" || fail "the validation is not in the store as typed"

# The host's laptop goes off: Sam's window stops trying after the bounded wait.
kill -9 "$maya"
wait "$maya" 2>/dev/null || true
wait_screen "$sam_map" 4 10
wait_screen "$sam_map" 3 20
sleep 1
shot sam "$work/host-gone.png"
before=$(cpu_ticks "$sam")
sleep 5
after=$(cpu_ticks "$sam")
# Under 1% of a core: at most 5 ticks (1/100 s each) in 5 s.
(( after - before <= 5 )) || fail "the host-gone screen used $(( after - before )) ticks of CPU in 5 s"

# Maya comes back: her window offers Rejoin and restarts the game's server.
start_window maya "$work/maya" "$maya_map"
maya=$started
maya_win=$(window_of maya "$maya")
wait_screen "$maya_map" 0
click maya "Rejoin"
wait_screen "$maya_map" 15
click sam "Try again"
wait_screen "$sam_map" 6
echo "the host's window came back and Sam took his seat again"

if [[ -n "$shots_out" ]]; then
  mkdir -p "$shots_out"
  cp "$work"/rejoin.png "$work"/host-gone.png "$work"/rate-reads-validation.png "$shots_out"/
fi
echo "two windows played a round across a killed partner window and a killed host window"
