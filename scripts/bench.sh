#!/usr/bin/env bash
# Benchmarks (not tests): figures go into docs/performance.md with the command that made them.
# The real-time ones (tests/bench/chat.ts, live-thread.ts: issue 10) run their clients in a process
# of their own and start a redis-server of their own (Debian's package) for the two-node runs.
# The evidence log's (tests/bench/evidence.ts: issue 11) calls the services in its own process on an
# embedded PostgreSQL it starts in a temporary directory; it needs neither the build nor a server.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
for bench in tests/bench/*.ts; do
  echo "== $bench"
  npx tsx "$bench"
done
