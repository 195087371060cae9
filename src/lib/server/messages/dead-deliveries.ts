import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { writeAudit, type Actor } from '../audit';
import { notFound } from '../auth/access';
import type { DB } from '../db';
import { DomainError } from '../errors';
import { enqueueJob } from '../jobs/queue';
import { DELIVER_JOB } from './outbox';

/**
 * Dead deliveries for the school's admin (issue 13, "dead letters visible to the admin"): the
 * e-mails and push notifications that went `dead` after their retries, of the batches that belong
 * to the school (a conversation of the school, a notice of the school, an automatic notice of an
 * event of the school, an official notice to the school for one of its own users). Shown: who,
 * channel, kind, when, the last error's first line; never the subject or the text. A retry puts
 * the row back to pending (attempts from zero) and queues a `messages.deliver` job for its batch.
 */
export const PAGE_SIZE = 50;
export type Channel = 'email' | 'push';
const TABLES = { email: 'delivery_outbox', push: 'push_outbox' } as const;

/** The batch of `o` belongs to the school (activation e-mails are never listed). */
function batchAtSchool(schoolId: number): RawBuilder<SqlBool> {
	const id = sql`split_part(o.batch_key, ':', 2)`;
	return sql<SqlBool>`(case split_part(o.batch_key, ':', 1)
		when 'message' then exists (select 1 from conversation_messages cm
			join conversations c on c.id = cm.conversation_id
			where cm.id = ${id}::bigint and c.school_id = ${schoolId})
		when 'notice' then exists (select 1 from notices n
			where n.id = ${id}::int and n.school_id = ${schoolId})
		when 'notice-remind' then exists (select 1 from notices n
			where n.id = ${id}::int and n.school_id = ${schoolId})
		when 'official-notice' then exists (select 1 from official_notice_schools ons
			join role_assignments ra on ra.school_id = ons.school_id and ra.user_id = o.user_id
			where ons.notice_id = ${id}::int and ons.school_id = ${schoolId})
		when 'official-notice-remind' then exists (select 1 from official_notice_schools ons
			join role_assignments ra on ra.school_id = ons.school_id and ra.user_id = o.user_id
			where ons.notice_id = ${id}::int and ons.school_id = ${schoolId})
		when 'event' then exists (select 1 from domain_events e
			where e.id = ${id}::bigint and e.school_id = ${schoolId})
		else false end)`;
}

const EMAIL_KIND = sql<string>`case split_part(o.batch_key, ':', 1)
	when 'message' then 'message' when 'event' then 'auto' else 'notice' end`;

export interface DeadDelivery {
	channel: Channel;
	id: number;
	user_name: string;
	kind: string;
	attempts: number;
	created_at: Date;
	error: string | null;
}

/** The school's dead deliveries, newest first (`PAGE_SIZE + 1` rows: one more says "next page"). */
export async function deadDeliveries(db: DB, schoolId: number, page = 1): Promise<DeadDelivery[]> {
	const at = batchAtSchool(schoolId);
	const error = sql<string | null>`left(split_part(o.last_error, E'\n', 1), 200)`;
	const { rows } = await sql<DeadDelivery>`select * from (
			select 'email' as channel, o.id, u.name as user_name, ${EMAIL_KIND} as kind, o.attempts,
				o.created_at, ${error} as error
			from delivery_outbox o join users u on u.id = o.user_id
			where o.status = 'dead' and ${at}
			union all
			select 'push', o.id, u.name, o.kind, o.attempts, o.created_at, ${error}
			from push_outbox o join users u on u.id = o.user_id
			where o.status = 'dead' and ${at}
		) d order by created_at desc, channel, id desc
		limit ${PAGE_SIZE + 1} offset ${(page - 1) * PAGE_SIZE}`.execute(db);
	return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Sends a dead delivery of the school again (else 404): back to pending with its attempts from
 * zero, and a `messages.deliver` job for its batch. A row that is no longer dead (a second click,
 * another admin's retry) is refused with `deliveries_not_dead`.
 */
export async function retryDelivery(
	db: DB,
	actor: Actor,
	schoolId: number,
	channel: Channel,
	id: number
): Promise<void> {
	const table = sql.table(TABLES[channel]);
	await db.transaction().execute(async (trx) => {
		const { rows } = await sql<{ batch_key: string; status: string; user_id: number }>`
			select o.batch_key, o.status, o.user_id from ${table} o
			where o.id = ${id} and ${batchAtSchool(schoolId)} for update`.execute(trx);
		const row = rows[0] ?? notFound();
		if (row.status !== 'dead') throw new DomainError('deliveries_not_dead');
		await sql`update ${table} set status = 'pending', attempts = 0, next_attempt_at = now(),
			claimed_until = null where id = ${id}`.execute(trx);
		await enqueueJob(trx, {
			kind: DELIVER_JOB,
			key: `${row.batch_key}@retry:${channel}:${id}:${Date.now()}`,
			payload: { batchKey: row.batch_key },
			maxAttempts: 10
		});
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'delivery.retry',
			entity: TABLES[channel],
			entityId: id,
			schoolId,
			after: { userId: row.user_id },
			requestId: actor.requestId
		});
	});
}
