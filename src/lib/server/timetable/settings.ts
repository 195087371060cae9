import type { Kysely } from 'kysely';
import { writeAudit, writeAuditMany, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, DomainError } from '../errors';
import { bellCount } from '../../timetable/bells';
import { weekSettings } from './queries';
import type { WeekSettings } from './problem';

type Db = Kysely<Database>;

/**
 * Saves the school's week (days, sessions, periods per session) against the version loaded. A
 * change of the periods of the day drops the bell times (back to the default day): they no longer
 * fit, and the admin sets them again.
 */
export async function saveWeekSettings(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: WeekSettings & { version: number }
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const before = await weekSettings(trx, schoolId);
		if (before.version !== input.version) throw new ConflictError('timetable_settings', schoolId);
		const bellsReset = bellCount(before) !== bellCount(input);
		const values = {
			...(bellsReset ? { bell_starts: null } : {}),
			days: input.days,
			sessions: input.sessions,
			periods_per_session: input.periodsPerSession,
			updated_by: actor.principal.userId,
			updated_at: new Date()
		};
		if (before.version === 0) {
			const row = await trx
				.insertInto('timetable_settings')
				.values({ school_id: schoolId, ...values })
				.onConflict((oc) => oc.column('school_id').doNothing())
				.returning('school_id')
				.executeTakeFirst();
			if (!row) throw new ConflictError('timetable_settings', schoolId);
		} else {
			const row = await trx
				.updateTable('timetable_settings')
				.set((eb) => ({ ...values, version: eb('version', '+', 1) }))
				.where('school_id', '=', schoolId)
				.where('version', '=', input.version)
				.executeTakeFirst();
			if (!row.numUpdatedRows) throw new ConflictError('timetable_settings', schoolId);
		}
		const { version: _, ...old } = before;
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.settings',
			entity: 'timetable_settings',
			entityId: schoolId,
			schoolId,
			before: old,
			after: {
				days: input.days,
				sessions: input.sessions,
				periodsPerSession: input.periodsPerSession,
				...(bellsReset ? { bellsReset } : {})
			},
			requestId: actor.requestId
		});
	});
}

export interface RequirementChange {
	subjectId: number;
	periodsPerWeek: number;
	/** the version the form loaded; 0 when the figure was the programme's (no row) */
	version: number;
}

/**
 * Saves the weekly periods of some subjects of one class of the school (all or nothing, a version
 * per row). Only subjects of the class's grade in the programme are accepted.
 */
export async function saveRequirements(
	db: Db,
	actor: Actor,
	schoolId: number,
	classId: number,
	changes: RequirementChange[]
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const cls = await trx
			.selectFrom('classes')
			.select(['id', 'grade'])
			.where('id', '=', classId)
			.where('school_id', '=', schoolId)
			.executeTakeFirst();
		if (!cls) throw new DomainError('v_not_found');
		const allowed = await trx
			.selectFrom('subject_periods')
			.select('subject_id')
			.where('grade', '=', cls.grade)
			.where('periods_per_year', '>', 0)
			.execute();
		const ok = new Set(allowed.map((r) => r.subject_id));
		const current = await trx
			.selectFrom('timetable_requirements')
			.select(['subject_id', 'periods_per_week', 'version'])
			.where('class_id', '=', classId)
			.execute();
		const byId = new Map(current.map((r) => [r.subject_id, r]));
		const audit = [];
		for (const c of changes) {
			if (!ok.has(c.subjectId)) throw new DomainError('v_not_found', {}, `p_${c.subjectId}`);
			const row = byId.get(c.subjectId);
			if ((row?.version ?? 0) !== c.version)
				throw new ConflictError('timetable_requirements', classId);
			if (row?.periods_per_week === c.periodsPerWeek) continue;
			await trx
				.insertInto('timetable_requirements')
				.values({
					school_id: schoolId,
					class_id: classId,
					subject_id: c.subjectId,
					periods_per_week: c.periodsPerWeek,
					updated_by: actor.principal.userId
				})
				.onConflict((oc) =>
					oc.columns(['class_id', 'subject_id']).doUpdateSet((eb) => ({
						periods_per_week: c.periodsPerWeek,
						updated_by: actor.principal.userId,
						updated_at: new Date(),
						version: eb('timetable_requirements.version', '+', 1)
					}))
				)
				.execute();
			audit.push({
				actorUserId: actor.principal.userId,
				action: 'timetable.requirement',
				entity: 'timetable_requirements',
				entityId: `${classId}:${c.subjectId}`,
				schoolId,
				before: row ? { periodsPerWeek: row.periods_per_week } : null,
				after: { periodsPerWeek: c.periodsPerWeek },
				requestId: actor.requestId
			});
		}
		await writeAuditMany(trx, audit);
	});
}
