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
	# The linter (type-aware for .svelte files: about 3 min on one core) runs beside the type check.
	# Both only read src/lib/paraglide, generated first; the unit tests run after both, since their
	# Vite plugin writes it again. The lint output is printed when it ends; its failure fails the run.
	npm run i18n
	npx svelte-kit sync
	lint_log="$(mktemp)"
	npm run lint >"$lint_log" 2>&1 &
	lint_pid=$!
	check_status=0
	npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings || check_status=$?
	lint_status=0
	wait "$lint_pid" || lint_status=$?
	echo "== npm run lint =="
	cat "$lint_log"
	rm -f "$lint_log"
	if [ "$lint_status" != 0 ] || [ "$check_status" != 0 ]; then
		echo "lint (exit $lint_status) or svelte-check (exit $check_status) failed" >&2
		exit 1
	fi
	npm run test:unit
fi

npm run test:integration

if [ "${TEST_DATABASE_ONLY:-0}" = 1 ] && [ -f build/index.js ]; then
	echo "== reusing the portal built by this checkout (build/) =="
else
	npx vite build
fi
npx playwright test
