import { describe, expect, it } from 'vitest';
import { construct } from '../../src/lib/timetable/construct';
import { evaluate } from '../../src/lib/timetable/evaluate';
import type { Instance, Slot, Solution } from '../../src/lib/timetable/format';
import { compileModel, type Model } from '../../src/lib/timetable/model';
import { createRandom } from '../../src/lib/timetable/random';
import { Search } from '../../src/lib/timetable/search';
import { TimetableState } from '../../src/lib/timetable/state';
import { smallSchool } from './timetable-fixtures';

/**
 * The annealing's moves (search.ts): after every step, kept or not, the incremental counters say
 * exactly what the evaluator says of the whole timetable (so every delta the search acts on is the
 * true change of the penalty), no step leaves a hard rule broken, and a refused perturbation puts
 * back the very same timetable.
 */
function solutionOf(m: Model, st: TimetableState): Solution {
	return {
		instance: m.inst.name,
		assignments: m.inst.lessons.map((l, li) => ({
			lesson: l.id,
			slots: m.lUnits[li]
				.map((u) => st.slotOf[u])
				.filter((s) => s >= 0)
				.map((s): Slot => [Math.floor(s / m.P), s % m.P])
		}))
	};
}

/** the small school with periods of a subject two days apart: some penalty cannot be avoided */
function spreadSchool(): Instance {
	const inst = smallSchool();
	return {
		...inst,
		constraints: inst.constraints.map((c) =>
			c.type === 'lessonMinDaysBetween' ? { ...c, minDays: 2 } : c
		)
	};
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

function feasible(inst: Instance, seed: number) {
	const m = compileModel(inst);
	const st = new TimetableState(m);
	const rng = createRandom(seed);
	const search = new Search(st, rng);
	construct(st, rng, undefined, () => {});
	for (let i = 0; i < 50_000 && st.hardTotal() > 0; i++) search.repairStep(st.hardTotal());
	expect(st.hardTotal()).toBe(0);
	return { m, st, search, rng };
}

/** the full re-evaluation, and the state's own figures, of the current timetable */
function both(inst: Instance, m: Model, st: TimetableState) {
	const e = evaluate(inst, solutionOf(m, st));
	return {
		full: { hard: e.hardTotal, soft: e.softPenalty },
		own: { hard: st.hardTotal(), soft: round(st.softPenalty()) }
	};
}

// each step is checked against a full evaluation: slow on a loaded machine
describe('the annealing moves of the timetable search', { timeout: 60_000 }, () => {
	it('perturbation with repair: every delta equals the full re-evaluation, a refusal restores the timetable', () => {
		const inst = spreadSchool();
		for (const seed of [1, 2, 3]) {
			const { m, st, search, rng } = feasible(inst, seed);
			let kept = 0;
			let refused = 0;
			for (let i = 0; i < 120; i++) {
				const before = both(inst, m, st);
				const slots = st.slotOf.slice();
				const soft = st.softPenalty();
				const temp = rng.next() < 0.5 ? 0 : rng.next();
				const made = search.perturbStep(temp, soft);
				const after = both(inst, m, st);
				expect(after.own).toEqual(after.full);
				expect(after.full.hard).toBe(0);
				expect(round(st.softPenalty() - soft)).toBe(round(after.full.soft - before.full.soft));
				if (made) kept++;
				else {
					refused++;
					expect(Array.from(st.slotOf)).toEqual(Array.from(slots));
				}
				if (temp === 0 && made) expect(after.full.soft).toBeLessThanOrEqual(before.full.soft);
			}
			expect(kept).toBeGreaterThan(0);
			expect(refused).toBeGreaterThan(0);
		}
	});

	it('plain annealing steps and soft-minded repair steps keep the counters equal to the evaluator', () => {
		const inst = smallSchool();
		const { m, st, search, rng } = feasible(inst, 4);
		for (let i = 0; i < 800; i++) {
			const before = both(inst, m, st);
			const soft = st.softPenalty();
			search.improveStep(rng.next(), soft);
			const after = both(inst, m, st);
			expect(after.own).toEqual(after.full);
			expect(after.full.hard).toBe(0);
			expect(round(st.softPenalty() - soft)).toBe(round(after.full.soft - before.full.soft));
		}
		// random moves break hard rules; the repair that minds the soft penalty counts them right
		for (let i = 0; i < 20; i++) {
			const u = rng.int(m.nU);
			if (m.uPinned[u] < 0) st.move(u, rng.int(m.S));
		}
		for (let i = 0; i < 200; i++) {
			search.repairStep(st.hardTotal(), true);
			const now = both(inst, m, st);
			expect(now.own.soft).toBe(now.full.soft);
			expect(now.own.hard).toBe(now.full.hard);
		}
	});

	it('ruin and recreate: the periods of the penalised teachers go back into their classes, pinned ones stay, the counters stay true', () => {
		const inst = spreadSchool();
		for (const seed of [1, 2]) {
			const { m, st, search } = feasible(inst, seed);
			const teachers = new Set<number>();
			for (let u = 0; u < m.nU; u++) if (search.isPenalised(u)) teachers.add(m.uTeacher[u]);
			expect(teachers.size).toBeGreaterThan(0);
			const before = st.slotOf.slice();
			const moved = search.ruin();
			expect(moved).toBe(
				Array.from({ length: m.nU }, (_, u) => u).filter(
					(u) => teachers.has(m.uTeacher[u]) && m.uPinned[u] < 0
				).length
			);
			for (let u = 0; u < m.nU; u++) {
				// every period placed again (the class has room for it: the one it left)
				expect(st.slotOf[u]).toBeGreaterThanOrEqual(0);
				if (!teachers.has(m.uTeacher[u]) || m.uPinned[u] >= 0) expect(st.slotOf[u]).toBe(before[u]);
			}
			const now = both(inst, m, st);
			expect(now.own).toEqual(now.full);
			for (let i = 0; i < 20_000 && st.hardTotal() > 0; i++) search.repairStep(st.hardTotal());
			expect(st.hardTotal()).toBe(0);
			expect(both(inst, m, st).own).toEqual(both(inst, m, st).full);
		}
	});

	it('names exactly the periods in a soft violation', () => {
		for (const inst of [smallSchool(), spreadSchool()]) {
			const { m, st, search } = feasible(inst, 5);
			const dayOf = (u: number) => Math.floor(st.slotOf[u] / m.P);
			const gaps = new Map<number, number>();
			for (let t = 0; t < m.nT; t++) {
				let g = 0;
				for (let d = 0; d < m.D; d++) {
					const ps = new Set<number>();
					for (let u = 0; u < m.nU; u++)
						if (m.uTeacher[u] === t && dayOf(u) === d) ps.add(st.slotOf[u] % m.P);
					if (ps.size) g += Math.max(...ps) - Math.min(...ps) + 1 - ps.size;
				}
				gaps.set(t, g);
			}
			let some = 0;
			for (let u = 0; u < m.nU; u++) {
				const l = m.uLesson[u];
				const close = m.lUnits[l].filter(
					(v) => v !== u && Math.abs(dayOf(v) - dayOf(u)) < m.minDays
				).length;
				const expected =
					(m.lSpreads[l] === 1 && close > 0) || gaps.get(m.uTeacher[u])! > m.teacherMaxGaps;
				expect(search.isPenalised(u), `unit ${u}`).toBe(expected);
				if (expected) some++;
			}
			expect(some).toBeGreaterThan(0);
		}
	});
});
