#!/usr/bin/env bash
# treekill.sh TOOL SIZE: time killing a racing tree of SIZE processes (default 2000).
#   TOOL: killtree   pidbox killtree -s KILL ROOT (stop, re-scan, signal through pidfds)
#         pgid       kill -KILL -- -PGID (the root's process group: setsid/setpgid escape it)
#         pkill      a recursive `pkill -KILL -P` loop, children first, as shell scripts do;
#                    given up after 30 s (a tree that keeps forking can keep it busy forever)
# Prints one line: "TOOL MS SURVIVORS": milliseconds from the kill's start to the tool's
# return, and processes of the tree alive 500 ms after that (counted by the tree's marker in
# /proc/PID/cmdline). The tree is testsuite/helpers/racetree: it keeps forking while it is
# killed, and 1 in 4 of its processes calls setsid, 1 in 5 setpgid.
# Needs root (the run is in a PID namespace of its own, so nothing outlives it) and a built
# build/pidbox; builds the racetree helper if missing. Exit 0, or 2 on a usage error.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tool=${1:-} size=${2:-2000}
case $tool in killtree | pgid | pkill) ;; *)
	echo "usage: treekill.sh killtree|pgid|pkill [SIZE]" >&2; exit 2 ;;
esac
case $size in '' | *[!0-9]*) echo "treekill.sh: bad size '$size'" >&2; exit 2 ;; esac

if [ "${TREEKILL_IN_NS:-}" != 1 ]; then
	[ "$(id -u)" = 0 ] || { echo "treekill.sh: needs root (a PID namespace)" >&2; exit 1; }
	race=$top/build/testsuite/racetree
	if [ ! -x "$race" ]; then
		mkdir -p "$(dirname "$race")"
		${HOSTCC:-cc} -O2 -D_GNU_SOURCE -o "$race" "$top/testsuite/helpers/racetree.c" || exit 1
	fi
	TREEKILL_IN_NS=1 RACETREE=$race exec timeout -k 5 120 \
		unshare --pid --fork --mount-proc --kill-child bash "$0" "$@"
fi

marker=treekill-$tool-$$
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
mkfifo "$dir/ready"
setsid "$RACETREE" "$marker" "$size" "$dir/ready" </dev/null 2>/dev/null & # own group
disown
read -r -t 60 _ <>"$dir/ready" || { echo "treekill.sh: the tree never came up" >&2; exit 1; }
root=$(pgrep -f -o -- "$marker") || exit 1

kill_rec='k() { local c; for c in $(pgrep -P "$1"); do k "$c"; done; pkill -KILL -P "$1"; }'
start=$(date +%s%N)
case $tool in
killtree) "$top/build/pidbox" killtree -s KILL "$root" ;;
pgid) kill -KILL -- "-$root" ;;
pkill) timeout 30 bash -c "$kill_rec"'; k "$1"; kill -KILL "$1"' _ "$root" ;;
esac
ms=$(( ($(date +%s%N) - start) / 1000000 ))
sleep 0.5
left=0
for f in /proc/[0-9]*/cmdline; do
	grep -qaF -- "$marker" "$f" 2>/dev/null && left=$((left + 1))
done
echo "$tool $ms $left"
