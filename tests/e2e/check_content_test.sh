#!/usr/bin/env bash
# attune-server --check-content: the shipped assets pass with counts printed;
# every exercise is listed; a copy with one broken feelings line fails naming
# the file and line.
set -euo pipefail
server="$1"
assets="$2"
out="$("$server" --check-content "$assets")"
for expect in "is valid" "Exercises:" "Decks:" "By ATTUNE part:" "Feelings:" "Needs:" "Nudges:" "Care:"; do
  grep -q "$expect" <<<"$out" || { echo "missing '$expect' in:"; echo "$out"; exit 1; }
done
# Every exercise in the folder is listed by its id.
for file in "$assets"/exercises/*.textproto; do
  id="$(sed -n 's/^id: "\(.*\)"$/\1/p' "$file")"
  grep -q "^  $id: " <<<"$out" || { echo "exercise '$id' ($file) not listed in:"; echo "$out"; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$assets" "$work/assets"
printf 'groups {\n  name: "Broken"\n  words: ""\n}\n' >>"$work/assets/feelings.textproto"
line=$(($(wc -l <"$work/assets/feelings.textproto") - 1))
set +e
err="$("$server" --check-content "$work/assets" 2>&1 >/dev/null)"
rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "expected exit 2, got $rc"; exit 1; }
grep -q "feelings.textproto, line $line: the group \"Broken\" has an empty word" <<<"$err" ||
  { echo "unexpected error: $err"; exit 1; }
echo "ok"
