import { sql, type Kysely } from 'kysely';
import type { CellInput } from '$lib/schemas/grades';
import { cellKey, cellProblems, InvalidCellsError, strangers } from './cell-checks';
import { writeAuditMany } from '../audit';
import { readerOf, writerOf, type GradesActor } from './caller';
import type { Database } from '../db/schema';
import { ConflictError } from '../errors';
import { formatDate } from '$lib/dates';
import { gradebookEntry, GradebookLockedError, inTransaction } from './checkpoints';
import { cellsByPupil, rowResult } from './gradebook';
import { recomputeYearSummaries } from './summaries';
import { requireGradebook, storedCells, type GradebookScope, type StoredCell } from './queries';
import { recordPortalUse } from '../usage/portal-use';
import {
	commentKey,
	storedComments,
	validateComments,
	writeComments,
	type CommentChange,
	type CommentView
} from './comments';

type Db = Kysely<Database>;

export interface CellChange extends CellInput {
	studentId: number;
	column: string;
	/** the version the editor loaded; 0 for a cell that had never been saved */
	version: number;
}

export { cellKey, InvalidCellsError, type CellProblem } from './cell-checks';

export interface ConflictingCell extends CellInput {
	studentId: number;
	column: string;
	version: number;
}

export interface ConflictingComment extends CommentView {
	studentId: number;
}

/** Someone saved some of these cells or comments since the editor loaded them: nothing was saved. */
export class GradebookConflictError extends ConflictError {
	constructor(
		public readonly cells: ConflictingCell[],
		public readonly comments: ConflictingComment[] = []
	) {
		super('grade_scores', [...cells.map(cellKey), ...comments.map(commentKey)].join(','));
	}
}

/**
 * Saves cells of a gradebook the actor teaches ('teaching.enter'; 404 otherwise), all or nothing:
 * every cell is checked against the plan and the score rules, and against the version its editor
 * loaded (a stale cell: GradebookConflictError listing every conflicting cell, nothing saved).
 * Unchanged cells are left alone; every change is audited with its old and new value, and the
 * results of the pupils concerned are recomputed in the same transaction.
 */
export async function saveCells(
	db: Db,
	actor: GradesActor,
	classId: number,
	subjectId: number,
	semesterId: number,
	cells: CellChange[],
	comments: CommentChange[] = []
): Promise<{ saved: number }> {
	return inTransaction(db, async (trx) => {
		const scope = await requireGradebook(
			trx,
			readerOf(actor),
			'teaching.enter',
			classId,
			subjectId,
			semesterId
		);
		if (!cells.length && !comments.length) return { saved: 0 };
		const problems = cellProblems(scope, cells);
		validateComments(comments);
		problems.push(...(await strangers(trx, classId, [...cells, ...comments])));
		if (problems.length) throw new InvalidCellsError(problems);
		const studentIds = [...new Set(cells.map((c) => c.studentId))];
		const stored = new Map(
			(await storedCells(trx, studentIds, subjectId, semesterId, true)).map((c) => [cellKey(c), c])
		);
		const changes = cells.filter((cell) => {
			const current = stored.get(cellKey(cell));
			return current
				? current.state !== cell.state || current.value !== cell.value
				: cell.value !== null || cell.state !== 'value';
		});
		const commentIds = comments.map((c) => c.studentId);
		const storedNotes = await storedComments(trx, commentIds, subjectId, semesterId, true);
		const noteChanges = comments.filter(
			(c) => (storedNotes.get(c.studentId)?.body ?? '') !== c.body
		);
		await refuseClosedCells(trx, scope, changes, noteChanges);
		const conflicts = cellConflicts(cells, stored);
		const noteConflicts = comments.flatMap((c) => {
			const current = storedNotes.get(c.studentId) ?? { body: '', version: 0 };
			return current.version === c.version ? [] : [{ studentId: c.studentId, ...current }];
		});
		if (conflicts.length || noteConflicts.length)
			throw new GradebookConflictError(conflicts.map(conflictView), noteConflicts);
		if (!changes.length && !noteChanges.length) return { saved: 0 };
		await writeChanges(trx, actor, scope, changes, stored, 'grades.score.save');
		const lost = await writeComments(trx, actor, scope, noteChanges, storedNotes);
		if (lost.length) {
			const now = await storedComments(trx, lost, subjectId, semesterId);
			throw new GradebookConflictError(
				[],
				lost.map((id) => ({ studentId: id, ...(now.get(id) ?? { body: '', version: 0 }) }))
			);
		}
		if (changes.length)
			await recomputeResults(trx, scope, [...new Set(changes.map((c) => c.studentId))]);
		// entering grades here is use of the e-gradebook (usage/portal-use.ts); a token's sync is not
		const writer = writerOf(actor);
		if (writer.isPerson)
			await recordPortalUse(trx, {
				userId: writer.userId,
				schoolId: scope.schoolId,
				classId,
				activity: 'grades'
			});
		return { saved: changes.length + noteChanges.length };
	});
}

