# Learning Advocate Roster: build, test and run.
#
#   make run     install what is missing, build, solve the bundled example
#   make test    install what is missing, build, run every test (also under
#                AddressSanitizer + UndefinedBehaviorSanitizer)
#   make         build build/roster only
#   make bench   the solver benchmark against glpsol, CBC and HiGHS (minutes;
#                never part of make test): make bench BENCH_ARGS="--sizes area"
#
# `make test` also runs the trust checks (docs/fuzzing.md, docs/promises.md):
#   make lint       cppcheck + clang-tidy over solver/*.c, zero findings
#   make valgrind   the unit test binaries under valgrind, no leak or error
#   make fuzz       build the libFuzzer harnesses fuzz/fuzz_*.c with clang
#   make fuzz-run   run each harness FUZZ_SECONDS (default 60) on its corpus
#
# Faults and properties (docs/promises-faults.md): make e2e runs
# tests/e2e/faults.sh, determinism.sh and property.sh (100 adversarial
# safeguarding cases); `make property N=2000` runs thousands.
#
# Sources are found by wildcard: a new solver/*.c joins the library and a new
# tests/test_*.c becomes a cmocka test binary without editing this file.

CC       ?= gcc
WARN      = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
BASEFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) -fopenmp -Isolver
CFLAGS   ?= -O2 -g
SANFLAGS  = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDLIBS    = -lglpk -lyaml -lm
TESTLIBS  = -lcmocka

# Debian packages the build and the tests need. glpk-utils gives glpsol for
# the reference-model test and coinor-cbc cross-checks its optimum; python3
# runs the end-to-end and generator scripts;
# python3-icalendar and chromium check the calendars and pages people get.
# clang + libclang-rt-14-dev (libFuzzer) + libomp-14-dev (clang's OpenMP)
# build the fuzzers; cppcheck, clang-tidy and valgrind are the other checks.
DEB_PACKAGES = gcc make libglpk-dev libyaml-dev libcmocka-dev glpk-utils coinor-cbc python3 \
               python3-icalendar chromium \
               clang libclang-rt-14-dev libomp-14-dev cppcheck clang-tidy valgrind

