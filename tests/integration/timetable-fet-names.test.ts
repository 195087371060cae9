import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { readableInstance } from '../../src/lib/server/timetable/fet-export';
import { previewFet } from '../../src/lib/server/timetable/fet-import';
import { problemOfSchool } from '../../src/lib/server/timetable/generate';
import { writeFet } from '../../src/lib/timetable/fet-write';
import type { Solution } from '../../src/lib/timetable/format';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * Two teachers of one school with the same name (common: the demo's Nguyễn Tất Thành has two
 * "Nguyễn Hồng Ngân"): the portal's FET export names them `name (T<id>)`, and importing that file
 * matches each to its own teacher again, for the teachers' times and for a placed timetable.
 */
let db: DB;
let close: () => Promise<void>;
let school: Awaited<ReturnType<typeof createTimetableSchool>>;

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	school = await createTimetableSchool(db);
	await db
		.updateTable('staff')
		.set({ full_name: 'Giáo viên Thử 1' })
		.where('id', '=', school.staffIds[1])
		.execute();
});
afterAll(() => close());

describe('a FET file of a school with two teachers of one name', () => {
	it('matches both teachers of its own export again, with and without a timetable', async () => {
		const { input, built } = await problemOfSchool(db, school.schoolId);
		const names = new Map(input.classes.map((c) => [`C${c.id}`, c.name]));
		// a placed timetable of any shape: only the names are judged here
		let n = 0;
		const solution: Solution = {
			instance: built.instance.name,
			solver: 'test',
			assignments: built.instance.lessons.map((l) => ({
				lesson: l.id,
				slots: Array.from({ length: l.periodsPerWeek }, () => {
					const k = n++;
					return [k % 6, Math.floor(k / 6) % 5] as [number, number];
				})
			}))
		};
		const { instance, solution: named } = readableInstance(built.instance, names, solution);
		const [first, second] = school.staffIds;
		const exported = instance.teachers.map((t) => t.id);
		expect(exported).toContain(`Giáo viên Thử 1 (T${first})`);
		expect(exported).toContain(`Giáo viên Thử 1 (T${second})`);

		const result = await previewFet(db, school.schoolId, writeFet(instance, named));
		if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
		expect(result.preview.unmatched.teachers).toEqual([]);
		const matched = result.preview.changes.unavailable.map((u) => u.staffId);
		expect(matched).toEqual(expect.arrayContaining([first, second]));
		const draft = result.preview.draft!;
		expect(draft.unmapped.filter((u) => u.reason === 'teacher')).toEqual([]);
		expect(new Set(draft.placements.map((p) => p.staffId))).toEqual(
			new Set(input.assignments.map((a) => a.staffId))
		);
	});
});
