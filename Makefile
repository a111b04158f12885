# pidbox: one static multi-call binary of process-level tools.  `make help` lists the targets.
VERSION := 0.1.0

ifeq ($(V),1)
Q :=
else
Q := @
endif
MAKEFLAGS += --no-print-directory
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
HOSTCC ?= cc
gen := include/generated
b := build

.PHONY: all help prepare defconfig allnoconfig allyesconfig randconfig olddefconfig \
	oldconfig savedefconfig menuconfig nconfig install check testconfigs clean distclean \
	demo FORCE

ifneq ($(PHASE),build)
# ---------------------------------------------------------------- user-facing targets

all: prepare
	$(Q)$(MAKE) PHASE=build

help:
	@echo 'Configuration:'
	@echo '  defconfig allnoconfig allyesconfig randconfig (KCONFIG_SEED=N)'
	@echo '  oldconfig olddefconfig savedefconfig menuconfig nconfig'
	@echo '  $(patsubst configs/%,%,$(wildcard configs/*_defconfig))'
	@echo 'Build:   all (default)  install (PREFIX=$(PREFIX) DESTDIR=)  clean  distclean'
	@echo 'Test:    check (SANITIZE=1, TESTS="pid1 pause")  testconfigs  demo  bench (QUICK=1)'
	@echo '         fuzz (FUZZ_SECONDS=N)  lint'
	@echo 'Docs:    man  dist  release'
	@echo 'Options: V=1 full command lines, CC=... compiler'

# The Kconfig fragments are generated from the applets' //config: blocks before any
# kconfig-conf run reads Config.in.
prepare-kconfig:
	$(Q)scripts/deps.sh kconfig
	$(Q)scripts/gen-applets.sh

prepare: prepare-kconfig
	$(Q)scripts/kconf.sh sync

defconfig: prepare-kconfig
	$(Q)scripts/kconf.sh --alldefconfig
allnoconfig allyesconfig olddefconfig: prepare-kconfig
	$(Q)scripts/kconf.sh --$@
randconfig: prepare-kconfig
	$(Q)KCONFIG_SEED=$(KCONFIG_SEED) scripts/kconf.sh --randconfig
%_defconfig: configs/%_defconfig prepare-kconfig
	$(Q)scripts/kconf.sh --defconfig=$<
savedefconfig: prepare-kconfig
	$(Q)scripts/kconf.sh --savedefconfig=defconfig
	@echo 'pidbox: minimal config written to ./defconfig (move it to configs/NAME_defconfig)'
oldconfig: prepare-kconfig
	$(Q)kconfig-conf --oldconfig Config.in
menuconfig: prepare-kconfig
	$(Q)kconfig-mconf Config.in
nconfig: prepare-kconfig
	$(Q)kconfig-nconf Config.in

install: all
	$(Q)install -d $(DESTDIR)$(BINDIR)
	$(Q)install -m 755 $(b)/pidbox $(DESTDIR)$(BINDIR)/pidbox
	$(Q)for a in $$(cat $(b)/applets.list); do \
		ln -sf pidbox $(DESTDIR)$(BINDIR)/$$a || exit 1; done
	@echo "pidbox: installed $(DESTDIR)$(BINDIR)/pidbox and $$(wc -l <$(b)/applets.list) links"

check: all
	$(Q)$(MAKE) PHASE=build helpers
	@# the tests' own builds (install, release, examples) must not inherit SANITIZE=1 & co.
	$(Q)env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u SANITIZE testsuite/runtest $(TESTS)

testconfigs:
	$(Q)testsuite/testconfigs.sh

demo: all
	$(Q)$(MAKE) PHASE=build helpers
	$(Q)scripts/demo.sh

clean:
	rm -rf $(b)

distclean: clean
	rm -rf include .config .config.old defconfig

.PHONY: prepare-kconfig

else
# ---------------------------------------------------------------- PHASE=build
include include/config/auto.conf
include $(gen)/objs.mk

unquote = $(patsubst "%",%,$(1))
ifeq ($(SANITIZE),1)
  # ASan cannot link statically: a dynamic build with the host compiler
  ifeq ($(origin CC),default)
    CC := cc
  endif
  CONFIG_STATIC :=
  CONFIG_DEBUG := y
endif
ifeq ($(origin CC),default)
  CC := $(call unquote,$(CONFIG_CROSS_COMPILER_PREFIX))$(call unquote,$(CONFIG_COMPILER))
