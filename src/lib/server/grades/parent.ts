import type { Kysely, Selectable } from 'kysely';
import { CHECKPOINTS, publishedView, type Checkpoint } from '$lib/grades/checkpoints';
import { commentYearResult } from '$lib/grades/gradebook';
import { learningLevel, yearAverage, type Level, type SubjectResult } from '$lib/grades/secondary';
import { planColumns, type Assessment, type CellInput } from '$lib/schemas/grades';
import { notFound } from '../auth/access';
import { studentWhere } from '../auth/access/classes';
import type { Principal } from '../auth/session';
import type { ClassPermission } from '$lib/auth/permissions';
import type { Database } from '../db/schema';
import type { ResultStatus } from '../db/tables/grades';
import type { GradeYearSummariesTable, YearDecisionValue } from '../db/tables/homeroom';
import { gradebooks, planOf } from './queries';

type Db = Kysely<Database>;

/**
 * What a parent sees of their own child's grades: only what the school published to the child's
 * class (a mid-term checkpoint: the GK column of that semester; an end-of-term checkpoint: the
 * semester's cells and results; the year checkpoint with end of term I: the year results). Never
 * another pupil's data, never a class rank or class average (Circular 22, Art. 4).
 */

export interface ParentSemester {
	number: 1 | 2;
	view: 'none' | 'midterm' | 'semester';
	columns: string[];
	cells: Record<string, CellInput>;
	result: { status: ResultStatus; average: number | null; passed: boolean | null } | null;
	/** the subject teacher's comment, once the semester's end-of-term checkpoint is published */
	comment: string | null;
}

export interface ParentSubject {
	subjectId: number;
	subjectVi: string;
	subjectEn: string;
	assessment: Assessment;
	semesters: ParentSemester[];
	year: { average: number | null; passed: boolean | null } | null;
}

export interface ChildGrades {
	id: number;
	fullName: string;
	className: string | null;
	schoolName: string;
	schoolYear: string | null;
	published: Checkpoint[];
	subjects: ParentSubject[];
	/** the learning level of each semester once every subject has its result, and of the year */
	levels: { semester1: Level | null; semester2: Level | null; year: Level | null };
	/** the homeroom teacher's conduct of each published semester and the year (Art. 8) */
	conduct: { semester1: Level | null; semester2: Level | null; year: Level | null };
	/** once the year is published: absences, the year-end outcome, after the summer, the award */
	yearEnd: {
		absences: number;
		decision: YearDecisionValue | null;
		finalDecision: 'promoted' | 'repeat' | null;
		award: 'xuat_sac' | 'gioi' | null;
	} | null;
}

export type ChildRow = Awaited<ReturnType<typeof findChild>>;

/**
 * The pupil with their class: the current one (`students.class_id`), or with `yearId` their class of
 * that school year (enrolment history, 0360), so that last year's card shows last year's class.
 */
function childQuery(db: Db, studentId: number, yearId?: number) {
	const base = db
		.selectFrom('students as st')
		.innerJoin('schools as sch', 'sch.id', 'st.school_id')
		.leftJoin('student_enrolments as e', (j) =>
			j.onRef('e.student_id', '=', 'st.id').on('e.school_year_id', '=', yearId ?? 0)
		);
	const withClass =
		yearId === undefined
			? base.leftJoin('classes as c', 'c.id', 'st.class_id')
			: base.leftJoin('classes as c', 'c.id', 'e.class_id');
	return withClass
		.leftJoin('school_years as y', 'y.id', 'c.school_year_id')
		.select([
			'st.id',
			'st.full_name as fullName',
			'st.school_id as schoolId',
			'c.id as classId',
			'c.name as className',
			'c.grade as grade',
			'c.school_year_id as schoolYearId',
			'sch.name as schoolName',
			'y.name as schoolYear'
		])
		.where('st.id', '=', studentId);
}

export function findChild(db: Db, principal: Principal, studentId: number, access: ChildAccess) {
	let query = childQuery(db, studentId, access.yearId).where(
		studentWhere(principal, access.permission, 'st')
	);
	if (access.schoolId !== undefined) query = query.where('st.school_id', '=', access.schoolId);
	return query.executeTakeFirst();
}

/** A pupil of one school (a grades API token's), or undefined. */
export function findSchoolChild(db: Db, schoolId: number, studentId: number) {
	return childQuery(db, studentId).where('st.school_id', '=', schoolId).executeTakeFirst();
}

/** Who reads a pupil's grades: the family (own children) or staff of the pupil's class. */
export interface ChildAccess {
	permission: ClassPermission;
	/** the school of the URL, for staff pages */
	schoolId?: number;
	/** a school year other than the pupil's current class's: their class of that year (0360) */
	yearId?: number;
}

export const FAMILY: ChildAccess = { permission: 'student.family' };

