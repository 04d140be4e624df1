#!/bin/sh
# run.sh: the solver benchmark in one run: for each size, generate the
# instance, solve it with `roster solve` and with glpsol, CBC and HiGHS on
# the same program, and write bench/results.md, results.csv, time-vs-size.svg.
#
#   bench/run.sh [--sizes field-trial,area,city,county] [--time-limit 60]
#                [--size-time-limit county=600]
#                [--mem-cap-mb 8000] [--threads N] [--solvers roster,glpsol,cbc,highs]
#                [--scaling city=300 | none]
#
# Installs what is missing first (Debian time, glpk-utils, coinor-cbc,
# nodejs/npm; the pinned npm `highs` under bench/node_modules). It takes
# minutes per size (four solvers x the time limit): never run it as a test.
set -eu
cd "$(dirname "$0")/.."

missing=""
command -v /usr/bin/time >/dev/null 2>&1 || missing="$missing time"
command -v glpsol >/dev/null 2>&1 || missing="$missing glpk-utils"
command -v cbc >/dev/null 2>&1 || missing="$missing coinor-cbc"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v timeout >/dev/null 2>&1 || missing="$missing coreutils"
if [ -n "$missing" ]; then
    echo "run.sh: installing:$missing" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi
if [ ! -f bench/node_modules/highs/package.json ]; then
    npm ci --prefix bench --no-audit --no-fund --loglevel=error
fi
[ -x build/roster ] || make build/roster
[ -f models/roster.mod ] || echo "run.sh: models/roster.mod missing: glpsol will be recorded as failing" >&2

exec python3 bench/bench.py "$@"
