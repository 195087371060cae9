import { sql } from 'kysely';
import { staffChanged } from '../../usage/status';
import type { DB } from '../../db';
import type { Principal } from '../../auth/session';
import { notFound, requireDepartments } from '../../auth/access';
import { writeAudit, writeAuditMany } from '../../audit';
import type { ImportKind } from '../../../roster/import-columns';
import { isUniqueViolation } from '../../errors';
import { refreshSchoolCounts, rosterSchool, type Actor, type Tx } from '../context';
import {
	writeClasses,
	writeGuardians,
	writeStaff,
	writeStudents,
	type WriteContext
} from './commit';
import { writeSchools } from './commit-schools';
import { loadImportLookups, type ImportScope } from './lookups';
import type { ParsedSheet } from './parse';
import { readRecords, type ImportRecord, type RowError } from './records';
import type { ImportPlan, ImportSummary } from './types';
import { validateImport } from './validate';

/**
 * Import batches: the parsed rows of an uploaded file wait in `import_batches` between the preview
 * and the confirmation (for a day at most). Nothing reaches the roster until the user confirms a
 * batch without errors; the confirmation checks every row again and writes all of them in one
 * transaction, or none.
 */
export type { ImportScope };

async function checkScope(db: DB, principal: Principal, scope: ImportScope) {
	if (scope.type === 'school') await rosterSchool(db, principal, scope.schoolId);
	else if (!requireDepartments(principal, 'department.schools').includes(scope.departmentId))
		notFound();
}

const inScope = (scope: ImportScope) =>
	scope.type === 'school'
		? sql<boolean>`school_id = ${scope.schoolId} and kind <> 'grades'` // grades/sheet-import.ts
		: sql<boolean>`department_id = ${scope.departmentId} and school_id is null`;

export async function createBatch(
	db: DB,
	actor: Actor,
	scope: ImportScope,
	input: { kind: ImportKind; fileName: string; updateExisting: boolean; sheet: ParsedSheet }
): Promise<string> {
	await checkScope(db, actor.principal, scope);
	const read = readRecords(input.kind, input.sheet);
	let errors: RowError[] = read.errors;
	let summary: ImportSummary = { rows: read.records.length, create: 0, update: 0, link: 0 };
	// A file without its required columns gets only that error, not one per row.
	if (!errors.length) {
		const lookups = await loadImportLookups(db, scope, input.kind);
		({ errors, summary } = validateImport(input.kind, read.records, lookups, input));
	}
	// Expired previews keep their outcome but drop their rows (personal data).
	await db
		.updateTable('import_batches')
		.set({ status: 'discarded', rows: '[]' })
		.where('status', '=', 'preview')
		.where('expires_at', '<', new Date())
		.execute();
	const id = crypto.randomUUID();
	await db
		.insertInto('import_batches')
		.values({
			id,
			kind: input.kind,
			school_id: scope.type === 'school' ? scope.schoolId : null,
			department_id: scope.type === 'department' ? scope.departmentId : null,
			file_name: input.fileName.slice(0, 200),
			row_count: read.records.length,
			error_count: errors.length,
			rows: JSON.stringify(read.records),
			errors: JSON.stringify(errors),
			summary: JSON.stringify({ ...summary, ignored: read.ignored }),
			update_existing: input.updateExisting,
			created_by: actor.principal.userId
		})
		.execute();
	return id;
}

export async function getBatch(db: DB, principal: Principal, scope: ImportScope, id: string) {
	await checkScope(db, principal, scope);
	if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
	const batch = await db
		.selectFrom('import_batches')
		.selectAll()
		.where('id', '=', id)
		.where(inScope(scope))
		.executeTakeFirst();
	if (!batch) notFound();
	const records = batch.rows as ImportRecord[];
	return {
		...batch,
		rows: undefined,
		sample: records.slice(0, 10),
		errors: batch.errors as RowError[],
		summary: batch.summary as unknown as ImportSummary & { ignored?: string[] },
		isOpen: batch.status === 'preview' && batch.expires_at.getTime() > Date.now()
	};
}