/** The pupil row when the caller holds `access` on them, else 404. */
export async function requireChild(
	db: Db,
	principal: Principal,
	studentId: number,
	access: ChildAccess = FAMILY
) {
	return (await findChild(db, principal, studentId, access)) ?? notFound();
}

/** Published checkpoints per class (one query for all of a parent's children). */
export async function publishedByClass(
	db: Db,
	classIds: number[]
): Promise<Map<number, Checkpoint[]>> {
	const byClass = new Map<number, Checkpoint[]>();
	if (!classIds.length) return byClass;
	const rows = await db
		.selectFrom('grade_publications')
		.select(['class_id', 'checkpoint'])
		.where('class_id', 'in', classIds)
		.execute();
	for (const r of rows) byClass.set(r.class_id, [...(byClass.get(r.class_id) ?? []), r.checkpoint]);
	for (const [k, list] of byClass)
		byClass.set(
			k,
			CHECKPOINTS.filter((c) => list.includes(c))
		);
	return byClass;
}

/** The child's published grades of their current class, or 404 when it is not the caller's child. */
export async function loadChildGrades(
	db: Db,
	principal: Principal,
	studentId: number
): Promise<ChildGrades> {
	const child = await requireChild(db, principal, studentId);
	const published =
		child.classId === null
			? []
			: ((await publishedByClass(db, [child.classId])).get(child.classId) ?? []);
	return childGrades(db, child, published);
}

/** What `published` (checkpoints of the child's class) shows of the child's grades. */
export async function childGrades(
	db: Db,
	child: NonNullable<ChildRow>,
	published: Checkpoint[]
): Promise<ChildGrades> {
	const base = {
		id: child.id,
		fullName: child.fullName,
		className: child.className,
		schoolName: child.schoolName,
		schoolYear: child.schoolYear
	};
	const none = { semester1: null, semester2: null, year: null };
	const empty = { subjects: [], levels: none, conduct: none, yearEnd: null };
	if (child.classId === null) return { ...base, published: [], ...empty };
	if (!published.length) return { ...base, published, ...empty };
	const set = new Set(published);
	const books = await gradebooks(db)
		.where('c.id', '=', child.classId)
		.orderBy('s.sort_order')
		.orderBy('sem.number')
		.execute();
	const visible = books.filter((b) => publishedView(b.semester_number, set) !== 'none');
	const semesterIds = [...new Set(visible.map((b) => b.semester_id))];
	const [cells, results, comments, summary] = await Promise.all([
		childCells(db, child.id, child.classId, semesterIds),
		childResults(db, child.id, child.classId, semesterIds),
		childComments(db, child.id, child.classId, semesterIds),
		db
			.selectFrom('grade_year_summaries')
			.selectAll()
			.where('student_id', '=', child.id)
			.where('class_id', '=', child.classId)
			.executeTakeFirst()
	]);
	const list = subjectsOf(books, set, cells, results, comments);
	const yearVisible = set.has('year') && set.has('end1');
	if (yearVisible) for (const s of list) s.year = yearResult(s);
	return {
		...base,
		published,
		subjects: list,
		levels: levelsOf(list, yearVisible),
		...yearEndOf(summary, set, yearVisible)
	};
}

function subjectsOf(
	books: Awaited<ReturnType<ReturnType<typeof gradebooks>['execute']>>,
	set: Set<Checkpoint>,
	cells: Map<string, CellInput>,
	results: Map<string, ParentSemester['result']>,
	comments: Map<string, string>
): ParentSubject[] {
	const subjects = new Map<number, ParentSubject>();
	for (const b of books) {
		const plan = planOf(b);
		if (!plan) continue;
		const subject = subjects.get(b.subject_id) ?? {
			subjectId: b.subject_id,
			subjectVi: b.name_vi,
			subjectEn: b.name_en,
			assessment: plan.assessment,
			semesters: [],
			year: null
		};
		const view = publishedView(b.semester_number, set);
		const all = planColumns(plan.regularCount);
		const columns = view === 'none' ? [] : view === 'midterm' ? ['gk'] : all;
		const key = (column: string) => `${b.subject_id}:${b.semester_id}:${column}`;
		subject.semesters.push({
			number: b.semester_number as 1 | 2,
			view,
			columns,
			cells: Object.fromEntries(
				columns.flatMap((c) => (cells.has(key(c)) ? [[c, cells.get(key(c))!]] : []))
			),
			result:
				view === 'semester' ? (results.get(`${b.subject_id}:${b.semester_id}`) ?? null) : null,
			comment:
				view === 'semester' ? (comments.get(`${b.subject_id}:${b.semester_id}`) ?? null) : null
		});
		subjects.set(b.subject_id, subject);
	}
	return [...subjects.values()];
}

