import { z } from 'zod';
import { parseDate, queryId, searchQuery, str } from './common';

/**
 * The access log's filters (a GET form: query parameters). Anything unusable is dropped, never a
 * 500; a date that is not a real day is dropped and named beside its field (`v_date`).
 */
const day = str()
	.max(20)
	.optional()
	.catch(undefined)
	.transform((v) => {
		if (!v || !v.trim()) return { value: null, invalid: false };
		const parsed = parseDate(v.trim());
		return { value: parsed, invalid: parsed === null };
	});

export const accessLogFilterSchema = z.object({
	q: searchQuery,
	reader: queryId,
	what: z.enum(['pupil', 'guardian']).optional().catch(undefined),
	from: day,
	to: day
});

export function accessLogFilterOf(url: URL) {
	const raw = accessLogFilterSchema.parse({
		q: url.searchParams.get('q') ?? undefined,
		reader: url.searchParams.get('reader') ?? undefined,
		what: url.searchParams.get('what') ?? undefined,
		from: url.searchParams.get('from') ?? undefined,
		to: url.searchParams.get('to') ?? undefined
	});
	return {
		filter: {
			q: raw.q ?? '',
			reader: raw.reader ?? null,
			what: raw.what ?? null,
			from: raw.from.value,
			to: raw.to.value
		},
		/** what was typed, shown again in the form */
		typed: {
			q: raw.q ?? '',
			reader: raw.reader ?? null,
			what: raw.what ?? '',
			from: (url.searchParams.get('from') ?? '').slice(0, 20),
			to: (url.searchParams.get('to') ?? '').slice(0, 20)
		},
		errors: {
			from: raw.from.invalid ? 'v_date' : null,
			to: raw.to.invalid ? 'v_date' : null
		}
	};
}
