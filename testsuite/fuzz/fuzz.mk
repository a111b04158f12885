# make fuzz [FUZZ_SECONDS=N] [FUZZ_TARGETS="sig num ..."]: build the libFuzzer targets with
# clang and run each for N seconds on its committed seed corpus (testsuite/fuzz/run.sh).
# make lint: cppcheck and clang-tidy over applets/ and libcommon/ (testsuite/fuzz/lint.sh).
# make storm: testsuite/storm.tests at the issue's full numbers (STORM_SCALE=full); make
# check runs them at a tenth.
ifneq ($(PHASE),build)
FUZZ_SECONDS ?= 10
.PHONY: fuzz fuzz-build lint storm
fuzz:
	$(Q)testsuite/fuzz/run.sh run $(FUZZ_SECONDS) $(FUZZ_TARGETS)
fuzz-build:
	$(Q)testsuite/fuzz/run.sh build
storm: all
	$(Q)$(MAKE) PHASE=build helpers
	$(Q)STORM_SCALE=full TEST_TIMEOUT=$${TEST_TIMEOUT:-300} testsuite/runtest storm
lint: prepare
	$(Q)testsuite/fuzz/lint.sh
endif

# make check SANITIZE=1: how the sanitizers behave in the tests. No leak checking: pidbox
# has no malloc, and LeakSanitizer needs /proc and no ptrace, which some tests take away.
# ASan leaves SEGV, BUS and FPE alone: the tests check pidbox's own signal dispositions
# (sigstate reads SigCgt, pid1 dies of a real fault); invalid accesses are still reported
# by the instrumentation itself. UBSan prints a stack and stops at the first report.
ifeq ($(SANITIZE),1)
export ASAN_OPTIONS ?= detect_leaks=0:handle_segv=0:handle_sigbus=0:handle_sigfpe=0:abort_on_error=0
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1
endif
