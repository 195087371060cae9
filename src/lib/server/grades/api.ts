import { sql, type Kysely } from 'kysely';
import { CHECKPOINTS } from '$lib/grades/checkpoints';
import {
	gradebookCellInputSchema,
	MAX_PUT_CELLS,
	type GradebookAnswer,
	type StudentResults
} from '../api/paths/grades';
import { notFound } from '../auth/access';
import type { Database } from '../db/schema';
import { DomainError } from '../errors';
import { readerOf, type GradesActor } from './caller';
import { GradebookLockedError } from './checkpoints';
import { loadGradebook } from './gradebook';
import { childGrades, findChild, findSchoolChild, publishedByClass, type ChildRow } from './parent';
import { requireGradebook } from './queries';
import { GradebookConflictError, InvalidCellsError, saveCells, type CellChange } from './service';

type Db = Kysely<Database>;

/**
 * The grades API (issue 11): the gradebook of a class × subject × semester for an external
 * e-gradebook (a grades token) or a signed-in user, read and written through the page's own
 * services (`loadGradebook`, `saveCells`); a pupil's results through the parent page's
 * `childGrades`. Anything outside the caller's scope is a 404, like an unknown id.
 */

export interface GradebookQuery {
	subject: string;
	semester: '1' | '2';
}

/** An answer with its HTTP status; the route turns it into JSON. */
export interface ApiAnswer {
	status: number;
	body: unknown;
}

const MAX_ID = 2_147_483_647;

/** The subject (code or id) taught in the class and the semester (1 or 2) of its year, or 404. */
async function gradebookKey(db: Db, classId: number, query: GradebookQuery) {
	const byId = /^\d+$/.test(query.subject);
	if (byId && Number(query.subject) > MAX_ID) notFound();
	const row = await db
		.selectFrom('classes as c')
		.innerJoin('semesters as sem', 'sem.school_year_id', 'c.school_year_id')
		.innerJoin('teaching_assignments as ta', 'ta.class_id', 'c.id')
		.innerJoin('subjects as s', 's.id', 'ta.subject_id')
		.select(['s.id as subjectId', 's.code as subjectCode', 'sem.id as semesterId'])
		.where('c.id', '=', classId)
		.where('sem.number', '=', query.semester === '1' ? 1 : 2)
		.where(
			byId
				? sql<boolean>`s.id = ${Number(query.subject)}`
				: sql<boolean>`upper(s.code) = upper(${query.subject})`
		)
		.orderBy('s.id')
		.executeTakeFirst();
	return row ?? notFound();
}

export async function apiGradebook(
	db: Db,
	actor: GradesActor,
	classId: number,
	query: GradebookQuery
): Promise<GradebookAnswer> {
	const key = await gradebookKey(db, classId, query);
	const book = await loadGradebook(db, readerOf(actor), classId, key.subjectId, key.semesterId);
	return {
		classId: book.classId,
		className: book.className,
		schoolId: book.schoolId,
		schoolYear: book.schoolYear,
		subject: {
			id: book.subjectId,
			code: key.subjectCode,
			nameVi: book.subjectVi,
			nameEn: book.subjectEn
		},
		semester: book.semesterNumber,
		semesterId: book.semesterId,
		assessment: book.plan.assessment,
		columns: book.columns,
		entry: Object.fromEntries(Object.entries(book.entry).map(([c, e]) => [c, e.state])),
		canEnter: book.canEnter,
		pupils: book.rows.map((r) => ({
			id: r.id,
			code: r.code,
			fullName: r.fullName,
			result: { status: r.result.status, average: r.result.average, passed: r.result.passed }
		})),
		cells: book.rows.flatMap((r) =>
			Object.entries(r.cells).map(([column, c]) => ({
				studentId: r.id,
				column,
				value: c.value,
				state: c.state,
				version: c.version
			}))
		)
	};
}

interface BadCell {
	index: number | null;
	studentId: number | null;
	column: string | null;
	code: string;
}

const invalid = (cells: BadCell[]): ApiAnswer => ({
	status: 400,
	body: { error: 'invalid_cells', cells }
});

