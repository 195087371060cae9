import { describe, expect, it } from 'vitest';
import {
	disagreesWithMeasurement,
	isMeasuredInUse,
	measuredShare,
	measurementOf
} from '../../src/lib/rollout/measured';
import { isGroupReviewed, reviewProgress, type ScoredItem } from '../../src/lib/rollout/scoring';
import { partialWeekDays } from '../../src/lib/usage/adoption';

describe('declared and measured use (issue 9, point 4)', () => {
	const m = (active: number, teachers: number) => ({ active, teachers, threshold: 50 });
	it('reads a stored measurement, or none', () => {
		expect(
			measurementOf({ measured_active: null, measured_teachers: null, measured_threshold: null })
		).toBeNull();
		expect(
			measurementOf({ measured_active: 3, measured_teachers: 38, measured_threshold: 50 })
		).toEqual(m(3, 38));
	});
	it('disagrees when "in use" stands beside 0 of 38 teachers, or the reverse', () => {
		expect(disagreesWithMeasurement('in_use', m(0, 38))).toBe(true);
		expect(disagreesWithMeasurement('deployed', m(19, 38))).toBe(true);
		expect(disagreesWithMeasurement('in_use', m(19, 38))).toBe(false);
		expect(disagreesWithMeasurement('in_use', null)).toBe(false);
		expect(isMeasuredInUse(m(0, 0))).toBe(false);
		expect(measuredShare(m(19, 38))).toBe(50);
		expect(measuredShare(m(0, 0))).toBeNull();
	});
});

describe('review progress (issue 9, point 5)', () => {
	const item = (group: 'teaching' | 'management', reviewed: boolean): ScoredItem => ({
		group,
		maxPoints: 10,
		isMandatory: false,
		status: 'done',
		selfScore: 5,
		reviewerScore: reviewed ? 4 : null,
		reviewDecision: null
	});
	it('counts a group reviewed only when all its applicable items are', () => {
		const p = reviewProgress([
			item('teaching', true),
			item('management', true),
			item('management', false)
		]);
		expect(p).toEqual({
			teaching: { reviewed: 1, total: 1 },
			management: { reviewed: 1, total: 2 }
		});
		expect(isGroupReviewed(p.teaching)).toBe(true);
		expect(isGroupReviewed(p.management)).toBe(false);
		expect(isGroupReviewed({ reviewed: 0, total: 0 })).toBe(false);
	});
});

describe('the trend’s last week (issue 9, point 7)', () => {
	it('is partial until its seventh day', () => {
		expect(partialWeekDays('2026-11-30', '2026-11-30')).toBe(1);
		expect(partialWeekDays('2026-11-30', '2026-12-02')).toBe(3);
		expect(partialWeekDays('2026-11-30', '2026-12-06')).toBeNull();
		expect(partialWeekDays('2026-11-23', '2026-12-02')).toBeNull();
	});
});
