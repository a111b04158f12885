# testsuite/lib.sh: sourced by runtest and by every *.tests file.
#
# A *.tests file is a table of cases:
#   testing NAME 'SHELL COMMAND' 'EXPECTED STDOUT' ['STDIN']   one-line case (toybox style)
#   testcase NAME FUNCTION [ARG...]                             a case written as a function
# A function passes by returning 0, fails otherwise, and is skipped by `skip "reason"`.
# Each case runs alone, in a fresh PID namespace when root can have one (so nothing it
# starts can outlive it), under a timeout (TEST_TIMEOUT, default 60 s).
# Available to cases: $PIDBOX (the binary), $H (build/testsuite: helper programs),
# $T (a fresh temp dir, removed afterwards), and the functions below.

top=${top:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
PIDBOX=${PIDBOX:-$top/build/pidbox}
H=${H:-$top/build/testsuite}

testcase() {
	local name=$1; shift
	case ${TEST_MODE:-} in
	list) printf '%s\n' "$name" ;;
	run) if [ "$name" = "$TEST_ONE" ]; then "$@"; exit $?; fi ;;
	esac
}

testing() {
	[ "${TEST_MODE:-}" = run ] && [ "$1" != "$TEST_ONE" ] && return 0
	testcase "$1" _testing_run "$2" "$3" "${4-}"
}

_testing_run() {
	local actual expected
	actual=$(printf '%b' "$3" | eval "$1"; echo x)
	actual=${actual%x}
	expected=$(printf '%b' "$2"; echo x)
	expected=${expected%x}
	[ "$actual" = "$expected" ] && return 0
	echo "command:  $1"
	diff -u <(printf '%s' "$expected") <(printf '%s' "$actual") | tail -n +3
	return 1
}

skip() { echo "$*"; exit 77; }
# fail MESSAGE: the case fails here (exit, so that a `check || fail` anywhere counts)
fail() { echo "FAIL: $*"; exit 1; }

# is_root_ns: can this run make PID namespaces? (root and a working unshare)
have_ns() { [ "$(id -u)" = 0 ] && unshare --pid --fork --mount-proc true 2>/dev/null; }
need_ns() { have_ns || skip "needs root and PID namespaces (unshare)"; }
# in_ns CMD...: run CMD as PID 1 of a new PID namespace with its own /proc
in_ns() { unshare --pid --fork --mount-proc --kill-child "$@"; }

# expect_rc RC CMD...: run CMD, fail unless it exits with RC
expect_rc() {
	local want=$1 rc=0; shift
	"$@" || rc=$?
	[ "$rc" = "$want" ] || fail "'$*' exited $rc, expected $want"
}

# await FIFO [SECONDS]: wait for one line from FIFO (a handshake), at most SECONDS (10)
await() {
	local line
	read -r -t "${2:-10}" line <>"$1" || fail "no handshake on $1 within ${2:-10}s"
	printf '%s\n' "$line"
}

# until_true SECONDS CMD...: CMD re-checked each 10 ms until true; for states with no event
# to wait on (a zombie gone from /proc). Fails after SECONDS.
until_true() {
	local end=$((SECONDS + $1)); shift
	until "$@"; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.01
	done
}

# procs_with MARKER: PIDs whose command line contains MARKER (not counting this shell's)
procs_with() {
	local d pid
	for d in /proc/[0-9]*; do
		pid=${d#/proc/}
		[ "$pid" = "$$" ] || [ "$pid" = "$BASHPID" ] && continue
		tr '\0' ' ' <"$d/cmdline" 2>/dev/null | grep -qF -- "$1" && echo "$pid"
	done
	return 0
}

# zombies: PIDs in state Z (in this PID namespace's /proc)
zombies() {
	local f
	for f in /proc/[0-9]*/stat; do
		awk '{ sub(/^.*\) /, ""); if ($1 == "Z") print FILENAME }' "$f" 2>/dev/null
	done | sed 's|/proc/||; s|/stat||'
}

# has_applet NAME: is NAME built into $PIDBOX?
has_applet() { "$PIDBOX" --list | grep -qx "$1"; }

# ns_pid1 UNSHARE_PID: host PID of the namespace's PID 1 that `in_ns ... &` started
# (the first process below it whose NSpid ends in 1: that is, PID 1 of a nested namespace)
ns_pid1() {
	local p=$1 i
	for i in 1 2 3 4 5 6; do
		if awk '/^NSpid:/ { exit !(NF > 2 && $NF == 1) }' "/proc/$p/status" 2>/dev/null; then
			echo "$p"; return 0
		fi
		until_true 5 pgrep -P "$p" >/dev/null || break
		p=$(pgrep -P "$p" | head -n 1)
	done
	fail "no namespace init below $1"
}
# signals_blocked PID: true once PID has blocked signals (an init is ready for them)
# (TERM and signal 64 both blocked: a shell's mask before its exec never has 64)
signals_blocked() {
	local m
	m=$(awk '/^SigBlk:/ { print $2 }' "/proc/$1/status" 2>/dev/null)
	[ -n "$m" ] && (( (16#$m & 0x4000) && ((16#$m >> 63) & 1) ))
}
# children_of PID: its children, zombies included
children_of() { cat /proc/"$1"/task/*/children 2>/dev/null | tr ' ' '\n' | grep .; }

# wait_timeout SECONDS PID: wait for a child of this shell; KILL it after SECONDS.
# Returns its exit status (137 when it had to be killed).
wait_timeout() {
	( sleep "$1" && kill -KILL "$2" ) 2>/dev/null &
	local w=$! rc=0
	wait "$2" || rc=$?
	# KILL, not TERM: a bash subshell TERMed before it has reset its traps runs the
	# test shell's EXIT trap, which removes $T under the running case
	kill -KILL "$w" 2>/dev/null
	return $rc
}

# sanitized: is $PIDBOX an ASan build (make check SANITIZE=1)?
sanitized() { grep -qa __asan_init "$PIDBOX"; }
