/**
 * Exact decimal arithmetic for grades. Every score has at most one decimal (Circular 22, Art. 5(3)(b)),
 * so scores are handled as integer tenths and every average as an integer fraction of tenths; the only
 * rounding is the one the circular asks for, done on integers. Binary floats never reach a comparison
 * or a rounding step (8.25 is exact in binary, but sums such as 8.1 + 8.2 + 8.3 are not).
 */

/** How a value exactly half-way between two tenths is rounded. */
export type Rounding = 'half_up' | 'half_even';

const TENTHS_TOLERANCE = 1e-6;

/** The value in integer tenths, or null when it is not a finite number with at most one decimal. */
export function tryTenths(value: number): number | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return null;
	const scaled = value * 10;
	const tenths = Math.round(scaled);
	return Math.abs(scaled - tenths) < TENTHS_TOLERANCE ? tenths : null;
}

export function fromTenths(tenths: number): number {
	return tenths / 10;
}

/**
 * numerator / denominator (non-negative integers, denominator > 0) rounded to an integer.
 * Integer arithmetic only, so a tie is recognised exactly.
 */
export function divideRounded(
	numerator: number,
	denominator: number,
	rounding: Rounding = 'half_up'
): number {
	if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
		throw new RangeError('divideRounded needs integers and a positive denominator');
	}
	if (numerator < 0) throw new RangeError('divideRounded needs a non-negative numerator');
	let quotient = Math.floor(numerator / denominator);
	if (quotient * denominator > numerator) quotient -= 1;
	const twiceRemainder = 2 * (numerator - quotient * denominator);
	if (twiceRemainder > denominator) return quotient + 1;
	if (twiceRemainder < denominator) return quotient;
	if (rounding === 'half_even') return quotient % 2 === 0 ? quotient : quotient + 1;
	return quotient + 1;
}
