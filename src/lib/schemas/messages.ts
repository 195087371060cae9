import { z } from 'zod';
import { id, optionalMultiline, str, text } from './common';

/** The longest message body (the column's check says the same). */
export const MAX_MESSAGE_LENGTH = 5000;

/** A message body: line breaks and tabs kept, control characters refused, never empty. */
export const messageBody = optionalMultiline(MAX_MESSAGE_LENGTH).pipe(z.string());

/**
 * Whom a parent writes to, about which child, in one select value (works without JavaScript):
 * `12:homeroom`, `12:office` or `12:subject:5` (the teacher of subject 5 in the child's class).
 */
export const recipientSchema = str()
	.trim()
	.max(40)
	.transform((v, ctx) => {
		const match = /^(\d{1,10}):(homeroom|office|subject:(\d{1,10}))$/.exec(v);
		const studentId = match ? id.safeParse(match[1]) : null;
		const subjectId = match?.[3] ? id.safeParse(match[3]) : null;
		if (!match || !studentId?.success || (match[3] && !subjectId?.success)) {
			ctx.addIssue({ code: 'custom', message: v ? 'v_invalid' : 'v_required' });
			return z.NEVER;
		}
		const kind = match[2].startsWith('subject') ? 'subject' : (match[2] as 'homeroom' | 'office');
		return {
			studentId: studentId.data,
			kind,
			subjectId: subjectId?.success ? subjectId.data : null
		} as const;
	});

export type Recipient = z.infer<typeof recipientSchema>;

/** A parent starts a conversation. */
export const parentStartSchema = z.object({
	to: recipientSchema,
	title: text(200),
	body: messageBody
});

/** A teacher starts a conversation with a pupil's guardians. */
export const teacherStartSchema = z.object({
	student: id,
	title: text(200),
	body: messageBody
});

export const replySchema = z.object({ body: messageBody });
