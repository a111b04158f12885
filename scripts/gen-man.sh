#!/bin/sh
# Man pages from the one source each applet has: its //usage: lines (which are its --help),
# its //config: entry and its //alias: lines; pidbox(1) from the dispatcher's usage text and
# the applets built in. Plain roff with the man(7) macros, written by this script (POSIX sh,
# sed, awk): the build needs no document tool, and --help, man page and README cannot drift.
#   gen-man.sh [-o DIR] [NAME...]  write DIR/NAME.SECTION (DIR: build/man) for each NAME:
#                                  pidbox, an applet, or a compatibility name (a symbolic link
#                                  to its applet's page); default: pidbox and build/applets.list
#   gen-man.sh -s NAME             print NAME's manual section
set -eu
cd "$(dirname "$0")/.."

# Daemons and inits go in section 8, user commands in 1.
section_of() {
	case $1 in
	pid1 | pause | svinit) echo 8 ;;
	*) echo 1 ;;
	esac
}

# alias_target NAME: the applet that declares //alias:NAME (empty when none does)
alias_target() {
	grep -l "^//alias:$1 " applets/*.c 2>/dev/null | head -n 1 | sed 's|.*/||; s|\.c$||'
}

section() {
	if [ -f "applets/$1.c" ] && [ "$1" != pidbox ]; then
		section_of "$1"
	elif [ "$1" = pidbox ]; then
		echo 1
	else
		t=$(alias_target "$1")
		[ -n "$t" ] || { echo "gen-man.sh: no applet or alias named '$1'" >&2; exit 1; }
		section_of "$t"
	fi
}

version=${VERSION:-$(sed -n 's/^VERSION *:= *//p' Makefile)}

# The page's date: its source's last commit (a dist tarball has no git: the file's time).
page_date() {
	d=$(git log -1 --format=%cs -- "$1" 2>/dev/null || true)
	[ -n "$d" ] || d=$(date -u -r "$1" +%Y-%m-%d)
	echo "$d"
}

# One-line description: the applet's Kconfig prompt without its "NAME: " prefix.
applet_summary() {
	sed -n 's|^//config:[[:space:]]*bool[[:space:]]*"\(.*\)"[[:space:]]*$|\1|p' "applets/$1.c" |
		head -n 1 | sed "s|^$1: ||"
}

