import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/lib/timetable/evaluate';
import { solve, type SolveProgress } from '../../src/lib/timetable/solver';
import { smallSchool } from './timetable-fixtures';

const ITERATIONS = { seed: 42, maxIterations: 20_000 };

describe('the timetable solver', () => {
	it('finds a timetable without hard violations for a small school', () => {
		const r = solve(smallSchool(), ITERATIONS);
		expect(r.status).toBe('feasible');
		expect(r.problems).toEqual([]);
		expect(r.unplaced).toEqual([]);
		expect(evaluate(smallSchool(), r.solution).hardTotal).toBe(0);
		expect(r.firstFeasibleIteration).not.toBeNull();
	});

	it('gives the same timetable for the same seed and iteration limit', () => {
		const a = solve(smallSchool(), ITERATIONS);
		const b = solve(smallSchool(), ITERATIONS);
		expect(b.solution).toEqual(a.solution);
		expect(b.iterations).toBe(a.iterations);
	});

	it('keeps the cells the caller locked', () => {
		const locked = [
			{ lesson: 'A-TOAN', slots: [[2, 3] as [number, number], [4, 0] as [number, number]] },
			{ lesson: 'B-VAN', slots: [[1, 1] as [number, number]] }
		];
		const r = solve(smallSchool(), { ...ITERATIONS, locked });
		const slotsOf = (id: string) => r.solution.assignments.find((a) => a.lesson === id)!.slots;
		expect(slotsOf('A-TOAN')).toEqual(
			expect.arrayContaining([
				[2, 3],
				[4, 0]
			])
		);
		expect(slotsOf('B-VAN')).toContainEqual([1, 1]);
		expect(r.evaluation.hardTotal).toBe(0);
	});

	it('explains why a school cannot have a timetable instead of searching', () => {
		const inst = smallSchool();
		const toan = inst.teachers.find((t) => t.id === 'toan')!;
		toan.unavailable = [1, 2, 3].flatMap((d) => [0, 1, 2, 3].map((p): [number, number] => [d, p]));
		inst.lessons.push({
			id: 'A-EXTRA',
			class: 'A',
			subject: 'TIN',
			teacher: 'tin',
			periodsPerWeek: 2,
			maxPerDay: 1,
			fixedSlots: []
		});
		const r = solve(inst, ITERATIONS);
		expect(r.status).toBe('partial');
		expect(r.problems.map((p) => p.code)).toEqual(['classOverloaded', 'teacherOverloaded']);
		expect(r.problems[0].message).toBe('class A needs 21 periods in 20 slots');
		// 8 slots left by the unavailable days, less Monday's first period (the flag ceremony everywhere)
		expect(r.problems[1]).toMatchObject({ teacher: 'toan', needed: 12, available: 7 });
		// the partial timetable lists what is missing and breaks no hard rule
		expect(r.evaluation.hardTotal).toBe(0);
		expect(r.unplaced.reduce((a, u) => a + u.periods, 0)).toBe(r.evaluation.unplacedPeriods);
		expect(r.evaluation.unplacedPeriods).toBeGreaterThan(0);
	});

	it('stops when cancelled and still returns a timetable that breaks no hard rule', () => {
		const controller = new AbortController();
		const seen: SolveProgress[] = [];
		const r = solve(smallSchool(), {
			seed: 1,
			maxIterations: 1_000_000,
			signal: controller.signal,
			progressEvery: 100,
			onProgress: (p) => {
				seen.push(p);
				controller.abort();
			}
		});
		expect(r.cancelled).toBe(true);
		expect(r.iterations).toBeLessThan(1_000_000);
		expect(r.evaluation.hardTotal).toBe(0);
		expect(seen[0]).toMatchObject({ phase: 'construct', totalPeriods: 57 });
	});
});

describe('the timetable solver on a school the greedy start already solves', () => {
	it('reports the first feasible timetable at iteration 0', () => {
		const inst = smallSchool();
		inst.lessons = inst.lessons.filter((l) => l.class === 'A');
		inst.classes = [{ id: 'A' }];
		const r = solve(inst, { seed: 3, maxIterations: 1000 });
		expect(r.status).toBe('feasible');
		expect(r.firstFeasibleIteration).not.toBeNull();
	});
});
