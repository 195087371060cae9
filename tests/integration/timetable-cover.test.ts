import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { runNextJob } from '../../src/lib/server/jobs/worker';
import type { JobHandler } from '../../src/lib/server/jobs/types';
import { addDays, todayIso, weekStart } from '../../src/lib/dates';
import { startGeneration, timetableGenerateJob } from '../../src/lib/server/timetable/generate';
import { publishVersion } from '../../src/lib/server/timetable/publish';
import { versionForEdit } from '../../src/lib/server/timetable/editor';
import {
	assignCover,
	coverPlan,
	coverReport,
	coversBetween,
	findAbsence,
	recordAbsence
} from '../../src/lib/server/timetable/cover';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

let db: DB;
let close: () => Promise<void>;
const handlers = [timetableGenerateJob as JobHandler<never>];

beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

async function publishedSchool(seed: number) {
	const school = await createTimetableSchool(db);
	const actor = { principal: school.admin };
	const versionId = await startGeneration(db, actor, school.schoolId, {
		seed,
		timeLimitSeconds: 30,
		maxIterations: 20_000
	});
	await runNextJob(db, handlers, { workerId: `ttc-${process.pid}` });
	const v = await versionForEdit(db, school.schoolId, versionId);
	await publishVersion(db, actor, school.schoolId, {
		versionId,
		version: v!.version,
		effectiveFrom: '2020-01-01'
	});
	return { school, actor, v: v! };
}

// next week's Monday (0) and Tuesday (1): dates of the published timetable in force
const monday = addDays(weekStart(todayIso()), 7);

describe('cover for an absent teacher', () => {
	it('lists the lessons of the absence, proposes free substitutes and records the cover', async () => {
		const { school, actor, v } = await publishedSchool(21);
		const absent = school.staffIds[1];
		const id = await recordAbsence(db, actor, school.schoolId, {
			staffId: absent,
			startsOn: monday,
			endsOn: addDays(monday, 1),
			periods: null,
			reason: 'Ốm'
		});
		const a = (await findAbsence(db, school.schoolId, id))!;
		const plan = await coverPlan(db, school.schoolId, a);
		const own = v.cells.filter((c) => c.staff_id === absent && c.day <= 1);
		expect(plan).toHaveLength(own.length);
		expect(plan.length).toBeGreaterThan(0);
		const lesson = plan[0];
		expect(lesson.substitutes.length).toBeGreaterThan(0);
		const weekday = lesson.day === monday ? 0 : 1;
		const busyThen = new Set(
			v.cells.filter((c) => c.day === weekday && c.period === lesson.period).map((c) => c.staff_id)
		);
		for (const s of lesson.substitutes) {
			expect(busyThen.has(s.staffId)).toBe(false);
			expect(s.staffId).not.toBe(absent);
		}
		const pick = lesson.substitutes[0];
		const coverId = await assignCover(db, actor, school.schoolId, {
			absenceId: id,
			day: lesson.day,
			period: lesson.period,
			classId: lesson.classId,
			staffId: pick.staffId
		});
		// the same lesson twice, or a teacher who teaches then: refused
		await expect(
			assignCover(db, actor, school.schoolId, {
				absenceId: id,
				day: lesson.day,
				period: lesson.period,
				classId: lesson.classId,
				staffId: pick.staffId
			})
		).rejects.toMatchObject({ code: 'timetable_cover_taken' });
		const second = plan.find((l) => l !== lesson)!;
		if (second)
			await expect(
				assignCover(db, actor, school.schoolId, {
					absenceId: id,
					day: second.day,
					period: second.period,
					classId: second.classId,
					staffId: absent
				})
			).rejects.toMatchObject({ code: 'timetable_cover_not_free' });

		const event = await db
			.selectFrom('domain_events')
			.selectAll()
			.where('kind', '=', 'timetable.cover_assigned')
			.where('subject_id', '=', String(coverId))
			.executeTakeFirstOrThrow();
		expect(event.payload).toMatchObject({ staffId: pick.staffId, absentStaffId: absent });

		const mine = await coversBetween(db, { staffIds: [pick.staffId] }, monday, addDays(monday, 6));
		expect(mine.map((c) => c.id)).toEqual([coverId]);
		const ofClass = await coversBetween(db, { classIds: [lesson.classId] }, monday, monday);
		expect(ofClass.length).toBe(lesson.day === monday ? 1 : 0);

		const report = await coverReport(db, school.schoolId, lesson.day.slice(0, 7));
		expect(report.find((r) => r.staffId === pick.staffId)?.given).toBe(1);
		expect(report.find((r) => r.staffId === absent)?.covered).toBe(1);
		const replan = await coverPlan(db, school.schoolId, a);
		expect(replan.find((l) => l.cover)?.cover?.staffId).toBe(pick.staffId);
	});

	it('refuses a backwards range and a teacher of another school', async () => {
		const { school, actor } = await publishedSchool(22);
		const other = await createTimetableSchool(db);
		await expect(
			recordAbsence(db, actor, school.schoolId, {
				staffId: school.staffIds[0],
				startsOn: monday,
				endsOn: addDays(monday, -1),
				periods: null,
				reason: null
			})
		).rejects.toMatchObject({ code: 'timetable_absence_order' });
		await expect(
			recordAbsence(db, actor, school.schoolId, {
				staffId: other.staffIds[0],
				startsOn: monday,
				endsOn: monday,
				periods: [0],
				reason: null
			})
		).rejects.toMatchObject({ code: 'v_not_found' });
	});
});
