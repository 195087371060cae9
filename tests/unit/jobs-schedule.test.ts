import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/server/config';
import { nextVietnamTime } from '../../src/lib/dates';
import { defaultRetryDelayMs } from '../../src/lib/server/jobs/worker';

describe('job schedules and retries', () => {
	it('finds the next daily slot in Vietnam time, strictly after the given instant', () => {
		const next = (iso: string, h: number, m: number) =>
			nextVietnamTime(new Date(iso), h, m).toISOString();
		expect(next('2026-12-31T16:59:59Z', 0, 0)).toBe('2026-12-31T17:00:00.000Z');
		expect(next('2026-12-31T17:00:00Z', 0, 0)).toBe('2027-01-01T17:00:00.000Z');
		expect(next('2026-12-01T01:00:00Z', 6, 30)).toBe('2026-12-01T23:30:00.000Z');
	});

	it('waits longer after each failed attempt, at most an hour', () => {
		expect([1, 2, 3].map(defaultRetryDelayMs)).toEqual([30_000, 60_000, 120_000]);
		expect(defaultRetryDelayMs(20)).toBe(60 * 60_000);
	});

	it('reads the job and API-limit settings from the environment', () => {
		expect(parseConfig({})).toMatchObject({
			JOBS_WORKER: true,
			JOBS_POLL_MS: 2000,
			USAGE_API_RATE_PER_MINUTE: 120
		});
		expect(
			parseConfig({ JOBS_WORKER: '0', USAGE_API_RATE_PER_MINUTE: '0', JOBS_POLL_MS: '500' })
		).toMatchObject({ JOBS_WORKER: false, JOBS_POLL_MS: 500, USAGE_API_RATE_PER_MINUTE: 0 });
		expect(() => parseConfig({ USAGE_API_RATE_PER_MINUTE: '-1' })).toThrow(
			'USAGE_API_RATE_PER_MINUTE'
		);
	});
});