LIB_SRC   = $(filter-out solver/main.c,$(wildcard solver/*.c))
LIB_OBJ   = $(LIB_SRC:solver/%.c=build/obj/%.o)
SAN_OBJ   = $(LIB_SRC:solver/%.c=build/asan/obj/%.o)
TEST_SRC  = $(wildcard tests/test_*.c)
TEST_BIN  = $(TEST_SRC:tests/%.c=build/tests/%)
SAN_TEST  = $(TEST_SRC:tests/%.c=build/asan/tests/%)

EXAMPLE   = inputs/derby

.PHONY: all deps run test unit e2e property clean asan lint cppcheck clang-tidy valgrind fuzz fuzz-run fuzz-corpus bench
.DELETE_ON_ERROR:

all: build/roster

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq $$missing; \
	fi

# -MMD writes each object's header dependencies; they are included below,
# (see the -include lines), so a header change rebuilds only its includers.
build/obj/%.o: solver/%.c | build/obj
	$(CC) $(BASEFLAGS) $(CFLAGS) -MMD -c $< -o $@

build/asan/obj/%.o: solver/%.c | build/asan/obj
	$(CC) $(BASEFLAGS) $(SANFLAGS) -MMD -c $< -o $@

-include $(wildcard build/asan/obj/*.d)

build/libroster.a: $(LIB_OBJ)
	ar rcs $@ $^

build/asan/libroster.a: $(SAN_OBJ)
	ar rcs $@ $^

build/roster: solver/main.c build/libroster.a
	$(CC) $(BASEFLAGS) $(CFLAGS) $< build/libroster.a $(LDLIBS) -o $@

build/asan/roster: solver/main.c build/asan/libroster.a
	$(CC) $(BASEFLAGS) $(SANFLAGS) $< build/asan/libroster.a $(LDLIBS) -o $@

build/tests/%: tests/%.c tests/testutil.h build/libroster.a | build/tests
	$(CC) $(BASEFLAGS) $(CFLAGS) -Itests $< build/libroster.a $(TESTLIBS) $(LDLIBS) -o $@

build/asan/tests/%: tests/%.c tests/testutil.h build/asan/libroster.a | build/asan/tests
	$(CC) $(BASEFLAGS) $(SANFLAGS) -Itests $< build/asan/libroster.a $(TESTLIBS) $(LDLIBS) -o $@

build/obj build/asan/obj build/tests build/asan/tests:
	mkdir -p $@

asan: build/asan/roster $(SAN_TEST)

run: deps build/roster
	build/roster solve $(EXAMPLE)/*.yaml -o build/out/derby --time-limit 60

unit: build/roster $(TEST_BIN) asan
	@set -e; for t in $(TEST_BIN) $(SAN_TEST); do echo "== $$t"; \
	  ASAN_OPTIONS=detect_leaks=1 $$t; done

e2e: build/roster build/asan/roster
	ROSTER=build/roster tests/e2e.sh
	ROSTER=build/asan/roster E2E_LIGHT=1 tests/e2e.sh

test: deps
	$(MAKE) unit
	$(MAKE) e2e
	$(MAKE) lint
	$(MAKE) valgrind
	$(MAKE) fuzz-run FUZZ_SECONDS=60

# Thousands of adversarial safeguarding cases (make test runs 100).
N ?= 2000
property: build/roster
	ROSTER=build/roster PROPERTY_N=$(N) sh tests/e2e/property.sh

# Not a test: it runs four solvers for the time limit on every size.
bench: build/roster
	bench/run.sh $(BENCH_ARGS)

clean:
	rm -rf build

# ---------------------------------------------------------------------------
# Trust checks: static analysis, valgrind, fuzzing (docs/fuzzing.md).

LINT_SRC = $(wildcard solver/*.c)

lint: cppcheck clang-tidy

# --inline-suppr lets a reviewed false positive be silenced at its line with
# a comment saying why; nothing is suppressed globally.
cppcheck:
	cppcheck --quiet --std=c11 --enable=warning,performance,portability \
	  --error-exitcode=1 --inline-suppr -Isolver \
	  -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(LINT_SRC)

# The check set is .clang-tidy; why each excluded check is excluded is in
# docs/static-analysis.md. One clang-tidy process per file: clang-tidy 14's
# analyzer carries va_list state from one file into the next when given
# several, which reports a false "uninitialized va_list".
TIDY_STAMP = $(LINT_SRC:solver/%.c=build/lint/%.tidy)

clang-tidy: $(TIDY_STAMP)

build/lint/%.tidy: solver/%.c $(wildcard solver/*.h) .clang-tidy | build/lint
	@echo "clang-tidy $<"; if clang-tidy --quiet $< -- $(BASEFLAGS) > $@.log 2>&1; then touch $@; \
	  else grep -v 'warnings\? generated\.$$' $@.log; rm -f $@; exit 1; fi

build/lint:
	mkdir -p $@

VALGRIND = valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,possible \
           --error-exitcode=1 --suppressions=tests/valgrind.supp

# Timing assertions in the tests widen by ROSTER_TEST_SLOWDOWN (testutil.h).
valgrind: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "== valgrind $$t"; \
	  ROSTER_TEST_SLOWDOWN=100 $(VALGRIND) $$t; done

# The fuzzers link the library compiled afresh with clang and libFuzzer's
# coverage instrumentation (the gcc-built archive has none). -Werror is
# dropped here only: warnings are the lint target's job, not the fuzzer's.
CLANG        ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS   = $(filter-out -Werror,$(BASEFLAGS)) -g -O1 -fno-omit-frame-pointer \
                -fno-sanitize-recover=all
FUZZ_SRC      = $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN      = $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)
FUZZ_OBJ      = $(LIB_SRC:solver/%.c=build/fuzz/obj/%.o)
FUZZ_OPTS     = -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
                -dict=fuzz/yaml.dict -artifact_prefix=build/fuzz/artifacts/

fuzz: $(FUZZ_BIN)

build/fuzz/obj/%.o: solver/%.c $(wildcard solver/*.h) | build/fuzz/obj
	$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@

build/fuzz/libroster.a: $(FUZZ_OBJ)
	ar rcs $@ $^

build/fuzz/%: fuzz/%.c build/fuzz/libroster.a
	$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined $< build/fuzz/libroster.a $(LDLIBS) -o $@

build/fuzz/obj:
	mkdir -p $@

# Seeds are the repository's own inputs, copied (not committed twice): every
# YAML file, every invalid case, the regression inputs, fuzz/seeds/ (tiny
# valid programmes for fuzz_solve), and each example directory joined into one
# input with fuzz_load's file separator so merging is exercised from the start.
fuzz-corpus:
	@rm -rf build/fuzz/corpus; mkdir -p build/fuzz/corpus
	@n=0; for f in $$(find inputs tests/regress tests/solve fuzz/seeds -type f 2>/dev/null | sort); do \
	  case "$$f" in *.yaml|inputs/invalid/*|tests/regress/*|fuzz/seeds/*) \
	    n=$$((n+1)); cp "$$f" build/fuzz/corpus/seed-$$n;; esac; done; \
	for dir in inputs/*/; do [ -d "$$dir" ] || continue; \
	  set -- "$$dir"*.yaml; [ -e "$$1" ] || continue; n=$$((n+1)); \
	  for f in "$$@"; do cat "$$f"; printf '\n#--- next file ---\n'; done \
	    > build/fuzz/corpus/seed-$$n; done; \
	echo "fuzz corpus: $$n seeds"

# Each harness runs FUZZ_SECONDS on the shared seeds plus its own growing
# corpus (build/fuzz/work/NAME). A crash, leak, sanitizer report, timeout or
# out-of-memory stops the run and fails the target; the input is saved under
# build/fuzz/artifacts/ for tests/regress/.
fuzz-run: fuzz fuzz-corpus
	@mkdir -p build/fuzz/artifacts; total=0; \
	for h in $(FUZZ_BIN); do name=$$(basename $$h); mkdir -p build/fuzz/work/$$name; \
	  echo "== $$name for $(FUZZ_SECONDS)s"; \
	  if ! $$h $(FUZZ_OPTS) -max_total_time=$(FUZZ_SECONDS) \
	      build/fuzz/work/$$name build/fuzz/corpus > build/fuzz/$$name.log 2>&1; then \
	    tail -n 60 build/fuzz/$$name.log; echo "fuzz: $$name FAILED (log build/fuzz/$$name.log)"; exit 1; fi; \
	  runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' build/fuzz/$$name.log); \
	  echo "   $$name: $$runs executions"; total=$$((total + runs)); done; \
	echo "fuzz: $$total executions in total, no crash"

-include $(LIB_OBJ:.o=.d)
