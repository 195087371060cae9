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

/** A positive integer route parameter, or null (the route then answers 404). */
export function idParam(value: string): number | null {
	return /^\d{1,9}$/.test(value) ? Number(value) : null;
}
