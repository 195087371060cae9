import { sql } from 'kysely';
import { readGradeSheet, rowVersion, type SheetCellError } from '$lib/grades/sheet';
import { planColumns, sameCell, type CellInput } from '$lib/schemas/grades';
import { formatDate } from '$lib/dates';
import { notFound } from '../auth/access';
import type { Principal } from '../auth/session';
import { writeAudit, type Actor } from '../audit';
import type { DB } from '../db';
import { ConflictError } from '../errors';
import { SHEET_LIMITS } from '../spreadsheet/limits';
import { readSheet } from '../spreadsheet/read';
import { gradebookEntry, inTransaction } from './checkpoints';
import { columnHeader } from './sheet-export';
import { classPupils, requireGradebook, storedCells, type GradebookScope } from './queries';
import { saveCells, type CellChange } from './service';
import { storedComments, type CommentChange } from './comments';
import * as m from '$lib/paraglide/messages';

/**
 * Importing a filled gradebook file (issue 11). Same pattern as the roster import: the parsed
 * rows wait in `import_batches` (kind 'grades', the school of the gradebook, for a day) between
 * the preview and the confirmation; nothing is written until the teacher confirms a batch without
 * errors. The confirmation compares each row's version with the stored row (a row saved by
 * anyone since the export: `GradeImportConflictError`, nothing written) and writes every changed
 * cell through `saveCells` in one transaction (the same checks, audit and recomputation as the
 * grid).
 */
export const GRADES_IMPORT_KIND = 'grades';
/** A class has at most a few dozen pupils: a bigger file is not a gradebook. */
export const GRADES_IMPORT_LIMITS = { maxBytes: SHEET_LIMITS.maxBytes, maxRows: 500 };

type Ids = { classId: number; subjectId: number; semesterId: number };

export interface ImportChange {
	row: number;
	code: string;
	name: string;
	/** a plan column (tx1.., gk, ck) or 'comment' (then before and after are the comment texts) */
	column: string;
	before: CellInput | string | null;
	after: CellInput | string;
}

interface StoredRow {
	row: number;
	studentId: number;
	version: number;
	cells: Record<string, CellInput>;
	comment?: string;
}

interface GradesSummary extends Ids {
	changes: ImportChange[];
	[key: string]: unknown;
}

/** Some rows were saved by someone since the file was exported: nothing was written. */
export class GradeImportConflictError extends ConflictError {
	constructor(public readonly rows: number[]) {
		super('grade_import', rows.join(','));
	}
}

const isEmpty = (c: CellInput) => c.state === 'value' && c.value === null;

/** Reads the file (spreadsheet module limits; SpreadsheetError on the `file` field). */
export async function readGradeFile(name: string, bytes: Uint8Array) {
	return readSheet(name, bytes, GRADES_IMPORT_LIMITS);
}

/**
 * Checks a read file against the gradebook as it is now and stores the preview: changed cells
 * (old → new), cell errors (rules of the grid, locked or not-yet-open columns, unknown pupils).
 */
