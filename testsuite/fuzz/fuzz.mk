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
