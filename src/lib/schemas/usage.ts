import { z } from 'zod';
import { parseOccurredAt } from '../usage/events';
import { FORM_KEY, id, isoDate, optionalMultiline, queryId, str, text, version } from './common';

/** One event as a platform reports it (POST /api/v1/usage-events, and each row of an imported file). */
export const usageEventSchema = z.object({
	id: z
		.union([str(), z.number()])
		.transform((v) => String(v).trim())
		.pipe(str().min(1).max(100)),
	platform: str().trim().toLowerCase().min(1).max(60),
	teacherEmail: str().trim().toLowerCase().min(1).max(254).pipe(z.email()),
	occurredAt: str()
		.min(1)
		.max(40)
		.transform((v, ctx) => {
			const parsed = parseOccurredAt(v);
			if (!parsed) {
				ctx.addIssue({ code: 'custom', message: 'v_date' });
				return z.NEVER;
			}
			return parsed;
		}),
	durationMinutes: z.number().int().min(0).max(1440).nullish(),
	className: str().trim().max(60).nullish(),
	students: z.number().int().min(0).max(5000).nullish()
});
export type UsageEventInput = z.input<typeof usageEventSchema>;
export type UsageEventParsed = z.output<typeof usageEventSchema>;

/** The request body; each event is validated on its own so that valid events are kept. */
export const usageBatchSchema = z.object({ events: z.array(z.unknown()) });

/** Class ids; 0 is the empty choice (the home card's "–" parses as 0) and means no class. */
const classIds = z.array(z.number().int().min(0)).max(30).default([]);
const periods = z.number().int().min(1).max(20).optional();
const minutes = z.number().int().min(1).max(600).optional();
const students = z.number().int().min(0).max(2000).optional();

const entryFields = {
	staffId: z.number().int().positive(),
	platformId: z.number().int().positive(),
	classIds,
	periods,
	minutes,
	students,
	note: optionalMultiline(500)
};

const periodsOrMinutes = (v: { periods?: number; minutes?: number }) => !!(v.periods || v.minutes);
const periodsOrMinutesError = { path: ['periods'], message: 'usage_v_periods_or_minutes' };

/** The teacher's quick log (also used to edit an entry). */
export const quickLogSchema = z
	.object({ ...entryFields, date: isoDate })
	.refine(periodsOrMinutes, periodsOrMinutesError);
export type QuickLogInput = z.output<typeof quickLogSchema>;

export const entryEditSchema = z
	.object({ ...entryFields, date: isoDate, version: z.number().int().min(1) })
	.refine(periodsOrMinutes, periodsOrMinutesError);

/** The delete button of an entry (its version) and the repeat button (the entry it repeats). */
export const entryDeleteSchema = z.object({ version });
export const entryRepeatSchema = z.object({ lastId: id });

/** The week view: one platform and its classes, several days with their periods. */
export const weekLogSchema = z
	.object({
		staffId: entryFields.staffId,
		platformId: entryFields.platformId,
		classIds,
		days: z.array(isoDate).min(1).max(7),
		periods: z.number().int().min(1).max(20),
		students,
		note: optionalMultiline(500)
	})
	.refine((v) => new Set(v.days).size === v.days.length, { path: ['days'], message: 'v_invalid' });
export type WeekLogInput = z.output<typeof weekLogSchema>;

export const tokenCreateSchema = z.object({
	name: text(100),
	/** 0 (or absent) = every platform of the school; department tokens require one. */
	platformId: z.number().int().min(0).default(0),
	/** 'usage' reports platform use; 'grades' (school tokens only) reads and writes grades. */
	purpose: z.enum(['usage', 'grades']).default('usage'),
	/** The page's one-time form key: the same key twice shows the same token (idempotent). */
	formKey: z.string().regex(FORM_KEY)
});

export const thresholdSchema = z.object({
	threshold: z.number().int().min(1).max(100),
	version: z.number().int().min(0)
});
/** Filters of the department's adoption pages (bad values are ignored). */
export const adoptionFiltersSchema = z.object({
	area: queryId,
	platform: str().trim().max(60).optional().catch(undefined),
	/** the page of the heat map */
	page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined)
});

export const exportFormatSchema = z.enum(['xlsx', 'csv']).catch('xlsx');

/** The small forms of the usage pages (hidden ids) and the pages' query parameters. */
export const tokenRevokeSchema = z.object({ tokenId: id });
export const importBatchSchema = z.object({ batch: z.uuid() });
export const importPreviewSchema = z.object({ platformId: id });
/** `?staff=` picks one of the teacher's schools; anything else falls back to the first. */
export const staffQuerySchema = z.object({
	staff: z.coerce.number().int().min(1).max(2_147_483_647).optional().catch(undefined)
});
/** `?batch=` of the import page. */
export const batchQuerySchema = z.object({ batch: z.uuid().optional().catch(undefined) });
