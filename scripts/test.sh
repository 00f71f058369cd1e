#!/usr/bin/env bash
# `npm test`: every test. Unit, integration and Chromium journeys on Hearth's embedded PostgreSQL;
# then, when TEST_DATABASE_URL is set, the database tests again on that PostgreSQL.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh || exit 1
npm run build --silent || exit 1
mkdir -p tests/.tmp
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=tests/.tmp/embedded.json || status=1
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo
  echo "== Database tests again on TEST_DATABASE_URL's PostgreSQL =="
  HEARTH_TEST_DB=external npx vitest run tests/integration \
    --exclude '**/cli-and-lock.test.ts' --exclude '**/db-outage.test.ts' --exclude '**/build.test.ts' \
    --reporter=default --reporter=json --outputFile.json=tests/.tmp/external.json || status=1
fi
node scripts/test-summary.mjs tests/.tmp/embedded.json tests/.tmp/external.json
exit $status
