import { sql, type RawBuilder } from 'kysely';
import { nextVietnamTime } from '../../dates';
import { writeAudit, type Actor } from '../audit';
import type { DB } from '../db';
import { ConflictError } from '../errors';
import { getFileStorage } from '../files';
import type { FileStorage } from '../files/storage';
import type { JobHandler, Schedule } from '../jobs/types';
import { purgeOfficialNotices } from '../official-notices/retention';
import { purgeAccessLog } from '../privacy/access-log';

/**
 * Retention of messages (Law 91/2025, Decree 356/2025: personal data only as long as its purpose
 * needs). A school keeps conversations, notices, automatic notices and answered leave requests for
 * `retention_days` (default 730); the daily job deletes what is older: attachments' files first
 * (a crash then leaves rows whose file is gone, deleted on the next run; never a file without a
 * row), then the rows, in batches of short statements. Outbox e-mails go after 30 days. Official
 * notices go when every target school's retention has passed (`official-notices/retention.ts`).
 */
export const DEFAULT_RETENTION_DAYS = 730;
export const RETENTION_JOB = 'messages.retention';
const BATCH = 2000;

export interface Retention {
	days: number;
	version: number;
	isDefault: boolean;
}

export async function retentionOf(db: DB, schoolId: number): Promise<Retention> {
	const row = await db
		.selectFrom('message_retention_settings')
		.select(['retention_days', 'version'])
		.where('school_id', '=', schoolId)
		.executeTakeFirst();
	return row
		? { days: row.retention_days, version: row.version, isDefault: false }
		: { days: DEFAULT_RETENTION_DAYS, version: 0, isDefault: true };
}

/** Sets the school's retention (the caller proved 'messages.retention'); a stale version is 409. */
export async function setRetention(
	db: DB,
	actor: Actor,
	schoolId: number,
	input: { days: number; version: number }
): Promise<void> {
	const work = async (trx: DB) => {
		const before = await retentionOf(trx, schoolId);
		const values = { retention_days: input.days, updated_by: actor.principal.userId };
		const saved =
			input.version === 0
				? await trx
						.insertInto('message_retention_settings')
						.values({ ...values, school_id: schoolId })
						.onConflict((oc) => oc.column('school_id').doNothing())
						.returning('version')
						.executeTakeFirst()
				: await trx
						.updateTable('message_retention_settings')
						.set({ ...values, updated_at: sql`now()`, version: sql`version + 1` })
						.where('school_id', '=', schoolId)
						.where('version', '=', input.version)
						.returning('version')
						.executeTakeFirst();
		if (!saved) throw new ConflictError('message_retention_settings', schoolId);
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'messages.retention.set',
			entity: 'school',
			entityId: schoolId,
			schoolId,
			before: { days: before.days },
			after: { days: input.days },
			requestId: actor.requestId
		});
	};
	await (db.isTransaction ? work(db) : db.transaction().execute(work));
}

/** The instant before which a school's rows are deleted. */
export const cutoff = (schoolCol: RawBuilder<unknown>, now: Date) =>
	sql`(${now.toISOString()}::timestamptz - make_interval(days => coalesce((select rs.retention_days
		from message_retention_settings rs where rs.school_id = ${schoolCol}), ${DEFAULT_RETENTION_DAYS})))`;

/** Runs `statement` (deleting at most BATCH rows) until it deletes nothing; returns the total. */
async function inBatches(db: DB, statement: RawBuilder<unknown>, signal?: AbortSignal) {
	let total = 0;
	while (!signal?.aborted) {
		const n = Number((await statement.execute(db)).numAffectedRows ?? 0);
		total += n;
		if (n < BATCH) break;
	}
	return total;
}

