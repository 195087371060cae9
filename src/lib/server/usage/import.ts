import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { notFound, requireSchool } from '../auth/access';
import { writeAudit } from '../audit';
import { DomainError, fieldError } from '../errors';
import { resolveEvents, storeEvents, type Rejection } from './ingest';
import { parseUsageFile } from './import-file';
import { withRetry } from './retry';

/**
 * A school admin imports a platform's usage export: upload -> preview (every row validated like an
 * API event, nothing stored) -> confirm. All or nothing: a file with any invalid row cannot be
 * confirmed, and the confirmation validates again and stores every row in one transaction.
 * Re-importing the same file stores nothing twice (source event id per school and platform).
 * Previews expire after a day; expired and finished batches drop their rows (teachers' e-mails).
 */

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
		const hash = encodeHexLowerCase(sha256(new TextEncoder().encode(key)));
		return { ...e, id: `h:${hash.slice(0, 32)}` };
	});
}

async function importPlatform(db: DB, platformId: number) {
	const platform = await db
		.selectFrom('platforms')
		.select(['id', 'code'])
		.where('id', '=', platformId)
		.where('retired_at', 'is', null)
		.executeTakeFirst();
	if (!platform) throw fieldError('platformId', 'v_choice');
	return platform;
}

async function dropExpired(db: DB) {
	await db
		.updateTable('usage_import_batches')
		.set({ status: 'discarded', events: '[]' })
		.where('status', '=', 'preview')
		.where('expires_at', '<', new Date())
		.execute();
}

const target = (schoolId: number, platformId: number, batchId: string, userId: number) =>
	({ kind: 'import', schoolId, platformId, batchId, userId }) as const;

export async function previewImport(
	db: DB,
	principal: Principal,
	schoolId: number,
	input: { platformId: number; fileName: string; bytes: ArrayBuffer },
	now = new Date()
) {
	await requireSchool(db, principal, schoolId, 'usage.import');
	const platform = await importPlatform(db, input.platformId);
	const parsed = await parseUsageFile(input.fileName, new Uint8Array(input.bytes));
	if (!parsed.ok) throw fieldError('file', parsed.error);
	const events = withIds(parsed.events).map((e) => ({ platform: platform.code, ...e }));
	const id = crypto.randomUUID();
	const to = target(schoolId, platform.id, id, principal.userId);
	const { rejected } = await resolveEvents(db, to, events, now);
	await dropExpired(db);
	await db
		.insertInto('usage_import_batches')
		.values({
			id,
			school_id: schoolId,
			platform_id: platform.id,
			file_name: input.fileName.slice(0, 200),
			row_count: events.length,
			error_count: rejected.length,
			events: JSON.stringify(events),
			errors: JSON.stringify(rejected),
			created_by: principal.userId
		})
		.execute();
	return { id };
}

async function findBatch(db: DB, schoolId: number, id: string) {
	const batch = await db
		.selectFrom('usage_import_batches')
		.selectAll()
		.where('id', '=', id)
		.where('school_id', '=', schoolId)
		.executeTakeFirst();
	return batch ?? notFound();
}

/** The preview: counts, the first rows, the rows with errors (row numbers as in the file). */
export async function getImportPreview(db: DB, principal: Principal, schoolId: number, id: string) {
	await requireSchool(db, principal, schoolId, 'usage.import');
	const batch = await findBatch(db, schoolId, id);
	const platform = await db
		.selectFrom('platforms')
		.select(['id', 'code', 'name_vi', 'name_en'])
		.where('id', '=', batch.platform_id)
		.executeTakeFirstOrThrow();
	const open = batch.status === 'preview' && batch.expires_at.getTime() > Date.now();
	return {
		id: batch.id,
		fileName: batch.file_name,
		status: open ? batch.status : batch.status === 'preview' ? 'discarded' : batch.status,
		rowCount: batch.row_count,
		errorCount: batch.error_count,
		platform,
		sample: (batch.events as Record<string, unknown>[]).slice(0, 10),
		errors: (batch.errors as Rejection[])
			.slice(0, 100)
			.map((e) => ({ row: e.index + 2, errors: e.errors }))
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
	if (batch.expires_at.getTime() <= now.getTime()) throw new DomainError('usage_import_expired');
	const to = target(schoolId, batch.platform_id, id, principal.userId);
	const events = batch.events as Record<string, unknown>[];
	const { valid, rejected } = await resolveEvents(db, to, events, now);
	const errors = rejected.length || batch.error_count;
	if (errors) throw new DomainError('usage_import_has_errors', { count: errors });
	return withRetry(() =>
		db.transaction().execute(async (trx) => {
			// Claimed first: a second confirmation of the same batch waits here, then finds it done.
			const claimed = await trx
				.updateTable('usage_import_batches')
				.set({ status: 'committed', committed_at: new Date(), events: '[]' })
				.where('id', '=', id)
				.where('status', '=', 'preview')
				.returning('id')
				.executeTakeFirst();
			if (!claimed) throw new DomainError('usage_import_done');
			const result = await storeEvents(trx, to, valid, now);
			await trx.updateTable('usage_import_batches').set(result).where('id', '=', id).execute();
			await writeAudit(trx, {
				actorUserId: principal.userId,
				action: 'import',
				entity: 'usage_events',
				entityId: id,
				schoolId,
				after: { platformId: batch.platform_id, ...result, file: batch.file_name }
			});
			return result;
		})
	);
}

export async function discardImport(db: DB, principal: Principal, schoolId: number, id: string) {
	await requireSchool(db, principal, schoolId, 'usage.import');
	await db
		.updateTable('usage_import_batches')
		.set({ status: 'discarded', events: '[]' })
		.where('id', '=', id)
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
