#!/usr/bin/env bash
# The terminal survives panics: a panic on the patient's thread leaves the
# app's screen alone; a panic on the UI thread gives the terminal back (raw
# mode off, alternate screen and mouse capture left) and prints its message.
# Usage: tests/terminal/panic.sh path/to/terminal_panic (the example binary)
set -euo pipefail
bin="$(realpath "$1")"
session="pz-panic-$$"
what="panic test"
. "$(dirname "$0")/lib.sh"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT
tmux new-session -d -s "$session" -x 100 -y 24 \
  "'$bin'; echo EXITED-\$?; stty -a | tr ' ;' '\n\n' | grep -x -- '-\?icanon'; sleep 30"
wait_for "WORKER-PANICKED-SCREEN-KEPT" 20 || fail "the screen did not survive a worker's panic"
[ "$(pane alternate_on)" = 1 ] || fail "a worker's panic left the alternate screen"
[ "$(pane mouse_any_flag)" = 1 ] || fail "a worker's panic turned mouse capture off"
tmux send-keys -t "$session" x
wait_for "EXITED-101" 10 || fail "the UI thread's panic did not end the program"
[ "$(pane alternate_on)" = 0 ] || fail "the panic left the terminal on the alternate screen"
[ "$(pane mouse_any_flag)" = 0 ] || fail "the panic left mouse capture on"
s="$(screen)"
grep -qF "a panic on the UI thread" <<<"$s" || fail "the panic message was not printed"
! grep -qF "a panic on the worker thread" <<<"$s" || fail "the worker's panic was printed over the screen"
grep -qx "icanon" <<<"$s" || fail "the terminal was left in raw mode"
echo "panic test passed"
