import { json } from '@sveltejs/kit';
import type { z } from 'zod';

/** JSON API helpers: one error shape for every endpoint. */
export function apiError(status: number, error: string, details?: unknown): Response {
	return json(details === undefined ? { error } : { error, details }, { status });
}

export const notFoundJson = () => apiError(404, 'not_found');

/** Parses query parameters with a zod schema; a bad value answers 400 with the issues. */
export function parseQuery<T extends z.ZodType>(
	schema: T,
	url: URL
): { ok: true; data: z.infer<T> } | { ok: false; response: Response } {
	const result = schema.safeParse(Object.fromEntries(url.searchParams));
	if (result.success) return { ok: true, data: result.data };
	return {
		ok: false,
		response: apiError(
			400,
			'invalid_query',
			result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
		)
	};
}

/**
 * A JSON answer typed against the schema the OpenAPI document publishes for it
 * (`api/paths/<module>.ts`), so the code and the document cannot drift apart.
 */
export function apiJson<S extends z.ZodType>(
	_schema: S,
	body: z.output<S>,
	init?: ResponseInit
): Response {
	return json(body, init);
}
