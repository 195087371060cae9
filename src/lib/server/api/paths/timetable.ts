import { z } from 'zod';
import { MAX_ID, parseDate } from '../../../schemas/common';
import type { PathsObject } from '../openapi';

const idParam = z.coerce.number().int().positive().max(MAX_ID);

/** `?class=` or `?teacher=` (not both) and `?week=` (any day of the week, yyyy-mm-dd). */
export const timetableQuerySchema = z
	.object({
		class: idParam.optional().describe('Only this class (a parent must name a child’s class)'),
		teacher: idParam
			.optional()
			.describe('Only this teacher: their lessons and the lessons they cover that week'),
		week: z
			.string()
			.regex(/^\d{4}-\d{2}-\d{2}$/)
			.refine((v) => parseDate(v) === v, 'not a date')
			.optional()
			.describe('Any day of the week wanted (yyyy-mm-dd, Vietnam time); default: this week')
	})
	.refine((q) => q.class === undefined || q.teacher === undefined, {
		message: 'class and teacher cannot both be given',
		path: ['teacher']
	});

const coverSchema = z.object({
	kind: z.enum(['substitute', 'self_study', 'merged']),
	substituteId: z.number().int().nullable(),
	substituteName: z.string().nullable(),
	mergedClassName: z.string().nullable(),
	absentStaffId: z.number().int(),
	absentName: z.string()
});

export const timetableLessonSchema = z.object({
	date: z.string().describe('yyyy-mm-dd'),
	/** 0 = Monday */
	day: z.number().int(),
	/** 0 = the first period of the day */
	period: z.number().int(),
	kind: z.enum(['lesson', 'flag', 'meeting']),
	classId: z.number().int(),
	className: z.string(),
	subjectName: z.string(),
	staffId: z.number().int().describe('The timetable’s teacher of the period'),
	teacherName: z.string(),
	startTime: z
		.string()
		.nullable()
		.describe('HH:MM (Vietnam time) from the school’s bell times; null when the school set none'),
	endTime: z.string().nullable().describe('HH:MM, as startTime'),
	cover: coverSchema.nullable().describe('Set when the period is covered on that date')
});

export const timetableAnswerSchema = z.object({
	schoolId: z.number().int(),
	week: z.object({ from: z.string(), to: z.string() }),
	version: z
		.object({
			id: z.number().int(),
			effectiveFrom: z.string(),
			days: z.number().int(),
			periodsPerDay: z.number().int(),
			periodTimes: z
				.array(z.object({ start: z.string(), end: z.string() }))
				.nullable()
				.describe(
					'Each period’s start and end (HH:MM, Vietnam time) from the school’s bell times; null when the school set none'
				)
		})
		.nullable()
		.describe('The published version in force on the week’s Monday; null when none is'),
	lessons: z.array(timetableLessonSchema)
});

export type TimetableAnswer = z.output<typeof timetableAnswerSchema>;
export type TimetableLesson = z.output<typeof timetableLessonSchema>;

export const timetablePaths: PathsObject = {
	'/schools/{id}/timetable': {
		get: {
			summary:
				'The published timetable in force in a week, covers applied: the whole school, one class or one teacher. School admins and teachers see their school; a parent sees only a child’s class (?class= required). A school, class or teacher outside the scope answers 404.',
			tags: ['timetable'],
			params: ['id'],
			query: timetableQuerySchema,
			responses: {
				'200': { schema: timetableAnswerSchema },
				'400': { description: 'A bad query parameter: {"error":"invalid_query","details":[…]}' },
				'404': { description: 'Not found' }
			}
		}
	}
};
