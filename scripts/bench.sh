#!/usr/bin/env bash
# Benchmarks (not tests): figures go into docs/performance.md with the command that made them.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
for bench in tests/bench/*.ts; do
  echo "== $bench"
  npx tsx "$bench"
done
