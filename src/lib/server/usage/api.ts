import type { DB } from '../db';
import type { ApiTokenScope } from '../auth/access';
import { usageBatchSchema } from '../../schemas/usage';
import { MAX_EVENTS_PER_REQUEST } from '../../usage/events';
import { resolveEvents, storeEvents, type Rejection } from './ingest';
import { withRetry } from './retry';

export type IngestAnswer =
	| { status: 200; body: { accepted: number; duplicates: number; rejected: Rejection[] } }
	| { status: 400 | 413; body: { error: string; max?: number } };

/** POST /api/v1/usage-events: partial acceptance, idempotent per token and source event id. */
export async function ingestApiEvents(
	db: DB,
	token: ApiTokenScope,
	body: unknown,
	now = new Date()
): Promise<IngestAnswer> {
	const batch = usageBatchSchema.safeParse(body);
	if (!batch.success) return { status: 400, body: { error: 'invalid_body' } };
	const raws = batch.data.events;
	if (raws.length > MAX_EVENTS_PER_REQUEST)
		return { status: 413, body: { error: 'too_many_events', max: MAX_EVENTS_PER_REQUEST } };
	const target = { kind: 'api', token } as const;
	const { valid, rejected } = await resolveEvents(db, target, raws, now);
	const stored = valid.length
		? await withRetry(() => db.transaction().execute((trx) => storeEvents(trx, target, valid, now)))
		: { accepted: 0, duplicates: 0 };
	return { status: 200, body: { ...stored, rejected } };
}
