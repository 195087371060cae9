import { describe, expect, it } from 'vitest';
import { describeErrors, parseInstance, parseSolution } from '../../src/lib/timetable/format';
import { tinySchool } from './timetable-fixtures';

const paths = (json: unknown) => {
	const r = parseInstance(json);
	return r.ok ? [] : r.errors.map((e) => e.path);
};

describe('reading a vn-school-timetable/1 instance', () => {
	it('accepts a valid instance and ignores fields it does not know', () => {
		const r = parseInstance({ ...tinySchool(), rooms: [{ id: 'LAB' }], colour: 'blue' });
		expect(r.ok).toBe(true);
	});

	it("reads the portal's room fields and names a wrong one", () => {
		const inst = tinySchool();
		const withRooms = {
			...inst,
			subjects: inst.subjects.map((s) => ({ ...s, roomType: s.id === 'TOAN' ? 'lab' : undefined })),
			rooms: [{ id: 'R1', name: 'Lab 1', type: 'lab', capacity: 40 }]
		};
		const r = parseInstance(withRooms);
		expect(r.ok && r.value.rooms?.[0].type).toBe('lab');
		expect(r.ok && r.value.subjects[0].roomType).toBe('lab');
		expect(paths({ ...withRooms, rooms: [{ id: 'R1', type: 'lab', capacity: -1 }] })).toEqual([
			'rooms[0].capacity'
		]);
	});

	it('names the document when it is not an instance at all', () => {
		expect(paths([])).toEqual(['']);
	});

	it('names a wrong schema', () => {
		expect(paths({ ...tinySchool(), schema: 'vn-school-timetable/2' })).toEqual(['schema']);
	});

	it('names the field of a lesson that has the wrong type', () => {
		const inst = tinySchool() as unknown as { lessons: Record<string, unknown>[] };
		inst.lessons[3].periodsPerWeek = 'two';
		expect(paths(inst)).toEqual(['lessons[3].periodsPerWeek']);
	});

	it('names a lesson whose teacher or class does not exist', () => {
		const inst = tinySchool();
		inst.lessons[1].teacher = 'nobody';
		inst.lessons[4].class = '12Z';
		expect(paths(inst)).toEqual(['lessons[1].teacher', 'lessons[4].class']);
	});

	it('names a slot outside the week and a duplicate id', () => {
		const inst = tinySchool();
		inst.teachers[1].unavailable = [[2, 0]];
		inst.classes.push({ id: 'X' });
		const r = parseInstance(inst);
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(describeErrors(r.errors)).toBe(
				'classes[2].id: duplicate id X\nteachers[1].unavailable[0]: slot [2,0] outside 2 days x 3 periods'
			);
	});

	it('names a gap rule without its maximum', () => {
		const inst = tinySchool();
		inst.constraints = [{ type: 'classMaxGapsPerWeek', hard: true, weight: 100 }];
		expect(paths(inst)).toEqual(['constraints[0].maxGaps']);
	});

	it('names the slot of a solution that is not a pair of numbers', () => {
		const r = parseSolution({ instance: 'tiny', assignments: [{ lesson: 'L1', slots: [[0]] }] });
		expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['assignments[0].slots[0]']);
	});
});
