import type { ParamMatcher } from '@sveltejs/kit';

/**
 * A row id in a URL: a positive integer that fits PostgreSQL's `integer`. Anything else
 * (`abc`, `1e3`, `-1`, `007`, 2^31) is a 404 before any load or action runs.
 */
export const match = ((param: string) =>
	/^[1-9]\d{0,9}$/.test(param) && Number(param) <= 2_147_483_647) satisfies ParamMatcher;
