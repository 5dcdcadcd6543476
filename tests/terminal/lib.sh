# Shared by the tmux tests: set `session` (and `what`, the test's name) before sourcing.
screen() { tmux capture-pane -p -t "$session"; }
fail() { echo "$what failed: $*" >&2; screen >&2 || true; exit 1; }
wait_for() { # text, seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  return 1
}
pane() { tmux display-message -p -t "$session" "#{$1}"; }
