import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { runNextJob } from '../../src/lib/server/jobs/worker';
import type { JobHandler } from '../../src/lib/server/jobs/types';
import { addDays, todayIso, weekStart } from '../../src/lib/dates';
import { startGeneration, timetableGenerateJob } from '../../src/lib/server/timetable/generate';
import { publishVersion } from '../../src/lib/server/timetable/publish';
import { versionForEdit } from '../../src/lib/server/timetable/editor';
import {
	coverPlan,
	coverReport,
	coversBetween,
	findAbsence,
	recordAbsence,
	recordCoverWithoutSubstitute,
	removeCover
} from '../../src/lib/server/timetable/cover';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * A lesson of an absent teacher without a substitute: the class studies on its own or is merged
 * with a class that has a lesson then; both are listed on the absent teacher's covers and the
 * class's, count as the teacher's covered lessons but as nobody's cover given.
 */
let db: DB;
let close: () => Promise<void>;
const handlers = [timetableGenerateJob as JobHandler<never>];
type School = Awaited<ReturnType<typeof createTimetableSchool>>;
let school: School;
const actor = () => ({ principal: school.admin });
const monday = addDays(weekStart(todayIso()), 7);

beforeAll(async () => {
	({ db, close } = connectTestDb());
	school = await createTimetableSchool(db);
	const versionId = await startGeneration(db, actor(), school.schoolId, {
		seed: 5,
		timeLimitSeconds: 30,
		maxIterations: 20_000
	});
	await runNextJob(db, handlers, { workerId: `ttco-${process.pid}` });
	const v = (await versionForEdit(db, school.schoolId, versionId))!;
	await publishVersion(db, actor(), school.schoolId, {
		versionId,
		version: v.version,
		effectiveFrom: '2020-01-01'
	});
}, 120_000);
afterAll(() => close());

describe('cover without a substitute', () => {
	it('records self-study and a merged class, refuses a wrong class and a second record', async () => {
		const absent = school.staffIds[2];
		const absenceId = await recordAbsence(db, actor(), school.schoolId, {
			staffId: absent,
			startsOn: monday,
			endsOn: addDays(monday, 4),
			periods: null,
			reason: null
		});
		const plan = async () =>
			coverPlan(db, school.schoolId, (await findAbsence(db, school.schoolId, absenceId))!);
		const lessons = await plan();
		const mergeable = lessons.find((l) => l.mergeWith.length > 0)!;
		const alone = lessons.find((l) => l !== mergeable)!;
		expect(mergeable).toBeDefined();
		expect(mergeable.mergeWith.map((c) => c.id)).not.toContain(mergeable.classId);

		const base = { absenceId, day: alone.day, period: alone.period, classId: alone.classId };
		const selfId = await recordCoverWithoutSubstitute(db, actor(), school.schoolId, {
			...base,
			kind: 'self_study'
		});
		await expect(
			recordCoverWithoutSubstitute(db, actor(), school.schoolId, { ...base, kind: 'self_study' })
		).rejects.toMatchObject({ code: 'timetable_cover_taken' });

		const m = {
			absenceId,
			day: mergeable.day,
			period: mergeable.period,
			classId: mergeable.classId
		};
		for (const mergedClassId of [undefined, mergeable.classId, 2_000_000_000])
			await expect(
				recordCoverWithoutSubstitute(db, actor(), school.schoolId, {
					...m,
					kind: 'merged',
					mergedClassId
				})
			).rejects.toMatchObject({ code: 'timetable_cover_merge_class', field: 'mergedClassId' });
		const target = mergeable.mergeWith[0];
		await recordCoverWithoutSubstitute(db, actor(), school.schoolId, {
			...m,
			kind: 'merged',
			mergedClassId: target.id
		});

		const after = await plan();
		const covered = after.filter((l) => l.cover);
		expect(covered.map((l) => l.cover!.kind).sort()).toEqual(['merged', 'self_study']);
		expect(covered.find((l) => l.cover!.kind === 'merged')!.cover).toMatchObject({
			staffId: null,
			staffName: null,
			mergedClassName: target.name
		});

		const week = await coversBetween(db, { absentStaffIds: [absent] }, monday, addDays(monday, 6));
		expect(week.map((c) => c.kind).sort()).toEqual(['merged', 'self_study']);
		const held = await coversBetween(db, { classIds: [alone.classId] }, monday, addDays(monday, 6));
		expect(held.some((c) => c.kind === 'self_study' && c.staffName === null)).toBe(true);

		const report = await coverReport(db, school.schoolId, monday.slice(0, 7));
		const row = report.find((r) => r.staffId === absent);
		if (
			monday.slice(0, 7) === mergeable.day.slice(0, 7) &&
			monday.slice(0, 7) === alone.day.slice(0, 7)
		)
			expect(row).toMatchObject({ covered: 2, given: 0 });
		expect(report.every((r) => r.given >= 0)).toBe(true);

		const audit = await db
			.selectFrom('audit_log')
			.select('after')
			.where('entity', '=', 'timetable_covers')
			.where('entity_id', '=', String(selfId))
			.executeTakeFirstOrThrow();
		expect(audit.after).toMatchObject({ kind: 'self_study' });
		await removeCover(db, actor(), school.schoolId, selfId, absenceId);
		expect((await plan()).filter((l) => l.cover)).toHaveLength(1);
	});
});