# Escape text for roff: backslashes, leading dots and quotes, and hyphens that start an
# option (so that -v and --grace render and copy as ASCII minus signs, not as hyphens).
escape_awk='
function esc(s,    out, i, c, prev, opt) {
	out = ""; prev = " "; opt = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == " " || c == "\t") opt = 0
		if (c == "\\") c = "\\e"
		else if (c == "-" && (opt || index(" \t([|/,\"'"'"'=", prev))) { c = "\\-"; opt = 1 }
		out = out c
		prev = substr(s, i, 1)
	}
	if (out ~ /^[.'"'"']/) out = "\\&" out
	return out
}
# the words of an option spec or a synopsis: options bold, PLACEHOLDERS italic
function words(s, bold_first,    n, w, i, out, t, pre, post) {
	n = split(s, w, " ")
	out = ""
	for (i = 1; i <= n; i++) {
		t = w[i]; post = ""
		if (t ~ /,$/) { post = ","; t = substr(t, 1, length(t) - 1) }
		if (i == 1 && bold_first) t = "\\fB" esc(t) "\\fR"
		else if (t ~ /^-/) {
			if (match(t, /[=[]/)) { pre = substr(t, 1, RSTART - 1); t = substr(t, RSTART) }
			else { pre = t; t = "" }
			t = "\\fB" esc(pre) "\\fR" placeholders(t)
		} else t = placeholders(t)
		out = out (i > 1 ? " " : "") t post
	}
	return out
}
function placeholders(s,    out) {
	out = ""
	while (match(s, /[A-Z][A-Z0-9_]+/)) {
		out = out esc(substr(s, 1, RSTART - 1)) "\\fI" substr(s, RSTART, RLENGTH) "\\fR"
		s = substr(s, RSTART + RLENGTH)
	}
	return out esc(s)
}
'

# usage_to_roff NAME: the //usage: text on stdin, as SYNOPSIS, DESCRIPTION, OPTIONS and
# whatever sections its paragraphs name ("Exit status: ...", "Signals:").
usage_to_roff() {
	awk -v name="$1" "$escape_awk"'
	function flush_pre() { if (inpre) { print ".fi"; print ".RE"; inpre = 0 } }
	function sect(t) { flush_pre(); print ".SH " t; cur = t; started = 0; inopt = 0 }
	function para() { if (started) print ".PP"; started = 1 }
	function indent(s) { match(s, /^[ \t]*/); return RLENGTH }
	BEGIN { state = "synopsis"; blank = 1 }
	{ sub(/[ \t]+$/, "") }
	state == "synopsis" {
		if ($0 == "") {
			if (cur == "SYNOPSIS") print ".fi"
			state = "body"; blank = 1; next
		}
		if (cur != "SYNOPSIS") { sect("SYNOPSIS"); print ".nf" }
		line = $0
		sub(/^(Usage:|usage:|[ \t]*or:)?[ \t]*/, "", line)
		print words(line, 1)
		next
	}
	$0 == "" { flush_pre(); blank = 1; next }
	# an option: "  -v, --verbose   what it does", continued by lines indented further
	# (a spec alone on its line: the next line, indented deeper, sets the description column)
	inopt && !blank && descol < 0 && /^[ \t]/ && indent($0) >= optlead + 4 { descol = indent($0) }
	/^[ \t]+-/ && !(inopt && !blank && descol > 0 && indent($0) >= descol) {
		flush_pre()
		if (cur == "" || cur == "DESCRIPTION") sect("OPTIONS")
		s = $0; lead = indent(s); s = substr(s, lead + 1)
		if (match(s, /  +/)) {
			spec = substr(s, 1, RSTART - 1); d = substr(s, RSTART + RLENGTH)
			descol = lead + RSTART + RLENGTH - 1
		} else {
			# one space before the text (a long spec that fills its column): the text
			# starts at the first word that is neither an option nor a PLACEHOLDER
			spec = s; d = ""; descol = -1; rest = s
			while (match(rest, /^[^ ]+ ?/)) {
				w = substr(rest, 1, RLENGTH); sub(/ $/, "", w)
				if (w !~ /^-/ && w !~ /^[[<]?[A-Z][A-Z0-9_:.=|<>[\]-]*[],>]*$/) {
					spec = substr(s, 1, length(s) - length(rest) - 1); d = rest; break
				}
				rest = substr(rest, RLENGTH + 1)
			}
		}
		optlead = lead
		print ".TP"; print words(spec, 0)
		if (d != "") print esc(d)
		started = 1; inopt = 1; blank = 0; next
	}
	/^[ \t]/ {
		if (inopt && !blank) { s = $0; sub(/^[ \t]+/, "", s); print esc(s); next }
		# any other indented block (an example, a table) keeps its lines as they are
		if (!inpre) {
			if (cur == "") sect("DESCRIPTION")
			para(); print ".RS 4"; print ".nf"; inpre = 1; preind = indent($0)
		}
		s = $0; n = indent(s); print esc(substr(s, (n < preind ? n : preind) + 1))
		blank = 0; next
	}
	{
		flush_pre(); inopt = 0
		if (blank && $0 ~ /^[A-Z][^.]*:$/ && length($0) <= 40) {
			t = toupper(substr($0, 1, length($0) - 1))
			sect(t == "OPTION" ? "OPTIONS" : t); blank = 0; next
		}
		if (blank && match($0, /^(Exit status|Exit codes|Environment|Signals|Files|Examples|Notes|Compatibility): /)) {
			t = toupper(substr($0, 1, RLENGTH - 2))
			sect(t)
			print esc(substr($0, RLENGTH + 1)); started = 1; blank = 0; next
		}
		if (cur == "" || cur == "SYNOPSIS") sect("DESCRIPTION")
		if (blank) para()
		print esc($0); blank = 0
	}
	END { flush_pre(); if (state == "synopsis" && cur == "SYNOPSIS") print ".fi" }'
}

# text_to_roff: plain paragraphs on stdin (a Kconfig help) as filled roff paragraphs
text_to_roff() {
	awk "$escape_awk"'
	{ sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") }
	$0 == "" { if (n) gap = 1; next }
	{ if (gap) print ".PP"; gap = 0; n++; print esc($0) }'
}

# The //config: help of the applet's own entry (its first config block).
config_help() {
	sed -n 's|^//config:||p' "applets/$1.c" | awk '
		/^config / { if (++blocks > 1) exit }
		inhelp && /^[^ \t]/ && $0 != "" { exit }
		inhelp { print; next }
		/^[ \t]+help[ \t]*$/ { inhelp = 1 }'
}

th() { # th NAME SECTION SOURCE
	printf '.\\" generated by scripts/gen-man.sh from %s: edit that file, not this one\n' "$3"
	printf '.TH %s %s %s "pidbox %s" "pidbox manual"\n' \
		"$(echo "$1" | tr 'a-z-' 'A-Z-')" "$2" "$(page_date "$3")" "$version"
}

applet_page() {
	a=$1 src=applets/$1.c
	grep -q '^//usage:' "$src" || { echo "gen-man.sh: $src has no //usage: text" >&2; exit 1; }
	sym=$(sed -n 's|^//config:config \([A-Z0-9_]*\).*|\1|p' "$src" | head -n 1)
	th "$a" "$(section_of "$a")" "$src"
	printf '.SH NAME\n%s \\- %s\n' "$a" "$(applet_summary "$a" | awk "$escape_awk"'{ print esc($0) }')"
	sed -n 's|^//usage:||p' "$src" | usage_to_roff "$a"
	printf '.SH BUILD\nOne applet of the\n.BR pidbox (1)\nmulti-call binary, run through a link named\n'
	printf '.B %s\nor as\n.BR "pidbox %s" .\n' "$a" "$a"
	printf 'It is built in when\n.B CONFIG_%s\nis set\n.RB ( "make menuconfig" ,\nApplets menu).\n' "$sym"
	help=$(config_help "$a")
	[ -z "$help" ] || { echo .PP; printf '%s\n' "$help" | text_to_roff; }
	sed -n 's|^//alias:\([^ ]*\) \([A-Z0-9_]*\)$|\1 \2|p' "$src" | while read -r al asym; do
		printf '.PP\nAlso runs as\n.B %s\nwhen\n.B CONFIG_%s\nis set too.\n' "$al" "$asym"
	done
	printf '.SH SEE ALSO\n.BR pidbox (1)\n'
}


# The dispatcher's usage: the string lines inside #ifdef CONFIG_FEATURE_HELP in
# pidbox_usage(), as "COMMAND  what it does" pairs; a line under another #ifdef CONFIG_X
# only when the build's autoconf.h sets X (all of them when there is no build yet).
dispatcher_usage() {
	conf=include/generated/autoconf.h
	sed -n '/^static int pidbox_usage/,/^}/p' applets/pidbox.c | awk -v conf="$conf" '
		BEGIN { while ((getline l < conf) > 0)
				if (split(l, w, " ") >= 2 && w[1] == "#define") { set[w[2]] = 1; have = 1 } }
		/^#if/ { depth++
			skip[depth] = skip[depth - 1] || (have && $2 != "CONFIG_FEATURE_HELP" && !($2 in set))
			if ($2 == "CONFIG_FEATURE_HELP") help = depth
			next }
		/^#endif/ { if (depth == help) help = 0; depth--; next }
		help && !skip[depth] && match($0, /"(.*)\\n"[ \t]*$/) { print substr($0, RSTART + 1, RLENGTH - 4) }' |
		sed 's|\\"|"|g; s|\\\\|\\|g' | grep -v '^$' | sed 's|^Usage: ||; s|^[[:space:]]*||'
}

pidbox_page() {
	names=$1
	usage=$(dispatcher_usage)
	[ -n "$usage" ] || { echo "gen-man.sh: no usage text found in applets/pidbox.c" >&2; exit 1; }
	summary=$(sed -n 's|.*"pidbox " PIDBOX_VERSION ": \(.*\)\\n".*|\1|p' applets/pidbox.c | head -n 1)
	th pidbox 1 applets/pidbox.c
	printf '.SH NAME\npidbox \\- %s\n.SH SYNOPSIS\n.nf\n' "$summary"
	printf '%s\n' "$usage" | awk "$escape_awk"'{ sub(/  .*/, ""); print words($0, 1) }'
	printf '.fi\n.SH DESCRIPTION\n'
	cat <<-'EOF'
	.B pidbox
	is one small static binary holding several applets. The name it is run by (the
	basename of argv[0], as through a link that
	.B pidbox \-\-install
	or
	.B make install
	creates) picks the applet;
	.B pidbox
	.I APPLET
	.RI [ ARG ...]
	does the same. Every applet takes
	.B \-\-help
	(its usage, exit 0) and
	.B \-\-version
	(pidbox's version), rejects a malformed option, signal, number,
	duration or PID with one line on standard error and exit status 2
	before it starts or signals anything, and exits with 127 (not found)
	or 126 (not executable) when a command it runs cannot be executed.
	.SH OPTIONS
	EOF
	printf '%s\n' "$usage" | awk "$escape_awk"'
		{	cmd = $0; d = ""
			if (match($0, /  +/)) { cmd = substr($0, 1, RSTART - 1); d = substr($0, RSTART + RLENGTH) }
			print ".TP"; print words(cmd, 1); if (d != "") print esc(d)
		}'
	printf '.SH APPLETS\n'
	see=
	for n in $names; do
		[ "$n" != pidbox ] || continue
		if [ -f "applets/$n.c" ]; then
			printf '.TP\n.BR %s (%s)\n%s\n' "$n" "$(section_of "$n")" \
				"$(applet_summary "$n" | awk "$escape_awk"'{ print esc($0) }')"
			see="$see $n"
		else
			t=$(alias_target "$n")
			printf '.TP\n.B %s\n.BR %s (%s)\nunder its compatibility name\n' \
				"$n" "$t" "$(section_of "$t")"
		fi
	done
	cat <<-'EOF'
	.SH EXIT STATUS
	.B pidbox \-\-help
	and
	.B \-\-version
	exit 0;
	.B pidbox
	alone and an unknown option exit 2; an unknown applet name exits 127
	.RB ( "pidbox: applet not found: NAME" ).
	An applet's own exit statuses are in its page.
	EOF
	printf '.SH SEE ALSO\n'
	n=0
	for a in $see; do
		n=$((n + 1))
		[ "$n" = 1 ] || printf ',\n'
		printf '.BR %s (%s)' "$a" "$(section_of "$a")"
	done
	[ "$n" = 0 ] || printf '\n'
}

out=build/man
case ${1:-} in
-s) section "$2"; exit 0 ;;
-o) out=$2; shift 2 ;;
esac
if [ $# -gt 0 ]; then
	names="$*"
else
	[ -f build/applets.list ] || { echo "gen-man.sh: build/applets.list missing: run make" >&2; exit 1; }
	names="pidbox $(cat build/applets.list)"
fi
all=$names
[ $# = 0 ] || all="$(cat build/applets.list 2>/dev/null || ls applets | sed -n 's/\.c$//p')"
mkdir -p "$out"
for name in $names; do
	page="$out/$name.$(section "$name")"
	if [ "$name" = pidbox ]; then
		pidbox_page "$all" >"$page.tmp"
	elif [ -f "applets/$name.c" ]; then
		applet_page "$name" >"$page.tmp"
	else
		# a compatibility name: a link to its applet's page (same section), as mandoc
		# advises over .so
		t=$(alias_target "$name")
		ln -sf "$t.$(section_of "$t")" "$page.tmp"
	fi
	mv -T "$page.tmp" "$page"
done
