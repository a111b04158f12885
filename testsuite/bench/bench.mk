# make bench: pidbox against tini, dumb-init and catatonit (testsuite/bench/bench.sh).
#   make bench          about 8 minutes        make bench QUICK=1   about 2 minutes
# The helpers are plain host C, built into build/bench/; `make check` builds them too,
# for the smoke run in testsuite/bench.tests.
ifneq ($(PHASE),build)
.PHONY: bench
bench: all
	$(Q)$(MAKE) PHASE=build bench-helpers
	$(Q)QUICK=$(QUICK) testsuite/bench/bench.sh
else
bench-helpers: $(patsubst testsuite/bench/%.c,$(b)/bench/%,$(wildcard testsuite/bench/*.c))
helpers: bench-helpers
$(b)/bench/%: testsuite/bench/%.c testsuite/bench/bench.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -o $@ $<
.PHONY: bench-helpers
endif
