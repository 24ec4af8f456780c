#!/bin/sh
# The in-process ingest micro-benchmark (bench/ingestMicro.ts): current tree vs a baseline commit.
# Usage: bench/ingestMicro.sh [baseline-commit] [-- ingestMicro options]
# The default baseline is the commit before the ingest fast path (issue 3 tuning).
set -e
BASE=${1:-21819eb}
rm -rf bench-results/legacy && mkdir -p bench-results/legacy
git archive "$BASE" electron shared | tar -x -C bench-results/legacy
npx vite build --config bench/ingestMicro.vite.mts
if [ $# -gt 0 ]; then shift; fi
if [ "${1:-}" = "--" ]; then shift; fi
node bench-results/.micro/ingestMicro.mjs "$@"
