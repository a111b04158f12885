#!/bin/sh
# Run kconfig-conf on Config.in with its warnings treated as errors.
#   kconf.sh --MODE[=ARG]   one of kconfig-conf's modes (--alldefconfig, --defconfig=FILE, ...)
#   kconf.sh sync           refresh include/config/auto.conf and include/generated/autoconf.h
#                           when .config or the Kconfig files changed since the last sync
set -eu

run() {
	out=$(kconfig-conf "$@" Config.in 2>&1 </dev/null) && st=0 || st=$?
	printf '%s\n' "$out" | grep -v -e '^#' -e '^$' -e '^\*' || true
	if [ "$st" != 0 ]; then echo "pidbox: kconfig-conf $* failed" >&2; exit 1; fi
	if printf '%s\n' "$out" | grep -qi 'warning'; then
		echo "pidbox: kconfig-conf $*: warnings are errors" >&2; exit 1
	fi
}

case $1 in
sync)
	[ -f .config ] || run --alldefconfig
	stamp=include/config/auto.conf
	if [ -f "$stamp" ] && [ -z "$(find .config Config.in include/generated/Config.applets \
		include/generated/Config.libcommon -newer "$stamp" 2>/dev/null)" ]; then
		exit 0
	fi
	run --olddefconfig
	mkdir -p include/config include/generated
	run --silentoldconfig
	;;
*)
	run "$@"
	;;
esac
