import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { notFound, requireDepartment } from '../auth/access';
import { writeAudit } from '../audit';
import { ConflictError, fieldError, writeTransaction } from '../errors';
import type { PlatformInput } from '../../schemas/rollout';
import { refreshSchoolSummaries } from './summary';

/**
 * The department's catalogue of required platforms. Platforms are never deleted: a retired one
 * keeps every school's rows and history but no longer counts towards "12/12".
 */
export async function listCatalogue(db: DB, options: { includeRetired?: boolean } = {}) {
	let q = db.selectFrom('platforms').selectAll();
	if (!options.includeRetired) q = q.where('retired_at', 'is', null);
	return q.orderBy('sort_order').orderBy('id').execute();
}

export async function getCatalogueEntry(db: DB, principal: Principal, platformId: number) {
	requireDepartment(principal, 'rollout.configure');
	if (!Number.isSafeInteger(platformId)) notFound();
	const row = await db
		.selectFrom('platforms')
		.selectAll()
		.where('id', '=', platformId)
		.executeTakeFirst();
	return row ?? notFound();
}

const columns = (input: PlatformInput) => ({
	name_vi: input.nameVi,
	name_en: input.nameEn,
	group_code: input.group,
	description_vi: input.descriptionVi,
	description_en: input.descriptionEn,
	how_to_vi: input.howToVi,
	how_to_en: input.howToEn,
	requirements_vi: input.requirementsVi,
	requirements_en: input.requirementsEn,
	suggested_vendors: input.vendors,
	sort_order: input.sortOrder
});

/**
 * Adds a platform; every school gets a not-started row for it in the same transaction (by the
 * trigger of migration 0094).
 */
export async function createPlatform(db: DB, principal: Principal, input: PlatformInput) {
	const departmentId = requireDepartment(principal, 'rollout.configure');
	return writeTransaction(db, async (trx) => {
		const clash = await trx
			.selectFrom('platforms')
			.select('id')
			.where('code', '=', input.code)
			.executeTakeFirst();
		if (clash) throw fieldError('code', 'v_duplicate');
		const row = await trx
			.insertInto('platforms')
			.values({
				code: input.code,
				...columns(input),
				created_by: principal.userId,
				updated_by: principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await refreshSchoolSummaries(trx, { departmentId });
		await writeAudit(trx, {
			actorUserId: principal.userId,
			action: 'create',
			entity: 'platform',
			entityId: row.id,
			after: { code: input.code, ...columns(input) }
		});
		return row.id;
	});
}

export async function updatePlatform(
	db: DB,
	principal: Principal,
	platformId: number,
	input: PlatformInput
) {
	const before = await getCatalogueEntry(db, principal, platformId);
	const groupChanged = before.group_code !== input.group;
	await writeTransaction(db, async (trx) => {
		const updated = await trx
			.updateTable('platforms')
			.set((eb) => ({
				...columns(input),
				updated_at: new Date(),
				updated_by: principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', platformId)
			.where('version', '=', input.version ?? -1)
			.returning('id')
			.executeTakeFirst();
		if (!updated) throw new ConflictError('platform', platformId);
		await writeAudit(trx, {
			actorUserId: principal.userId,
			action: 'update',
			entity: 'platform',
			entityId: platformId,
			before: columnsOf(before),
			after: columns(input)
		});
	});
	return { groupChanged };
}

const columnsOf = (p: Awaited<ReturnType<typeof getCatalogueEntry>>) => ({
	name_vi: p.name_vi,
	name_en: p.name_en,
	group_code: p.group_code,
	suggested_vendors: p.suggested_vendors,
	sort_order: p.sort_order
});

/** Retires (or restores) a platform; the schools' figures are recomputed in the same transaction. */
export async function setPlatformRetired(
	db: DB,
	principal: Principal,
	platformId: number,
	retired: boolean,
	version: number
) {
	const departmentId = requireDepartment(principal, 'rollout.configure');
	await getCatalogueEntry(db, principal, platformId);
	await writeTransaction(db, async (trx) => {
		const updated = await trx
			.updateTable('platforms')
			.set((eb) => ({
				retired_at: retired ? new Date() : null,
				updated_at: new Date(),
				updated_by: principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', platformId)
			.where('version', '=', version)
			.returning('id')
			.executeTakeFirst();
		if (!updated) throw new ConflictError('platform', platformId);
		await refreshSchoolSummaries(trx, { departmentId });
		await writeAudit(trx, {
			actorUserId: principal.userId,
			action: retired ? 'retire' : 'restore',
			entity: 'platform',
			entityId: platformId
		});
	});
}
