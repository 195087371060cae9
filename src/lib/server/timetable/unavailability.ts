/**
 * Teacher unavailability (migration 0230): the slots of the week where a teacher cannot teach, set
 * by the school admin and given to the generator (`unavailable` of each teacher in the problem).
 * A slot is stored as day * 16 + period; slots outside the school's current week are kept but
 * ignored (the week may grow again).
 */
import type { Kysely } from 'kysely';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, DomainError } from '../errors';
import { periodsPerDay, slotsInWeek, type SlotPair } from './problem';
import { weekSettings } from './queries';

type Db = Kysely<Database>;

const encode = ([d, p]: SlotPair) => d * 16 + p;
const decode = (v: number): SlotPair => [Math.floor(v / 16), v % 16];

/** One teacher's unavailable slots and the version to save against (0: never saved). */
export async function teacherUnavailability(db: Db, schoolId: number, staffId: number) {
	const week = await weekSettings(db, schoolId);
	const row = await db
		.selectFrom('timetable_unavailability')
		.select(['slots', 'version'])
		.where('school_id', '=', schoolId)
		.where('staff_id', '=', staffId)
		.executeTakeFirst();
	return { week, slots: slotsInWeek(row?.slots ?? [], week), version: row?.version ?? 0 };
}

/**
 * Replaces a teacher's unavailable slots (the whole grid of the form) against the version loaded.
 * The teacher must be an active staff member of the school; every slot inside the school's week.
 */
export async function saveUnavailability(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: { staffId: number; version: number; slots: SlotPair[] }
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const staff = await trx
			.selectFrom('staff')
			.select('id')
			.where('id', '=', input.staffId)
			.where('school_id', '=', schoolId)
			.where('active', '=', true)
			.executeTakeFirst();
		if (!staff) throw new DomainError('v_not_found', {}, 'staffId');
		const week = await weekSettings(trx, schoolId);
		const periods = periodsPerDay(week);
		if (input.slots.some(([d, p]) => d >= week.days || p >= periods))
			throw new DomainError('timetable_unavailable_out_of_week');
		const slots = [...new Set(input.slots.map(encode))].sort((a, b) => a - b);
		const before = await trx
			.selectFrom('timetable_unavailability')
			.select(['slots', 'version'])
			.where('staff_id', '=', input.staffId)
			.forUpdate()
			.executeTakeFirst();
		if ((before?.version ?? 0) !== input.version)
			throw new ConflictError('timetable_unavailability', input.staffId);
		const values = { slots, updated_by: actor.principal.userId, updated_at: new Date() };
		if (before) {
			await trx
				.updateTable('timetable_unavailability')
				.set((eb) => ({ ...values, version: eb('version', '+', 1) }))
				.where('staff_id', '=', input.staffId)
				.execute();
		} else {
			const row = await trx
				.insertInto('timetable_unavailability')
				.values({ school_id: schoolId, staff_id: input.staffId, ...values })
				.onConflict((oc) => oc.column('staff_id').doNothing())
				.returning('staff_id')
				.executeTakeFirst();
			if (!row) throw new ConflictError('timetable_unavailability', input.staffId);
		}
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.unavailability',
			entity: 'timetable_unavailability',
			entityId: input.staffId,
			schoolId,
			before: before ? { slots: before.slots.map(decode) } : null,
			after: { slots: slots.map(decode) },
			requestId: actor.requestId
		});
	});
}
