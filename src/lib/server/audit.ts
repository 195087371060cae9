import type { Kysely } from 'kysely';
import type { Principal } from './auth/session';
import type { Database } from './db/schema';

/** Who makes a change: the signed-in principal and the request id (both end up in audit_log). */
export interface Actor {
	principal: Principal;
	requestId?: string | null;
}

export interface AuditEntry {
	actorUserId: number | null;
	action: string;
	entity: string;
	entityId: number | string;
	schoolId?: number | null;
	before?: unknown;
	after?: unknown;
	requestId?: string | null;
}

/** Services write one row per change of people, roles and grades, inside their transaction. */
export async function writeAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
	await writeAuditMany(db, [entry]);
}

export async function writeAuditMany(db: Kysely<Database>, entries: AuditEntry[]): Promise<void> {
	if (!entries.length) return;
	for (let i = 0; i < entries.length; i += 1000) {
		await db
			.insertInto('audit_log')
			.values(
				entries.slice(i, i + 1000).map((e) => ({
					actor_user_id: e.actorUserId,
					action: e.action,
					entity: e.entity,
					entity_id: String(e.entityId),
					school_id: e.schoolId ?? null,
					before: e.before === undefined ? null : JSON.stringify(e.before),
					after: e.after === undefined ? null : JSON.stringify(e.after),
					request_id: e.requestId ?? null
				}))
			)
			.execute();
	}
}
