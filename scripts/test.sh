#!/usr/bin/env bash
# `npm test`: every test. Lint, the type check and the unit tests do not touch a database; the
# integration and end-to-end tests run on a throwaway database (embedded PGlite, or a database
# created on the PostgreSQL server of DATABASE_URL).
#
# TEST_DATABASE_ONLY=1 runs only what depends on the database (integration and end-to-end) and
# reuses the portal already built by the same checkout when there is one: `.ci/run` sets it for its
# second pass (PostgreSQL), after the first pass (PGlite) ran everything on the same commit.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh

if [ "${TEST_DATABASE_ONLY:-0}" != 1 ]; then
	npm run lint
	npm run check
	npm run test:unit
fi

npm run test:integration

if [ "${TEST_DATABASE_ONLY:-0}" = 1 ] && [ -f build/index.js ]; then
	echo "== reusing the portal built by this checkout (build/) =="
else
	npx vite build
fi
npx playwright test
