import { z } from 'zod';
import { FORM_KEY, id, optionalMultiline, str, text } from './common';

/** The most schools one notice may name (a province has a few thousand). */
export const MAX_TARGET_SCHOOLS = 5000;

/** School codes typed one per line (or separated by commas, semicolons, spaces); empty = all. */
const schoolCodes = optionalMultiline(200_000).transform((v, ctx) => {
	const codes = [...new Set((v ?? '').split(/[\s,;]+/).filter(Boolean))];
	if (codes.length > MAX_TARGET_SCHOOLS || codes.some((c) => c.length > 40)) {
		ctx.addIssue({ code: 'custom', message: 'v_invalid' });
		return z.NEVER;
	}
	return codes;
});

/**
 * An official notice of the department or an area office. `area` (department only) narrows the
 * scope to one area; `schools` to the listed schools of the scope. `formKey` makes the sending
 * idempotent: the same form sent twice writes one notice.
 */
export const officialNoticeSchema = z.object({
	formKey: str().regex(FORM_KEY),
	title: text(200),
	body: optionalMultiline(10_000).pipe(z.string()),
	area: z
		.union([z.literal(''), id])
		.optional()
		.transform((v) => (v === '' || v === undefined ? null : v)),
	schools: schoolCodes,
	includeTeachers: z
		.enum(['on'])
		.optional()
		.transform((v) => v === 'on')
});

export type OfficialNoticeInput = z.infer<typeof officialNoticeSchema>;

/** The list filters of a notice's read figures (`?unread=1`). */
export const readFiguresQuery = z.object({
	unread: z.enum(['1']).optional().catch(undefined)
});
