import { sql } from 'kysely';
import type { DB } from '../db';
import { notFound } from '../auth/access';
import { writeAudit } from '../audit';
import { checkVersion, refreshSchoolCounts, rosterSchool, type Actor, type Tx } from './context';
import { writeTransaction } from '../errors';
import { staffChanged } from '../usage/status';

/** The roster tables whose rows are deactivated, never deleted (history refers to them). */
const ENTITIES = {
	staff: 'staff',
	classes: 'class',
	students: 'student',
	guardians: 'guardian'
} as const;
export type RosterTable = keyof typeof ENTITIES;

/**
 * Deactivates or reactivates one row of the school: version checked, audited, counts refreshed,
 * all in one transaction. `guard` may refuse the change (it runs after the row is locked).
 */
export async function setRowActive(
	db: DB,
	actor: Actor,
	target: { table: RosterTable; schoolId: number; id: number; version: number; active: boolean },
	guard?: (trx: Tx) => Promise<void>
): Promise<void> {
	const { table, schoolId, id, version, active } = target;
	const entity = ENTITIES[table];
	await writeTransaction(db, async (trx) => {
		await rosterSchool(trx, actor.principal, schoolId);
		const { rows } = await sql<{ id: number; version: number; active: boolean }>`
			select id, version, active from ${sql.table(table)}
			where id = ${id} and school_id = ${schoolId} for update`.execute(trx);
		const before = rows[0] ?? notFound();
		checkVersion(before, version, entity);
		if (before.active === active) return;
		if (guard) await guard(trx);
		await sql`update ${sql.table(table)} set active = ${active}, version = version + 1,
			updated_at = now(), updated_by = ${actor.principal.userId} where id = ${id}`.execute(trx);
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: `${entity}.${active ? 'reactivate' : 'deactivate'}`,
			entity,
			entityId: id,
			schoolId,
			before: { active: before.active },
			after: { active },
			requestId: actor.requestId
		});
		await refreshSchoolCounts(trx, [schoolId]);
		if (table === 'staff') await staffChanged(trx, schoolId);
	});
}
