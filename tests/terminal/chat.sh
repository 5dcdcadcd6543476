#!/usr/bin/env bash
# A real-terminal test: the app in tmux, a question typed, the reply and both
# panels on the screen, then quit, the process gone and the alternate screen left.
# Usage: tests/terminal/chat.sh path/to/patient-zero
set -euo pipefail
bin="$(realpath "$1")"
cd "$(dirname "$0")/../.."
session="pz-test-$$"
fail() { echo "terminal test failed: $*" >&2; tmux capture-pane -p -t "$session" >&2 || true; tmux kill-session -t "$session" 2>/dev/null || true; exit 1; }

tmux new-session -d -s "$session" -x 120 -y 32 "$bin chat figure5-severe-acute-pancreatitis; echo APP-EXITED-\$?; sleep 30"
wait_for() { # text, seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do
    tmux capture-pane -p -t "$session" | grep -q -- "$1" && return 0
    sleep 0.1
  done
  return 1
}
wait_for "Memory:" 10 || fail "the app did not draw its panels"
[ "$(tmux display-message -p -t "$session" '#{alternate_on}')" = 1 ] || fail "the app is not on the alternate screen"
tmux send-keys -t "$session" -l "Do you smoke?"
tmux send-keys -t "$session" Enter
wait_for "never smoked" 10 || fail "no reply on the screen"
screen="$(tmux capture-pane -p -t "$session")"
grep -q "Memory:" <<<"$screen" || fail "memory panel missing"
grep -q "Flags:" <<<"$screen" || fail "flags panel missing"
grep -q "You: Do you smoke?" <<<"$screen" || fail "question missing from the transcript"
tmux send-keys -t "$session" C-q
wait_for "APP-EXITED-0" 10 || fail "the app did not quit cleanly"
[ "$(tmux display-message -p -t "$session" '#{alternate_on}')" = 0 ] || fail "the terminal was left on the alternate screen"
tmux kill-session -t "$session"
echo "terminal test passed"
