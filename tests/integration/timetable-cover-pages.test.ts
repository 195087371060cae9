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
	deleteAbsence,
	findAbsence,
	listAbsences,
	recordAbsence,
	removeCover
} from '../../src/lib/server/timetable/cover';
import { AUTO_NOTICE_KINDS } from '../../src/lib/server/messages/auto-kinds';
import { processEvents, SETTLE_MS } from '../../src/lib/server/messages/notify';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * What the cover pages do through the service: assign and unassign, a busy teacher refused, two
 * admins assigning the same lesson at once (one wins, the other hears it is taken), another
 * school's admin refused everywhere, the month's report and the substitute's automatic notice.
 */
let db: DB;
let close: () => Promise<void>;
const handlers = [timetableGenerateJob as JobHandler<never>];
type School = Awaited<ReturnType<typeof createTimetableSchool>>;
let school: School;
let other: School;
let cells: { staff_id: number; day: number; period: number }[];
const actor = () => ({ principal: school.admin });
// next week's Monday and Tuesday: dates of the published timetable in force
const monday = addDays(weekStart(todayIso()), 7);

beforeAll(async () => {
	({ db, close } = connectTestDb(4));
	school = await createTimetableSchool(db);
	other = await createTimetableSchool(db);
	const versionId = await startGeneration(db, actor(), school.schoolId, {
		seed: 31,
		timeLimitSeconds: 30,
		maxIterations: 20_000
	});
	await runNextJob(db, handlers, { workerId: `ttcp-${process.pid}` });
	const v = (await versionForEdit(db, school.schoolId, versionId))!;
	await publishVersion(db, actor(), school.schoolId, {
		versionId,
		version: v.version,
		effectiveFrom: '2020-01-01'
	});
	cells = v.cells;
}, 120_000);
afterAll(() => close());

async function absenceOf(staffId: number, startsOn = monday, endsOn = addDays(monday, 1)) {
	const id = await recordAbsence(db, actor(), school.schoolId, {
		staffId,
		startsOn,
		endsOn,
		periods: null,
		reason: null
	});
	const a = (await findAbsence(db, school.schoolId, id))!;
	return { id, a, plan: await coverPlan(db, school.schoolId, a) };
}
const weekdayOf = (day: string) => (day === monday ? 0 : 1);

