import { tryTenths } from './decimal';

/**
 * Score validation, shared by the pure rules (which throw) and by entry forms and imports (which show
 * the problem at the cell).
 * - Circular 22, Art. 5(3)(b): secondary scores are on a 10-point scale, an integer or a decimal with
 *   one decimal place: 0 to 10, at most one decimal (0 is a real score, not a missing one).
 * - Circular 27, Art. 7: primary periodic tests are scored out of 10 as integers, with no 0 and no
 *   decimals: 1 to 10.
 */
export type ScoreProblem = 'not_a_number' | 'out_of_range' | 'too_many_decimals' | 'not_an_integer';

export const SECONDARY_SCORE_RULE = 'must be between 0 and 10 with at most one decimal';
export const PRIMARY_TEST_RULE = 'must be an integer from 1 to 10';

export function secondaryScoreProblem(value: number): ScoreProblem | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return 'not_a_number';
	if (value < 0 || value > 10) return 'out_of_range';
	return tryTenths(value) === null ? 'too_many_decimals' : null;
}

export function primaryTestScoreProblem(value: number): ScoreProblem | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return 'not_a_number';
	if (!Number.isInteger(value)) return 'not_an_integer';
	return value < 1 || value > 10 ? 'out_of_range' : null;
}

/** A secondary score in integer tenths; a RangeError naming `field` when it is not a valid score. */
export function scoreTenths(value: number, field: string): number {
	const tenths = secondaryScoreProblem(value) === null ? tryTenths(value) : null;
	if (tenths === null) throw new RangeError(`${field} ${SECONDARY_SCORE_RULE}`);
	return tenths;
}

export function assertPrimaryTestScore(value: number, field: string): number {
	if (primaryTestScoreProblem(value) !== null)
		throw new RangeError(`${field} ${PRIMARY_TEST_RULE}`);
	return value;
}

export type ParsedScore = { ok: true; value: number } | { ok: false; problem: ScoreProblem };

/** Text typed or pasted into a cell: "8,5" (Vietnamese decimal comma) and "8.5" both read as 8.5. */
export function parseSecondaryScore(text: string): ParsedScore {
	return parseWith(text, secondaryScoreProblem);
}

export function parsePrimaryTestScore(text: string): ParsedScore {
	return parseWith(text, primaryTestScoreProblem);
}

function parseWith(text: string, problemOf: (value: number) => ScoreProblem | null): ParsedScore {
	const trimmed = text.trim().replace(',', '.');
	if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return { ok: false, problem: 'not_a_number' };
	const value = Number(trimmed);
	const problem = problemOf(value);
	return problem === null ? { ok: true, value } : { ok: false, problem };
}
