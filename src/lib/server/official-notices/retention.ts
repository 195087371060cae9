import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import { DatabaseFileStorage } from '../files/database-storage';
import type { FileStorage } from '../files/storage';

/**
 * Retention of official notices (issue 13, "messages are kept for a configurable retention
 * period, then deleted by a daily job"). An official notice is written once for many schools, each
 * with its own retention (`message_retention_settings`, default 730 days): it is deleted when the
 * retention of **every** target school has passed, so no school loses it before its own period
 * ends. Deleting the notice deletes its schools' rows, the reads and the attachment rows (foreign
 * keys `on delete cascade`) and, first, the attachments' files.
 *
 * Runs inside the daily `messages.retention` job (`purgeExpired`), in batches of
 * `OFFICIAL_BATCH` notices, each batch one short transaction that takes its notices with
 * `FOR UPDATE SKIP LOCKED`: two processes (or two runs) purging at once take different notices
 * and never wait for each other. Files in the database store are deleted in the batch's
 * transaction (both or neither); files on the local disk just before the commit, so a crash
 * leaves at worst rows whose file is gone (deleted on the next run), never a file without a row.
 */
export const OFFICIAL_BATCH = 100;
/** The shortest retention a school may choose (the check of migration 0123): a cheap prefilter. */
const MIN_RETENTION_DAYS = 30;

export interface OfficialPurge {
	notices: number;
	files: number;
}

/** The notices past every target school's retention, as a predicate on `n`. */
function expiredWhere(
	now: Date,
	cutoff: (school: RawBuilder<unknown>, now: Date) => RawBuilder<unknown>
) {
	return sql`n.sent_at < ${now.toISOString()}::timestamptz - make_interval(days => ${MIN_RETENTION_DAYS})
		and not exists (select 1 from official_notice_schools ons where ons.notice_id = n.id
			and n.sent_at >= ${cutoff(sql`ons.school_id`, now)})`;
}

/** The storage seen from inside the transaction: the database store writes through `trx`. */
const within = (files: FileStorage, trx: Kysely<Database>) =>
	files instanceof DatabaseFileStorage ? new DatabaseFileStorage(trx) : files;

async function purgeBatch(
	trx: Kysely<Database>,
	files: FileStorage,
	expired: RawBuilder<unknown>
): Promise<OfficialPurge> {
	const { rows } = await sql<{ id: number }>`select n.id from official_notices n
		where ${expired} order by n.sent_at, n.id limit ${OFFICIAL_BATCH}
		for update of n skip locked`.execute(trx);
	if (!rows.length) return { notices: 0, files: 0 };
	const ids = rows.map((r) => r.id);
	const attachments = await trx
		.selectFrom('official_notice_attachments')
		.select('storage_key')
		.where('notice_id', 'in', ids)
		.execute();
	const store = within(files, trx);
	for (const a of attachments) await store.delete(a.storage_key);
	await trx.deleteFrom('official_notices').where('id', 'in', ids).execute();
	return { notices: ids.length, files: attachments.length };
}

/** Deletes the expired official notices batch by batch until none is left (or `signal`). */
export async function purgeOfficialNotices(
	db: DB,
	files: FileStorage,
	now: Date,
	cutoff: (school: RawBuilder<unknown>, now: Date) => RawBuilder<unknown>,
	signal?: AbortSignal
): Promise<OfficialPurge> {
	const expired = expiredWhere(now, cutoff);
	const total: OfficialPurge = { notices: 0, files: 0 };
	while (!signal?.aborted) {
		const batch = (trx: Kysely<Database>) => purgeBatch(trx, files, expired);
		const done = await (db.isTransaction ? batch(db) : db.transaction().execute(batch));
		total.notices += done.notices;
		total.files += done.files;
		if (done.notices < OFFICIAL_BATCH) break;
	}
	return total;
}
