import { z } from 'zod';
import type { PathsObject } from '../openapi';

/** The grades API (issue 11): a class's gradebook of one subject and semester, a pupil's results. */

/** `?subject=` (the subject's code, e.g. TOAN, or its id) and `?semester=` (1 or 2). */
export const gradebookQuerySchema = z.object({
	subject: z
		.string()
		.trim()
		.min(1)
		.max(40)
		.regex(/^[A-Za-z0-9_.-]+$/)
		.describe('The subject: its code (e.g. TOAN) or its id'),
	semester: z.enum(['1', '2']).describe('The semester of the class’s school year: 1 or 2')
});

const cellState = z
	.enum(['value', 'absent_makeup', 'exempt', 'dat', 'chua_dat'])
	.describe(
		'value: a score (value null = not entered, never 0); absent_makeup: absent, make-up pending; exempt; dat/chua_dat: a comment subject’s Đ/CĐ'
	);

export const gradebookCellSchema = z.object({
	studentId: z.number().int(),
	column: z.string().describe('tx1..tx9 (regular, as many as the plan has), gk, ck'),
	value: z.number().nullable().describe('0–10, one decimal at most; null unless state is value'),
	state: cellState,
	version: z.number().int().describe('Send it back with a change; a never-saved cell has 0')
});

/** A cell of a PUT: the version its editor loaded (0 for a cell never saved). */
export const gradebookCellInputSchema = z.strictObject({
	studentId: z.number().int().min(1).max(2_147_483_647),
	column: z.string().max(8),
	value: z.number().nullable(),
	state: cellState.default('value'),
	version: z.number().int().min(0).max(2_147_483_647)
});

/** The most cells one PUT may carry (a class of 60 pupils x 11 columns is 660). */
export const MAX_PUT_CELLS = 2000;

export const gradebookPutSchema = z.object({
	cells: z.array(gradebookCellInputSchema).max(MAX_PUT_CELLS)
});

const resultSchema = z.object({
	status: z.enum(['ok', 'incomplete', 'exempt']),
	average: z.number().nullable(),
	passed: z.boolean().nullable()
});

export const gradebookAnswerSchema = z.object({
	classId: z.number().int(),
	className: z.string(),
	schoolId: z.number().int(),
	schoolYear: z.string(),
	subject: z.object({
		id: z.number().int(),
		code: z.string(),
		nameVi: z.string(),
		nameEn: z.string()
	}),
	semester: z.number().int(),
	semesterId: z.number().int(),
	assessment: z.enum(['score', 'comment']),
	columns: z.array(z.string()),
	entry: z
		.record(z.string(), z.enum(['not_open', 'open', 'late', 'locked']))
		.describe('Whether each column can be entered today (checkpoint windows and locks)'),
	canEnter: z.boolean().describe('Whether the caller may PUT cells'),
	pupils: z.array(
		z.object({
			id: z.number().int(),
			code: z.string(),
			fullName: z.string(),
			result: resultSchema.describe('The stored semester result of the row')
		})
	),
	cells: z.array(gradebookCellSchema).describe('The stored cells; a missing cell is not entered')
});

export const gradebookSavedSchema = z.object({ saved: z.number().int() });

export const invalidCellsSchema = z.object({
	error: z.literal('invalid_cells'),
	cells: z.array(
		z.object({
			index: z.number().int().nullable().describe('The position in the request’s cells'),
			studentId: z.number().int().nullable(),
			column: z.string().nullable(),
			code: z.string().describe('Why: grades_v_out_of_range, grades_v_not_in_plan, …')
		})
	)
});

export const gradebookConflictSchema = z.object({
	error: z.literal('conflict'),
	cells: z.array(gradebookCellSchema).describe('The conflicting cells as they are now stored')
});

export const gradebookLockedSchema = z.object({
	error: z.enum(['grades_locked', 'grades_not_open']),
	studentId: z.number().int().nullable(),
	column: z.string().nullable(),
	checkpoint: z.string().nullable()
});

const level = z.enum(['tot', 'kha', 'dat', 'chua_dat']).nullable();
const checkpoint = z.enum(['mid1', 'end1', 'mid2', 'year']);