export async function createGradeImport(
	db: DB,
	actor: Actor,
	ids: Ids,
	input: { fileName: string; sheet: Array<{ row: number; cells: string[] }> }
): Promise<string> {
	const scope = await requireGradebook(
		db,
		actor.principal,
		'teaching.enter',
		ids.classId,
		ids.subjectId,
		ids.semesterId
	);
	const read = readGradeSheet(
		input.sheet,
		planColumns(scope.plan.regularCount),
		scope.plan.assessment
	);
	const errors: SheetCellError[] = [...read.errors];
	const pupils = new Map((await classPupils(db, scope.classId)).map((p) => [p.code, p]));
	const known = read.rows.filter((r) => {
		if (pupils.has(r.code)) return true;
		errors.push({
			row: r.row,
			column: '',
			code: 'grades_sheet_unknown_pupil',
			params: { code: r.code }
		});
		return false;
	});
	const stored = await storedCells(
		db,
		known.map((r) => pupils.get(r.code)!.id),
		scope.subjectId,
		scope.semesterId
	);
	const comments = await storedComments(
		db,
		known.map((r) => pupils.get(r.code)!.id),
		scope.subjectId,
		scope.semesterId
	);
	const byPupil = new Map<number, typeof stored>();
	for (const c of stored) byPupil.set(c.studentId, [...(byPupil.get(c.studentId) ?? []), c]);
	const entry = await gradebookEntry(db, scope, planColumns(scope.plan.regularCount));
	const changes: ImportChange[] = [];
	const rows: StoredRow[] = [];
	for (const r of known) {
		const pupil = pupils.get(r.code)!;
		const current = byPupil.get(pupil.id) ?? [];
		const note = comments.get(pupil.id);
		if (rowVersion(current, note?.version) !== r.version)
			errors.push({ row: r.row, column: '', code: 'grades_sheet_row_changed' });
		for (const [column, after] of Object.entries(r.cells)) {
			const before = current.find((c) => c.column === column) ?? null;
			if (before ? sameCell(before, after) : isEmpty(after)) continue;
			const e = entry[column];
			if (e.state === 'locked' || e.state === 'not_open') {
				errors.push({
					row: r.row,
					column: columnHeader(column),
					code: e.state === 'locked' ? 'grades_locked' : 'grades_not_open',
					params: { checkpoint: e.checkpoint, date: formatDate(e.opensOn) }
				});
				continue;
			}
			const old = before && { value: before.value, state: before.state };
			changes.push({ row: r.row, code: r.code, name: pupil.fullName, column, before: old, after });
		}
		if (r.comment !== undefined && r.comment !== (note?.body ?? '')) {
			// the comment is the end of term's: open until the CK column is locked, as in the grid
			if (entry.ck.state === 'locked')
				errors.push({
					row: r.row,
					column: m.grades_comment(),
					code: 'grades_locked',
					params: { checkpoint: entry.ck.checkpoint, date: formatDate(entry.ck.opensOn) }
				});
			else
				changes.push({
					row: r.row,
					code: r.code,
					name: pupil.fullName,
					column: 'comment',
					before: note?.body || null,
					after: r.comment
				});
		}
		rows.push({
			row: r.row,
			studentId: pupil.id,
			version: r.version,
			cells: r.cells,
			...(r.comment === undefined ? {} : { comment: r.comment })
		});
	}
	return storeBatch(db, actor, scope, input.fileName, { rows, errors, changes });
}

async function storeBatch(
	db: DB,
	actor: Actor,
	scope: GradebookScope,
	fileName: string,
	found: { rows: StoredRow[]; errors: SheetCellError[]; changes: ImportChange[] }
): Promise<string> {
	const id = crypto.randomUUID();
	const summary: GradesSummary = {
		classId: scope.classId,
		subjectId: scope.subjectId,
		semesterId: scope.semesterId,
		changes: found.changes
	};
	await db
		.insertInto('import_batches')
		.values({
			id,
			kind: GRADES_IMPORT_KIND,
			school_id: scope.schoolId,
			file_name: fileName.slice(0, 200),
			row_count: found.rows.length,
			error_count: found.errors.length,
			rows: JSON.stringify(found.rows),
			errors: JSON.stringify(found.errors),
			summary: JSON.stringify(summary),
			created_by: actor.principal.userId
		})
		.execute();
	return id;
}

/** The caller's own batch of this gradebook, or 404. */
function batchQuery(db: DB, principal: Principal, scope: GradebookScope, id: string) {
	return db
		.selectFrom('import_batches')
		.selectAll()
		.where('id', '=', id)
		.where('kind', '=', GRADES_IMPORT_KIND)
		.where('school_id', '=', scope.schoolId)
		.where('created_by', '=', principal.userId)
		.where(sql<boolean>`summary->>'classId' = ${String(scope.classId)}`)
		.where(sql<boolean>`summary->>'subjectId' = ${String(scope.subjectId)}`)
		.where(sql<boolean>`summary->>'semesterId' = ${String(scope.semesterId)}`);
}

