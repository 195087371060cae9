import { describe, expect, it } from 'vitest';
import { evaluate, roomExcess } from '../../src/lib/timetable/evaluate';
import type { Instance, Slot } from '../../src/lib/timetable/format';
import { compileModel, Kind } from '../../src/lib/timetable/model';
import { findProblems } from '../../src/lib/timetable/presolve';
import { createRandom } from '../../src/lib/timetable/random';
import { solve } from '../../src/lib/timetable/solver';
import { TimetableState } from '../../src/lib/timetable/state';

/**
 * Four classes, two days of three periods; each class has three Tin học periods (its own teacher)
 * that need a computer room and three Văn periods. With two computer rooms every slot must hold
 * exactly two Tin học periods: the rooms bind, the teachers do not.
 */
function roomSchool(computerRooms = 2): Instance {
	const classes = ['A', 'B', 'C', 'D'];
	return {
		schema: 'vn-school-timetable/1',
		name: 'rooms',
		days: [
			{ id: 'T2', name: 'T2' },
			{ id: 'T3', name: 'T3' }
		],
		periodsPerDay: 3,
		subjects: [
			{ id: 'TIN', name: 'Tin học', roomType: 'computer' },
			{ id: 'VAN', name: 'Văn' }
		],
		rooms: Array.from({ length: computerRooms }, (_, i) => ({
			id: `R${i}`,
			type: 'computer',
			capacity: 40
		})),
		classes: classes.map((id) => ({ id })),
		teachers: classes.flatMap((c) => [
			{ id: `tin${c}`, name: `Tin ${c}`, unavailable: [] },
			{ id: `van${c}`, name: `Văn ${c}`, unavailable: [] }
		]),
		lessons: classes.flatMap((c) =>
			['TIN', 'VAN'].map((s) => ({
				id: `${c}-${s}`,
				class: c,
				subject: s,
				teacher: `${s.toLowerCase()}${c}`,
				periodsPerWeek: 3,
				maxPerDay: 2,
				fixedSlots: [] as Slot[]
			}))
		),
		constraints: [
			{ type: 'noClassClash', hard: true, weight: 100 },
			{ type: 'noTeacherClash', hard: true, weight: 100 },
			{ type: 'lessonMaxPerDay', hard: true, weight: 100 },
			{ type: 'consecutiveIfSameDay', hard: true, weight: 100 }
		]
	};
}

const tinPerSlot = (inst: Instance, assignments: { lesson: string; slots: Slot[] }[]) => {
	const count = new Map<string, number>();
	for (const a of assignments)
		if (a.lesson.endsWith('-TIN'))
			for (const [d, p] of a.slots) count.set(`${d}-${p}`, (count.get(`${d}-${p}`) ?? 0) + 1);
	return count;
};

describe('rooms in the timetable engine', () => {
	it('places no more periods needing a room type in a slot than the school has rooms', () => {
		for (const seed of [1, 2, 3]) {
			const inst = roomSchool();
			const r = solve(inst, { seed, maxIterations: 20_000 });
			expect(r.status).toBe('feasible');
			expect(r.problems).toEqual([]);
			expect(evaluate(inst, r.solution).hardViolations.roomCapacity).toBeUndefined();
			const perSlot = tinPerSlot(inst, r.solution.assignments);
			expect([...perSlot.values()].every((n) => n <= 2)).toBe(true);
			expect([...perSlot.values()].reduce((a, b) => a + b, 0)).toBe(12);
		}
	});

	it('counts the periods beyond the rooms of a slot as a hard violation', () => {
		const inst = roomSchool();
		const slots: Record<string, Slot[]> = {
			A: [
				[0, 0],
				[0, 1],
				[1, 0]
			],
			B: [
				[0, 0],
				[0, 1],
				[1, 0]
			],
			C: [
				[0, 0],
				[0, 1],
				[1, 2]
			],
			D: [
				[0, 2],
				[1, 1],
				[1, 2]
			]
		};
		const van: Record<string, Slot[]> = {
			A: [
				[0, 2],
				[1, 1],
				[1, 2]
			],
			B: [
				[0, 2],
				[1, 1],
				[1, 2]
			],
			C: [
				[0, 2],
				[1, 0],
				[1, 1]
			],
			D: [
				[0, 0],
				[0, 1],
				[1, 0]
			]
		};
		const assignments = Object.keys(slots).flatMap((c) => [
			{ lesson: `${c}-TIN`, slots: slots[c] },
			{ lesson: `${c}-VAN`, slots: van[c] }
		]);
		const e = evaluate(inst, { instance: 'rooms', assignments });
		// three Tin học at T2 p1 and at T2 p2 with two rooms: one too many in each
		expect(e.hardViolations.roomCapacity).toBe(2);
		expect(e.feasible).toBe(false);
		// the same timetable without the portal's room fields breaks nothing
		const plain = {
			...inst,
			rooms: undefined,
			subjects: inst.subjects.map(({ id, name }) => ({ id, name }))
		};
		expect(evaluate(plain, { instance: 'rooms', assignments }).hardTotal).toBe(0);
	});

	it('keeps the incremental room count equal to the checker over random moves', () => {
		const inst = roomSchool(1);
		const m = compileModel(inst);
		const st = new TimetableState(m);
		const rng = createRandom(7);
		for (let i = 0; i < 2000; i++) {
			st.move(rng.int(m.nU), rng.int(m.S + 1) - 1);
			if (i % 50) continue;
			const asg = new Map(
				inst.lessons.map((l, li) => [
					l.id,
					m.lUnits[li]
						.filter((u) => st.slotOf[u] >= 0)
						.map((u): Slot => [Math.floor(st.slotOf[u] / m.P), st.slotOf[u] % m.P])
				])
			);
			expect(st.amount[Kind.Rooms]).toBe(roomExcess(inst, asg));
		}
	});

	it('says before solving that the rooms are too few, and leaves out only what cannot fit', () => {
		const inst = roomSchool(1);
		const problems = findProblems(compileModel(inst));
		expect(problems).toEqual([
			expect.objectContaining({
				code: 'roomShort',
				roomType: 'computer',
				subjects: ['TIN'],
				needed: 12,
				available: 6
			})
		]);
		expect(problems[0].message).toMatch(/TIN need 12 periods in a computer room .* 6 slots/);
		const r = solve(inst, { seed: 1, maxIterations: 20_000 });
		expect(r.status).toBe('partial');
		expect(r.unplaced.reduce((a, x) => a + x.periods, 0)).toBe(6);
		expect(r.evaluation.hardTotal).toBe(0);
	});

	it('names a room type the school has none of, and fixed periods sharing too few rooms', () => {
		const none = findProblems(compileModel(roomSchool(0)));
		expect(none).toContainEqual(
			expect.objectContaining({ code: 'roomShort', needed: 12, available: 0 })
		);
		const inst = roomSchool(2);
		for (const c of ['A', 'B', 'C'])
			inst.lessons.find((l) => l.id === `${c}-TIN`)!.fixedSlots = [[1, 2]];
		expect(findProblems(compileModel(inst))).toContainEqual(
			expect.objectContaining({ code: 'fixedRoomClash', needed: 3, available: 2 })
		);
	});
});
