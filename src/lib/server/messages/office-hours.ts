import {
	isWithinOfficeHours,
	nextOfficeStart,
	notifyAt,
	sortRanges,
	type OfficeRange
} from '../../messages/office-hours';
import type { OfficeHoursInput } from '../../schemas/office-hours';
import { writeAudit, type Actor } from '../audit';
import { notFound } from '../auth/access/common';
import type { Principal } from '../auth/session';
import type { DB } from '../db';

/**
 * Teachers' office hours (issue 13, migration 0160): the weekly ranges in which a teacher answers,
 * per staff row (so per school). A teacher reads and replaces only their own staff rows' hours
 * (another staff id is 404). The parent's conversation page shows them with the next start when
 * outside; `emailNotBefore` tells the message's e-mail to the teacher when to go out.
 */
export interface OfficeHoursOfSchool {
	staffId: number;
	schoolName: string;
	ranges: OfficeRange[];
}

async function rangesOf(db: DB, staffIds: number[]) {
	if (!staffIds.length) return [];
	return db
		.selectFrom('teacher_office_hours')
		.select(['staff_id', 'weekday', 'start_minute as start', 'end_minute as end'])
		.where('staff_id', 'in', staffIds)
		.orderBy('staff_id')
		.orderBy('weekday')
		.orderBy('start_minute')
		.execute();
}

/** The caller's active staff rows (one per school) with their office hours. */
export async function myOfficeHours(db: DB, principal: Principal): Promise<OfficeHoursOfSchool[]> {
	const staff = await db
		.selectFrom('staff as s')
		.innerJoin('schools as sc', 'sc.id', 's.school_id')
		.select(['s.id', 'sc.name'])
		.where('s.user_id', '=', principal.userId)
		.where('s.active', '=', true)
		.orderBy('sc.name')
		.orderBy('s.id')
		.execute();
	const rows = await rangesOf(
		db,
		staff.map((s) => s.id)
	);
	return staff.map((s) => ({
		staffId: s.id,
		schoolName: s.name,
		ranges: rows
			.filter((r) => r.staff_id === s.id)
			.map(({ weekday, start, end }) => ({ weekday, start, end }))
	}));
}

/** The office hours of one teacher (staff row); none: always available. */
export async function officeHoursOf(db: DB, staffId: number): Promise<OfficeRange[]> {
	const rows = await rangesOf(db, [staffId]);
	return rows.map(({ weekday, start, end }) => ({ weekday, start, end }));
}

/** Replaces the caller's office hours of one school; a staff row not the caller's is 404. */
export async function saveOfficeHours(
	db: DB,
	actor: Actor,
	input: OfficeHoursInput
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const staff = await trx
			.selectFrom('staff')
			.select(['id', 'school_id'])
			.where('id', '=', input.staff)
			.where('user_id', '=', actor.principal.userId)
			.where('active', '=', true)
			.forUpdate()
			.executeTakeFirst();
		if (!staff) notFound();
		const before = await officeHoursOf(trx, staff.id);
		await trx.deleteFrom('teacher_office_hours').where('staff_id', '=', staff.id).execute();
		const ranges = sortRanges(input.ranges);
		if (ranges.length)
			await trx
				.insertInto('teacher_office_hours')
				.values(
					ranges.map((r) => ({
						school_id: staff.school_id,
						staff_id: staff.id,
						weekday: r.weekday,
						start_minute: r.start,
						end_minute: r.end,
						updated_by: actor.principal.userId
					}))
				)
				.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'staff.office_hours',
			entity: 'staff',
			entityId: staff.id,
			schoolId: staff.school_id,
			before,
			after: ranges,
			requestId: actor.requestId ?? null
		});
	});
}

export interface ConversationOfficeHours {
	ranges: OfficeRange[];
	/** inside office hours now (or none set) */
	within: boolean;
	/** when outside: the next start */
	nextStart: Date | null;
}

/**
 * The office hours of several teachers as seen now (the parent's new-message page: one per
 * possible recipient), keyed by staff row; teachers without office hours are left out. One query.
 */
export async function officeHoursByStaff(
	db: DB,
	staffIds: number[],
	now = new Date()
): Promise<Record<number, ConversationOfficeHours>> {
	const rows = await rangesOf(db, [...new Set(staffIds)]);
	const out: Record<number, ConversationOfficeHours> = {};
	for (const staffId of new Set(rows.map((r) => r.staff_id))) {
		const ranges = rows
			.filter((r) => r.staff_id === staffId)
			.map(({ weekday, start, end }) => ({ weekday, start, end }));
		const within = isWithinOfficeHours(ranges, now);
		out[staffId] = { ranges, within, nextStart: within ? null : nextOfficeStart(ranges, now) };
	}
	return out;
}

/** The office hours of a conversation's teacher as seen now; null for the office (no teacher). */
export async function conversationOfficeHours(
	db: DB,
	conversationId: number,
	now = new Date()
): Promise<ConversationOfficeHours | null> {
	const c = await db
		.selectFrom('conversations')
		.select('staff_id')
		.where('id', '=', conversationId)
		.executeTakeFirst();
	if (!c?.staff_id) return null;
	const ranges = await officeHoursOf(db, c.staff_id);
	const within = isWithinOfficeHours(ranges, now);
	return { ranges, within, nextStart: within ? null : nextOfficeStart(ranges, now) };
}

/**
 * When the staff side hears by e-mail of a message the family sent now: at once (undefined), or at
 * the next start of the conversation's teacher's office hours when outside them.
 */
export async function emailNotBefore(
	db: DB,
	conversationId: number,
	now = new Date(),
	/** the conversation's teacher when the caller has read it (one query fewer) */
	known?: { staffId: number | null }
): Promise<Date | undefined> {
	const row =
		known !== undefined
			? { staff_id: known.staffId }
			: await db
					.selectFrom('conversations')
					.select('staff_id')
					.where('id', '=', conversationId)
					.executeTakeFirst();
	if (!row?.staff_id) return undefined;
	const ranges = await officeHoursOf(db, row.staff_id);
	const at = notifyAt(ranges, now);
	return at.getTime() > now.getTime() ? at : undefined;
}