export interface GradeImportPreview {
	id: string;
	fileName: string;
	rowCount: number;
	errors: SheetCellError[];
	changes: ImportChange[];
	status: 'preview' | 'committed' | 'discarded';
	isOpen: boolean;
}

export async function getGradeImport(
	db: DB,
	principal: Principal,
	scope: GradebookScope,
	id: string
): Promise<GradeImportPreview> {
	const batch = await batchQuery(db, principal, scope, id).executeTakeFirst();
	if (!batch) notFound();
	return {
		id: batch.id,
		fileName: batch.file_name,
		rowCount: batch.row_count,
		errors: batch.errors as SheetCellError[],
		changes: (batch.summary as GradesSummary).changes ?? [],
		status: batch.status,
		isOpen: batch.status === 'preview' && batch.expires_at.getTime() > Date.now()
	};
}

export type ConfirmOutcome =
	{ ok: true; saved: number } | { ok: false; reason: 'closed' | 'errors' };

/**
 * Writes the batch, all or nothing: every row's version must still be the stored row's (else
 * GradeImportConflictError), then the changed cells go through `saveCells`.
 */
export async function confirmGradeImport(
	db: DB,
	actor: Actor,
	scope: GradebookScope,
	id: string
): Promise<ConfirmOutcome> {
	return inTransaction(db, async (trx) => {
		const batch = await batchQuery(trx, actor.principal, scope, id).forUpdate().executeTakeFirst();
		if (!batch) notFound();
		if (batch.status !== 'preview' || batch.expires_at.getTime() <= Date.now())
			return { ok: false, reason: 'closed' };
		if (batch.error_count > 0) return { ok: false, reason: 'errors' };
		const rows = batch.rows as StoredRow[];
		const current = await storedCells(
			trx,
			rows.map((r) => r.studentId),
			scope.subjectId,
			scope.semesterId,
			true
		);
		const notes = await storedComments(
			trx,
			rows.map((r) => r.studentId),
			scope.subjectId,
			scope.semesterId,
			true
		);
		const stale = rows.filter(
			(r) =>
				rowVersion(
					current.filter((c) => c.studentId === r.studentId),
					notes.get(r.studentId)?.version
				) !== r.version
		);
		if (stale.length) throw new GradeImportConflictError(stale.map((r) => r.row));
		const changes: CellChange[] = rows.flatMap((r) =>
			Object.entries(r.cells).flatMap(([column, after]) => {
				const before = current.find((c) => c.studentId === r.studentId && c.column === column);
				if (before ? sameCell(before, after) : isEmpty(after)) return [];
				return [{ ...after, studentId: r.studentId, column, version: before?.version ?? 0 }];
			})
		);
		const commentChanges: CommentChange[] = rows.flatMap((r) => {
			const before = notes.get(r.studentId);
			if (r.comment === undefined || r.comment === (before?.body ?? '')) return [];
			return [{ studentId: r.studentId, body: r.comment, version: before?.version ?? 0 }];
		});
		const { saved } = await saveCells(
			trx,
			actor,
			scope.classId,
			scope.subjectId,
			scope.semesterId,
			changes,
			commentChanges
		);
		await trx
			.updateTable('import_batches')
			.set({ status: 'committed', committed_at: new Date(), rows: '[]' })
			.where('id', '=', id)
			.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'grades.import.commit',
			entity: 'import_batch',
			entityId: id,
			schoolId: scope.schoolId,
			after: { file: batch.file_name, ...idsOf(scope), saved },
			requestId: actor.requestId
		});
		return { ok: true, saved };
	});
}

const idsOf = (s: GradebookScope): Ids => ({
	classId: s.classId,
	subjectId: s.subjectId,
	semesterId: s.semesterId
});

export async function discardGradeImport(
	db: DB,
	principal: Principal,
	scope: GradebookScope,
	id: string
): Promise<void> {
	const batch = await batchQuery(db, principal, scope, id).executeTakeFirst();
	if (!batch) notFound();
	await db
		.updateTable('import_batches')
		.set({ status: 'discarded', rows: '[]' })
		.where('id', '=', id)
		.where('status', '=', 'preview')
		.execute();
}
