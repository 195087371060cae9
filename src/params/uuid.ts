import type { ParamMatcher } from '@sveltejs/kit';

/** A random UUID in a URL (import batches). */
export const match = ((param: string) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(
		param
	)) satisfies ParamMatcher;
