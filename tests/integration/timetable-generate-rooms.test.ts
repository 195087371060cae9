import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { addRoom, saveSubjectRooms } from '../../src/lib/server/timetable/rooms';
import { rosterInput } from '../../src/lib/server/timetable/queries';
import { buildProblem } from '../../src/lib/server/timetable/problem';
import { precheck } from '../../src/lib/server/timetable/precheck';
import { solve } from '../../src/lib/timetable/solver';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * The generator's problem reads the school's rooms and the room type each subject needs: the
 * generated timetable never needs more rooms of a type in a slot than exist, and a type the
 * school has no room of is named by the check before solving.
 */
let db: DB;
let close: () => Promise<void>;
let school: Awaited<ReturnType<typeof createTimetableSchool>>;
const actor = () => ({ principal: school.admin, requestId: 'generate-rooms-test' });

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	school = await createTimetableSchool(db);
});
afterAll(() => close());

describe('rooms in the generated timetable', () => {
	it('reads rooms and needs from the database and keeps to one lab', async () => {
		const [first, second] = school.subjectIds;
		await addRoom(db, actor(), school.schoolId, { name: 'Lab 1', type: 'lab', capacity: 40 });
		await saveSubjectRooms(db, actor(), school.schoolId, [
			{ subjectId: first, roomType: 'lab' },
			{ subjectId: second, roomType: 'lab' }
		]);
		const input = await rosterInput(db, school.schoolId);
		expect(input.rooms).toEqual([expect.objectContaining({ name: 'Lab 1', type: 'lab' })]);
		const { instance } = buildProblem(input);
		expect(instance.rooms).toHaveLength(1);
		const labSubjects = new Set([`S${first}`, `S${second}`]);
		expect(
			instance.subjects
				.filter((s) => s.roomType === 'lab')
				.map((s) => s.id)
				.sort()
		).toEqual([...labSubjects].sort());
		const r = solve(instance, { seed: 1, maxIterations: 20_000 });
		expect(r.evaluation.hardViolations.roomCapacity).toBeUndefined();
		const labLessons = new Set(
			instance.lessons.filter((l) => labSubjects.has(l.subject)).map((l) => l.id)
		);
		const slots = r.solution.assignments
			.filter((a) => labLessons.has(a.lesson))
			.flatMap((a) => a.slots.map(([d, p]) => `${d}-${p}`));
		expect(slots.length).toBeGreaterThan(2);
		expect(new Set(slots).size).toBe(slots.length);
	});

	it('names a subject whose room type the school has none of', async () => {
		const [, , third] = school.subjectIds;
		await saveSubjectRooms(db, actor(), school.schoolId, [{ subjectId: third, roomType: 'gym' }]);
		const input = await rosterInput(db, school.schoolId);
		const problems = precheck(buildProblem(input), input);
		expect(problems).toContainEqual(
			expect.objectContaining({ code: 'roomShort', roomType: 'gym', available: 0 })
		);
	});
});
