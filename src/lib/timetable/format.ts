/**
 * The `vn-school-timetable/1` problem and solution formats (../shared/timetable/FORMAT.md), parsed
 * with zod. Unknown fields are ignored (the format allows readers to skip fields they do not know).
 * Errors name where the input is wrong as a path: `lessons[12].teacher`.
 */
import { z } from 'zod';

export const SCHEMA_ID = 'vn-school-timetable/1';

const id = z.string().min(1);
const count = z.number().int().min(0);
const slot = z.tuple([z.number().int().min(0), z.number().int().min(0)]);
export type Slot = [day: number, period: number];

const constraintSchema = z.object({
	type: z.string().min(1),
	hard: z.boolean(),
	weight: z.number().min(0),
	maxGaps: count.optional(),
	minDays: count.optional()
});

export const instanceSchema = z.object({
	schema: z.literal(SCHEMA_ID),
	name: z.string(),
	days: z.array(z.object({ id, name: z.string(), nameEn: z.string().optional() })).min(1),
	periodsPerDay: z.number().int().min(1).max(16),
	subjects: z.array(
		z.object({
			id,
			name: z.string(),
			kind: z.string().optional(),
			/** the portal's field: the room type every period of the subject needs */
			roomType: z.string().min(1).optional()
		})
	),
	/**
	 * the portal's field: the school's rooms; a room counts for the subjects whose `roomType` is its
	 * `type` (a room without a type, as other tools may write, counts for none)
	 */
	rooms: z
		.array(
			z.object({
				id,
				name: z.string().optional(),
				type: z.string().min(1).optional(),
				capacity: count.optional()
			})
		)
		.optional(),
	classes: z.array(
		z.object({ id, grade: z.number().int().optional(), periodsPerWeek: count.optional() })
	),
	teachers: z.array(
		z.object({
			id,
			name: z.string(),
			unavailable: z.array(slot).default([]),
			periodsPerWeek: count.optional(),
			maxDaysPerWeek: count.optional()
		})
	),
	lessons: z.array(
		z.object({
			id,
			class: id,
			subject: id,
			teacher: id,
			periodsPerWeek: z.number().int().min(1),
			maxPerDay: z.number().int().min(1),
			fixedSlots: z.array(slot).default([])
		})
	),
	constraints: z.array(constraintSchema)
});

export type Instance = z.infer<typeof instanceSchema>;
export type Lesson = Instance['lessons'][number];
export type Teacher = Instance['teachers'][number];
export type Constraint = z.infer<typeof constraintSchema>;

export const solutionSchema = z.object({
	instance: z.string(),
	solver: z.string().optional(),
	assignments: z.array(z.object({ lesson: id, slots: z.array(slot) }))
});
export type Solution = z.infer<typeof solutionSchema>;

export interface FormatError {
	/** where in the JSON, e.g. `lessons[12].teacher` ('' = the document itself) */
	path: string;
	message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FormatError[] };

export function formatPath(path: readonly PropertyKey[]): string {
	return path
		.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
		.join('');
}

function zodErrors(error: z.ZodError): FormatError[] {
	return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

function checkReferences(inst: Instance): FormatError[] {
	const errors: FormatError[] = [];
	const D = inst.days.length;
	const P = inst.periodsPerDay;
	const unique = (key: 'classes' | 'teachers' | 'lessons' | 'subjects') => {
		const seen = new Set<string>();
		inst[key].forEach((x, i) => {
			if (seen.has(x.id)) errors.push({ path: `${key}[${i}].id`, message: `duplicate id ${x.id}` });
			seen.add(x.id);
		});
		return seen;
	};
	const classes = unique('classes');
	const teachers = unique('teachers');
	const subjects = unique('subjects');
	unique('lessons');
	const inRange = (s: Slot, path: string) => {
		if (s[0] >= D || s[1] >= P)
			errors.push({ path, message: `slot [${s[0]},${s[1]}] outside ${D} days x ${P} periods` });
	};
	inst.teachers.forEach((t, i) =>
		t.unavailable.forEach((s, j) => inRange(s, `teachers[${i}].unavailable[${j}]`))
	);
	inst.lessons.forEach((l, i) => {
		const at = `lessons[${i}]`;
		if (!classes.has(l.class))
			errors.push({ path: `${at}.class`, message: `unknown class ${l.class}` });
		if (!teachers.has(l.teacher))
			errors.push({ path: `${at}.teacher`, message: `unknown teacher ${l.teacher}` });
		if (subjects.size && !subjects.has(l.subject))
			errors.push({ path: `${at}.subject`, message: `unknown subject ${l.subject}` });
		l.fixedSlots.forEach((s, j) => inRange(s, `${at}.fixedSlots[${j}]`));
		if (l.fixedSlots.length > l.periodsPerWeek)
			errors.push({
				path: `${at}.fixedSlots`,
				message: `${l.fixedSlots.length} fixed slots for ${l.periodsPerWeek} periods`
			});
	});
	inst.constraints.forEach((c, i) => {
		const needs = { classMaxGapsPerWeek: 'maxGaps', teacherMaxGapsPerWeek: 'maxGaps' } as const;
		const field =
			c.type === 'lessonMinDaysBetween' ? 'minDays' : needs[c.type as keyof typeof needs];
		if (field && c[field] === undefined)
			errors.push({ path: `constraints[${i}].${field}`, message: `${c.type} needs ${field}` });
	});
	return errors;
}

/** Parses and validates an instance (shape, then references between its parts). */
export function parseInstance(json: unknown): Parsed<Instance> {
	const r = instanceSchema.safeParse(json);
	if (!r.success) return { ok: false, errors: zodErrors(r.error) };
	const errors = checkReferences(r.data);
	return errors.length ? { ok: false, errors } : { ok: true, value: r.data };
}

export function parseSolution(json: unknown): Parsed<Solution> {
	const r = solutionSchema.safeParse(json);
	return r.success ? { ok: true, value: r.data } : { ok: false, errors: zodErrors(r.error) };
}

export function describeErrors(errors: FormatError[]): string {
	return errors.map((e) => `${e.path || '(document)'}: ${e.message}`).join('\n');
}
