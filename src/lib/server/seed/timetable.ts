import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { recordEvent } from '../events';
import { solve } from '../../timetable/solver';
import { buildProblem, type WeekSettings } from '../timetable/problem';
import { currentSemester, rosterInput } from '../timetable/queries';
import { storeResult } from '../timetable/store';
import { addDays, todayIso } from '../../dates';
import { COVER_ASSIGNED, coverPlan, findAbsence } from '../timetable/cover';
import type { SeedContext } from './index';

/**
 * Both pilot schools get a published timetable for the current semester, generated here by the
 * engine with a fixed seed and an iteration limit (reproducible; a fraction of a second each: both
 * reach a penalty of 0 well within the limit). Quang Trung (THCS) has mornings only; Nguyễn Tất
 * Thành (THPT, every elective in every class of the demo) mornings and afternoons.
 * Plain relative imports: `npm run db:seed` runs without the $lib alias.
 */
const SEED = 20260901;
const ITERATIONS = 20_000;

export async function seedTimetable(db: Kysely<Database>, ctx: SeedContext): Promise<void> {
	const semester = await currentSemester(db);
	if (!semester) return;
	const pilots: [number, WeekSettings, number][] = [
		[
			ctx.pilots.quangTrung.schoolId,
			{ days: 6, sessions: 'morning', periodsPerSession: 5 },
			ctx.users['quangtrung.admin@demo.example']
		],
		[
			ctx.pilots.nguyenTatThanh.schoolId,
			{ days: 6, sessions: 'both', periodsPerSession: 5 },
			ctx.users['nguyentatthanh.admin@demo.example']
		]
	];
	for (const [schoolId, settings, adminId] of pilots) {
		await db
			.insertInto('timetable_settings')
			.values({
				school_id: schoolId,
				days: settings.days,
				sessions: settings.sessions,
				periods_per_session: settings.periodsPerSession,
				updated_by: adminId
			})
			.execute();
		const { instance } = buildProblem(await rosterInput(db, schoolId));
		const result = solve(instance, { seed: SEED, maxIterations: ITERATIONS });
		if (result.status !== 'feasible')
			throw new Error(`demo timetable of school ${schoolId}: no complete timetable`);
		const version = await db
			.insertInto('timetable_versions')
			.values({
				school_id: schoolId,
				semester_id: semester.id,
				problem: JSON.stringify(instance),
				seed: SEED,
				time_limit_seconds: 30,
				created_by: adminId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await storeResult(db, version.id, schoolId, instance, result);
		await db
			.updateTable('timetable_versions')
			.set({
				status: 'published',
				effective_from: semester.starts_on,
				published_at: new Date(),
				published_by: adminId
			})
			.where('id', '=', version.id)
			.execute();
		await recordEvent(db, {
			module: 'timetable',
			kind: 'timetable.published',
			subjectType: 'timetable_version',
			subjectId: version.id,
			schoolId,
			payload: { effectiveFrom: semester.starts_on, semesterId: semester.id },
			createdBy: adminId
		});
	}
	await seedCovers(db, ctx);
}

/**
 * Two absences of one Quang Trung teacher (last week, and tomorrow and the day after), each with
 * cover for its first lessons, so the cover pages and the report have something to show. The
 * teacher and the substitutes are neither demo accounts nor teachers of 8A/6C (the classes other
 * tests read): the demo teacher's week and the demo family's timetable stay as generated.
 */
async function seedCovers(db: Kysely<Database>, ctx: SeedContext): Promise<void> {
	const { schoolId, classes } = ctx.pilots.quangTrung;
	const adminId = ctx.users['quangtrung.admin@demo.example'];
	const demoUsers = [ctx.users['quangtrung.gv@demo.example'], adminId];
	const demoStaff = await db
		.selectFrom('staff')
		.select('id')
		.where('school_id', '=', schoolId)
		.where('user_id', 'in', demoUsers)
		.execute();
	const avoided = new Set(classes.filter((c) => ['8A', '6C'].includes(c.name)).map((c) => c.id));
	const cells = await db
		.selectFrom('timetable_cells as c')
		.innerJoin('timetable_versions as v', 'v.id', 'c.version_id')
		.select(['c.staff_id', 'c.class_id'])
		.where('v.school_id', '=', schoolId)
		.where('v.status', '=', 'published')
		.execute();
	const skip = new Set([
		...demoStaff.map((s) => s.id),
		...cells.filter((c) => avoided.has(c.class_id)).map((c) => c.staff_id)
	]);
	const absent = [...new Set(cells.map((c) => c.staff_id))]
		.sort((a, b) => a - b)
		.find((id) => !skip.has(id));
	if (!absent) return;
	const today = todayIso();
	const ranges: [string, string, string][] = [
		[addDays(today, -7), addDays(today, -6), 'Ốm'],
		[addDays(today, 1), addDays(today, 2), 'Đi tập huấn chuyên môn']
	];
	for (const [startsOn, endsOn, reason] of ranges) {
		const row = await db
			.insertInto('timetable_absences')
			.values({
				school_id: schoolId,
				staff_id: absent,
				starts_on: startsOn,
				ends_on: endsOn,
				periods: null,
				reason,
				created_by: adminId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const absence = (await findAbsence(db, schoolId, row.id))!;
		const taken = new Set<string>();
		for (const lesson of (await coverPlan(db, schoolId, absence)).slice(0, 3)) {
			const sub = lesson.substitutes.find(
				(s) => !skip.has(s.staffId) && !taken.has(`${lesson.day}|${lesson.period}|${s.staffId}`)
			);
			if (!sub) continue;
			taken.add(`${lesson.day}|${lesson.period}|${sub.staffId}`);
			await seedCover(db, { schoolId, adminId, absence, lesson, staffId: sub.staffId });
		}
	}
}

async function seedCover(
	db: Kysely<Database>,
	o: {
		schoolId: number;
		adminId: number;
		absence: NonNullable<Awaited<ReturnType<typeof findAbsence>>>;
		lesson: Awaited<ReturnType<typeof coverPlan>>[number];
		staffId: number;
	}
) {
	const { lesson, absence } = o;
	const cover = await db
		.insertInto('timetable_covers')
		.values({
			school_id: o.schoolId,
			absence_id: absence.id,
			day: lesson.day,
			period: lesson.period,
			class_id: lesson.classId,
			subject_id: lesson.subjectId,
			absent_staff_id: absence.staffId,
			staff_id: o.staffId,
			created_by: o.adminId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await recordEvent(db, {
		module: 'timetable',
		kind: COVER_ASSIGNED,
		subjectType: 'timetable_cover',
		subjectId: cover.id,
		schoolId: o.schoolId,
		payload: {
			day: lesson.day,
			period: lesson.period,
			classId: lesson.classId,
			subjectId: lesson.subjectId,
			staffId: o.staffId,
			absentStaffId: absence.staffId,
			className: lesson.className,
			subject: lesson.subjectName,
			absentName: absence.staffName
		},
		createdBy: o.adminId
	});
}
