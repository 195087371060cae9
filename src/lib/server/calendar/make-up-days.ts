import { sql, type Kysely, type SqlBool } from 'kysely';
import { makeUpDayProblem, type MakeUpDay } from '$lib/calendar/school-days';
import type { MakeUpDayInput } from '$lib/schemas/calendar-make-up';
import { notFound } from '../auth/access';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { fieldError } from '../errors';
import { inTransaction } from '../grades/checkpoints';
import { currentYear, type Owner } from './days-off';
import { recountAbsences } from './recount';
import { loadSchoolCalendar } from './school-calendar';

type Db = Kysely<Database>;

/**
 * Make-up school days (migration 0390): a Saturday, a Sunday or a day off that the department
 * (for the province) or a school declares a school day. Every read and write is filtered by its
 * owner, like the days off; adds and removals are audited and recount the absences of that day.
 */
const ownerWhere = (owner: Owner) =>
	'departmentId' in owner
		? sql<SqlBool>`department_id = ${owner.departmentId}`
		: sql<SqlBool>`school_id = ${owner.schoolId}`;

/** Make-up days of one owner in a school year, in date order. */
export async function listMakeUpDays(db: Db, owner: Owner, yearId: number): Promise<MakeUpDay[]> {
	const rows = await db
		.selectFrom('calendar_make_up_days')
		.select(['id', 'day', 'name'])
		.where(ownerWhere(owner))
		.where('school_year_id', '=', yearId)
		.orderBy('day')
		.orderBy('id')
		.execute();
	const level = 'departmentId' in owner ? 'department' : 'school';
	return rows.map((r) => ({ id: r.id, day: r.day, name: r.name, level }));
}

/** The calendar the new make-up day is judged against: the department's, or the school's whole. */
async function ownerCalendar(
	db: Db,
	owner: Owner,
	year: { id: number; startsOn: string; endsOn: string }
) {
	if ('schoolId' in owner) {
		return loadSchoolCalendar(db, { schoolId: owner.schoolId, schoolYearId: year.id, ...year });
	}
	const offs = await db
		.selectFrom('calendar_days_off')
		.select(['id', 'starts_on', 'ends_on', 'name'])
		.where('department_id', '=', owner.departmentId)
		.where('school_year_id', '=', year.id)
		.execute();
	return {
		year,
		offs: offs.map((o) => ({
			id: o.id,
			startsOn: o.starts_on,
			endsOn: o.ends_on,
			name: o.name,
			level: 'department' as const
		})),
		makeUps: await listMakeUpDays(db, owner, year.id)
	};
}

/**
 * Declares a day of the current school year a make-up school day: it must lie in the year and
 * not already be a school day for the owner; the same day twice is `calendar_make_up_taken`
 * (a unique index, so two concurrent posts save one). Audited.
 */
export async function addMakeUpDay(
	db: Db,
	actor: Actor,
	owner: Owner,
	input: MakeUpDayInput
): Promise<number> {
	const year = await currentYear(db);
	const problem = makeUpDayProblem(
		input.day,
		'schoolId' in owner ? 'school' : 'department',
		await ownerCalendar(db, owner, year)
	);
	if (problem) throw fieldError('day', problem, { year: year.name });
	return inTransaction(db, async (trx) => {
		const row = await trx
			.insertInto('calendar_make_up_days')
			.values({
				school_year_id: year.id,
				department_id: 'departmentId' in owner ? owner.departmentId : null,
				school_id: 'schoolId' in owner ? owner.schoolId : null,
				day: input.day,
				name: input.name,
				created_by: actor.principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'calendar.make_up.add',
			entity: 'calendar_make_up_days',
			entityId: row.id,
			schoolId: 'schoolId' in owner ? owner.schoolId : null,
			after: input,
			requestId: actor.requestId
		});
		// absences already recorded on that day (a roll taken on the Saturday) now count
		await recountAbsences(trx, owner, year.id, { from: input.day, to: input.day });
		return row.id;
	});
}

/** Removes one of the owner's make-up days (another owner's, or none: 404); audited. */
export async function removeMakeUpDay(db: Db, actor: Actor, owner: Owner, makeUpId: number) {
	await inTransaction(db, async (trx) => {
		const row = await trx
			.deleteFrom('calendar_make_up_days')
			.where('id', '=', makeUpId)
			.where(ownerWhere(owner))
			.returning(['id', 'day', 'name', 'school_year_id'])
			.executeTakeFirst();
		if (!row) notFound();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'calendar.make_up.remove',
			entity: 'calendar_make_up_days',
			entityId: row.id,
			schoolId: 'schoolId' in owner ? owner.schoolId : null,
			before: { day: row.day, name: row.name },
			requestId: actor.requestId
		});
		await recountAbsences(trx, owner, row.school_year_id, { from: row.day, to: row.day });
	});
}

/**
 * Whether a make-up day makes `day` a school day at the school despite a day off: the school's own
 * make-up day, or the department's when no closure of the school covers the day. One query.
 */
export async function makeUpOverridesDayOff(db: Db, schoolId: number, day: string) {
	const row = await db
		.selectFrom('calendar_make_up_days as m')
		.select('m.school_id')
		.where('m.day', '=', day)
		.where((eb) =>
			eb.or([
				eb('m.school_id', '=', schoolId),
				eb.and([
					eb(
						'm.department_id',
						'=',
						eb.selectFrom('schools').select('department_id').where('id', '=', schoolId)
					),
					eb.not(
						eb.exists(
							eb
								.selectFrom('calendar_days_off as o')
								.select('o.id')
								.where('o.school_id', '=', schoolId)
								.where('o.starts_on', '<=', day)
								.where('o.ends_on', '>=', day)
						)
					)
				])
			])
		)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}
