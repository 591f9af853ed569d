#!/usr/bin/env bash
# Installs the build into a scratch prefix and moves that prefix elsewhere, so
# nothing can rely on the path it was installed to. Then, from an empty folder
# and with $ATTUNE_ASSETS unset (so neither the source tree's assets/ nor the
# build folder's link to it is in reach), the installed programs must:
# report their version, find the installed assets beside themselves, refuse
# to start when those installed assets are broken (proof that they are the
# ones loaded), and play a round: attune-bot --pair against attune-server.
set -euo pipefail
cmake_bin=$1
build_dir=$2
version=$3
work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
unset ATTUNE_ASSETS

"$cmake_bin" --install "$build_dir" --prefix "$work/installed" >"$work/install.log"
mv "$work/installed" "$work/moved"
prefix=$work/moved
mkdir "$work/elsewhere"
cd "$work/elsewhere"

for file in bin/attune bin/attune-server bin/attune-session bin/attune-bot \
            share/attune/exercises/attune.textproto share/attune/decks share/attune/feelings.textproto \
            share/attune/nudges.textproto share/applications/attune.desktop \
            share/icons/hicolor/scalable/apps/attune.svg share/icons/hicolor/256x256/apps/attune.png; do
  [[ -e "$prefix/$file" ]] || fail "cmake --install did not put $file under the prefix"
done
[[ ! -e "$prefix/share/attune/desktop" ]] || fail "the desktop entry's sources were installed among the assets"

# The menu entry is valid and starts a program that is installed.
desktop-file-validate "$prefix/share/applications/attune.desktop"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$prefix/share/applications/attune.desktop")
[[ -x "$prefix/bin/$exec_name" ]] || fail "the desktop entry runs '$exec_name', which is not in bin/"
icon_name=$(sed -n 's/^Icon=//p' "$prefix/share/applications/attune.desktop")
[[ "$icon_name" == attune ]] || fail "the desktop entry's icon is '$icon_name', not the installed attune icon"

# One version, from CMake's project(), in every program.
for program in attune attune-server attune-session attune-bot; do
  line=$("$prefix/bin/$program" --version)
  [[ "$line" == "$program $version" ]] || fail "$program --version printed '$line', expected '$program $version'"
  "$prefix/bin/$program" --help >"$work/help" || fail "$program --help failed"
  grep -q -- '--version' "$work/help" || fail "$program --help does not mention --version"
done
echo "every program reports version $version"

# The server looks for its assets beside itself, under the moved prefix.
"$prefix/bin/attune-server" --help >"$work/server-help"
grep -qF "$prefix/share/attune" "$work/server-help" ||
  { cat "$work/server-help"; fail "attune-server does not default to the installed assets"; }

# Broken installed assets stop the installed server with a sentence naming
# the installed file: the programs load these, with no fallback elsewhere.
cp "$prefix/share/attune/nudges.textproto" "$work/nudges.good"
echo "this is not a nudge lexicon {" >"$prefix/share/attune/nudges.textproto"
if "$prefix/bin/attune-server" --listen 127.0.0.1:0 --data-dir "$work/data" >"$work/out" 2>"$work/err"; then
  fail "attune-server started with broken installed assets"
fi
grep -qF "$prefix/share/attune/nudges.textproto" "$work/err" ||
  { cat "$work/err"; fail "the error does not name the installed nudges file"; }
cp "$work/nudges.good" "$prefix/share/attune/nudges.textproto"

# With the installed assets gone, the server does not go looking in the
# source tree: it stops and says where the assets belong.
mv "$prefix/share/attune" "$work/assets.aside"
if "$prefix/bin/attune-server" --listen 127.0.0.1:0 --data-dir "$work/data" >"$work/out" 2>"$work/err"; then
  fail "attune-server started with no installed assets"
fi
grep -qF "$prefix/share/attune/exercises" "$work/err" ||
  { cat "$work/err"; fail "the error does not name the installed assets folder"; }
mv "$work/assets.aside" "$prefix/share/attune"

# A round between the installed programs.
"$prefix/bin/attune-server" --listen 127.0.0.1:0 --data-dir "$work/data" >"$work/out" 2>"$work/err" &
server_pid=$!
for _ in $(seq 1 200); do
  grep -q '^owner code: ' "$work/out" 2>/dev/null && break
  sleep 0.05
done
first=$(head -n1 "$work/out")
[[ "$first" =~ ^attune-server\ listening\ on\ 127\.0\.0\.1:[0-9]+$ ]] ||
  { cat "$work/err"; fail "unexpected first line from the installed server: '$first'"; }
address=${first##* }
# Only an owner's laptop may start games: the bots pair as one with the code
# the server printed on its second line.
owner_code=$(sed -n 's/^owner code: //p' "$work/out")
[[ -n "$owner_code" ]] || { cat "$work/out"; fail "the installed server printed no owner code"; }
"$prefix/bin/attune-bot" --server "$address" --data-dir "$work/owner-laptop" --owner-code "$owner_code" \
  --pair --rounds 1 | tee "$work/bot"
[[ $(grep -c '^round 1: speaker' "$work/bot") -eq 1 ]] || fail "the installed bot did not finish round 1"

kill -TERM "$server_pid"
wait "$server_pid"
server_pid=
echo "installed programs played a round from $prefix"
