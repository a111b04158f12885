#!/usr/bin/env bash
# testsuite/fuzz/lint.sh: `make lint`, static analysis of applets/ and libcommon/, both
# clean or the target fails. The sources are analysed with every applet and feature on
# (allyes-config.sh), so no #ifdef'd code escapes.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
gen=build/lint/gen
testsuite/fuzz/allyes-config.sh "$gen" || exit 2
defs=(-D_GNU_SOURCE -DPIDBOX_VERSION='"lint"' -Ilibcommon -I"$gen")
srcs=(applets/*.c libcommon/*.c)
rc=0

# cppcheck: warnings, style, performance, portability. Suppressed, each for its reason:
#   unusedStructMember    structs that mirror a kernel ABI (linux_dirent64, the kernel's
#                         sigaction) must keep the fields pidbox never reads
#   variableScope         house style declares locals at the top of a block, as musl does
#   missingIncludeSystem  system headers are not given to cppcheck, on purpose: it checks
#                         pidbox's code, not libc's
cppcheck_suppress=(
	--suppress=unusedStructMember
	--suppress=variableScope
	--suppress=missingIncludeSystem
)
if command -v cppcheck >/dev/null; then
	cppcheck -q --std=c11 --enable=warning,style,performance,portability --inline-suppr \
		--error-exitcode=1 "${cppcheck_suppress[@]}" "${defs[@]}" --include="$gen/autoconf.h" \
		"${srcs[@]}" && echo "lint: cppcheck clean (${#srcs[@]} files)" ||
		{ echo "lint: cppcheck found problems (above)"; rc=1; }
else
	echo "lint: cppcheck not installed (apt-get install cppcheck)"; rc=1
fi

# clang-tidy: the bug-finding groups, minus the checks that only fight the project's style:
#   bugprone-*        real bugs: misplaced widening, sizeof mistakes, signed char misuse...
#     -bugprone-easily-swappable-parameters   flags every (int, int) function: style, not bugs
#     -bugprone-suspicious-string-compare     `if (strcmp(a, b))` / `!strcmp` is house style
#   cert-*            CERT C rules (signal handlers, errno, string termination...)
#     -cert-err33-c   unchecked results of calls that cannot fail usefully here (signal() on
#                     a valid signal, writes of a diagnostic to stderr); -Wunused-result
#                     already covers the calls libc marks
#   clang-analyzer-*  the path-sensitive analyzer: null derefs, leaks, uninitialised reads
#     -clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling  wants Annex K
#                     memset_s/memcpy_s, which neither musl nor glibc has
#     -clang-analyzer-security.insecureAPI.strcpy  flags every strcpy/strcat whatever the
#                     room; the one strcat (killtree's cgroup path + "/cgroup.kill") has it
#                     by construction: a path from a 4 KiB read, in a 4200-byte buffer
#     -clang-analyzer-security.insecureAPI.vfork, -clang-analyzer-unix.Vfork  spawn.c uses
#                     vfork on purpose and its child makes only syscalls before exec or
#                     _exit, as posix_spawn does
#     -clang-analyzer-valist.Uninitialized  false positive on every va_list received as a
#                     parameter (fmt_v), a known analyzer bug in LLVM 14
#   misc-*            redundant expressions, misplaced const, definitions in headers
#     -misc-no-recursion  pidbox recurses only where the depth is bounded (svinit's JSON
#                     check at 32 levels, proctree_walk at the tree's depth); the fuzzers
#                     would find a stack overflow
tidy_checks='-*,bugprone-*,-bugprone-easily-swappable-parameters,-bugprone-suspicious-string-compare,'\
'cert-*,-cert-err33-c,clang-analyzer-*,'\
'-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling,'\
'-clang-analyzer-security.insecureAPI.strcpy,'\
'-clang-analyzer-security.insecureAPI.vfork,-clang-analyzer-unix.Vfork,'\
'-clang-analyzer-valist.Uninitialized,misc-*,-misc-no-recursion'
if command -v clang-tidy >/dev/null; then
	# a compilation database, so that xargs can hand clang-tidy several files at once
	{
		echo '['
		for f in "${srcs[@]}"; do
			printf '{"directory":"%s","file":"%s","arguments":["cc","-std=gnu11",' "$top" "$f"
			printf '"%s",' "${defs[@]//\"/\\\"}" -include "$gen/autoconf.h"
			printf '"-c","%s"]},\n' "$f"
		done | sed '$ s/,$//'
		echo ']'
	} >build/lint/compile_commands.json
	if out=$(printf '%s\n' "${srcs[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy --quiet \
		-p build/lint -checks="$tidy_checks" -warnings-as-errors='*' 2>&1); then
		echo "lint: clang-tidy clean (${#srcs[@]} files)"
	else
		printf '%s\n' "$out" | grep -v -e 'warnings generated' -e '^Suppressed' \
			-e 'Use -header-filter' -e 'display errors from all'
		echo "lint: clang-tidy found problems (above)"; rc=1
	fi
else
	echo "lint: clang-tidy not installed (apt-get install clang-tidy)"; rc=1
fi
exit $rc
