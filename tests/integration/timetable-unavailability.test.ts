import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { ConflictError, DomainError } from '../../src/lib/server/errors';
import { runNextJob } from '../../src/lib/server/jobs/worker';
import type { JobHandler } from '../../src/lib/server/jobs/types';
import {
	problemOfSchool,
	startGeneration,
	timetableGenerateJob
} from '../../src/lib/server/timetable/generate';
import { teacherId } from '../../src/lib/server/timetable/problem';
import {
	saveUnavailability,
	teacherUnavailability
} from '../../src/lib/server/timetable/unavailability';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * Teacher unavailability: stored against a version and audited, given to the problem, named by
 * the check before solving when too little is left, and never broken by the generator.
 */
let db: DB;
let close: () => Promise<void>;
const handlers = [timetableGenerateJob as JobHandler<never>];

beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

describe('teacher unavailability', () => {
	it('is saved, audited, fed to the problem and respected by the generator', async () => {
		const school = await createTimetableSchool(db);
		const actor = { principal: school.admin };
		const staffId = school.staffIds[2]; // not a homeroom teacher
		// Monday and Tuesday from the third period, and all of Wednesday
		const slots: [number, number][] = [
			...[2, 3, 4].flatMap((p): [number, number][] => [
				[0, p],
				[1, p]
			]),
			...[0, 1, 2, 3, 4].map((p): [number, number] => [2, p])
		];
		await saveUnavailability(db, actor, school.schoolId, { staffId, version: 0, slots });
		const saved = await teacherUnavailability(db, school.schoolId, staffId);
		expect(saved.version).toBe(1);
		expect(saved.slots).toHaveLength(slots.length);
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'after'])
			.where('entity', '=', 'timetable_unavailability')
			.where('entity_id', '=', String(staffId))
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0].action).toBe('timetable.unavailability');

		// a stale version, a slot outside the week and another school's teacher are refused
		await expect(
			saveUnavailability(db, actor, school.schoolId, { staffId, version: 0, slots: [] })
		).rejects.toBeInstanceOf(ConflictError);
		await expect(
			saveUnavailability(db, actor, school.schoolId, { staffId, version: 1, slots: [[0, 9]] })
		).rejects.toMatchObject({ code: 'timetable_unavailable_out_of_week' });
		const other = await createTimetableSchool(db);
		await expect(
			saveUnavailability(db, actor, school.schoolId, {
				staffId: other.staffIds[0],
				version: 0,
				slots: []
			})
		).rejects.toBeInstanceOf(DomainError);

		const { built, problems } = await problemOfSchool(db, school.schoolId);
		const teacher = built.instance.teachers.find((t) => t.id === teacherId(staffId))!;
		expect(teacher.unavailable).toEqual(saved.slots);
		expect(problems).toEqual([]);

		const versionId = await startGeneration(db, actor, school.schoolId, {
			seed: 11,
			timeLimitSeconds: 30,
			maxIterations: 20_000
		});
		await runNextJob(db, handlers, { workerId: `ttu-${process.pid}` });
		const v = await db
			.selectFrom('timetable_versions')
			.select(['status', 'unplaced'])
			.where('id', '=', versionId)
			.executeTakeFirstOrThrow();
		expect(v.status).toBe('draft');
		const cells = await db
			.selectFrom('timetable_cells')
			.select(['day', 'period'])
			.where('version_id', '=', versionId)
			.where('staff_id', '=', staffId)
			.execute();
		expect(cells.length).toBeGreaterThan(0);
		const busy = new Set(slots.map(([d, p]) => `${d}:${p}`));
		expect(cells.filter((c) => busy.has(`${c.day}:${c.period}`))).toEqual([]);
	}, 120_000);

	it('the check before solving names a teacher left with too few slots', async () => {
		const school = await createTimetableSchool(db);
		const staffId = school.staffIds[3];
		const { built } = await problemOfSchool(db, school.schoolId);
		const periods = built.instance.lessons
			.filter((l) => l.teacher === teacherId(staffId))
			.reduce((a, l) => a + l.periodsPerWeek, 0);
		// leave the teacher fewer free slots than periods
		const all: [number, number][] = [];
		for (let d = 0; d < 6; d++) for (let p = 0; p < 5; p++) all.push([d, p]);
		const slots = all.slice(0, all.length - (periods - 1));
		await saveUnavailability(db, { principal: school.admin }, school.schoolId, {
			staffId,
			version: 0,
			slots
		});
		const { problems } = await problemOfSchool(db, school.schoolId);
		const overloaded = problems.find((p) => p.code === 'teacherOverloaded');
		expect(overloaded).toMatchObject({
			severity: 'blocking',
			teacherName: 'Giáo viên Thử 4',
			needed: periods
		});
		expect(overloaded!.available).toBeLessThan(periods);
	});
});
