import type { Kysely } from 'kysely';
import type { Database, DomainEvent } from './db/schema';
import { enqueueJob } from './jobs/queue';

/** The automatic-notices processor (messages/notify.ts), told of every event in its transaction. */
const NOTIFY_JOB = 'messages.notify';

/**
 * Domain events: what happened in a module that others react to ("results published" in grades,
 * "timetable published"). Written with the caller's transaction, so an event exists exactly when
 * its change committed. Readers (the communication module) follow them by id after a cursor.
 */
export interface NewDomainEvent {
	module: string;
	kind: string;
	subjectType: string;
	subjectId: number | string;
	schoolId?: number | null;
	payload?: unknown;
	createdBy?: number | null;
}

export async function recordEvent(trx: Kysely<Database>, event: NewDomainEvent): Promise<number> {
	const row = await trx
		.insertInto('domain_events')
		.values({
			module: event.module,
			kind: event.kind,
			subject_type: event.subjectType,
			subject_id: String(event.subjectId),
			school_id: event.schoolId ?? null,
			payload: JSON.stringify(event.payload ?? {}),
			created_by: event.createdBy ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await enqueueJob(trx, { kind: NOTIFY_JOB, key: `event:${row.id}` });
	return row.id;
}

/**
 * Events after `cursor` (an event id), oldest first. A reader stores the last id it handled.
 * Ids are assigned at insert, not at commit: a reader that must not skip a slow transaction's event
 * re-reads a short overlap (or reads only events older than a few seconds).
 */
export async function eventsAfter(
	db: Kysely<Database>,
	cursor: number,
	options: { module?: string; kinds?: string[]; limit?: number } = {}
): Promise<DomainEvent[]> {
	let q = db.selectFrom('domain_events').selectAll().where('id', '>', cursor);
	if (options.module) q = q.where('module', '=', options.module);
	if (options.kinds?.length) q = q.where('kind', 'in', options.kinds);
	return q
		.orderBy('id')
		.limit(options.limit ?? 100)
		.execute();
}