describe('the cover pages’ service calls', () => {
	it('assign, refuse a teacher busy then, unassign and assign again; the substitute is told', async () => {
		const absent = school.staffIds[2];
		const { id, plan } = await absenceOf(absent);
		const lesson = plan[0];
		const pick = lesson.substitutes[0];
		const busy = cells.find(
			(c) => c.day === weekdayOf(lesson.day) && c.period === lesson.period && c.staff_id !== absent
		);
		const input = {
			absenceId: id,
			day: lesson.day,
			period: lesson.period,
			classId: lesson.classId
		};
		if (busy)
			await expect(
				assignCover(db, actor(), school.schoolId, { ...input, staffId: busy.staff_id })
			).rejects.toMatchObject({ code: 'timetable_cover_not_free', field: 'staffId' });
		// the absent teacher covers nothing
		await expect(
			assignCover(db, actor(), school.schoolId, { ...input, staffId: absent })
		).rejects.toMatchObject({ code: 'timetable_cover_not_free' });

		const user = await db
			.insertInto('users')
			.values({ email: `cover.${school.schoolId}@test.example`, name: 'GV dạy thay' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.updateTable('staff')
			.set({ user_id: user.id })
			.where('id', '=', pick.staffId)
			.execute();
		const coverId = await assignCover(db, actor(), school.schoolId, {
			...input,
			staffId: pick.staffId
		});
		const listed = (await listAbsences(db, school.schoolId, monday)).find((x) => x.id === id);
		expect(Number(listed?.covers)).toBe(1);

		// the substitute's automatic notice
		await processEvents(db, AUTO_NOTICE_KINDS, new Date(Date.now() + SETTLE_MS + 1000));
		const notice = await db
			.selectFrom('notifications')
			.selectAll()
			.where('user_id', '=', user.id)
			.where('kind', '=', 'timetable.cover_assigned')
			.executeTakeFirstOrThrow();
		expect(notice.link).toBe('/teacher/timetable');
		const params = notice.params as Record<string, string>;
		expect(params).toMatchObject({
			className: lesson.className,
			period: String(lesson.period + 1)
		});
		expect(AUTO_NOTICE_KINDS['timetable.cover_assigned'].text(params)).toContain(lesson.className);

		// removal: only through its own absence, and once
		const { id: otherAbsence } = await absenceOf(
			school.staffIds[3],
			addDays(monday, 2),
			addDays(monday, 2)
		);
		await expect(
			removeCover(db, actor(), school.schoolId, coverId, otherAbsence)
		).rejects.toMatchObject({ code: 'v_not_found' });
		await removeCover(db, actor(), school.schoolId, coverId, id);
		await expect(removeCover(db, actor(), school.schoolId, coverId, id)).rejects.toMatchObject({
			code: 'v_not_found'
		});
		const again = await assignCover(db, actor(), school.schoolId, {
			...input,
			staffId: pick.staffId
		});
		expect(again).not.toBe(coverId);
	});

	it('two admins assigning the same lesson at once: one cover, the other told it is taken', async () => {
		const { id, plan } = await absenceOf(school.staffIds[4]);
		const lesson = plan.find((l) => l.substitutes.length >= 2)!;
		const input = {
			absenceId: id,
			day: lesson.day,
			period: lesson.period,
			classId: lesson.classId
		};
		const results = await Promise.allSettled(
			lesson.substitutes
				.slice(0, 2)
				.map((s) => assignCover(db, actor(), school.schoolId, { ...input, staffId: s.staffId }))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toMatchObject({ code: 'timetable_cover_taken' });
		const covers = await db
			.selectFrom('timetable_covers')
			.select('staff_id')
			.where('absence_id', '=', id)
			.execute();
		expect(covers).toHaveLength(1);
	});

	it("another school's admin reaches nothing of the absence", async () => {
		const { id, plan } = await absenceOf(school.staffIds[5]);
		const lesson = plan[0];
		const otherActor = { principal: other.admin };
		expect(await findAbsence(db, other.schoolId, id)).toBeUndefined();
		await expect(
			assignCover(db, otherActor, other.schoolId, {
				absenceId: id,
				day: lesson.day,
				period: lesson.period,
				classId: lesson.classId,
				staffId: other.staffIds[0]
			})
		).rejects.toMatchObject({ code: 'v_not_found' });
		const coverId = await assignCover(db, actor(), school.schoolId, {
			absenceId: id,
			day: lesson.day,
			period: lesson.period,
			classId: lesson.classId,
			staffId: lesson.substitutes[0].staffId
		});
		await expect(removeCover(db, otherActor, other.schoolId, coverId)).rejects.toMatchObject({
			code: 'v_not_found'
		});
		await expect(deleteAbsence(db, otherActor, other.schoolId, id)).rejects.toMatchObject({
			code: 'v_not_found'
		});
		// a staff id of the other school as substitute: not free here
		await expect(
			assignCover(db, actor(), school.schoolId, {
				absenceId: id,
				day: plan[1]?.day ?? lesson.day,
				period: plan[1]?.period ?? lesson.period,
				classId: plan[1]?.classId ?? lesson.classId,
				staffId: other.staffIds[0]
			})
		).rejects.toMatchObject({ code: expect.stringMatching(/^timetable_cover_/) });
		// deleting the absence takes its covers with it
		await deleteAbsence(db, actor(), school.schoolId, id);
		expect(
			await db.selectFrom('timetable_covers').select('id').where('id', '=', coverId).execute()
		).toEqual([]);
	});

	it('the month report counts covers given, own lessons covered and absences', async () => {
		const month = monday.slice(0, 7);
		const report = await coverReport(db, school.schoolId, month);
		const byId = new Map(report.map((r) => [r.staffId, r]));
		const covers = await db
			.selectFrom('timetable_covers')
			.select(['staff_id', 'absent_staff_id'])
			.where('school_id', '=', school.schoolId)
			.where('day', '>=', `${month}-01`)
			.execute();
		for (const r of report) {
			expect(r.given).toBe(covers.filter((c) => c.staff_id === r.staffId).length);
			expect(r.covered).toBe(covers.filter((c) => c.absent_staff_id === r.staffId).length);
		}
		expect(byId.get(school.staffIds[2])?.absences).toBe(1);
		expect(await coverReport(db, other.schoolId, month)).toEqual([]);
	});
});
