#!/usr/bin/env bash
# The therapist's report, end to end: a scripted host paces two rounds and
# pins a private note; the host's HTML export holds the note, the couple's
# does not. Then a real headless Chromium opens both, and prints them to PDF.
set -euo pipefail
server_bin=$1
bot_bin=$2
session_bin=$3
work=$(mktemp -d)
server_pid=
trap '[[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
note="Private-note-$RANDOM-only-for-the-host"

"$server_bin" --listen 127.0.0.1:0 --data-dir "$work/data" >"$work/out" 2>"$work/err" &
server_pid=$!
for _ in $(seq 1 200); do grep -q '^owner code: ' "$work/out" 2>/dev/null && break; sleep 0.05; done
address=$(head -n1 "$work/out" | awk '{print $NF}')
owner_code=$(sed -n 's/^owner code: //p' "$work/out")

"$bot_bin" --server "$address" --owner-code "$owner_code" --pair --with-host --host-note "$note" --rounds 2 --timeout 120
id=$("$session_bin" --data-dir "$work/data" list | awk '/Dr. Rivera \(host\)/ {print $1; exit}')
[[ -n "$id" ]] || { echo "no hosted session was kept"; exit 1; }

"$session_bin" --data-dir "$work/data" export "$id" --format html --out "$work/couple.html"
"$session_bin" --data-dir "$work/data" export "$id" --format html --host-version --out "$work/host.html"
grep -q -- "$note" "$work/host.html" || { echo "the host's report lacks the note"; exit 1; }
if grep -q -- "$note" "$work/couple.html"; then echo "the couple's report holds a private note"; exit 1; fi
grep -q '<svg class="radar"' "$work/couple.html"
[[ $(grep -o '<section class="round">' "$work/couple.html" | wc -l) -eq 2 ]]

browser=$(command -v chromium || true)
if [[ -z "$browser" ]]; then
  echo "chromium is not installed: scripts/setup installs it"; exit 1
fi
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile")
for which in couple host; do
  "$browser" "${flags[@]}" --dump-dom "file://$work/$which.html" >"$work/$which.dom" 2>/dev/null
  grep -q '<svg class="radar"' "$work/$which.dom" || { echo "Chromium did not render the $which report"; exit 1; }
  "$browser" "${flags[@]}" --print-to-pdf="$work/$which.pdf" --no-pdf-header-footer "file://$work/$which.html" 2>/dev/null
  [[ -s "$work/$which.pdf" ]] || { echo "no PDF for the $which report"; exit 1; }
  pdftotext "$work/$which.pdf" "$work/$which.txt"
done
grep -q -- "$note" "$work/host.dom"
if grep -q -- "$note" "$work/couple.dom" "$work/couple.txt"; then echo "the couple's report shows a private note"; exit 1; fi
grep -q "Round 1" "$work/couple.txt" || { echo "the couple's PDF has no rounds"; exit 1; }
grep -q -- "$note" "$work/host.txt" || { echo "the host's PDF lacks the note"; exit 1; }
echo "reports render in Chromium and print to PDF; the couple's holds no private note"