async function purgeFiles(db: DB, files: FileStorage, now: Date, signal?: AbortSignal) {
	let removed = 0;
	while (!signal?.aborted) {
		const rows = await sql<{ id: number; storage_key: string }>`
			select a.id, a.storage_key from message_attachments a
			left join conversation_messages m on m.id = a.message_id
			left join notices n on n.id = a.notice_id
			where coalesce(m.created_at, n.sent_at) < ${cutoff(sql`a.school_id`, now)}
			order by a.id limit ${BATCH}`.execute(db);
		if (!rows.rows.length) break;
		for (const r of rows.rows) await files.delete(r.storage_key);
		await db
			.deleteFrom('message_attachments')
			.where(
				'id',
				'in',
				rows.rows.map((r) => r.id)
			)
			.execute();
		removed += rows.rows.length;
		if (rows.rows.length < BATCH) break;
	}
	return removed;
}

export interface PurgeResult {
	files: number;
	messages: number;
	conversations: number;
	notices: number;
	notifications: number;
	leaveRequests: number;
	emails: number;
	/** push_outbox rows (migration 0310), like e-mails after 30 days */
	pushes: number;
	/** official notices past every target school's retention, and their files */
	officialNotices: number;
	officialFiles: number;
	/** pupil access-log rows past their period (privacy/access-log.ts, migration 0420) */
	accessLog: number;
}

/** Deletes everything past its school's retention (at `now`). */
export async function purgeExpired(
	db: DB,
	files: FileStorage,
	now = new Date(),
	signal?: AbortSignal
): Promise<PurgeResult> {
	const files_ = await purgeFiles(db, files, now, signal);
	const official = await purgeOfficialNotices(db, files, now, cutoff, signal);
	const run = (statement: RawBuilder<unknown>) => inBatches(db, statement, signal);
	const messages = await run(sql`delete from conversation_messages where id in (
		select m.id from conversation_messages m join conversations c on c.id = m.conversation_id
		where m.created_at < ${cutoff(sql`c.school_id`, now)} limit ${BATCH})`);
	const conversations = await run(sql`delete from conversations where id in (
		select c.id from conversations c where c.last_message_at < ${cutoff(sql`c.school_id`, now)}
		and not exists (select 1 from conversation_messages m where m.conversation_id = c.id)
		limit ${BATCH})`);
	const notices = await run(sql`delete from notices where id in (
		select n.id from notices n where n.sent_at < ${cutoff(sql`n.school_id`, now)} limit ${BATCH})`);
	const notifications = await run(sql`delete from notifications where id in (
		select x.id from notifications x where x.created_at < ${cutoff(sql`x.school_id`, now)}
		limit ${BATCH})`);
	const leaveRequests = await run(sql`delete from leave_requests where id in (
		select l.id from leave_requests l where l.status <> 'pending'
		and l.created_at < ${cutoff(sql`l.school_id`, now)} limit ${BATCH})`);
	const emails = await run(sql`delete from delivery_outbox where id in (
		select o.id from delivery_outbox o where o.created_at < ${now.toISOString()}::timestamptz - interval '30 days'
		limit ${BATCH})`);
	const pushes = await run(sql`delete from push_outbox where id in (
		select o.id from push_outbox o where o.created_at < ${now.toISOString()}::timestamptz - interval '30 days'
		limit ${BATCH})`);
	const accessLog = await purgeAccessLog(db, now, signal);
	return {
		files: files_,
		messages,
		conversations,
		notices,
		notifications,
		leaveRequests,
		emails,
		pushes,
		officialNotices: official.notices,
		officialFiles: official.files,
		accessLog
	};
}

export const retentionJob: JobHandler = {
	kind: RETENTION_JOB,
	run: ({ db, signal }) => purgeExpired(db, getFileStorage(), new Date(), signal)
};

/** Every night at 02:30 Vietnam time. */
export const retentionSchedule: Schedule = {
	kind: RETENTION_JOB,
	next: (after) => nextVietnamTime(after, 2, 30),
	catchUpAfterMs: 24 * 60 * 60 * 1000
};
