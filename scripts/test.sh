#!/usr/bin/env bash
# `npm test`: every test. The type check and the linter; unit, integration and Chromium journeys
# on Hearth's embedded PostgreSQL; then, when TEST_DATABASE_URL is set, the database tests again
# on that PostgreSQL. Each step is recorded, and scripts/test-summary.mjs prints the closing line.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf tests/.tmp
mkdir -p tests/.tmp
steps=tests/.tmp/steps
: >"$steps"

check() { # check NAME COMMAND...: runs a step and records its exit code
  local name=$1
  shift
  "$@"
  echo "check $name $?" >>"$steps"
}
tests() { # tests NAME REPORT VITEST-ARGS...: runs vitest with a JSON report and records both
  local name=$1 report=$2
  shift 2
  npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
  echo "run $name $? $report" >>"$steps"
}
finish() {
  node scripts/test-summary.mjs "$steps"
  exit $?
}

check install-test-deps bash scripts/install-test-deps.sh
check build npm run build --silent
# Without the dependencies or a build, the tests cannot say anything true: stop here, failed.
grep -qE '^check (install-test-deps|build) [^0]' "$steps" && finish
check typecheck npm run typecheck --silent
check lint npx biome ci --colors=off --error-on-warnings .
tests embedded tests/.tmp/embedded.json
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo
  echo "== Database tests again on TEST_DATABASE_URL's PostgreSQL =="
  HEARTH_TEST_DB=external tests external tests/.tmp/external.json tests/integration \
    --exclude '**/cli-and-lock.test.ts' --exclude '**/cli-live.test.ts' --exclude '**/db-outage.test.ts' --exclude '**/build.test.ts'
fi
finish