export async function listBatches(db: DB, principal: Principal, scope: ImportScope) {
	await checkScope(db, principal, scope);
	return db
		.selectFrom('import_batches')
		.select(['id', 'kind', 'file_name', 'row_count', 'error_count', 'status', 'created_at'])
		.where(inScope(scope))
		.orderBy('created_at', 'desc')
		.limit(10)
		.execute();
}

async function writePlan(
	trx: Tx,
	actor: Actor,
	scope: ImportScope,
	plan: ImportPlan,
	present: Set<string>,
	batchId: string
) {
	if (scope.type === 'department') {
		if (plan.kind === 'schools')
			await writeSchools(trx, actor, scope.departmentId, plan.rows, present, batchId);
		return;
	}
	const ctx: WriteContext = { trx, actor, schoolId: scope.schoolId, present, batchId };
	const entries =
		plan.kind === 'staff'
			? await writeStaff(ctx, plan.rows)
			: plan.kind === 'classes'
				? await writeClasses(ctx, plan.rows)
				: plan.kind === 'students'
					? await writeStudents(ctx, plan.rows)
					: plan.kind === 'guardians'
						? await writeGuardians(ctx, plan.plan)
						: [];
	await writeAuditMany(trx, entries);
	await refreshSchoolCounts(trx, [scope.schoolId]);
	if (plan.kind === 'staff') await staffChanged(trx, scope.schoolId);
}

export type ConfirmResult = { ok: true; summary: ImportSummary } | { ok: false; errors: number };

/** Checks the batch's rows again against the current data and writes them all, in one transaction. */
export async function confirmBatch(
	db: DB,
	actor: Actor,
	scope: ImportScope,
	id: string
): Promise<ConfirmResult> {
	await checkScope(db, actor.principal, scope);
	try {
		return await db.transaction().execute((trx) => commitBatch(trx, actor, scope, id));
	} catch (err) {
		// Another import or form wrote the same new code meanwhile: nothing was written; the user
		// confirms again and the rows are checked against the data as it is now.
		if (isUniqueViolation(err)) return { ok: false, errors: 1 };
		throw err;
	}
}

async function commitBatch(
	trx: Tx,
	actor: Actor,
	scope: ImportScope,
	id: string
): Promise<ConfirmResult> {
	const batch = await trx
		.selectFrom('import_batches')
		.selectAll()
		.where('id', '=', id)
		.where(inScope(scope))
		.forUpdate()
		.executeTakeFirst();
	if (!batch) notFound();
	if (
		batch.status !== 'preview' ||
		batch.expires_at.getTime() <= Date.now() ||
		batch.error_count > 0
	)
		return { ok: false, errors: batch.error_count };
	const kind = batch.kind as ImportKind;
	const records = batch.rows as ImportRecord[];
	const lookups = await loadImportLookups(trx, scope, kind);
	const result = validateImport(kind, records, lookups, {
		updateExisting: batch.update_existing
	});
	if (result.errors.length) {
		await trx
			.updateTable('import_batches')
			.set({ errors: JSON.stringify(result.errors), error_count: result.errors.length })
			.where('id', '=', id)
			.execute();
		return { ok: false, errors: result.errors.length };
	}
	const present = new Set(records.flatMap((r) => Object.keys(r.values)));
	await writePlan(trx, actor, scope, result.plan, present, id);
	await trx
		.updateTable('import_batches')
		.set({
			status: 'committed',
			committed_at: new Date(),
			rows: '[]',
			summary: JSON.stringify(result.summary)
		})
		.where('id', '=', id)
		.execute();
	await writeAudit(trx, {
		actorUserId: actor.principal.userId,
		action: 'import.commit',
		entity: 'import_batch',
		entityId: id,
		schoolId: scope.type === 'school' ? scope.schoolId : null,
		after: { kind, file: batch.file_name, ...result.summary },
		requestId: actor.requestId
	});
	return { ok: true, summary: result.summary };
}

export async function discardBatch(db: DB, actor: Actor, scope: ImportScope, id: string) {
	await checkScope(db, actor.principal, scope);
	const done = await db
		.updateTable('import_batches')
		.set({ status: 'discarded', rows: '[]' })
		.where('id', '=', id)
		.where('status', '=', 'preview')
		.where(inScope(scope))
		.executeTakeFirst();
	if (!done.numUpdatedRows) notFound();
}