/** Conduct and the year-end outcome as far as the school published them (stored summary). */
function yearEndOf(
	summary: Selectable<GradeYearSummariesTable> | undefined,
	published: Set<Checkpoint>,
	yearVisible: boolean
): Pick<ChildGrades, 'conduct' | 'yearEnd'> {
	const conduct = {
		semester1: published.has('end1') ? (summary?.conduct1 ?? null) : null,
		semester2: published.has('year') ? (summary?.conduct2 ?? null) : null,
		year: yearVisible ? (summary?.conduct_year ?? null) : null
	};
	if (!yearVisible || !summary) return { conduct, yearEnd: null };
	return {
		conduct,
		yearEnd: {
			absences: summary.absences_excused + summary.absences_unexcused,
			decision: summary.decision,
			finalDecision: summary.final_decision,
			award: summary.award
		}
	};
}

/** The child's non-empty subject comments of these semesters, by `<subject>:<semester>`. */
async function childComments(db: Db, studentId: number, classId: number, semesterIds: number[]) {
	if (!semesterIds.length) return new Map<string, string>();
	const rows = await db
		.selectFrom('grade_comments')
		.select(['subject_id', 'semester_id', 'body'])
		.where('student_id', '=', studentId)
		.where('class_id', '=', classId)
		.where('semester_id', 'in', semesterIds)
		.where('body', '<>', '')
		.execute();
	return new Map(rows.map((r) => [`${r.subject_id}:${r.semester_id}`, r.body]));
}

async function childCells(db: Db, studentId: number, classId: number, semesterIds: number[]) {
	if (!semesterIds.length) return new Map<string, CellInput>();
	const rows = await db
		.selectFrom('grade_scores')
		.select(['subject_id', 'semester_id', 'column_key', 'value', 'state'])
		.where('student_id', '=', studentId)
		.where('class_id', '=', classId)
		.where('semester_id', 'in', semesterIds)
		.execute();
	return new Map(
		rows.map((r) => [
			`${r.subject_id}:${r.semester_id}:${r.column_key}`,
			{ value: r.value, state: r.state }
		])
	);
}

async function childResults(db: Db, studentId: number, classId: number, semesterIds: number[]) {
	if (!semesterIds.length) return new Map<string, ParentSemester['result']>();
	const rows = await db
		.selectFrom('grade_results')
		.select(['subject_id', 'semester_id', 'status', 'average', 'passed'])
		.where('student_id', '=', studentId)
		.where('class_id', '=', classId)
		.where('semester_id', 'in', semesterIds)
		.execute();
	return new Map(
		rows.map((r) => [
			`${r.subject_id}:${r.semester_id}`,
			{ status: r.status, average: r.average, passed: r.passed }
		])
	);
}

/** Circular 22, Art. 9(1): a subject's year result from its two published semester results. */
function yearResult(s: ParentSubject): ParentSubject['year'] {
	const [one, two] = [1, 2].map((n) => s.semesters.find((x) => x.number === n)?.result);
	if (one?.status !== 'ok' || two?.status !== 'ok') return null;
	if (s.assessment === 'score' && one.average !== null && two.average !== null)
		return { average: yearAverage(one.average, two.average), passed: null };
	if (s.assessment === 'comment' && one.passed !== null && two.passed !== null)
		return { average: null, passed: commentYearResult(one.passed, two.passed) };
	return null;
}

/** A level only when every (non-exempt) subject has its result; otherwise null. */
function levelOf(results: Array<SubjectResult | 'exempt' | null>): Level | null {
	if (!results.length || results.some((r) => r === null)) return null;
	const counted = results.filter((r): r is SubjectResult => r !== 'exempt');
	return counted.length ? learningLevel(counted) : null;
}

function subjectResult(
	assessment: Assessment,
	r: { status: ResultStatus; average: number | null; passed: boolean | null } | null | undefined
): SubjectResult | 'exempt' | null {
	if (!r) return null;
	if (r.status === 'exempt') return 'exempt';
	if (r.status !== 'ok') return null;
	if (assessment === 'score')
		return r.average === null ? null : { scored: true, average: r.average };
	return r.passed === null ? null : { scored: false, passed: r.passed };
}

function levelsOf(subjects: ParentSubject[], yearVisible: boolean): ChildGrades['levels'] {
	const semester = (n: 1 | 2) => {
		const list = subjects.map((s) => s.semesters.find((x) => x.number === n));
		if (list.some((x) => x?.view !== 'semester')) return null;
		return levelOf(subjects.map((s, i) => subjectResult(s.assessment, list[i]?.result)));
	};
	const year = yearVisible
		? levelOf(
				subjects.map((s) =>
					s.year === null
						? null
						: s.assessment === 'score'
							? { scored: true as const, average: s.year.average! }
							: { scored: false as const, passed: s.year.passed! }
				)
			)
		: null;
	return { semester1: semester(1), semester2: semester(2), year };
}
