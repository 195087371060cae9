import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { recordEvent } from '../events';
import { solve } from '../../timetable/solver';
import { buildProblem, type WeekSettings } from '../timetable/problem';
import { currentSemester, rosterInput } from '../timetable/queries';
import { storeResult } from '../timetable/store';
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
}
