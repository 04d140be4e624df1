#!/bin/sh
# bench.sh: the benchmark harness's parsers (glpsol, CBC, HiGHS, roster solve,
# /usr/bin/time -v), its status classifier and its SVG plot, checked on
# committed log snippets under tests/bench/. Runs no solver and times nothing.
set -eu
cd "$(dirname "$0")/../.."
python3 tests/bench/check_parsers.py
