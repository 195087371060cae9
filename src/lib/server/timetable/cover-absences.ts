/**
 * Cover for absent teachers: the absences (record, delete, find, list). An absence covers whole
 * days or some periods of each day of a date range. Relative imports: the seed uses this module.
 */
import type { Kysely } from 'kysely';
import { daysBetween } from '../../dates';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { DomainError, fieldError } from '../errors';

type Db = Kysely<Database>;

export interface AbsenceInput {
	staffId: number;
	startsOn: string;
	endsOn: string;
	/** periods of each day (0-based); null: whole days */
	periods: number[] | null;
	reason: string | null;
}

/** 0 = Monday ... 6 = Sunday */
export const weekdayOf = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

export async function recordAbsence(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: AbsenceInput
): Promise<number> {
	if (input.endsOn < input.startsOn) throw fieldError('endsOn', 'timetable_absence_order');
	if (daysBetween(input.startsOn, input.endsOn) > 62)
		throw fieldError('endsOn', 'timetable_absence_too_long');
	return db.transaction().execute(async (trx) => {
		const staff = await trx
			.selectFrom('staff')
			.select('id')
			.where('id', '=', input.staffId)
			.where('school_id', '=', schoolId)
			.where('active', '=', true)
			.executeTakeFirst();
		if (!staff) throw fieldError('staffId', 'v_not_found');
		const row = await trx
			.insertInto('timetable_absences')
			.values({
				school_id: schoolId,
				staff_id: input.staffId,
				starts_on: input.startsOn,
				ends_on: input.endsOn,
				periods: input.periods,
				reason: input.reason,
				created_by: actor.principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.absence',
			entity: 'timetable_absences',
			entityId: row.id,
			schoolId,
			after: input,
			requestId: actor.requestId
		});
		return row.id;
	});
}

export async function deleteAbsence(db: Db, actor: Actor, schoolId: number, absenceId: number) {
	await db.transaction().execute(async (trx) => {
		const row = await trx
			.deleteFrom('timetable_absences')
			.where('id', '=', absenceId)
			.where('school_id', '=', schoolId)
			.returning(['staff_id', 'starts_on', 'ends_on'])
			.executeTakeFirst();
		if (!row) throw new DomainError('v_not_found');
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.absence_delete',
			entity: 'timetable_absences',
			entityId: absenceId,
			schoolId,
			before: row,
			requestId: actor.requestId
		});
	});
}

export async function findAbsence(db: Db, schoolId: number, absenceId: number) {
	return db
		.selectFrom('timetable_absences as a')
		.innerJoin('staff as s', 's.id', 'a.staff_id')
		.select([
			'a.id',
			'a.staff_id as staffId',
			's.full_name as staffName',
			'a.starts_on as startsOn',
			'a.ends_on as endsOn',
			'a.periods',
			'a.reason'
		])
		.where('a.id', '=', absenceId)
		.where('a.school_id', '=', schoolId)
		.executeTakeFirst();
}

export type Absence = NonNullable<Awaited<ReturnType<typeof findAbsence>>>;

/** The school's absences ending on or after `from`, soonest first, with their cover counts. */
export async function listAbsences(db: Db, schoolId: number, from: string) {
	return db
		.selectFrom('timetable_absences as a')
		.innerJoin('staff as s', 's.id', 'a.staff_id')
		.leftJoin('timetable_covers as c', 'c.absence_id', 'a.id')
		.select((eb) => [
			'a.id',
			's.full_name as staffName',
			'a.starts_on as startsOn',
			'a.ends_on as endsOn',
			'a.periods',
			'a.reason',
			eb.fn.count<string>('c.id').as('covers')
		])
		.where('a.school_id', '=', schoolId)
		.where('a.ends_on', '>=', from)
		.groupBy(['a.id', 's.full_name'])
		.orderBy('a.starts_on')
		.orderBy('a.id')
		.limit(100)
		.execute();
}

/** The published version in force on each date of [from, to] (dates without one are left out). */
