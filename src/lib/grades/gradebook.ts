/**
 * From gradebook cells to complete inputs for the rules in secondary.ts. A cell is a score, empty
 * (null: not entered yet), 'absent' (missed with a reason, make-up pending) or 'exempt'. Neither an
 * empty nor an absent cell is ever read as 0: no average is computed until every required score exists
 * (a pupil who never takes the make-up gets a 0 or Chưa đạt that the teacher records; grading.md §2.2).
 *
 * Choices made here (not settled by the circular):
 * - An exempt regular (TX) cell leaves that assessment out of both the sum and the count; an exempt
 *   mid-term or end-of-term cell exempts the pupil from the subject for the semester (status 'exempt'),
 *   and the subject is then left out of the learning level by the caller.
 * - A filled cell beyond the plan's regular columns is an error, not an extra score.
 */
import { divideRounded, fromTenths } from './decimal';
import { scoreTenths } from './scores';
import {
	DEFAULT_AVERAGE_SETTINGS,
	semesterAverage,
	semesterAverageFraction,
	type AverageSettings
} from './secondary';

export type GradebookCell = number | null | 'absent' | 'exempt';
export type CommentCell = 'dat' | 'chua_dat' | null | 'absent' | 'exempt';
export type MissingReason = 'not_entered' | 'makeup_pending';
export interface MissingCell {
	field: string;
	reason: MissingReason;
}

export type RowResult<T> =
	({ status: 'ok' } & T) | { status: 'incomplete'; missing: MissingCell[] } | { status: 'exempt' };

interface Row<C> {
	regular: C[];
	midterm: C;
	final: C;
}

function checkPlan(plan: { regularCount: number }): number {
	if (!Number.isInteger(plan?.regularCount) || plan.regularCount < 1) {
		throw new RangeError('plan.regularCount must be a positive integer');
	}
	return plan.regularCount;
}

/** The row's cells by field name, checked against the plan, or the reason there is no result yet. */
function collect<C>(
	row: Row<C>,
	plan: { regularCount: number },
	validate: (cell: C, field: string) => void
):
	| { regular: C[]; midterm: C; final: C }
	| { status: 'incomplete' | 'exempt'; missing: MissingCell[] } {
	const count = checkPlan(plan);
	if (!Array.isArray(row?.regular)) throw new RangeError('regular must be a list of cells');
	row.regular.forEach((cell, i) => {
		if (i >= count && cell !== null) {
			throw new RangeError(`regular[${i}] is not a column of the plan (${count} regular scores)`);
		}
	});
	const fields: Array<[string, C]> = [
		...Array.from({ length: count }, (_, i): [string, C] => [
			`regular[${i}]`,
			row.regular[i] ?? (null as C)
		]),
		['midterm', row.midterm],
		['final', row.final]
	];
	if (row.midterm === 'exempt' || row.final === 'exempt') return { status: 'exempt', missing: [] };
	const missing: MissingCell[] = [];
	for (const [field, cell] of fields) {
		if (cell === null || cell === undefined) missing.push({ field, reason: 'not_entered' });
		else if (cell === 'absent') missing.push({ field, reason: 'makeup_pending' });
		else if (cell !== 'exempt') validate(cell, field);
	}
	if (missing.length > 0) return { status: 'incomplete', missing };
	const regular = row.regular.slice(0, count).filter((cell) => cell !== 'exempt');
	if (regular.length === 0) return { status: 'exempt', missing: [] };
	return { regular, midterm: row.midterm, final: row.final };
}

function asResult<T>(collected: {
	status: 'incomplete' | 'exempt';
	missing: MissingCell[];
}): RowResult<T> {
	return collected.status === 'exempt'
		? { status: 'exempt' }
		: { status: 'incomplete', missing: collected.missing };
}

/** A scored subject's semester average (Circular 22, Art. 9(1)(b)) once the row is complete. */
export function gradebookRowAverage(
	cells: Row<GradebookCell>,
	plan: { regularCount: number },
	settings: AverageSettings = DEFAULT_AVERAGE_SETTINGS
): RowResult<{ average: number }> {
	const collected = collect(cells, plan, (cell, field) => {
		if (typeof cell !== 'number') {
			throw new RangeError(`${field} must be a score, empty, 'absent' or 'exempt'`);
		}
		scoreTenths(cell, field);
	});
	if ('status' in collected) return asResult(collected);
	const scores = {
		regular: collected.regular as number[],
		midterm: collected.midterm as number,
		final: collected.final as number
	};
	return { status: 'ok', average: semesterAverage(scores, settings) };
}

/**
 * Circular 22, Art. 9(1)(a): a comment subject's semester result is Đạt when every required assessment
 * exists and all are Đạt, otherwise Chưa đạt. The year result is the semester II result.
 */
export function commentRowResult(
	cells: Row<CommentCell>,
	plan: { regularCount: number }
): RowResult<{ passed: boolean }> {
	const collected = collect(cells, plan, (cell, field) => {
		if (cell !== 'dat' && cell !== 'chua_dat') {
			throw new RangeError(`${field} must be 'dat', 'chua_dat', empty, 'absent' or 'exempt'`);
		}
	});
	if ('status' in collected) return asResult(collected);
	const all = [...collected.regular, collected.midterm, collected.final];
	return { status: 'ok', passed: all.every((cell) => cell === 'dat') };
}

export function commentYearResult(semester1Passed: boolean, semester2Passed: boolean): boolean {
	for (const [field, value] of Object.entries({ semester1Passed, semester2Passed })) {
		if (typeof value !== 'boolean') throw new RangeError(`${field} must be true or false`);
	}
	return semester2Passed;
}

type Scores = { regular: number[]; midterm: number; final: number };

/**
 * A scored subject's semester and year averages from its scores. Setting `semesterAverages`
 * (UNCERTAIN, grading.md §3): 'rounded' (default, common practice: the year average is computed from
 * the semester averages as printed) or 'exact' (from the unrounded semester averages).
 */
export function yearAverageFromScores(
	semester1: Scores,
	semester2: Scores,
	settings: AverageSettings & { semesterAverages: 'rounded' | 'exact' } = {
		...DEFAULT_AVERAGE_SETTINGS,
		semesterAverages: 'rounded'
	}
): { semester1: number; semester2: number; year: number } {
	const a = semesterAverageFraction(semester1);
	const b = semesterAverageFraction(semester2);
	const a1 = divideRounded(a.numerator, a.denominator, settings.rounding);
	const b1 = divideRounded(b.numerator, b.denominator, settings.rounding);
	const year =
		settings.semesterAverages === 'exact'
			? divideRounded(
					a.numerator * b.denominator + 2 * b.numerator * a.denominator,
					3 * a.denominator * b.denominator,
					settings.rounding
				)
			: divideRounded(a1 + 2 * b1, 3, settings.rounding);
	return { semester1: fromTenths(a1), semester2: fromTenths(b1), year: fromTenths(year) };
}
