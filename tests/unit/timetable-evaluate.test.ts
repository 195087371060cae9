import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/lib/timetable/evaluate';
import type { Slot } from '../../src/lib/timetable/format';
import { compileModel } from '../../src/lib/timetable/model';
import { createRandom } from '../../src/lib/timetable/random';
import { TimetableState } from '../../src/lib/timetable/state';
import { smallSchool, solutionOf, TINY_CLEAN, tinySchool } from './timetable-fixtures';

const NO_STATS = {
	teacherGapsTotal: 0,
	teacherGapsMax: 0,
	teachersOverMaxGaps: 0,
	classGapsTotal: 0,
	lessonSameDayPairs: 0
};

// Expected figures are what ../shared/timetable/evaluate.py prints for the same solutions.
const CASES: {
	name: string;
	change: Record<string, Slot[]>;
	hard: Record<string, number>;
	soft?: Record<string, number>;
	penalty?: number;
	unplaced?: number;
	stats?: Partial<typeof NO_STATS>;
}[] = [
	{ name: 'a clean timetable', change: {}, hard: {} },
	{ name: 'two periods of a class at once', change: { LX2: [[0, 0]] }, hard: { noClassClash: 1 } },
	{
		name: 'a teacher in two classes at once',
		change: {
			LY1: [
				[0, 1],
				[1, 1]
			],
			LY2: [
				[0, 0],
				[1, 0]
			]
		},
		hard: { noTeacherClash: 1 },
		soft: { teacherMaxGapsPerWeek: 1 },
		penalty: 0.9,
		stats: { teacherGapsTotal: 1, teacherGapsMax: 1, teachersOverMaxGaps: 1 }
	},
	{
		name: 'a teacher when unavailable',
		change: {
			LY2: [
				[0, 1],
				[1, 2]
			]
		},
		hard: { teacherUnavailable: 1 }
	},
	{ name: 'a fixed period moved', change: { LX3: [[1, 1]] }, hard: { fixedSlots: 1 } },
	{
		name: 'a lesson over its maximum per day',
		change: {
			LX1: [
				[0, 2],
				[1, 0]
			],
			LX2: [[0, 1]],
			LY1: [
				[0, 0],
				[0, 1]
			],
			LY2: [
				[1, 0],
				[1, 1]
			]
		},
		hard: { lessonMaxPerDay: 1 },
		soft: { lessonMinDaysBetween: 2 },
		penalty: 1.9,
		stats: { lessonSameDayPairs: 2 }
	},
	{
		name: 'two periods of a lesson apart on one day',
		change: {
			LX1: [
				[0, 2],
				[1, 0]
			],
			LX2: [[0, 1]],
			LY2: [
				[0, 0],
				[0, 2]
			],
			LY1: [
				[0, 1],
				[1, 1]
			]
		},
		hard: { consecutiveIfSameDay: 1 },
		soft: { lessonMinDaysBetween: 1 },
		penalty: 0.95,
		stats: { lessonSameDayPairs: 1 }
	},
	{
		name: 'two periods of a lesson on one day (soft)',
		change: {
			LY2: [
				[0, 1],
				[0, 2]
			],
			LX2: [[1, 1]]
		},
		hard: {},
		soft: { lessonMinDaysBetween: 1 },
		penalty: 0.95,
		stats: { lessonSameDayPairs: 1 }
	},
	{
		name: 'a gap in a class and a teacher',
		change: {
			LY1: [
				[0, 0],
				[1, 2]
			],
			LY2: [
				[0, 1],
				[1, 0]
			]
		},
		hard: { classMaxGapsPerWeek: 1 },
		soft: { teacherMaxGapsPerWeek: 1 },
		penalty: 0.9,
		stats: { teacherGapsTotal: 1, teacherGapsMax: 1, teachersOverMaxGaps: 1, classGapsTotal: 1 }
	},
	{ name: 'a missing period', change: { LY2: [[0, 1]] }, hard: {}, unplaced: 1 },
	{
		name: 'a period too many',
		change: {
			LX2: [
				[0, 2],
				[1, 1]
			]
		},
		hard: { tooManyPeriods: 1 }
	},
	{ name: 'a slot outside the week', change: { LX2: [[0, 3]] }, hard: { slotOutOfRange: 1 } }
];

describe('the evaluator counts as evaluate.py', () => {
	for (const c of CASES)
		it(`counts ${c.name}`, () => {
			const e = evaluate(tinySchool(), solutionOf({ ...TINY_CLEAN, ...c.change }));
			expect(e.hardViolations).toEqual(c.hard);
			expect(e.softViolations).toEqual(c.soft ?? {});
			expect(e.softPenalty).toBe(c.penalty ?? 0);
			expect(e.unplacedPeriods).toBe(c.unplaced ?? 0);
			expect(e.stats).toEqual({ ...NO_STATS, ...c.stats });
			expect(e.feasible).toBe(!Object.keys(c.hard).length && !c.unplaced);
		});

	it('counts the days a teacher teaches over the limit', () => {
		const inst = tinySchool();
		inst.teachers[0].maxDaysPerWeek = 1;
		expect(evaluate(inst, solutionOf(TINY_CLEAN)).hardViolations).toEqual({
			teacherMaxDaysPerWeek: 1
		});
	});

	it('counts a soft day limit in the penalty with its weight', () => {
		const inst = tinySchool();
		inst.teachers[0].maxDaysPerWeek = 1;
		inst.constraints = inst.constraints.map((c) =>
			c.type === 'teacherMaxDaysPerWeek' ? { ...c, hard: false, weight: 50 } : c
		);
		const e = evaluate(inst, solutionOf(TINY_CLEAN));
		expect(e.hardViolations).toEqual({});
		expect(e.softPenalty).toBe(0.5);
	});
});

describe("the solver's incremental state", () => {
	it('agrees with the evaluator after thousands of random moves', () => {
		const inst = smallSchool();
		const m = compileModel(inst);
		const st = new TimetableState(m);
		const rng = createRandom(7);
		for (let i = 0; i < 3000; i++) st.move(rng.int(m.nU), rng.int(m.S + 1) - 1);
		const slots = inst.lessons.map((l, li) =>
			m.lUnits[li]
				.map((u) => st.slotOf[u])
				.filter((s) => s >= 0)
				.map((s): Slot => [Math.floor(s / m.P), s % m.P])
		);
		const e = evaluate(
			inst,
			solutionOf(Object.fromEntries(inst.lessons.map((l, i) => [l.id, slots[i]])))
		);
		const fixedMissing = e.hardViolations.fixedSlots ?? 0;
		expect(st.hardTotal()).toBe(e.hardTotal - fixedMissing);
		expect(Math.round(st.softPenalty() * 1e4) / 1e4).toBe(e.softPenalty);
		expect(st.placed).toBe(e.placedPeriods);
	});
});
