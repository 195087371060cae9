import type { Kysely } from 'kysely';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import type { Principal } from '../auth/session';
import { notFound, ownStaffWhere } from '../auth/access';
import { ConflictError, DomainError, fieldError } from '../errors';
import { todayIso } from '../../dates';
import { entryMinutes, isEditable, isLoggableDay } from '../../usage/adoption';
import type { WeekLogInput } from '../../schemas/usage';
import { applyFacts, classKeysOf, type UsageFact } from './summaries';
import { distinctPairs } from './ingest';
import { evaluateAdoption } from './status';
import { withRetry } from './retry';
import { findLastEntry, findOwnEntry, loggingContext, type TeacherSchool } from './teacher';

/**
 * A teacher's own usage log: add (one day, several days, or the last entry again), change and
 * delete within 7 days of recording. Each change updates the summaries and the rollout status in
 * the same transaction. Errors name the form field in `params.field`.
 */
type Tx = Kysely<Database>;

export interface EntryValues {
	staffId: number;
	platformId: number;
	date: string;
	classIds: number[];
	periods?: number | null;
	minutes?: number | null;
	students?: number | null;
	note?: string | null;
}

/** The classes chosen (0 is the form's "no class"), each once, in order. */
const chosenClasses = (ids: number[]) =>
	[...new Set(ids.filter((id) => id > 0))].sort((a, b) => a - b);

function check(
	school: TeacherSchool | undefined,
	v: EntryValues,
	today: string,
	keptDay: string | null = null
): TeacherSchool {
	if (!school) notFound();
	if (!school.platforms.some((p) => p.id === v.platformId))
		throw fieldError('platformId', 'v_choice');
	const own = new Set(school.classes.map((c) => c.id));
	if (!chosenClasses(v.classIds).every((id) => own.has(id)))
		throw fieldError('classIds', 'v_choice');
	if (v.date !== keptDay && !isLoggableDay(v.date, today))
		throw fieldError('date', 'usage_v_date_window');
	return school;
}

function row(school: TeacherSchool, v: EntryValues, userId: number) {
	const classIds = chosenClasses(v.classIds);
	return {
		school_id: school.schoolId,
		platform_id: v.platformId,
		staff_id: school.staffId,
		occurred_on: v.date,
		periods: v.periods ?? null,
		minutes: entryMinutes(v.periods, v.minutes, school.level),
		students: v.students ?? null,
		class_ids: classIds,
		note: v.note ?? null,
		source: 'manual' as const,
		created_by: userId
	};
}

type Row = ReturnType<typeof row>;
const factOf = (
	r: Pick<Row, 'school_id' | 'platform_id' | 'staff_id' | 'occurred_on' | 'minutes' | 'class_ids'>
): UsageFact => ({
	schoolId: r.school_id,
	platformId: r.platform_id,
	staffId: r.staff_id,
	day: r.occurred_on,
	minutes: r.minutes,
	classKeys: classKeysOf(r.class_ids, null)
});

async function insertRows(db: DB, rows: Row[], today: string): Promise<number[]> {
	return withRetry(() =>
		db.transaction().execute(async (trx) => {
			const ids = await trx.insertInto('usage_events').values(rows).returning('id').execute();
			const facts = rows.map(factOf);
			await applyFacts(trx, facts, 1);
			await evaluateAdoption(trx, distinctPairs(facts), today);
			return ids.map((r) => r.id);
		})
	);
}

export async function logEntry(db: DB, principal: Principal, input: EntryValues, now = new Date()) {
	const today = todayIso(now);
	const schools = await loggingContext(db, principal);
	const school = check(
		schools.find((s) => s.staffId === input.staffId),
		input,
		today
	);
	const [id] = await insertRows(db, [row(school, input, principal.userId)], today);
	return { id };
}

