import { sql, type Kysely } from 'kysely';
import type { Database, DomainEvent } from '../db/schema';
import type { DB } from '../db';
import { eventsAfter } from '../events';
import type { JobHandler } from '../jobs/types';
import * as m from '$lib/paraglide/messages';
import { AUTO_NOTICE_KINDS, autoKindOf, type AutoNoticeKind } from './auto-kinds';
import { enqueueDelivery } from './outbox';

/**
 * The automatic-notices processor: reads domain events after its cursor and writes one
 * notification per event and recipient. `recordEvent` enqueues a 'messages.notify' job with every
 * event (in the event's transaction), so a notice follows within seconds and none is lost on a
 * restart. Idempotent: the cursor row is locked while a batch is processed, (event_id, user_id) is
 * unique, and the cursor stays behind events younger than SETTLE_MS (ids are assigned at insert,
 * not commit: a slower transaction's event with a lower id is read again, not skipped).
 */
export const NOTIFY_JOB = 'messages.notify';
const READER = 'messages.notify';
const BATCH = 500;
export const SETTLE_MS = 30_000;

async function notifyEvent(trx: Kysely<Database>, event: DomainEvent, kind: AutoNoticeKind) {
	const params = JSON.stringify(kind.params(event));
	const result =
		await sql`insert into notifications (user_id, event_id, kind, school_id, params, link)
		select distinct r.user_id, ${event.id}::bigint, ${autoKindOf(event)}, ${event.school_id}::int,
			${params}::jsonb, ${kind.link(event)}
		from (${kind.recipients(event)}) r
		on conflict (event_id, user_id) do nothing`.execute(trx);
	const text = kind.text(kind.params(event));
	await enqueueDelivery(trx, {
		batchKey: `event:${event.id}`,
		kind: 'auto',
		recipients: sql`select user_id from notifications where event_id = ${event.id}`,
		subject: m.outbox_auto_subject({}, { locale: 'vi' }),
		text,
		path: kind.link(event)
	});
	return Number(result.numAffectedRows ?? 0);
}

async function processBatch(
	db: DB,
	kinds: Record<string, AutoNoticeKind>,
	now: Date
): Promise<{ events: number; notices: number; more: boolean }> {
	return db.transaction().execute(async (trx) => {
		await trx
			.insertInto('event_cursors')
			.values({ reader: READER })
			.onConflict((oc) => oc.column('reader').doNothing())
			.execute();
		const cursor = await trx
			.selectFrom('event_cursors')
			.select('last_event_id')
			.where('reader', '=', READER)
			.forUpdate()
			.executeTakeFirstOrThrow();
		const events = await eventsAfter(trx, cursor.last_event_id, { limit: BATCH });
		let notices = 0;
		let settled = cursor.last_event_id;
		let young = false;
		for (const event of events) {
			const kind = kinds[autoKindOf(event)];
			if (kind) notices += await notifyEvent(trx, event, kind);
			if (young || now.getTime() - new Date(event.created_at).getTime() < SETTLE_MS) young = true;
			else settled = event.id;
		}
		if (settled !== cursor.last_event_id)
			await trx
				.updateTable('event_cursors')
				.set({ last_event_id: settled, updated_at: now })
				.where('reader', '=', READER)
				.execute();
		return { events: events.length, notices, more: events.length === BATCH && !young };
	});
}

/** Processes every event after the cursor; returns how many events were read and notices written. */
export async function processEvents(
	db: DB,
	kinds: Record<string, AutoNoticeKind> = AUTO_NOTICE_KINDS,
	now = new Date()
): Promise<{ events: number; notices: number }> {
	const total = { events: 0, notices: 0 };
	for (;;) {
		const batch = await processBatch(db, kinds, now);
		total.events += batch.events;
		total.notices += batch.notices;
		if (!batch.more) return total;
	}
}

export const notifyJob: JobHandler = {
	kind: NOTIFY_JOB,
	run: ({ db }) => processEvents(db)
};
