import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { bellForm, saveBells, savedBells } from '../../src/lib/server/timetable/bells';
import { apiTimetable } from '../../src/lib/server/timetable/api';
import { currentSemester } from '../../src/lib/server/timetable/queries';
import { schoolTimetableGrid } from '../../src/lib/server/timetable/school-grid';
import { gridCells } from '../../src/lib/server/timetable/views';
import { timetableAnswerSchema } from '../../src/lib/server/api/paths/timetable';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * Clock times beyond the class grids: the whole-school grid (page and XLSX/CSV) and the JSON API
 * carry each period's time from the school's saved bells, and nothing when the school set none
 * (what they showed before bells existed).
 */
let db: DB;
let close: () => Promise<void>;
let school: Awaited<ReturnType<typeof createTimetableSchool>>;
let versionId: number;
// 5 morning periods of 40 minutes from 06:45, a 15-minute break after the second
const STARTS = [405, 450, 510, 555, 600];

beforeAll(async () => {
	({ db, close } = connectTestDb(4));
	school = await createTimetableSchool(db);
	const semester = await currentSemester(db);
	const version = await db
		.insertInto('timetable_versions')
		.values({
			school_id: school.schoolId,
			semester_id: semester.id,
			status: 'published',
			problem: JSON.stringify({ days: ['T2', 'T3', 'T4', 'T5', 'T6'], periodsPerDay: 5 }),
			seed: 1,
			time_limit_seconds: 5,
			effective_from: '2020-01-06',
			published_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	versionId = version.id;
	await db
		.insertInto('timetable_cells')
		.values(
			school.classes.map((c, i) => ({
				version_id: versionId,
				school_id: school.schoolId,
				class_id: c.id,
				subject_id: school.subjectIds[i],
				staff_id: school.staffIds[i + 2],
				day: 1,
				period: 2 + i
			}))
		)
		.execute();
});
afterAll(() => close());

const week = '2026-12-09';
const grid = async () =>
	schoolTimetableGrid(
		db,
		school.schoolId,
		{ days: 5, periodsPerDay: 5 },
		await gridCells(db, [versionId]),
		(c) => c.subjectName
	);

describe('clock times of the whole school and the API', () => {
	it('are absent while the school has set no bell times', async () => {
		expect(await savedBells(db, school.schoolId)).toBeNull();
		const g = await grid();
		expect(g.times).toBeNull();
		expect(g.rows).toHaveLength(25);
		const body = await apiTimetable(db, school.admin, school.schoolId, { week });
		expect(timetableAnswerSchema.parse(body)).toEqual(body);
		expect(body.version!.periodTimes).toBeNull();
		expect(body.lessons).toHaveLength(2);
		for (const l of body.lessons) expect([l.startTime, l.endTime]).toEqual([null, null]);
	});

	it('follow the saved bells in the grid rows and every lesson of the API', async () => {
		const { version } = await bellForm(db, school.schoolId);
		await saveBells(db, { principal: school.admin, requestId: 'clock-test' }, school.schoolId, {
			starts: STARTS,
			periodMinutes: 40,
			version
		});
		const g = await grid();
		expect(g.times).toEqual([
			'06:45–07:25',
			'07:30–08:10',
			'08:30–09:10',
			'09:15–09:55',
			'10:00–10:40'
		]);
		const row = g.rows.find((r) => r.day === 1 && r.period === 3)!;
		expect(row.entries.filter(Boolean)).toHaveLength(1);
		const body = await apiTimetable(db, school.admin, school.schoolId, { week });
		expect(timetableAnswerSchema.parse(body)).toEqual(body);
		expect(body.version!.periodTimes).toHaveLength(5);
		expect(body.version!.periodTimes![0]).toEqual({ start: '06:45', end: '07:25' });
		const times = body.lessons.map((l) => [l.date, l.period, l.startTime, l.endTime]);
		expect(times).toEqual([
			['2026-12-08', 2, '08:30', '09:10'],
			['2026-12-08', 3, '09:15', '09:55']
		]);
		const one = await apiTimetable(db, school.admin, school.schoolId, {
			week,
			class: school.classes[1].id
		});
		expect(one.lessons.map((l) => l.startTime)).toEqual(['09:15']);
	});
});
