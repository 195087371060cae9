import { describe, expect, it } from 'vitest';
import {
	checklistProgress,
	dtiLevel,
	itemPoints,
	scoreGroup,
	scoreGroups,
	type ScoredItem
} from '../../src/lib/rollout/scoring';
import { canMentor, expectedDone, isAtRisk, riskReasons } from '../../src/lib/rollout/risk';

const item = (over: Partial<ScoredItem> = {}): ScoredItem => ({
	group: 'teaching',
	maxPoints: 10,
	isMandatory: false,
	status: 'done',
	selfScore: 10,
	reviewerScore: null,
	reviewDecision: null,
	...over
});

describe('Decision 4725 levels', () => {
	it('puts a group below 50 at level 1, 50 to 75 at level 2 and above 75 at level 3', () => {
		expect(dtiLevel(0, false)).toBe(1);
		expect(dtiLevel(49.9, false)).toBe(1);
		expect(dtiLevel(50, false)).toBe(2);
		expect(dtiLevel(75, false)).toBe(2);
		expect(dtiLevel(75.1, false)).toBe(3);
		expect(dtiLevel(100, false)).toBe(3);
	});

	it('holds a group at level 1 when a mandatory condition is missing, whatever the points', () => {
		expect(dtiLevel(100, true)).toBe(1);
		const group = scoreGroup([
			item({ isMandatory: true, maxPoints: 0, selfScore: null, status: 'in_progress' }),
			item({ maxPoints: 100, selfScore: 95 })
		]);
		expect(group).toMatchObject({ score: 95, mandatoryMissing: true, level: 1 });
	});

	it('counts a mandatory condition sent back by the reviewer as missing', () => {
		const group = scoreGroup([
			item({ isMandatory: true, maxPoints: 0, reviewDecision: 'returned' }),
			item({ maxPoints: 100, selfScore: 80 })
		]);
		expect(group?.mandatoryMissing).toBe(true);
		expect(group?.level).toBe(1);
	});

	it('normalises a group whose criteria sum to 90 to a score out of 100', () => {
		const group = scoreGroup([
			item({ maxPoints: 50, selfScore: 50 }),
			item({ maxPoints: 40, selfScore: 40 })
		]);
		expect(group).toMatchObject({ points: 90, maxPoints: 90, score: 100, level: 3 });
	});
});

describe('group totals', () => {
	it('prefers the reviewer’s score and keeps the school’s own score apart', () => {
		const items = [
			item({ maxPoints: 60, selfScore: 60, reviewerScore: 30 }),
			item({ maxPoints: 40, selfScore: 40 })
		];
		expect(scoreGroup(items, 'self')?.score).toBe(100);
		expect(scoreGroup(items, 'effective')?.score).toBe(70);
		expect(scoreGroup(items, 'effective')?.level).toBe(2);
	});

	it('caps points at the criterion maximum and ignores items that do not apply', () => {
		expect(itemPoints(item({ maxPoints: 5, selfScore: 9 }))).toBe(5);
		expect(itemPoints(item({ selfScore: -3 }))).toBe(0);
		const group = scoreGroup([
			item({ maxPoints: 10, selfScore: 4 }),
			item({ maxPoints: 10, selfScore: null, status: 'not_applicable' })
		]);
		expect(group).toMatchObject({ points: 4, maxPoints: 10, score: 40, level: 1 });
	});

	it('scores the teaching and management groups separately', () => {
		const groups = scoreGroups([
			item({ group: 'teaching', maxPoints: 100, selfScore: 76 }),
			item({ group: 'management', maxPoints: 100, selfScore: 50 })
		]);
		expect(groups.teaching?.level).toBe(3);
		expect(groups.management?.level).toBe(2);
	});

	it('has no score for a group without criteria', () => {
		expect(scoreGroups([item({ group: 'teaching' })]).management).toBeNull();
	});
});

describe('checklist progress', () => {
	it('counts done items out of the items that apply', () => {
		expect(
			checklistProgress([
				{ status: 'done' },
				{ status: 'in_progress' },
				{ status: 'not_applicable' },
				{ status: 'done' }
			])
		).toEqual({ done: 2, total: 3, percent: 66.7 });
		expect(checklistProgress([])).toEqual({ done: 0, total: 0, percent: 0 });
	});
});

describe('schools at risk', () => {
	const today = '2026-11-28';
	it('flags a school that is not finished after its wave’s target date', () => {
		const s = { completedOn: null, waveTargetOn: '2025-12-31', mandatoryDueOn: null };
		expect(riskReasons(s, today)).toEqual(['late']);
		expect(isAtRisk({ ...s, completedOn: '2025-11-02' }, today)).toBe(false);
		expect(isAtRisk({ ...s, waveTargetOn: '2026-12-31' }, today)).toBe(false);
		expect(isAtRisk({ ...s, waveTargetOn: today }, today)).toBe(false);
	});

	it('flags a mandatory condition still missing after its due date, even for a finished school', () => {
		const s = {
			completedOn: '2024-05-01',
			waveTargetOn: '2024-05-31',
			mandatoryDueOn: '2026-10-01'
		};
		expect(riskReasons(s, today)).toEqual(['mandatory_overdue']);
		expect(isAtRisk({ ...s, mandatoryDueOn: '2026-12-15' }, today)).toBe(false);
	});

	it('flags nothing for a school without a wave', () => {
		expect(isAtRisk({ completedOn: null, waveTargetOn: null, mandatoryDueOn: null }, today)).toBe(
			false
		);
	});
});

describe('wave plan and mentors', () => {
	it('expects every school of a wave done once its target date has passed, none before', () => {
		expect(expectedDone(10, '2026-01-11', '2026-01-10')).toBe(0);
		expect(expectedDone(10, '2026-01-11', '2026-01-11')).toBe(0);
		expect(expectedDone(10, '2026-01-11', '2026-01-12')).toBe(10);
	});

	it('lets only a finished school of an earlier wave mentor', () => {
		const mentee = { schoolId: 2, waveOrdinal: 2 };
		expect(canMentor({ schoolId: 1, waveOrdinal: 0, completedOn: '2022-06-20' }, mentee)).toBe(
			true
		);
		expect(canMentor({ schoolId: 1, waveOrdinal: 0, completedOn: null }, mentee)).toBe(false);
		expect(canMentor({ schoolId: 1, waveOrdinal: 2, completedOn: '2022-06-20' }, mentee)).toBe(
			false
		);
		expect(canMentor({ schoolId: 2, waveOrdinal: 0, completedOn: '2022-06-20' }, mentee)).toBe(
			false
		);
	});
});
