#!/usr/bin/env bash
# A real-terminal test of the app in tmux, with its own config and data
# directories: the case picker, a question and its reply with both panels,
# instructor mode, a resize below the minimum and back, an examination, the
# debrief and its export, then quit: the process gone with status 0, the
# alternate screen and mouse capture given back, the session and log files
# written, nothing printed on the terminal.
# Usage: tests/terminal/chat.sh path/to/patient-zero
set -euo pipefail
bin="$(realpath "$1")"
cd "$(dirname "$0")/../.."
session="pz-test-$$"
what="terminal test"
. tests/terminal/lib.sh
home="$(mktemp -d)"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$home"' EXIT
mkdir -p "$home/config/patient-zero"
printf 'style: upset\ntheme: light\n' > "$home/config/patient-zero/config.yaml"

tmux new-session -d -s "$session" -x 120 -y 32 \
  "env HOME='$home' XDG_CONFIG_HOME='$home/config' XDG_DATA_HOME='$home/data' '$bin'; echo APP-EXITED-\$?; sleep 30"

wait_for "Cases (" 10 || fail "the case picker did not open"
[ "$(pane alternate_on)" = 1 ] || fail "the app is not on the alternate screen"
[ "$(pane mouse_any_flag)" = 1 ] || fail "the app did not capture the mouse"
tmux send-keys -t "$session" -l "Linda Harper"
wait_for "Cases (1 of 121)" 5 || fail "the filter did not narrow the list"
tmux send-keys -t "$session" Enter
wait_for "Memory:" 10 || fail "the chat did not open from the picker"
screen | grep -qF "| upset | offline |" || fail "config.yaml's style was not used"

tmux send-keys -t "$session" -l "Do you smoke?"
tmux send-keys -t "$session" Enter
wait_for "never smoked" 10 || fail "no reply on the screen"
s="$(screen)"
grep -qF "Memory:" <<<"$s" || fail "memory panel missing"
grep -qF "Flags:" <<<"$s" || fail "flags panel missing"
grep -qF "You: Do you smoke?" <<<"$s" || fail "question missing from the transcript"
grep -qF "Linda Harper (upset):" <<<"$s" || fail "the reply is not labelled with the patient and style"
! grep -qF "✓ entail" <<<"$s" || fail "verdicts shown outside instructor mode"

tmux send-keys -t "$session" F2
wait_for "✓ entail F052" 5 || fail "instructor mode shows no verdicts"
screen | grep -qF "Acute pancreatitis (severe)" || fail "instructor mode shows no diagnosis"

tmux resize-window -t "$session" -x 60 -y 15
wait_for "needs at least 80x20" 5 || fail "no message in a too-small window"
tmux resize-window -t "$session" -x 120 -y 32
wait_for "Memory:" 5 || fail "the panels did not come back after the resize"

tmux send-keys -t "$session" -l "/exam vitals"
tmux send-keys -t "$session" Enter
wait_for "The heart rate is 118" 5 || fail "the examination panel shows no result"

tmux send-keys -t "$session" C-d
wait_for "History-taking coverage:" 5 || fail "no debrief"
tmux send-keys -t "$session" s
wait_for "Saved " 5 || fail "the debrief did not save the session"

tmux send-keys -t "$session" C-q
wait_for "APP-EXITED-0" 10 || fail "the app did not quit cleanly"
[ "$(pane alternate_on)" = 0 ] || fail "the terminal was left on the alternate screen"
[ "$(pane mouse_any_flag)" = 0 ] || fail "mouse capture was left on"
[ "$(screen | grep -cv '^$')" = 1 ] || fail "the app printed to the terminal"

sessions="$home/data/patient-zero/sessions"
ls "$sessions"/figure5-severe-acute-pancreatitis-*.jsonl >/dev/null 2>&1 || fail "no session log"
ls "$sessions"/figure5-severe-acute-pancreatitis-*.md >/dev/null 2>&1 || fail "no Markdown export"
grep -q '"event":"reply"' "$sessions"/*.jsonl || fail "the session log has no reply"
grep -q '"event":"ordered"' "$sessions"/*.jsonl || fail "the session log has no examination"
grep -qF "Do you smoke?" "$sessions"/*.md || fail "the export has no transcript"
grep -q "chat opened" "$home"/data/patient-zero/logs/* || fail "nothing in the log file"
echo "terminal test passed"
