# docs/docs.mk: man pages, their installation, release artefacts (included by the Makefile).
#   make man       build/man/NAME.SECTION for pidbox and each applet built in
#   make install   also installs them under $(DESTDIR)$(MANDIR)/manN (MANDIR=$(PREFIX)/share/man)
#   make dist      build/pidbox-$(VERSION).tar.gz, from git archive
#   make release   build/release/: the tarball, static default and pid1-only binaries, SHA256SUMS
ifneq ($(PHASE),build)
MANDIR ?= $(PREFIX)/share/man

man: all
	$(Q)rm -rf $(b)/man
	$(Q)VERSION=$(VERSION) scripts/gen-man.sh -o $(b)/man
	@echo "  $(b)/man: $$(ls $(b)/man | wc -l) pages"

# compatibility names' pages are symbolic links to their applet's page
install-man: man
	$(Q)for f in $(b)/man/*; do \
		d=$(DESTDIR)$(MANDIR)/man$${f##*.}; install -d $$d || exit 1; \
		if [ -L $$f ]; then ln -sf $$(readlink $$f) $$d/$${f##*/}; \
		else install -m 644 $$f $$d/; fi || exit 1; done
	@echo "pidbox: installed $$(ls $(b)/man | wc -l) man pages under $(DESTDIR)$(MANDIR)"
install: install-man

dist:
	$(Q)scripts/release.sh dist $(b)

release:
	$(Q)scripts/release.sh release $(b)/release

# What the docs tests use: mandoc to lint the pages, python3-yaml to parse the examples.
# Installed like the build's own dependencies (as root, with apt-get), else those checks skip.
docs-tools:
	$(Q)pk=; command -v mandoc >/dev/null || pk=mandoc; \
	python3 -c 'import yaml' 2>/dev/null || /usr/bin/python3 -c 'import yaml' 2>/dev/null || \
		pk="$$pk python3-yaml"; \
	if [ -n "$$pk" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "pidbox: installing$$pk (apt-get) for the docs tests" >&2; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$pk; } \
			>/dev/null 2>&1 || echo "pidbox: could not install$$pk: those checks skip" >&2; \
	fi
check: docs-tools

.PHONY: man install-man dist release docs-tools
endif