/** Each cell of the body by its shape; every malformed one is listed (`v_invalid`). */
function readCells(body: unknown): { cells: CellChange[] } | { answer: ApiAnswer } {
	const list = (body as { cells?: unknown } | null)?.cells;
	if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(list))
		return { answer: { status: 400, body: { error: 'invalid_body' } } };
	if (list.length > MAX_PUT_CELLS)
		return { answer: { status: 400, body: { error: 'too_many_cells', max: MAX_PUT_CELLS } } };
	const cells: CellChange[] = [];
	const bad: BadCell[] = [];
	list.forEach((raw, index) => {
		const parsed = gradebookCellInputSchema.safeParse(raw);
		if (parsed.success) {
			cells.push(parsed.data);
			return;
		}
		const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
		bad.push({
			index,
			studentId: Number.isSafeInteger(r.studentId) ? (r.studentId as number) : null,
			column: typeof r.column === 'string' && r.column.length <= 8 ? r.column : null,
			code: 'v_invalid'
		});
	});
	return bad.length ? { answer: invalid(bad) } : { cells };
}

/** `<pupil>_<column>` back to its parts, with the cell's position in the request. */
function badCellOf(field: string, code: string, cells: CellChange[]): BadCell {
	const cut = field.indexOf('_');
	const studentId = Number(field.slice(0, cut));
	const column = field.slice(cut + 1);
	const index = cells.findIndex((c) => c.studentId === studentId && c.column === column);
	return { index: index < 0 ? null : index, studentId, column, code };
}

/** What a refused save answers: 400 every bad cell, 409 the stored cells, 423 a closed column. */
function refusal(err: unknown, cells: CellChange[]): ApiAnswer {
	if (err instanceof InvalidCellsError)
		return invalid(err.problems.map((p) => badCellOf(p.field, p.code, cells)));
	if (err instanceof GradebookConflictError)
		return { status: 409, body: { error: 'conflict', cells: err.cells } };
	if (err instanceof GradebookLockedError) {
		const cell = badCellOf(err.field ?? '', err.code, cells);
		const checkpoint = err.params.checkpoint;
		return {
			status: 423,
			body: {
				error: err.code,
				studentId: cell.studentId,
				column: cell.column,
				checkpoint: typeof checkpoint === 'string' ? checkpoint : null
			}
		};
	}
	if (err instanceof DomainError) return { status: 400, body: { error: err.code } };
	throw err;
}

/**
 * PUT: the cells of the body, all or nothing, through `saveCells` (the gradebook page's save:
 * plan and score checks, versions, locks, audit, recomputed results). The caller's right to enter
 * the gradebook is proved first, so a caller outside it learns nothing about the body.
 */
export async function apiSaveGradebook(
	db: Db,
	actor: GradesActor,
	classId: number,
	query: GradebookQuery,
	body: unknown
): Promise<ApiAnswer> {
	const key = await gradebookKey(db, classId, query);
	const reader = readerOf(actor);
	await requireGradebook(db, reader, 'teaching.enter', classId, key.subjectId, key.semesterId);
	const read = readCells(body);
	if ('answer' in read) return read.answer;
	try {
		const { saved } = await saveCells(
			db,
			actor,
			classId,
			key.subjectId,
			key.semesterId,
			read.cells
		);
		return { status: 200, body: { saved } };
	} catch (err) {
		return refusal(err, read.cells);
	}
}

/**
 * A pupil's results. A grades token of the pupil's school, the homeroom teacher and the school
 * admin ('class.homeroom') see everything stored; a parent only their own child's published
 * checkpoints (as on the parent's page); anyone else 404.
 */
export async function apiStudentResults(
	db: Db,
	actor: GradesActor,
	studentId: number
): Promise<StudentResults> {
	let child: ChildRow;
	let view: 'all' | 'published' = 'all';
	if ('token' in actor) {
		child = await findSchoolChild(db, actor.token.schoolId, studentId);
	} else {
		child = await findChild(db, actor.principal, studentId, { permission: 'class.homeroom' });
		if (!child) {
			view = 'published';
			child = await findChild(db, actor.principal, studentId, { permission: 'student.family' });
		}
	}
	if (!child) notFound();
	const published =
		child.classId === null
			? []
			: ((await publishedByClass(db, [child.classId])).get(child.classId) ?? []);
	const grades = await childGrades(db, child, view === 'all' ? [...CHECKPOINTS] : published);
	return {
		student: {
			id: grades.id,
			fullName: grades.fullName,
			className: grades.className,
			schoolName: grades.schoolName,
			schoolYear: grades.schoolYear
		},
		view,
		published,
		subjects: grades.subjects,
		levels: grades.levels,
		conduct: grades.conduct,
		yearEnd: grades.yearEnd
	};
}