/** Cells whose stored version is not the one their editor loaded (a never-saved cell: 0). */
function cellConflicts(cells: CellChange[], stored: Map<string, StoredCell>) {
	return cells.flatMap((cell) => {
		const current = stored.get(cellKey(cell));
		if ((current?.version ?? 0) === cell.version) return [];
		return [
			current ?? {
				studentId: cell.studentId,
				column: cell.column,
				value: null,
				state: 'value' as const,
				version: 0
			}
		];
	});
}

/**
 * After a checkpoint's lock its cells are read-only (a correction request changes them); before
 * its window opens its periodic column cannot be entered. The first such cell refuses the save.
 */
async function refuseClosedCells(
	trx: Db,
	scope: GradebookScope,
	changes: CellChange[],
	comments: CommentChange[] = []
) {
	if (!changes.length && !comments.length) return;
	const columns = new Set(changes.map((c) => c.column));
	if (comments.length) columns.add('ck');
	const entry = await gradebookEntry(trx, scope, [...columns]);
	// the comment is the end-of-term's (Circular 22, Art. 7): read-only once the CK column is locked
	const ck = entry.ck;
	if (comments.length && ck.state === 'locked')
		throw new GradebookLockedError(commentKey(comments[0]), 'grades_locked', {
			checkpoint: ck.checkpoint
		});
	for (const cell of changes) {
		const e = entry[cell.column];
		if (e.state === 'locked')
			throw new GradebookLockedError(cellKey(cell), 'grades_locked', { checkpoint: e.checkpoint });
		if (e.state === 'not_open')
			throw new GradebookLockedError(cellKey(cell), 'grades_not_open', {
				checkpoint: e.checkpoint,
				date: formatDate(e.opensOn)
			});
	}
}

function conflictView(c: ConflictingCell | StoredCell): ConflictingCell {
	return {
		studentId: c.studentId,
		column: c.column,
		value: c.value,
		state: c.state,
		version: c.version
	};
}

/**
 * Writes changed cells (stored: the cells as they were, locked) in one statement, and audits each
 * as `action` in one insert. The statement carries its own version check: a cell is inserted with
 * version = loaded version + 1, and an existing cell is only updated while its stored version is
 * still the loaded one (`where grade_scores.version + 1 = excluded.version`). A cell that another
 * editor saved first (also a never-saved cell inserted meanwhile) comes back missing from the
 * returned rows: a conflict, never a silent overwrite; the caller's transaction rolls back.
 */
