# make fuzz [FUZZ_SECONDS=N] [FUZZ_TARGETS="sig num ..."]: build the libFuzzer targets with
# clang and run each for N seconds on its committed seed corpus (testsuite/fuzz/run.sh).
# make lint: cppcheck and clang-tidy over applets/ and libcommon/ (testsuite/fuzz/lint.sh).
ifneq ($(PHASE),build)
FUZZ_SECONDS ?= 10
.PHONY: fuzz fuzz-build lint
fuzz:
	$(Q)testsuite/fuzz/run.sh run $(FUZZ_SECONDS) $(FUZZ_TARGETS)
fuzz-build:
	$(Q)testsuite/fuzz/run.sh build
lint: prepare
	$(Q)testsuite/fuzz/lint.sh
endif