endif
CC := $(shell scripts/deps.sh cc '$(CC)' '$(if $(CONFIG_STATIC),y,n)')
ifeq ($(CC),)
  $(error pidbox: no usable compiler (see the line above))
endif

CPPFLAGS := -D_GNU_SOURCE -DPIDBOX_VERSION='"$(VERSION)"' -Ilibcommon -I$(gen) \
	-include $(gen)/autoconf.h
CFLAGS := -std=gnu11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables -fno-unwind-tables \
	$(call unquote,$(CONFIG_EXTRA_CFLAGS)) $(EXTRA_CFLAGS)
LDFLAGS := -Wl,--gc-sections -Wl,-z,noseparate-code -Wl,-z,norelro -Wl,--build-id=none \
	$(call unquote,$(CONFIG_EXTRA_LDFLAGS))
ifeq ($(CONFIG_DEBUG),y)
  CFLAGS += -O0 -g
  do_strip = cp $(1) $(2)
else
  CFLAGS += -Os
  do_strip = $(call unquote,$(CONFIG_CROSS_COMPILER_PREFIX))strip -s -R .comment -o $(2) $(1)
endif
ifeq ($(CONFIG_STATIC),y)
  # not -static-pie: Debian's musl-gcc turns that into a dynamic PIE
  LDFLAGS += -static -no-pie
  CFLAGS += -fno-pie
endif
ifeq ($(SANITIZE),1)
  CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
  LDFLAGS += -fsanitize=address,undefined
endif

objs := $(patsubst %,$(b)/obj/%,$(sort $(obj-y)))
flags := $(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS)

all: $(b)/pidbox $(b)/applets.list

# rebuild everything when the compiler or its flags change
$(b)/flags: FORCE
	$(Q)mkdir -p $(b)
	$(Q)echo '$(flags)' | cmp -s - $@ || echo '$(flags)' >$@

$(b)/obj/%.o: %.c $(b)/flags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo '  CC      $<')
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

# pidbox.unstripped keeps the symbols, for nm and size checks
$(b)/pidbox.unstripped: $(objs) $(b)/flags
	@$(if $(Q),echo '  LD      $@')
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) $(objs) -o $@

$(b)/pidbox: $(b)/pidbox.unstripped
	$(Q)$(call do_strip,$<,$@)
ifeq ($(CONFIG_STATIC),y)
	$(Q)if readelf -l $@ | grep -q INTERP; then \
		echo "pidbox: $@ is not static (see BUILD-NOTES: -static-pie)" >&2; rm -f $@; exit 1; fi
	$(Q)case "$$(echo "#include <unistd.h>" | $(CC) -dM -E - 2>/dev/null)" in *__GLIBC__*) \
		echo "pidbox: warning: static glibc build, ~650 KB larger than with musl-gcc (apt-get install musl-tools)" >&2;; esac
endif
	@echo "  $@: $$(wc -c <$@) bytes"

# the help texts, packed by a host program that includes them with this configuration
$(gen)/usage_packed.h: scripts/usage_pack.c $(gen)/usage_texts.h $(gen)/applet.h $(gen)/autoconf.h
	@mkdir -p $(b)
	$(Q)$(HOSTCC) -O2 -include $(gen)/autoconf.h -I$(gen) -o $(b)/usage_pack $<
	$(Q)$(b)/usage_pack >$@.tmp && mv $@.tmp $@
$(b)/obj/libcommon/usage.o: $(gen)/usage_packed.h

# the names `make install` links, from the same table the dispatcher uses
$(b)/applets.list: $(gen)/applets.h $(gen)/autoconf.h
	$(Q)printf '#include "applets.h"\n' | \
		$(CC) $(CPPFLAGS) -DAPPLET='@A@' -E -P - 2>/dev/null | \
		sed -n 's/^@A@("\([^"]*\)".*/\1/p' >$@.tmp
	$(Q)mv $@.tmp $@

# test helpers: ordinary host programs, stdio allowed
helper-srcs := $(wildcard testsuite/helpers/*.c)
helpers: $(patsubst testsuite/helpers/%.c,$(b)/testsuite/%,$(helper-srcs))
$(b)/testsuite/%: testsuite/helpers/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -o $@ $<

-include $(objs:.o=.d)
.PHONY: all helpers
endif

# applets' and tools' own make fragments (bench, fuzz, docs, ...)
-include $(wildcard testsuite/*/*.mk docs/*.mk)
FORCE:
