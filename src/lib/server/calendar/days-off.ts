import { sql, type Kysely, type SqlBool } from 'kysely';
import { dayOffRangeProblem, type DayOff } from '$lib/calendar/days-off';
import type { DayOffInput } from '$lib/schemas/calendar';
import { notFound } from '../auth/access';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { fieldError } from '../errors';
import { inTransaction } from '../grades/checkpoints';
import { recountAbsences } from './recount';

type Db = Kysely<Database>;

/**
 * The school calendar's days off (migration 0323): the department's holidays for every school of
 * the province and each school's own closures, per school year. The routes prove the scope
 * (`departmentScope('calendar.configure')`, `schoolScope('calendar.manage')`); every read and
 * write here is filtered by that owner, so an id of another owner is a 404.
 */
export type Owner = { departmentId: number } | { schoolId: number };

export interface CalendarYear {
	id: number;
	name: string;
	startsOn: string;
	endsOn: string;
}

export async function currentYear(db: Db): Promise<CalendarYear> {
	return db
		.selectFrom('school_years')
		.select(['id', 'name', 'starts_on as startsOn', 'ends_on as endsOn'])
		.where('is_current', '=', true)
		.executeTakeFirstOrThrow();
}

const ownerWhere = (owner: Owner) =>
	'departmentId' in owner
		? sql<SqlBool>`department_id = ${owner.departmentId}`
		: sql<SqlBool>`school_id = ${owner.schoolId}`;

/** Days off of one owner in a school year, in date order. */
export async function listDaysOff(db: Db, owner: Owner, yearId: number): Promise<DayOff[]> {
	const rows = await db
		.selectFrom('calendar_days_off')
		.select(['id', 'starts_on', 'ends_on', 'name'])
		.where(ownerWhere(owner))
		.where('school_year_id', '=', yearId)
		.orderBy('starts_on')
		.orderBy('id')
		.execute();
	const level = 'departmentId' in owner ? 'department' : 'school';
	return rows.map((r) => ({
		id: r.id,
		startsOn: r.starts_on,
		endsOn: r.ends_on,
		name: r.name,
		level
	}));
}

/** A school's calendar: the department's holidays and the school's closures. One query. */
export async function schoolDaysOff(
	db: Db,
	school: { id: number; department_id: number },
	yearId: number,
	between?: { from: string; to: string }
): Promise<DayOff[]> {
	let q = db
		.selectFrom('calendar_days_off')
		.select(['id', 'starts_on', 'ends_on', 'name', 'school_id'])
		.where('school_year_id', '=', yearId)
		.where((eb) =>
			eb.or([eb('department_id', '=', school.department_id), eb('school_id', '=', school.id)])
		);
	if (between) q = q.where('ends_on', '>=', between.from).where('starts_on', '<=', between.to);
	const rows = await q.orderBy('starts_on').orderBy('id').execute();
	return rows.map((r) => ({
		id: r.id,
		startsOn: r.starts_on,
		endsOn: r.ends_on,
		name: r.name,
		level: r.school_id === null ? 'department' : 'school'
	}));
}

/** Adds a day off of the current school year (its days must lie inside the year); audited. */
export async function addDayOff(
	db: Db,
	actor: Actor,
	owner: Owner,
	input: DayOffInput
): Promise<number> {
	const year = await currentYear(db);
	const out = dayOffRangeProblem(input, year);
	if (out) throw fieldError(out, 'calendar_outside_year', { year: year.name });
	return inTransaction(db, async (trx) => {
		const row = await trx
			.insertInto('calendar_days_off')
			.values({
				school_year_id: year.id,
				department_id: 'departmentId' in owner ? owner.departmentId : null,
				school_id: 'schoolId' in owner ? owner.schoolId : null,
				starts_on: input.startsOn,
				ends_on: input.endsOn,
				name: input.name,
				created_by: actor.principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'calendar.day_off.add',
			entity: 'calendar_days_off',
			entityId: row.id,
			schoolId: 'schoolId' in owner ? owner.schoolId : null,
			after: input,
			requestId: actor.requestId
		});
		// absences already recorded on these days stop counting toward the 45 (kept, shown)
		await recountAbsences(trx, owner, year.id, { from: input.startsOn, to: input.endsOn });
		return row.id;
	});
}

/** Removes one of the owner's days off (another owner's, or none: 404); audited. */
export async function removeDayOff(db: Db, actor: Actor, owner: Owner, dayOffId: number) {
	await inTransaction(db, async (trx) => {
		const row = await trx
			.deleteFrom('calendar_days_off')
			.where('id', '=', dayOffId)
			.where(ownerWhere(owner))
			.returning(['id', 'starts_on', 'ends_on', 'name', 'school_year_id'])
			.executeTakeFirst();
		if (!row) notFound();
		await recountAbsences(trx, owner, row.school_year_id, { from: row.starts_on, to: row.ends_on });
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'calendar.day_off.remove',
			entity: 'calendar_days_off',
			entityId: row.id,
			schoolId: 'schoolId' in owner ? owner.schoolId : null,
			before: { startsOn: row.starts_on, endsOn: row.ends_on, name: row.name }
		});
	});
}

/** The day off of the school on `day` (the department's or its own), or null. One query. */
export async function dayOffFor(db: Db, schoolId: number, day: string) {
	return (
		(await db
			.selectFrom('calendar_days_off as d')
			.select(['d.name'])
			.where('d.starts_on', '<=', day)
			.where('d.ends_on', '>=', day)
			.where((eb) =>
				eb.or([
					eb('d.school_id', '=', schoolId),
					eb(
						'd.department_id',
						'=',
						eb.selectFrom('schools').select('department_id').where('id', '=', schoolId)
					)
				])
			)
			.orderBy('d.school_id', (ob) => ob.asc().nullsFirst())
			.limit(1)
			.executeTakeFirst()) ?? null
	);
}
