import { requestMemo } from '../http/request-memo';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { departmentIdFor, requireDepartment } from '../auth/access';
import { writeAudit } from '../audit';
import { ConflictError } from '../errors';
import { todayIso } from '../../dates';
import { DEFAULT_THRESHOLD } from '../../usage/adoption';
import { evaluateAdoption, type StatusChangeMade } from './status';

/** The department's adoption threshold (percent); version 0 while the default was never saved. */
export async function getThreshold(db: DB, departmentId: number) {
	// the adoption page asks twice (its figures and its form): once per read-only request
	const row = await requestMemo(`usage-threshold:${departmentId}`, () =>
		db
			.selectFrom('usage_settings')
			.select(['in_use_threshold', 'version'])
			.where('department_id', '=', departmentId)
			.executeTakeFirst()
	);
	return { threshold: row?.in_use_threshold ?? DEFAULT_THRESHOLD, version: row?.version ?? 0 };
}

/**
 * Saves the threshold (optimistic concurrency on `version`) and re-evaluates every school and
 * platform of the department at once, so that the rollout statuses follow the new rule.
 */
export async function setThreshold(
	db: DB,
	principal: Principal,
	input: { threshold: number; version: number },
	now = new Date()
): Promise<{ version: number; changes: StatusChangeMade[] }> {
	const departmentId = requireDepartment(principal, 'usage.settings');
	return db.transaction().execute(async (trx) => {
		const before = await getThreshold(trx, departmentId);
		const saved =
			input.version === 0
				? await trx
						.insertInto('usage_settings')
						.values({
							department_id: departmentId,
							in_use_threshold: input.threshold,
							updated_by: principal.userId
						})
						.onConflict((oc) => oc.column('department_id').doNothing())
						.returning('version')
						.executeTakeFirst()
				: await trx
						.updateTable('usage_settings')
						.set((eb) => ({
							in_use_threshold: input.threshold,
							updated_at: new Date(),
							updated_by: principal.userId,
							version: eb('version', '+', 1)
						}))
						.where('department_id', '=', departmentId)
						.where('version', '=', input.version)
						.returning('version')
						.executeTakeFirst();
		if (!saved) throw new ConflictError('usage_settings', departmentId);
		await writeAudit(trx, {
			actorUserId: principal.userId,
			action: 'update',
			entity: 'usage_settings',
			entityId: departmentId,
			before: { threshold: before.threshold },
			after: { threshold: input.threshold }
		});
		// only the department's schools follow its threshold
		const changes = await evaluateAdoption(trx, { departmentId }, todayIso(now));
		return { version: saved.version, changes };
	});
}

/** The threshold form of the department's adoption page, or null for whoever may not edit it. */
export async function editableThreshold(db: DB, principal: Principal) {
	const departmentId = departmentIdFor(principal, 'usage.settings');
	return departmentId === null ? null : getThreshold(db, departmentId);
}
