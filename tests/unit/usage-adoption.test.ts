import { describe, expect, it } from 'vitest';
import {
	adoptionShare,
	entryMinutes,
	isEditable,
	isLoggableDay,
	meetsThreshold,
	nextStatus,
	windowStart
} from '../../src/lib/usage/adoption';
import { addDays, daysBetween, weekStart } from '../../src/lib/dates';

describe('adoption windows', () => {
	it('counts a 30-day window with today as its last day', () => {
		expect(windowStart('2026-11-28', 30)).toBe('2026-10-30');
		expect(daysBetween(windowStart('2026-11-28', 30), '2026-11-28')).toBe(29);
		expect(windowStart('2026-11-28', 7)).toBe('2026-11-22');
	});
	it('crosses months and years', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
	});
	it('starts weeks on Monday', () => {
		expect(weekStart('2026-11-28')).toBe('2026-11-23'); // a Saturday
		expect(weekStart('2026-11-29')).toBe('2026-11-23'); // a Sunday
		expect(weekStart('2026-11-23')).toBe('2026-11-23');
	});
});

describe('share of active teachers', () => {
	it('is a percentage of the school’s teachers', () => {
		expect(adoptionShare(15, 30)).toBe(50);
		expect(adoptionShare(1, 3)).toBeCloseTo(33.33, 2);
	});
	it('is unknown for a school without teachers', () => {
		expect(adoptionShare(0, 0)).toBeNull();
	});
	it('never exceeds 100%', () => {
		expect(adoptionShare(12, 10)).toBe(100);
	});
});

describe('the in-use threshold', () => {
	it('is met exactly on the threshold', () => {
		expect(meetsThreshold(5, 10, 50)).toBe(true);
		expect(meetsThreshold(4, 10, 50)).toBe(false);
	});
	it('compares without rounding errors', () => {
		// 1 of 3 teachers is 33.33%: below 34%, above 33%
		expect(meetsThreshold(1, 3, 34)).toBe(false);
		expect(meetsThreshold(1, 3, 33)).toBe(true);
		expect(meetsThreshold(7, 10, 70)).toBe(true);
	});
	it('is never met by a school without teachers', () => {
		expect(meetsThreshold(0, 0, 1)).toBe(false);
	});
});

describe('status from usage', () => {
	it('promotes a deployed platform at the threshold', () => {
		expect(nextStatus('deployed', 5, 10, 50)).toBe('in_use');
	});
	it('demotes an in-use platform below the threshold', () => {
		expect(nextStatus('in_use', 4, 10, 50)).toBe('deployed');
	});
	it('leaves a status alone when the data agrees with it', () => {
		expect(nextStatus('deployed', 4, 10, 50)).toBeNull();
		expect(nextStatus('in_use', 8, 10, 50)).toBeNull();
	});
	it('never promotes a platform the school has not deployed', () => {
		expect(nextStatus('not_started', 10, 10, 50)).toBeNull();
		expect(nextStatus('deploying', 10, 10, 50)).toBeNull();
	});
	it('follows the department’s threshold', () => {
		expect(nextStatus('deployed', 6, 10, 70)).toBeNull();
		expect(nextStatus('in_use', 6, 10, 70)).toBe('deployed');
	});
});

describe('a teacher’s own entries', () => {
	const now = new Date('2026-11-28T03:00:00Z');
	const daysAgo = (d: number) => new Date(now.getTime() - d * 864e5);
	it('may be changed for 7 days after they were recorded', () => {
		expect(isEditable(daysAgo(0), now)).toBe(true);
		expect(isEditable(daysAgo(6.9), now)).toBe(true);
		expect(isEditable(daysAgo(7), now)).toBe(false);
		expect(isEditable(daysAgo(8), now)).toBe(false);
	});
	it('may be logged for the last 7 days, not for days to come', () => {
		expect(isLoggableDay('2026-11-28', '2026-11-28')).toBe(true);
		expect(isLoggableDay('2026-11-22', '2026-11-28')).toBe(true);
		expect(isLoggableDay('2026-11-21', '2026-11-28')).toBe(false);
		expect(isLoggableDay('2026-11-29', '2026-11-28')).toBe(false);
	});
	it('turns periods into minutes by school level', () => {
		expect(entryMinutes(2, null, 'THCS')).toBe(90);
		expect(entryMinutes(2, null, 'TH')).toBe(70);
		expect(entryMinutes(2, 50, 'THPT')).toBe(50);
		expect(entryMinutes(null, null, 'THPT')).toBeNull();
	});
});

describe('the daily recompute', () => {
	it('is scheduled at 00:05 in Vietnam (17:05 UTC)', async () => {
		const { usageRecomputeSchedule } = await import('../../src/lib/server/usage/recompute-job');
		const next = (iso: string) => usageRecomputeSchedule.next(new Date(iso)).toISOString();
		expect(next('2026-11-28T17:00:00Z')).toBe('2026-11-28T17:05:00.000Z');
		expect(next('2026-11-28T17:05:00Z')).toBe('2026-11-29T17:05:00.000Z');
		expect(next('2026-11-28T18:00:00Z')).toBe('2026-11-29T17:05:00.000Z');
		// 23:00 on 28/11 in Vietnam is still the 28th there: the slot is 00:05 on the 29th.
		expect(next('2026-11-28T16:00:00Z')).toBe('2026-11-28T17:05:00.000Z');
	});
});
