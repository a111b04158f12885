#!/usr/bin/env bash
# testsuite/fuzz/run.sh build|run|list [SECONDS] [TARGET...]
# Builds and runs the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined):
#   sig num opt     the libcommon parsers, against reference implementations
#   APPLET          each applet's whole command line, up to where it would act (hooks.h)
#   pidbox          the dispatcher, with every applet behind it
# Objects and binaries go to build/fuzz/, new corpus entries to build/fuzz/corpus/TARGET
# (the committed seeds in testsuite/fuzz/corpus/TARGET are read, never written).
# Any crash, sanitizer report, timeout or leak fails; the last line sums the executions.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
mode=${1:-run}
secs=${2:-10}
shift $(($# > 2 ? 2 : $#))
out=build/fuzz
gen=$out/gen
FUZZ_CC=${FUZZ_CC:-clang}
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
cflags="-std=gnu11 -g -O1 -fno-omit-frame-pointer $san -D_GNU_SOURCE -DPIDBOX_VERSION=\"fuzz\"
	-Ilibcommon -I$gen -Itestsuite/fuzz -include $gen/autoconf.h -Wall -Wextra -Wno-unused-parameter -Wno-string-plus-int"

command -v "$FUZZ_CC" >/dev/null || { echo "fuzz: $FUZZ_CC not found (apt-get install clang)"; exit 2; }
applets() { for f in applets/*.c; do f=${f##*/}; [ "$f" = pidbox.c ] || echo "${f%.c}"; done; }
all_targets() { echo sig num opt sigmap proc pidbox; applets; }

# compile SRC OBJ [FLAGS...]: when SRC (or a header, or the flags) is newer than OBJ
compile() {
	local src=$1 obj=$2; shift 2
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$out/stamp" -nt "$obj" ] ||
	   [ -n "$(find libcommon testsuite/fuzz "$gen" -name '*.h' -newer "$obj" | head -n 1)" ]; then
		mkdir -p "$(dirname "$obj")"
		# shellcheck disable=SC2086
		"$FUZZ_CC" $cflags -fsanitize=fuzzer-no-link "$@" -c "$src" -o "$obj"
	fi
}

build() {
	local f o lib=() wraps t
	mkdir -p "$out/obj"
	testsuite/fuzz/allyes-config.sh "$gen"
	echo "$FUZZ_CC $cflags" | cmp -s - "$out/stamp" 2>/dev/null || echo "$FUZZ_CC $cflags" >"$out/stamp"
	for f in libcommon/*.c; do
		o=$out/obj/${f%.c}.o; compile "$f" "$o"; lib+=("$o")
	done
	compile testsuite/fuzz/hooks.c "$out/obj/hooks.o"
	for t in $(applets); do compile "applets/$t.c" "$out/obj/applets/$t.o"; done
	compile applets/pidbox.c "$out/obj/applets/pidbox.o" -Dmain=pidbox_multicall_main
	# every call hooks.c intercepts
	wraps=$(sed -n 's/^ACTS\(_VA\)\{0,1\}([^,]*, *\([a-z_0-9]*\),.*/\2/p; s/^[a-z].* __wrap_\([a-z_0-9]*\)(.*/\1/p' \
		testsuite/fuzz/hooks.c | sort -u | sed 's/^/-Wl,--wrap=/' | tr '\n' ' ')
	link() { # link TARGET OBJS...
		local t=$1; shift
		# shellcheck disable=SC2086
		"$FUZZ_CC" $cflags -fsanitize=fuzzer $wraps "$@" -o "$out/$t"
	}
	for t in sig num opt sigmap proc; do
		compile "testsuite/fuzz/fuzz_$t.c" "$out/obj/fuzz_$t.o"
		link "$t" "$out/obj/fuzz_$t.o" "$out/obj/hooks.o" "${lib[@]}"
	done
	for t in $(applets); do
		compile testsuite/fuzz/fuzz_cmdline.c "$out/obj/cmdline_$t.o" \
			-DFUZZ_MAIN="${t}_main" -DFUZZ_ARGV0="\"$t\""
		link "$t" "$out/obj/cmdline_$t.o" "$out/obj/applets/$t.o" "$out/obj/hooks.o" "${lib[@]}"
	done
	compile testsuite/fuzz/fuzz_cmdline.c "$out/obj/cmdline_pidbox.o" \
		-DFUZZ_MAIN=pidbox_multicall_main -DFUZZ_ARGV0='"pidbox"'
	link pidbox "$out/obj/cmdline_pidbox.o" "$out"/obj/applets/*.o "$out/obj/hooks.o" "${lib[@]}"
}

# dict TARGET: option names from the applet's source, signal names, tricky values
dict() {
	local t=$1 src=applets/$t.c
	[ "$t" = pidbox ] && src="applets/*.c"
	{
		# shellcheck disable=SC2086
		grep -h '^//usage:' $src 2>/dev/null | grep -o -e '--[a-z][a-z-]*' -e ' -[a-zA-Z]' |
			tr -d ' ' | sort -u
		[ "$t" = pidbox ] && applets
		printf '%s\n' -- TERM SIGTERM KILL HUP RTMIN RTMIN+3 SIGRTMAX-2 0 1 -1 15 64 65 \
			5s 250ms 0.5 1m 1h 4294967296 18446744073709551616 :
	} | sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/'
	printf '"\\x00"\n'
}

run() {
	local t rc total=0 runs failed=0 args
	mkdir -p "$out/logs"
	for t in "$@"; do
		[ -x "$out/$t" ] || { echo "fuzz: $t: not built"; failed=1; continue; }
		mkdir -p "$out/corpus/$t" "$out/crashes"
		args=(-max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 -max_len=512
			-artifact_prefix="$out/crashes/$t-" -print_final_stats=1)
		case $t in sig|num|opt|sigmap|proc) ;; *) dict "$t" >"$out/$t.dict"; args+=(-dict="$out/$t.dict") ;; esac
		seeds=()
		[ -d "testsuite/fuzz/corpus/$t" ] && seeds=("testsuite/fuzz/corpus/$t")
		rc=0
		"$out/$t" "${args[@]}" "$out/corpus/$t" "${seeds[@]}" >"$out/logs/$t.log" 2>&1 || rc=$?
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/logs/$t.log" | tail -n 1)
		total=$((total + ${runs:-0}))
		if [ $rc = 0 ]; then
			echo "fuzz: $t: ${runs:-?} executions in ${secs}s, no crash"
		else
			failed=1
			echo "fuzz: $t: FAILED (exit $rc) after ${runs:-?} executions; log $out/logs/$t.log"
			grep -E -m 12 -e '^fuzz_|^fuzz:|ERROR|SUMMARY|runtime error|Test unit written' \
				"$out/logs/$t.log" | sed 's/^/    /'
		fi
	done
	echo "fuzz: $total executions in total, $# targets, ${secs}s each"
	return $failed
}

[ $# -gt 0 ] || set -- $(all_targets)
case $mode in
build) build ;;
run) build; run "$@" ;;
list) all_targets ;;
*) echo "usage: $0 build|run|list [SECONDS] [TARGET...]"; exit 2 ;;
esac
