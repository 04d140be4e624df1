# Learning Advocate Roster: build, test and run.
#
#   make run     install what is missing, build, solve the bundled example
#   make test    install what is missing, build, run every test (also under
#                AddressSanitizer + UndefinedBehaviorSanitizer)
#   make         build build/roster only
#   make bench   the solver benchmark against glpsol, CBC and HiGHS (minutes;
#                never part of make test): make bench BENCH_ARGS="--sizes area"
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
# the reference-model test; python3 runs the end-to-end and generator scripts;
# python3-icalendar and chromium check the calendars and pages people get.
DEB_PACKAGES = gcc make libglpk-dev libyaml-dev libcmocka-dev glpk-utils python3 \
               python3-icalendar chromium

LIB_SRC   = $(filter-out solver/main.c,$(wildcard solver/*.c))
LIB_OBJ   = $(LIB_SRC:solver/%.c=build/obj/%.o)
SAN_OBJ   = $(LIB_SRC:solver/%.c=build/asan/obj/%.o)
TEST_SRC  = $(wildcard tests/test_*.c)
TEST_BIN  = $(TEST_SRC:tests/%.c=build/tests/%)
SAN_TEST  = $(TEST_SRC:tests/%.c=build/asan/tests/%)

EXAMPLE   = inputs/derby

.PHONY: all deps run test unit e2e clean asan bench
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

build/obj/%.o: solver/%.c $(wildcard solver/*.h) | build/obj
	$(CC) $(BASEFLAGS) $(CFLAGS) -MMD -c $< -o $@

build/asan/obj/%.o: solver/%.c $(wildcard solver/*.h) | build/asan/obj
	$(CC) $(BASEFLAGS) $(SANFLAGS) -c $< -o $@

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

# Not a test: it runs four solvers for the time limit on every size.
bench: build/roster
	bench/run.sh $(BENCH_ARGS)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d)