export const studentResultsSchema = z.object({
	student: z.object({
		id: z.number().int(),
		fullName: z.string(),
		className: z.string().nullable(),
		schoolName: z.string(),
		schoolYear: z.string().nullable()
	}),
	view: z
		.enum(['published', 'all'])
		.describe('published: what the school published to the class (parents); all: staff, tokens'),
	published: z.array(checkpoint),
	subjects: z.array(
		z.object({
			subjectId: z.number().int(),
			subjectVi: z.string(),
			subjectEn: z.string(),
			assessment: z.enum(['score', 'comment']),
			semesters: z.array(
				z.object({
					number: z.number().int(),
					view: z.enum(['none', 'midterm', 'semester']),
					columns: z.array(z.string()),
					cells: z.record(z.string(), z.object({ value: z.number().nullable(), state: cellState })),
					result: resultSchema.nullable(),
					comment: z.string().nullable()
				})
			),
			year: z.object({ average: z.number().nullable(), passed: z.boolean().nullable() }).nullable()
		})
	),
	levels: z.object({ semester1: level, semester2: level, year: level }),
	conduct: z.object({ semester1: level, semester2: level, year: level }),
	yearEnd: z
		.object({
			absences: z.number().int(),
			decision: z.string().nullable(),
			finalDecision: z.enum(['promoted', 'repeat']).nullable(),
			award: z.enum(['xuat_sac', 'gioi']).nullable()
		})
		.nullable()
});

export type GradebookAnswer = z.output<typeof gradebookAnswerSchema>;
export type StudentResults = z.output<typeof studentResultsSchema>;

const CALLERS =
	'A grades API token of the class’s school (Bearer; a usage token answers 404), or a signed-in user';

export const gradesPaths: PathsObject = {
	'/classes/{classId}/gradebook': {
		get: {
			summary: `The gradebook of a class in one subject and semester: pupils, the plan’s columns, every stored cell with its version, and each row’s result. ${CALLERS} with the gradebook page’s rights (the subject’s teacher, the homeroom teacher, the school admin). Anything else answers 404.`,
			tags: ['grades'],
			auth: 'session-or-token',
			params: ['classId'],
			query: gradebookQuerySchema,
			responses: {
				'200': { schema: gradebookAnswerSchema },
				'400': { description: 'A bad query parameter: {"error":"invalid_query","details":[…]}' },
				'404': { description: 'Not found (or outside the caller’s scope)' }
			}
		},
		put: {
			summary: `Saves cells of the gradebook, all or nothing, through the same save as the gradebook page (plan and score checks, per-cell versions, checkpoint locks, audit, results recomputed). Each cell carries the version it was read with (0: never saved). ${CALLERS} who teaches that subject in that class. At most ${MAX_PUT_CELLS} cells.`,
			tags: ['grades'],
			auth: 'session-or-token',
			params: ['classId'],
			query: gradebookQuerySchema,
			body: gradebookPutSchema,
			responses: {
				'200': { schema: gradebookSavedSchema },
				'400': {
					schema: invalidCellsSchema,
					description:
						'Every refused cell (score outside 0–10, two decimals, a column the plan does not have, a pupil not in the class, a duplicate); or {"error":"invalid_body"|"too_many_cells"}'
				},
				'404': { description: 'Not found (or outside the caller’s scope)' },
				'409': {
					schema: gradebookConflictSchema,
					description: 'Someone saved some of these cells since they were read: nothing saved'
				},
				'413': { description: 'The body is too large' },
				'423': {
					schema: gradebookLockedSchema,
					description: 'A changed cell’s checkpoint is locked or its window is not open yet'
				}
			}
		}
	},
	'/students/{id}/results': {
		get: {
			summary:
				'A pupil’s results: cells, semester and year averages, learning levels, conduct, the year-end outcome. A grades API token of the pupil’s school, the homeroom teacher of the pupil’s class and the school admin see everything stored; a parent sees only their own child and only the published checkpoints. Anyone else: 404. Never a class rank or class average.',
			tags: ['grades'],
			auth: 'session-or-token',
			params: ['id'],
			responses: {
				'200': { schema: studentResultsSchema },
				'404': { description: 'Not found (or outside the caller’s scope)' }
			}
		}
	}
};
