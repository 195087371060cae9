import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.test.ts',
	timeout: 60_000,
	fullyParallel: false,
	workers: 2,
	// One retry on CI: a test that passes only on its retry is reported "flaky" in the output (and
	// must be mended), but does not stop the run of 700 tests on a loaded machine.
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		baseURL: `http://localhost:${port}`,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		// Starts the built portal on a throwaway database (see tests/e2e/server.ts).
		command: `npx tsx tests/e2e/server.ts`,
		url: `http://localhost:${port}/healthz`,
		env: { E2E_PORT: String(port) },
		timeout: 300_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 }
	}
});
