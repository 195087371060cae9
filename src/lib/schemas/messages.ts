import { z } from 'zod';
import { id, isoDate, optionalDate, optionalMultiline, str, text, version } from './common';

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

/** Whom a notice goes to. */
export const NOTICE_TARGETS = ['school', 'grades', 'classes', 'students', 'staff'] as const;
export type NoticeTarget = (typeof NOTICE_TARGETS)[number];

/** Pupil codes typed one per line (or separated by commas, semicolons, spaces). */
const pupilCodes = optionalMultiline(40_000).transform((v, ctx) => {
	const codes = [...new Set((v ?? '').split(/[\s,;]+/).filter(Boolean))];
	if (codes.length > 2000 || codes.some((c) => c.length > 40)) {
		ctx.addIssue({ code: 'custom', message: 'v_invalid' });
		return z.NEVER;
	}
	return codes;
});

/**
 * A notice of the school admin. Grades and classes come as repeated fields (checkboxes, a multiple
 * select): the page reads them with `getAll` before parsing.
 */
export const noticeSchema = z
	.object({
		title: text(200),
		body: optionalMultiline(10_000).pipe(z.string()),
		target: z.enum(NOTICE_TARGETS),
		grades: z.array(z.coerce.number().int().min(1).max(12)).max(12).default([]),
		classes: z.array(id).max(500).default([]),
		students: pupilCodes,
		requiresConfirmation: z
			.enum(['on'])
			.optional()
			.transform((v) => v === 'on'),
		confirmBy: optionalDate
	})
	.superRefine((v, ctx) => {
		const need = (path: string, ok: boolean) =>
			ok || ctx.addIssue({ code: 'custom', path: [path], message: 'v_required' });
		if (v.target === 'grades') need('grades', v.grades.length > 0);
		if (v.target === 'classes') need('classes', v.classes.length > 0);
		if (v.target === 'students') need('students', v.students.length > 0);
		if (v.confirmBy && !v.requiresConfirmation)
			ctx.addIssue({ code: 'custom', path: ['confirmBy'], message: 'v_invalid' });
	});

export type NoticeInput = z.infer<typeof noticeSchema>;

/** The hidden id of the notice a button acts on (remind, confirm): nothing happens without it. */
export const noticeButtonSchema = z.object({ notice: id });

/** A leave request of a guardian for an own child: days (at most 31), sessions and a reason. */
export const leaveSchema = z
	.object({
		student: id,
		from: isoDate,
		to: isoDate,
		sessions: z.enum(['all', 'morning', 'afternoon']),
		reason: optionalMultiline(2000).pipe(z.string())
	})
	.superRefine((v, ctx) => {
		if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'leave_v_order' });
		else if (Date.parse(v.to) - Date.parse(v.from) > 30 * 86_400_000)
			ctx.addIssue({ code: 'custom', path: ['to'], message: 'leave_v_too_long' });
	});

/** The homeroom teacher's answer: the request's id and version, the decision and a note. */
export const leaveAnswerSchema = z.object({
	leave: id,
	version,
	decision: z.enum(['approved', 'refused']),
	note: optionalMultiline(2000)
});

/** A school's retention of messages, in days (30 days to 10 years), with the version loaded. */
export const retentionSchema = z.object({
	days: z.coerce.number().int().min(30).max(3650),
	/** 0: the school has kept the default so far */
	version: z.union([z.literal('0').transform(() => 0), version])
});
