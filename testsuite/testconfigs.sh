#!/usr/bin/env bash
# The build matrix (`make testconfigs`): allnoconfig, defconfig, allyesconfig, every applet
# alone, and seeded randconfigs, each built from a scratch copy of the tree with -Werror and
# kconfig warnings as errors. Each applet alone must list only itself, contain no other
# applet's code (nm), and pass its own tests. Ends with "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/pidbox-configs.XXXXXX)
trap 'rm -rf "$work"' EXIT
pass=0 failn=0
seeds=${SEEDS:-"1 2 3 4 5"}

# applets and their Kconfig symbols, from the //config: blocks
mapfile -t applets < <(cd "$top" && for f in applets/*.c; do
	s=$(sed -n 's|^//config:config \([A-Z0-9_]*\).*|\1|p' "$f" | head -n 1)
	[ -n "$s" ] && echo "$(basename "$f" .c) $s"; done)

result() { # result NAME RC [DETAIL]
	if [ "$2" = 0 ]; then pass=$((pass + 1)); echo "PASS $1"
	else failn=$((failn + 1)); echo "FAIL $1"; [ -n "${3:-}" ] && printf '%s\n' "$3" | tail -n 30 | sed 's/^/    /'; fi
}

# build NAME CONFIG-COMMAND...: a fresh copy of the sources, configured and built
build() {
	local dir=$work/$1; shift
	mkdir -p "$dir"
	(cd "$top" && tar --exclude=./build --exclude=./include --exclude=./.config \
		--exclude=./.config.old --exclude=./.git -cf - .) | (cd "$dir" && tar xf -)
	(cd "$dir" && "$@" && make) >"$dir.log" 2>&1
}

# only_applet DIR NAME: the binary lists NAME (and its aliases) alone, has no other main()
only_applet() {
	local list mains want
	list=$("$1/build/pidbox" --list) || return 1
	want=$( { echo "$2"; sed -n 's|^//alias:\([^ ]*\) .*|\1|p' "$top/applets/$2.c"; } | LC_ALL=C sort)
	[ "$list" = "$want" ] || { echo "--list says: $list"; return 1; }
	mains=$(nm "$1/build/pidbox.unstripped" | awk '$3 ~ /_main$/ && $3 != "__libc_start_main" { print $3 }')
	[ "$mains" = "${2}_main" ] || { echo "mains linked in: $mains"; return 1; }
}

for c in allnoconfig defconfig allyesconfig; do
	build "$c" make "$c"; rc=$?
	[ $rc = 0 ] && [ $c = allnoconfig ] && { [ -z "$("$work/$c/build/pidbox" --list)" ] || rc=1; }
	result "$c builds$([ $c = allnoconfig ] && echo ', lists no applet')" $rc "$(cat "$work/$c.log")"
done

for entry in "${applets[@]}"; do
	set -- $entry
	name=$1 sym=$2
	# the applet with all its own options (pid1's compatibility names, ...), help and -v
	sed -n 's|^//config:config \([A-Z0-9_]*\).*|CONFIG_\1=y|p' "$top/applets/$name.c" >"$work/$name.frag"
	printf 'CONFIG_FEATURE_HELP=y\nCONFIG_FEATURE_VERBOSE=y\n' >>"$work/$name.frag"
	build "only-$name" env KCONFIG_ALLCONFIG="$work/$name.frag" make allnoconfig; rc=$?
	detail=$(cat "$work/only-$name.log")
	[ $rc = 0 ] && { detail=$(only_applet "$work/only-$name" "$name") || rc=1; }
	result "$name alone: builds, contains only $name" $rc "$detail"
	[ $rc = 0 ] || continue
	out=$(cd "$work/only-$name" && make PHASE=build helpers >/dev/null 2>&1 &&
		testsuite/runtest pidbox $(cd testsuite && ls "$name".tests "$name"-*.tests 2>/dev/null) 2>&1)
	rc=$?
	result "$name alone: its tests pass ($(printf '%s\n' "$out" | tail -n 1))" $rc \
		"$(printf '%s\n' "$out" | grep -A 12 '^FAIL')"
done

for s in $seeds; do
	build "rand-$s" env KCONFIG_SEED="$s" make randconfig; rc=$?
	result "randconfig seed $s builds" $rc "$(cat "$work/rand-$s.log")"
done

echo "$pass passed, $failn failed"
[ $failn = 0 ]
