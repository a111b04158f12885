#!/bin/sh
# Build dependencies. The build calls this; it installs what is missing (as root, on Debian)
# or stops with one line naming the package.
#   deps.sh kconfig                  kconfig-conf must exist
#   deps.sh cc COMPILER STATIC(y|n)  print the compiler to use (musl-gcc, or a fallback)
set -eu

have() { command -v "$1" >/dev/null 2>&1; }

install() { # install() PACKAGE...: true when installed
	[ "$(id -u)" = 0 ] && have apt-get || return 1
	echo "pidbox: installing $* (apt-get)" >&2
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/dev/null 2>&1
}

case ${1:-} in
kconfig)
	have kconfig-conf || install kconfig-frontends-nox || {
		echo "pidbox: kconfig-conf not found: install the Debian package kconfig-frontends-nox" >&2
		exit 1
	}
	;;
cc)
	cc=$2 static=$3
	if have "$cc"; then echo "$cc"; exit 0; fi
	case $cc in
	*musl-gcc)
		install musl-tools && have "$cc" && { echo "$cc"; exit 0; }
		if [ "$static" = y ]; then
			echo "pidbox: $cc not found: install the Debian package musl-tools (or build with CC=cc)" >&2
			exit 1
		fi
		echo "pidbox: $cc not found, building a dynamic binary with cc instead" >&2
		echo cc
		;;
	*)
		echo "pidbox: compiler $cc not found" >&2
		exit 1
		;;
	esac
	;;
*)
	echo "usage: deps.sh kconfig | cc COMPILER STATIC" >&2
	exit 2
	;;
esac