export async function writeChanges(
	trx: Db,
	actor: GradesActor,
	scope: GradebookScope,
	changes: CellChange[],
	stored: Map<string, StoredCell>,
	action: string,
	auditExtra: Record<string, unknown> = {}
): Promise<void> {
	if (!changes.length) return;
	const writer = writerOf(actor);
	const userId = writer.userId;
	const now = new Date();
	const written = await trx
		.insertInto('grade_scores')
		.values(
			changes.map((c) => ({
				student_id: c.studentId,
				subject_id: scope.subjectId,
				semester_id: scope.semesterId,
				class_id: scope.classId,
				column_key: c.column as `tx${number}`,
				value: c.value,
				state: c.state,
				version: c.version + 1,
				updated_by: userId,
				updated_at: now
			}))
		)
		.onConflict((oc) =>
			oc
				.constraint('grade_scores_cell_key')
				.doUpdateSet((eb) => ({
					value: eb.ref('excluded.value'),
					state: eb.ref('excluded.state'),
					version: eb.ref('excluded.version'),
					updated_by: eb.ref('excluded.updated_by'),
					updated_at: eb.ref('excluded.updated_at')
				}))
				.where(sql<boolean>`grade_scores.version + 1 = excluded.version`)
		)
		.returning(['student_id as studentId', 'column_key as column'])
		.execute();
	if (written.length < changes.length) {
		const done = new Set(written.map(cellKey));
		const lost = changes.filter((c) => !done.has(cellKey(c)));
		throw new GradebookConflictError(await currentCells(trx, scope, lost));
	}
	await writeAuditMany(
		trx,
		changes.map((c) => {
			const before = stored.get(cellKey(c));
			return {
				actorUserId: userId,
				action,
				entity: 'grade_score',
				entityId: `${c.studentId}:${scope.subjectId}:${scope.semesterId}:${c.column}`,
				schoolId: scope.schoolId,
				before: before
					? { value: before.value, state: before.state, version: before.version }
					: null,
				after: {
					value: c.value,
					state: c.state,
					version: c.version + 1,
					...auditExtra,
					...writer.via
				},
				requestId: writer.requestId
			};
		})
	);
}

/** The cells as another editor left them (after a lost race), for the conflict message. */
async function currentCells(
	trx: Db,
	scope: GradebookScope,
	lost: CellChange[]
): Promise<ConflictingCell[]> {
	const ids = [...new Set(lost.map((c) => c.studentId))];
	const now = new Map(
		(await storedCells(trx, ids, scope.subjectId, scope.semesterId)).map((c) => [cellKey(c), c])
	);
	return lost.map((c) => {
		const cur = now.get(cellKey(c));
		return cur
			? conflictView(cur)
			: { studentId: c.studentId, column: c.column, value: null, state: 'value', version: 0 };
	});
}

/**
 * The stored semester results of these pupils, from their cells as they now are, and their year
 * summaries (levels, decisions) from those results.
 */
export async function recomputeResults(
	trx: Db,
	scope: GradebookScope,
	studentIds: number[]
): Promise<void> {
	const byPupil = cellsByPupil(
		await storedCells(trx, studentIds, scope.subjectId, scope.semesterId)
	);
	const rows = studentIds.map((studentId) => {
		const r = rowResult(scope.plan, byPupil.get(studentId) ?? new Map());
		return {
			student_id: studentId,
			subject_id: scope.subjectId,
			semester_id: scope.semesterId,
			class_id: scope.classId,
			status: r.status,
			average: r.average,
			passed: r.passed,
			missing: r.missing.map((m) => m.column),
			updated_at: new Date()
		};
	});
	await trx
		.insertInto('grade_results')
		.values(rows)
		.onConflict((oc) =>
			oc.columns(['student_id', 'subject_id', 'semester_id']).doUpdateSet((eb) => ({
				class_id: eb.ref('excluded.class_id'),
				status: eb.ref('excluded.status'),
				average: eb.ref('excluded.average'),
				passed: eb.ref('excluded.passed'),
				missing: eb.ref('excluded.missing'),
				updated_at: eb.ref('excluded.updated_at')
			}))
		)
		.execute();
	await recomputeYearSummaries(trx, scope.classId, studentIds);
}
