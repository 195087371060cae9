import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { notFound, requireSchool } from '../auth/access';
import { writeAudit } from '../audit';
import { DomainError } from '../errors';
import { resolveEvents, storeEvents, type Rejection } from './ingest';
import { parseUsageFile } from './import-file';
import { withRetry } from './retry';

/**
 * A school admin imports a platform's usage export: upload -> preview (every row validated like an
 * API event, nothing stored) -> confirm. All or nothing: a file with any invalid row cannot be
 * confirmed, and the confirmation validates again and stores every row in one transaction.
 * Re-importing the same file stores nothing twice (source event id per school and platform).
 */
const KIND = 'usage';

/** Files without an id column: the row's content identifies it, so a re-import is recognised. */
function withIds(events: Record<string, unknown>[]) {
	return events.map((e) => {
		if (e.id !== undefined) return e;
		const key = JSON.stringify([
			e.teacherEmail,
			e.occurredAt,
			e.durationMinutes,
			e.className,
			e.students
		]);
		return {
			...e,
			id: `h:${encodeHexLowerCase(sha256(new TextEncoder().encode(key))).slice(0, 32)}`
		};
	});
}

async function importPlatform(db: DB, platformId: number) {
	const platform = await db
		.selectFrom('platforms')
		.select(['id', 'code'])
		.where('id', '=', platformId)
		.where('retired_at', 'is', null)
		.executeTakeFirst();
	if (!platform) throw new DomainError('v_choice', { field: 'platformId' });
	return platform;
}

export async function previewImport(
	db: DB,
	principal: Principal,
	schoolId: number,
	input: { platformId: number; fileName: string; bytes: ArrayBuffer },
	now = new Date()
) {
	await requireSchool(db, principal, schoolId, 'usage.import');
	const platform = await importPlatform(db, input.platformId);
	const parsed = await parseUsageFile(input.fileName, input.bytes);
	if (!parsed.ok) throw new DomainError(parsed.error, { field: 'file' });
	const events = withIds(parsed.events).map((e) => ({ platform: platform.code, ...e }));
	const id = crypto.randomUUID();
	const target = {
		kind: 'import',
		schoolId,
		platformId: platform.id,
		batchId: id,
		userId: principal.userId
	} as const;
	const { rejected } = await resolveEvents(db, target, events, now);
	await db
		.insertInto('import_batches')
		.values({
			id,
			kind: KIND,
			school_id: schoolId,
			file_name: input.fileName.slice(0, 200),
			row_count: events.length,
			error_count: rejected.length,
			rows: JSON.stringify({ platformId: platform.id, events }),
			errors: JSON.stringify(rejected),
			created_by: principal.userId
		})
		.execute();
	return { id };
}

async function findBatch(db: DB, schoolId: number, id: string) {
	const batch = await db
		.selectFrom('import_batches')
		.selectAll()
		.where('id', '=', id)
		.where('kind', '=', KIND)
		.where('school_id', '=', schoolId)
		.executeTakeFirst();
	return batch ?? notFound();
}

type Stored = { platformId: number; events: Record<string, unknown>[] };

/** The preview: counts, the first rows, the rows with errors (row numbers as in the file). */
export async function getImportPreview(db: DB, principal: Principal, schoolId: number, id: string) {
	await requireSchool(db, principal, schoolId, 'usage.import');
	const batch = await findBatch(db, schoolId, id);
	const stored = batch.rows as unknown as Stored;
	const errors = batch.errors as unknown as Rejection[];
	const platform = await db
		.selectFrom('platforms')
		.select(['id', 'code', 'name_vi', 'name_en'])
		.where('id', '=', stored.platformId)
		.executeTakeFirstOrThrow();
	return {
		id: batch.id,
		fileName: batch.file_name,
		status: batch.status,
		rowCount: batch.row_count,
		errorCount: batch.error_count,
		platform,
		sample: stored.events.slice(0, 10),
		errors: errors.slice(0, 100).map((e) => ({ row: e.index + 2, errors: e.errors }))
	};
}

export async function commitImport(
	db: DB,
	principal: Principal,
	schoolId: number,
	id: string,
	now = new Date()
) {
	await requireSchool(db, principal, schoolId, 'usage.import');
	const batch = await findBatch(db, schoolId, id);
	if (batch.status !== 'preview') throw new DomainError('usage_import_done');
	const stored = batch.rows as unknown as Stored;
	const target = {
		kind: 'import',
		schoolId,
		platformId: stored.platformId,
		batchId: id,
		userId: principal.userId
	} as const;
	const { valid, rejected } = await resolveEvents(db, target, stored.events, now);
	if (rejected.length || batch.error_count)
		throw new DomainError('usage_import_has_errors', {
			count: rejected.length || batch.error_count
		});
	return withRetry(() =>
		db.transaction().execute(async (trx) => {
			const claimed = await trx
				.updateTable('import_batches')
				.set({ status: 'committed', committed_at: new Date() })
				.where('id', '=', id)
				.where('status', '=', 'preview')
				.returning('id')
				.executeTakeFirst();
			if (!claimed) throw new DomainError('usage_import_done');
			const result = await storeEvents(trx, target, valid, now);
			await writeAudit(trx, {
				actorUserId: principal.userId,
				action: 'import',
				entity: 'usage_events',
				entityId: id,
				schoolId,
				after: { platformId: stored.platformId, ...result, file: batch.file_name }
			});
			return result;
		})
	);
}

export async function discardImport(db: DB, principal: Principal, schoolId: number, id: string) {
	await requireSchool(db, principal, schoolId, 'usage.import');
	await db
		.updateTable('import_batches')
		.set({ status: 'discarded' })
		.where('id', '=', id)
		.where('kind', '=', KIND)
		.where('school_id', '=', schoolId)
		.where('status', '=', 'preview')
		.execute();
}

/** What the import page needs (and the permission check for it): the platforms of the catalogue. */
export async function importContext(db: DB, principal: Principal, schoolId: number) {
	await requireSchool(db, principal, schoolId, 'usage.import');
	return db
		.selectFrom('platforms')
		.select(['id', 'code', 'name_vi', 'name_en'])
		.where('retired_at', 'is', null)
		.orderBy('sort_order')
		.execute();
}
