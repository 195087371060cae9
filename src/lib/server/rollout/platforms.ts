import type { Kysely } from 'kysely';
import type { Database, PlatformStatus, StatusSource } from '../db/schema';
import { ConflictError } from '../errors';
import { DEFAULT_PLATFORMS } from './catalogue';
import { refreshSchoolSummaries } from './summary';

export { PLATFORM_STATUSES } from '../../rollout/statuses';

/** Inserts the default catalogue (idempotent: existing codes are kept as they are). */
export async function seedPlatformCatalogue(db: Kysely<Database>): Promise<void> {
	await db
		.insertInto('platforms')
		.values(
			DEFAULT_PLATFORMS.map((p, i) => ({
				code: p.code,
				name_vi: p.vi,
				name_en: p.en,
				group_code: p.group,
				description_vi: p.descriptionVi,
				description_en: p.descriptionEn,
				how_to_vi: p.howToVi,
				how_to_en: p.howToEn,
				requirements_vi: p.requirementsVi,
				requirements_en: p.requirementsEn,
				suggested_vendors: p.vendors,
				sort_order: i + 1
			}))
		)
		.onConflict((oc) => oc.column('code').doNothing())
		.execute();
}

export interface StatusChange {
	schoolId: number;
	platformId: number;
	status: PlatformStatus;
	source: StatusSource;
	actorUserId: number | null;
	note?: string | null;
	/** The version the editor saw; omitted by automatic updates (usage adoption). */
	expectedVersion?: number;
	/**
	 * Automatic updates: apply only if the status is still the one they judged (read before the
	 * row lock); a change made meanwhile, by hand or by another evaluation, wins and this is skipped.
	 */
	onlyFrom?: PlatformStatus;
}

/**
 * Changes one school's status for one platform, records the change in the history and refreshes
 * the school's rollout summary (dashboards). Optimistic concurrency: with `expectedVersion`, a row
 * changed meanwhile raises ConflictError. Run it inside the caller's transaction.
 */
export async function setSchoolPlatformStatus(
	db: Kysely<Database>,
	change: StatusChange
): Promise<{ version: number; changed: boolean }> {
	const current = await db
		.selectFrom('school_platforms')
		.select(['status', 'version'])
		.where('school_id', '=', change.schoolId)
		.where('platform_id', '=', change.platformId)
		.forUpdate()
		.executeTakeFirst();
	if (!current)
		throw new ConflictError('school_platform', `${change.schoolId}/${change.platformId}`);
	if (change.expectedVersion !== undefined && current.version !== change.expectedVersion) {
		throw new ConflictError('school_platform', `${change.schoolId}/${change.platformId}`);
	}
	const stale = change.onlyFrom !== undefined && current.status !== change.onlyFrom;
	if (stale || current.status === change.status)
		return { version: current.version, changed: false };
	const updated = await db
		.updateTable('school_platforms')
		.set((eb) => ({
			status: change.status,
			status_source: change.source,
			updated_at: new Date(),
			updated_by: change.actorUserId,
			version: eb('version', '+', 1)
		}))
		.where('school_id', '=', change.schoolId)
		.where('platform_id', '=', change.platformId)
		.returning('version')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('school_platform_history')
		.values({
			school_id: change.schoolId,
			platform_id: change.platformId,
			actor_user_id: change.actorUserId,
			from_status: current.status,
			to_status: change.status,
			source: change.source,
			note: change.note ?? null
		})
		.execute();
	await refreshSchoolSummaries(db, { schoolIds: [change.schoolId] });
	return { version: updated.version, changed: true };
}
