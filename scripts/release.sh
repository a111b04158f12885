#!/bin/sh
# Release artefacts. The version is the one line `VERSION := X.Y.Z` in the Makefile of the
# commit being released; `pidbox --version` prints the same string.
#   release.sh dist [DIR]      DIR/pidbox-VERSION.tar.gz: `git archive` of HEAD (DIR: build)
#   release.sh release [DIR]   in DIR (build/release): the source tarball, static binaries of
#                              the default and the pid1-only (configs/pid1_defconfig) configs,
#                              each built in a scratch copy of HEAD so the working tree and its
#                              .config are left alone, the default build's man pages
#                              (pidbox-VERSION-man.tar.gz: share/man/manN/...), and SHA256SUMS
set -eu
cd "$(dirname "$0")/.."

die() { echo "release.sh: $*" >&2; exit 1; }

git rev-parse --verify -q HEAD >/dev/null 2>&1 || die "not a git checkout: releases are made from git"
version=$(git show HEAD:Makefile | sed -n 's/^VERSION *:= *//p')
[ -n "$version" ] || die "no 'VERSION := ...' line in the Makefile at HEAD"
rev=$(git rev-parse --short HEAD)
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	echo "release.sh: warning: uncommitted changes are not in it (made from HEAD $rev)" >&2

dist() { # dist DIR: the source tarball, reproducible (git's gzip -n, commit times)
	mkdir -p "$1"
	git archive --format=tar.gz --prefix="pidbox-$version/" -o "$1/pidbox-$version.tar.gz" HEAD
	echo "  $1/pidbox-$version.tar.gz ($rev)"
}

# build_config WORK CONFIG OUT: build CONFIG (a make target: defconfig, NAME_defconfig) in a
# fresh copy of HEAD under WORK and copy the binary to OUT
build_config() {
	src=$1/$2
	mkdir -p "$src"
	git archive HEAD | tar -x -C "$src"
	# a clean make: not the caller's flags, jobserver or SANITIZE
	if ! env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -C "$src" "$2" all >"$src.log" 2>&1; then
		cat "$src.log" >&2
		die "building $2 failed"
	fi
	bin=$src/build/pidbox
	if readelf -l "$bin" 2>/dev/null | grep -q INTERP; then die "$2: $bin is not static"; fi
	[ "$("$bin" --version)" = "pidbox $version" ] || die "$2: --version is not 'pidbox $version'"
	cp "$bin" "$3"
	echo "  $3: $(wc -c <"$3") bytes, $(tr '\n' ' ' <"$src/build/applets.list")"
}

release() { # release DIR
	out=$1
	arch=$(uname -m)
	mkdir -p "$out"
	rm -f "$out"/pidbox-* "$out/SHA256SUMS"
	work=$(mktemp -d "$out/.work.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	dist "$out"
	build_config "$work" defconfig "$out/pidbox-$version-linux-$arch"
	# the default build's man pages, laid out for `tar -xzf ... -C /usr/local`
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -C "$work/defconfig" install-man \
		DESTDIR="$work/man" MANDIR=/share/man >/dev/null || die "make install-man failed"
	tar -C "$work/man" --owner=0 --group=0 --sort=name \
		--mtime="@$(git log -1 --format=%ct HEAD)" -c share | gzip -n >"$out/pidbox-$version-man.tar.gz"
	echo "  $out/pidbox-$version-man.tar.gz: $(ls "$work/defconfig/build/man" | wc -l) pages"
	if git cat-file -e HEAD:configs/pid1_defconfig 2>/dev/null; then
		build_config "$work" pid1_defconfig "$out/pidbox-pid1-$version-linux-$arch"
	else
		echo "release.sh: no configs/pid1_defconfig at HEAD: no pid1-only binary" >&2
	fi
	(cd "$out" && sha256sum pidbox-* >SHA256SUMS)
	echo "  $out/SHA256SUMS"
}

case ${1:-} in
dist) dist "${2:-build}" ;;
release) release "${2:-build/release}" ;;
*) echo "usage: release.sh dist [DIR] | release [DIR]" >&2; exit 2 ;;
esac