/** The week view: the same platform and classes on several days, one entry per day. */
export async function logWeek(
	db: DB,
	principal: Principal,
	input: Omit<WeekLogInput, 'note'> & { note?: string | null },
	now = new Date()
) {
	const today = todayIso(now);
	const school = (await loggingContext(db, principal)).find((s) => s.staffId === input.staffId);
	const rows = input.days.map((date) => {
		const values = { ...input, date, minutes: null };
		return row(check(school, values, today), values, principal.userId);
	});
	const ids = await insertRows(db, rows, today);
	return { count: ids.length };
}

/** The teacher's last manual entry again, for today. Null when there is none to repeat. */
/**
 * Logs the teacher's last entry again for today. `expectedId` is the entry the page showed: when
 * another entry has become the last one since, nothing is logged (a conflict).
 */
export async function repeatLastEntry(
	db: DB,
	principal: Principal,
	now = new Date(),
	expectedId?: number
) {
	const last = await findLastEntry(db, principal);
	if (!last) return null;
	if (expectedId !== undefined && last.id !== expectedId)
		throw new ConflictError('usage_event', expectedId);
	const schools = await loggingContext(db, principal);
	const school = schools.find((s) => s.staffId === last.staff_id);
	const own = new Set(school?.classes.map((c) => c.id));
	return logEntry(
		db,
		principal,
		{
			staffId: last.staff_id,
			platformId: last.platform_id,
			date: todayIso(now),
			classIds: last.class_ids.filter((id) => own.has(id)),
			periods: last.periods ?? undefined,
			minutes: last.periods ? undefined : (last.minutes ?? undefined),
			students: last.students ?? undefined,
			note: last.note
		},
		now
	);
}

/** Locks one of the teacher's own manual entries that is still editable. */
async function lockEditable(
	trx: Tx,
	principal: Principal,
	id: number,
	now: Date,
	version?: number
) {
	const current = await trx
		.selectFrom('usage_events')
		.selectAll()
		.where('id', '=', id)
		.where(ownStaffWhere(principal, 'staff_id'))
		.forUpdate()
		.executeTakeFirst();
	if (!current) notFound();
	if (current.source !== 'manual' || !isEditable(current.created_at, now))
		throw new DomainError('usage_entry_read_only');
	if (version !== undefined && current.version !== version)
		throw new ConflictError('usage_event', id);
	return current;
}

export async function updateEntry(
	db: DB,
	principal: Principal,
	id: number,
	input: EntryValues & { version: number },
	now = new Date()
) {
	const today = todayIso(now);
	const existing = await findOwnEntry(db, principal, id, now);
	if (!existing) notFound();
	const schools = await loggingContext(db, principal);
	const school = check(
		schools.find((s) => s.staffId === input.staffId),
		input,
		today,
		existing.occurred_on
	);
	const next = row(school, input, principal.userId);
	await withRetry(() =>
		db.transaction().execute(async (trx) => {
			const current = await lockEditable(trx, principal, id, now, input.version);
			await applyFacts(trx, [factOf(current)], -1);
			const { created_by: _createdBy, source: _source, ...changes } = next;
			await trx
				.updateTable('usage_events')
				.set((eb) => ({ ...changes, updated_at: new Date(), version: eb('version', '+', 1) }))
				.where('id', '=', id)
				.execute();
			await applyFacts(trx, [factOf(next)], 1);
			await evaluateAdoption(trx, distinctPairs([factOf(current), factOf(next)]), today);
		})
	);
}

export async function deleteEntry(
	db: DB,
	principal: Principal,
	id: number,
	now = new Date(),
	version?: number
) {
	await withRetry(() =>
		db.transaction().execute(async (trx) => {
			const current = await lockEditable(trx, principal, id, now, version);
			await applyFacts(trx, [factOf(current)], -1);
			await trx.deleteFrom('usage_events').where('id', '=', id).execute();
			await evaluateAdoption(trx, distinctPairs([factOf(current)]), todayIso(now));
		})
	);
}
