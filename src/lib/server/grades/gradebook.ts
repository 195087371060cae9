import type { Kysely } from 'kysely';
import {
	commentRowResult,
	gradebookRowAverage,
	type CommentCell,
	type GradebookCell,
	type MissingReason
} from '$lib/grades/gradebook';
import type { ColumnEntry } from '$lib/grades/checkpoints';
import type { CellInput } from '$lib/schemas/grades';
import { gradebookEntry } from './checkpoints';
import { storedComments, type CommentView } from './comments';
import type { GradebookReader } from './caller';
import type { Database } from '../db/schema';
import {
	classPupils,
	requireGradebook,
	storedCells,
	type GradebookScope,
	type Plan,
	type Pupil
} from './queries';

export interface RowResult {
	status: 'ok' | 'incomplete' | 'exempt';
	average: number | null;
	passed: boolean | null;
	missing: Array<{ column: string; reason: MissingReason }>;
}

/** 'regular[0]' -> 'tx1', 'midterm' -> 'gk', 'final' -> 'ck' */
function columnOf(field: string): string {
	const regular = /^regular\[(\d+)\]$/.exec(field);
	if (regular) return `tx${Number(regular[1]) + 1}`;
	return field === 'midterm' ? 'gk' : 'ck';
}

function scoredCell(cell: CellInput | undefined): GradebookCell {
	if (!cell) return null;
	if (cell.state === 'absent_makeup') return 'absent';
	if (cell.state === 'exempt') return 'exempt';
	return cell.state === 'value' ? cell.value : null;
}

function commentCell(cell: CellInput | undefined): CommentCell {
	if (!cell) return null;
	if (cell.state === 'absent_makeup') return 'absent';
	if (cell.state === 'value') return null;
	return cell.state;
}

/**
 * A pupil's semester result from the row's cells, through the pure rules of `$lib/grades`: an
 * empty or make-up-pending cell leaves the result incomplete (null, with the missing columns),
 * never a 0. Cells beyond the plan's regular columns are not read.
 */
export function rowResult(plan: Plan, cells: Map<string, CellInput>): RowResult {
	const regularColumns = Array.from({ length: plan.regularCount }, (_, i) => `tx${i + 1}`);
	const result =
		plan.assessment === 'score'
			? gradebookRowAverage(
					{
						regular: regularColumns.map((c) => scoredCell(cells.get(c))),
						midterm: scoredCell(cells.get('gk')),
						final: scoredCell(cells.get('ck'))
					},
					plan
				)
			: commentRowResult(
					{
						regular: regularColumns.map((c) => commentCell(cells.get(c))),
						midterm: commentCell(cells.get('gk')),
						final: commentCell(cells.get('ck'))
					},
					plan
				);
	if (result.status === 'incomplete') {
		const missing = result.missing.map((m) => ({ column: columnOf(m.field), reason: m.reason }));
		return { status: 'incomplete', average: null, passed: null, missing };
	}
	if (result.status === 'exempt')
		return { status: 'exempt', average: null, passed: null, missing: [] };
	return {
		status: 'ok',
		average: 'average' in result ? result.average : null,
		passed: 'passed' in result ? result.passed : null,
		missing: []
	};
}

export interface GradebookCellView extends CellInput {
	version: number;
}

export interface GradebookRow extends Pupil {
	cells: Record<string, GradebookCellView>;
	/** the subject teacher's comment (nhận xét) of the semester; version 0: none yet */
	comment: CommentView;
	result: RowResult;
}

export interface Gradebook extends GradebookScope {
	columns: string[];
	/** whether each column can be entered today (checkpoint windows and locks) */
	entry: Record<string, ColumnEntry>;
	rows: GradebookRow[];
}

/** Cells of each pupil by column. */
export function cellsByPupil(
	cells: Array<CellInput & { studentId: number; column: string; version: number }>
) {
	const byPupil = new Map<number, Map<string, GradebookCellView>>();
	for (const c of cells) {
		const row = byPupil.get(c.studentId) ?? new Map();
		row.set(c.column, { value: c.value, state: c.state, version: c.version });
		byPupil.set(c.studentId, row);
	}
	return byPupil;
}

/**
 * A gradebook as its teacher, the homeroom teacher, the school admin or a grades token of the
 * school sees it (404 for anyone else): the class's pupils x the plan's columns, each cell with its version, and each row's
 * computed result.
 */
export async function loadGradebook(
	db: Kysely<Database>,
	who: GradebookReader,
	classId: number,
	subjectId: number,
	semesterId: number
): Promise<Gradebook> {
	const scope = await requireGradebook(db, who, 'teaching.view', classId, subjectId, semesterId);
	const pupils = await classPupils(db, classId);
	const ids = pupils.map((p) => p.id);
	const [cells, comments] = await Promise.all([
		storedCells(db, ids, subjectId, semesterId),
		storedComments(db, ids, subjectId, semesterId)
	]);
	const byPupil = cellsByPupil(cells);
	const columns = [
		...Array.from({ length: scope.plan.regularCount }, (_, i) => `tx${i + 1}`),
		'gk',
		'ck'
	];
	const rows = pupils.map((pupil) => {
		const cells = byPupil.get(pupil.id) ?? new Map<string, GradebookCellView>();
		return {
			...pupil,
			cells: Object.fromEntries(cells),
			comment: comments.get(pupil.id) ?? { body: '', version: 0 },
			result: rowResult(scope.plan, cells)
		};
	});
	const entry = await gradebookEntry(db, scope, columns);
	return { ...scope, columns, entry, rows };
}
