#!/bin/sh
# allyes-config.sh DIR: the headers a build of every applet and libcommon part needs, made
# without touching .config or include/: DIR/applet.h (usage texts, prototypes) and
# DIR/autoconf.h with every bool symbol of the Kconfig tree on and every int/string
# symbol at its default (help texts unpacked: the packer runs only in the real build). For the fuzz targets and the unit tests, which compile the
# sources directly with the host compiler.
set -eu
dir=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
mkdir -p "$dir"
scripts/gen-applets.sh "$dir" >/dev/null
awk '
	function flush() {
		if (sym != "" && type == "bool") print "#define CONFIG_" sym " 1"
		else if (sym != "" && def != "") print "#define CONFIG_" sym " " def
		sym = ""; type = ""; def = ""
	}
	/^[ \t]*(menu)?config[ \t]/ { flush(); sym = $2; next }
	/^[ \t]*(choice|endchoice|menu|endmenu|source|comment|if|endif)/ { flush(); next }
	sym != "" && /^[ \t]*bool/ { type = "bool" }
	sym != "" && /^[ \t]*(int|hex|string)/ { type = $1 }
	sym != "" && /^[ \t]*default[ \t]/ && def == "" && type != "bool" {
		def = $0; sub(/^[ \t]*default[ \t]+/, "", def)
	}
	END { flush() }
' Config.in "$dir/Config.applets" "$dir/Config.libcommon" |
	grep -v -e '^#define CONFIG_DYNAMIC ' -e '^#define CONFIG_DEBUG ' \
		-e '^#define CONFIG_FEATURE_COMPRESS_USAGE ' >"$dir/autoconf.h.tmp"
cmp -s "$dir/autoconf.h.tmp" "$dir/autoconf.h" 2>/dev/null && rm -f "$dir/autoconf.h.tmp" ||
	mv "$dir/autoconf.h.tmp" "$dir/autoconf.h"
