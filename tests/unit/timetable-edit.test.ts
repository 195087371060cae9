import { describe, expect, it } from 'vitest';
import { applyMove, checkMove, hardViolations, type EditCheck } from '../../src/lib/timetable/edit';
import { evaluate } from '../../src/lib/timetable/evaluate';
import type { Slot } from '../../src/lib/timetable/format';
import { solutionOf, tinySchool, TINY_CLEAN } from './timetable-fixtures';

// tiny school, clean timetable: class X has Chào cờ (fixed, c) at T2 p1, Toán (a) at T2 p2 and
// T3 p1, Văn (b) at T2 p3; class Y has Toán (a) at T2 p1 and T3 p2, Văn (b) at T2 p2 and T3 p1.
// Teacher b is unavailable on T3 p3.
const inst = tinySchool();
const clean = solutionOf(TINY_CLEAN);
const move = (cls: string, from: Slot, to: Slot) => {
	const r = checkMove(inst, clean, { class: cls, from, to });
	if (typeof r === 'string') throw new Error(r);
	return r;
};
const rules = (c: EditCheck) => c.introduced.map((v) => v.rule).sort();

describe('the editor check', () => {
	it('finds no broken hard rule in a clean timetable, as the evaluator', () => {
		expect(hardViolations(inst, clean)).toEqual([]);
		expect(evaluate(inst, clean).hardTotal).toBe(0);
	});

	it('accepts a move to a free slot that breaks nothing and reports the soft figures', () => {
		const c = move('X', [0, 2], [1, 1]);
		expect(c.kind).toBe('move');
		expect(c.ok).toBe(true);
		expect(c.introduced).toEqual([]);
		expect(c.moved).toEqual([{ lesson: 'LX2', from: [0, 2], to: [1, 1] }]);
		expect(c.solution.assignments.find((a) => a.lesson === 'LX2')?.slots).toEqual([[1, 1]]);
		const after = evaluate(inst, c.solution);
		expect(after.hardTotal).toBe(0);
		expect(c.softAfter).toBe(after.softPenalty);
		expect(c.softBefore).toBe(evaluate(inst, clean).softPenalty);
		expect(c.teacherGapsAfter).toBe(after.stats.teacherGapsTotal);
	});

	it('names the teacher unavailable and the gap a move into the last period opens', () => {
		const c = move('X', [0, 2], [1, 2]);
		expect(c.ok).toBe(false);
		expect(rules(c)).toEqual(['classMaxGapsPerWeek', 'teacherUnavailable']);
		expect(c.introduced.find((v) => v.rule === 'teacherUnavailable')).toMatchObject({
			teacher: 'b',
			lesson: 'LX2',
			day: 1,
			period: 2
		});
		expect(c.introduced.find((v) => v.rule === 'classMaxGapsPerWeek')).toMatchObject({
			class: 'X'
		});
	});

	it('swaps with the period already there and names the teacher clash with the other class', () => {
		const c = move('X', [0, 1], [0, 2]);
		expect(c.kind).toBe('swap');
		expect(c.moved.map((x) => x.lesson)).toEqual(['LX1', 'LX2']);
		expect(c.introduced).toEqual([
			{ rule: 'noTeacherClash', teacher: 'b', day: 0, period: 1, others: ['LX2', 'LY2'] }
		]);
		expect(evaluate(inst, c.solution).hardViolations.noTeacherClash).toBe(1);
	});

	it('refuses to take a fixed period (Chào cờ) off its slot', () => {
		const c = move('X', [0, 0], [1, 1]);
		expect(c.introduced).toContainEqual({
			rule: 'fixedSlots',
			lesson: 'LX3',
			class: 'X',
			day: 0,
			period: 0
		});
	});

	it('finds the per-day maximum and the double period broken by a move of a lesson', () => {
		// Y's Toán may have one period a day: moving its T3 period next to the T2 one breaks it
		const c = move('Y', [1, 1], [0, 2]);
		expect(rules(c)).toContain('lessonMaxPerDay');
	});

	it('answers impossible requests with a reason, not a timetable', () => {
		expect(applyMove(inst, clean, { class: 'X', from: [1, 1], to: [0, 0] })).toBe('no_period');
		expect(applyMove(inst, clean, { class: 'X', from: [0, 1], to: [0, 1] })).toBe('same_slot');
		expect(applyMove(inst, clean, { class: 'X', from: [0, 1], to: [5, 0] })).toBe('out_of_range');
		expect(applyMove(inst, clean, { class: 'X', from: [0, 1], to: [0, 3] })).toBe('out_of_range');
		expect(applyMove(inst, clean, { class: 'Z', from: [0, 1], to: [0, 2] })).toBe('unknown_class');
		expect(applyMove(inst, clean, { class: 'X', from: [-1, 0], to: [0, 2] })).toBe('out_of_range');
	});

	it('leaves the timetable as it is when two periods of one lesson swap', () => {
		const c = move('X', [0, 1], [1, 0]);
		expect(c.kind).toBe('swap');
		expect(c.ok).toBe(true);
		expect(c.solution).toEqual(clean);
	});

	it('does not blame an edit for a rule that was already broken before it', () => {
		const broken = solutionOf({
			...TINY_CLEAN,
			LX2: [[1, 2]],
			LX1: [
				[0, 1],
				[0, 2]
			]
		});
		expect(hardViolations(inst, broken).map((v) => v.rule)).toContain('teacherUnavailable');
		const r = checkMove(inst, broken, { class: 'Y', from: [1, 1], to: [1, 2] });
		if (typeof r === 'string') throw new Error(r);
		expect(r.introduced.map((v) => v.rule)).not.toContain('teacherUnavailable');
	});
});
