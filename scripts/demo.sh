#!/bin/sh
# make demo: build/pidbox's pid1 as real PID 1 of a fresh PID namespace, running a small job
# that misbehaves the way container programs do: it leaves orphans (zombies unless someone
# reaps them), a background process that exits on SIGTERM, and one that ignores SIGTERM.
# The demo sends pid1 a SIGUSR1 from outside, as `docker kill -s USR1` would, and prints what
# pid1 did. It ends by itself in a few seconds; when pid1 exits, the kernel removes whatever
# is left of the namespace, so nothing stays behind.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
pidbox=$top/build/pidbox

[ "$(id -u)" = 0 ] || { echo "demo: needs root (unshare --pid)" >&2; exit 1; }
"$pidbox" --list | grep -qx pid1 || { echo "demo: pid1 is not built in (make defconfig)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkfifo "$work/ready"

say() { printf '\n== %s\n' "$*"; }

say "pid1 -v -w --grace 2s, as PID 1 of a new PID namespace, runs this job:"
job='
echo "job: I am PID $$; pid1 is PID 1"
for i in 1 2 3; do sh -c "sleep 0.$i & exit 0"; done
echo "job: left 3 orphans behind (their parents exited at once)"
setsid sh -c "trap \"echo polite: got SIGTERM, cleaning up; exit 0\" TERM; sleep 1000 & wait" &
setsid sh -c "trap \"\" TERM; while :; do sleep 1; done" &
echo "job: started two daemons (own sessions): a polite one, and one that ignores SIGTERM"
sleep 0.6
echo "job: zombies in the namespace now: $(grep -l "^State:.Z" /proc/[0-9]*/status 2>/dev/null | wc -l)"
trap "echo \"job: got SIGUSR1 (forwarded by pid1); exiting 3\"; exit 3" USR1
echo ready >"$1"
sleep 1000 & wait'
printf '%s\n' "$job" | sed 's/^/    /'

say "what happens:"
unshare --pid --fork --mount-proc --kill-child \
	"$pidbox" pid1 -v -w --grace 2s -- sh -c "$job" sh "$work/ready" 2>&1 &
ns=$!
read -r _ <"$work/ready"
pid1=$(pgrep -P "$ns" | head -n 1)
echo "demo: sending SIGUSR1 to pid1 (host PID $pid1), as docker kill -s USR1 would"
start=$(date +%s%N)
kill -USR1 "$pid1"
rc=0
wait "$ns" || rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))

say "result:"
echo "pid1 exited with status $rc (the job's own exit code) ${ms} ms after the signal:"
echo "the forwarded SIGUSR1 ended the job, pid1 sent SIGTERM to the rest, reaped the polite"
echo "process at once and SIGKILLed the one that ignored SIGTERM when the 2 s grace ran out."
left=$(pgrep -f "trap \"\" TERM; while" || true)
[ -z "$left" ] && echo "Nothing is left running." || echo "demo: left behind: $left"
