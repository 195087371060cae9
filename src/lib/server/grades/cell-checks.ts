import type { Kysely } from 'kysely';
import { secondaryScoreProblem } from '$lib/grades/scores';
import { planColumns, type CellState } from '$lib/schemas/grades';
import type { Database } from '../db/schema';
import { DomainError } from '../errors';
import { commentKey } from './comments';
import type { GradebookScope } from './queries';
import type { CellChange } from './service';
import { enrolledAmong } from '../roster/enrolments';

type Db = Kysely<Database>;

/**
 * The checks of `saveCells` that refuse cells before anything is read for update: every refused
 * cell is collected (the API lists them all; the page shows each beside its cell).
 */

/** The key of a cell in errors and forms: `<pupil>_<column>`. */
export const cellKey = (c: { studentId: number; column: string }) => `${c.studentId}_${c.column}`;

const SCORE_STATES: CellState[] = ['value', 'absent_makeup', 'exempt'];
const COMMENT_STATES: CellState[] = ['dat', 'chua_dat', 'absent_makeup', 'exempt', 'value'];

/** One refused cell (or comment): its key (`<pupil>_<column>`), the error code and its params. */
export interface CellProblem {
	field: string;
	code: string;
	params?: Record<string, string | number>;
}

/**
 * Every refused cell of a save, nothing saved. A DomainError on the first cell's field (so a form
 * that shows one error still can); the API lists them all (400 `invalid_cells`).
 */
export class InvalidCellsError extends DomainError {
	constructor(public readonly problems: CellProblem[]) {
		super(problems[0].code, problems[0].params ?? {}, problems[0].field);
	}
}

/** Circular 22, Art. 5(3)(b) and the plan (Art. 6(2)): why a cell is refused, or null. */
function cellProblem(scope: GradebookScope, columns: Set<string>, cell: CellChange): string | null {
	const states = scope.plan.assessment === 'score' ? SCORE_STATES : COMMENT_STATES;
	if (!columns.has(cell.column)) return 'grades_v_not_in_plan';
	if (!Number.isSafeInteger(cell.version) || cell.version < 0) return 'v_invalid';
	if (!states.includes(cell.state))
		return scope.plan.assessment === 'score' ? 'grades_v_score_only' : 'grades_v_comment';
	if (cell.state !== 'value' && cell.value !== null) return 'v_invalid';
	if (cell.state === 'value' && cell.value !== null) {
		if (scope.plan.assessment === 'comment') return 'grades_v_comment';
		const problem = secondaryScoreProblem(cell.value);
		if (problem) return `grades_v_${problem}`;
	}
	return null;
}

/** Every refused cell: a duplicate, a column the plan does not have, a bad state or score. */
export function cellProblems(scope: GradebookScope, cells: CellChange[]): CellProblem[] {
	const columns = new Set(planColumns(scope.plan.regularCount));
	const seen = new Set<string>();
	const problems: CellProblem[] = [];
	for (const cell of cells) {
		const key = cellKey(cell);
		const code = seen.has(key) ? 'v_duplicate' : cellProblem(scope, columns, cell);
		seen.add(key);
		if (code) problems.push({ field: key, code });
	}
	return problems;
}

/** The cells and comments of pupils who are not active pupils of the class. */
export async function strangers(
	trx: Db,
	classId: number,
	cells: Array<{ studentId: number; column?: string }>
): Promise<CellProblem[]> {
	const ids = [...new Set(cells.map((c) => c.studentId))];
	if (!ids.length) return [];
	// the class's pupils of its school year (0360), whatever class they are in now
	const inClass = await enrolledAmong(trx, classId, ids);
	return cells
		.filter((c) => !inClass.has(c.studentId))
		.map((c) => ({
			field: c.column ? cellKey({ studentId: c.studentId, column: c.column }) : commentKey(c),
			code: 'grades_pupil_not_in_class'
		}));
}
