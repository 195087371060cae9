#!/usr/bin/env bash
# The end-to-end tests run in Debian's Chromium (never `playwright install`). This makes sure it is
# there before anything else runs: present -> nothing to do; missing and we are root with apt ->
# install Debian's package; otherwise stop at once with the one command to run.
# Used by `npm test`, `npm run test:e2e` and `.ci/run`.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
	echo "== installing Chromium (Debian package, for the end-to-end tests) =="
	apt-get install -y chromium >/dev/null 2>&1 ||
		{ apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
	[ -x "$CHROMIUM" ] && exit 0
fi

{
	echo "The end-to-end tests need Chromium at $CHROMIUM, and it is not there."
	if command -v apt-get >/dev/null 2>&1; then
		echo "Install it with:  sudo apt-get install -y chromium"
	else
		echo "Install Chromium with your system's package manager and run with CHROMIUM_PATH=/path/to/chromium"
	fi
} >&2
exit 1
