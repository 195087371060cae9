import { sql, type Kysely } from 'kysely';
import { regularAssessmentCount } from '$lib/grades/plan';
import type { Assessment, CellInput } from '$lib/schemas/grades';
import { notFound } from '../auth/access';
import { ownStaffWhere, teachingWhere } from '../auth/access/classes';
import type { TeachingPermission } from '$lib/auth/permissions';
import type { Principal } from '../auth/session';
import { enrolledIn } from '../roster/enrolments';
import type { Database } from '../db/schema';
import { isGradesToken, type GradebookReader } from './caller';

type Db = Kysely<Database>;

export interface Plan {
	assessment: Assessment;
	regularCount: number;
}

export interface GradebookScope {
	classId: number;
	className: string;
	grade: number;
	schoolId: number;
	schoolName: string;
	schoolYear: string;
	subjectId: number;
	subjectVi: string;
	subjectEn: string;
	semesterId: number;
	semesterNumber: number;
	plan: Plan;
	canEnter: boolean;
}

/**
 * The plan of a subject in a grade: the school's edited plan when there is one, otherwise derived
 * from the programme (`subjects.assessment`, `subject_periods`; Circular 22, Art. 6(2)).
 */
export function planOf(row: {
	plan_assessment: Assessment | null;
	plan_regular: number | null;
	assessment: Assessment;
	periods: number | null;
}): Plan | null {
	if (row.plan_assessment && row.plan_regular) {
		return { assessment: row.plan_assessment, regularCount: row.plan_regular };
	}
	if (!row.periods || row.periods <= 0) return null;
	const assessment = row.assessment;
	return {
		assessment,
		regularCount: regularAssessmentCount({ assessment, periodsPerYear: row.periods })
	};
}

/** Classes x subjects x semesters of a teaching assignment, with the plan's columns. */
export function gradebooks(db: Db) {
	return db
		.selectFrom('teaching_assignments as ta')
		.innerJoin('classes as c', 'c.id', 'ta.class_id')
		.innerJoin('subjects as s', 's.id', 'ta.subject_id')
		.innerJoin('schools as sch', 'sch.id', 'c.school_id')
		.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
		.innerJoin('semesters as sem', 'sem.school_year_id', 'c.school_year_id')
		.leftJoin('subject_periods as sp', (j) =>
			j.onRef('sp.subject_id', '=', 's.id').onRef('sp.grade', '=', 'c.grade')
		)
		.leftJoin('grade_plans as gp', (j) =>
			j
				.onRef('gp.school_id', '=', 'c.school_id')
				.onRef('gp.school_year_id', '=', 'c.school_year_id')
				.onRef('gp.grade', '=', 'c.grade')
				.onRef('gp.subject_id', '=', 's.id')
		)
		.where('s.level', 'in', ['THCS', 'THPT'])
		.where('c.active', '=', true)
		.select([
			'c.id as class_id',
			'c.name as class_name',
			'c.grade',
			'c.school_id',
			'sch.name as school_name',
			'y.name as school_year',
			's.id as subject_id',
			's.name_vi',
			's.name_en',
			's.sort_order',
			's.assessment',
			'sem.id as semester_id',
			'sem.number as semester_number',
			'sp.periods_per_year as periods',
			'gp.assessment as plan_assessment',
			'gp.regular_count as plan_regular'
		]);
}

/**
 * The gradebook of (class, subject, semester) on which the principal holds `permission`, or 404
 * (outside the scope, no such teaching assignment, or a semester of another school year). A grades
 * token (caller.ts) may read and enter every gradebook of its school.
 */
export async function requireGradebook(
	db: Db,
	who: GradebookReader,
	permission: TeachingPermission,
	classId: number,
	subjectId: number,
	semesterId: number
): Promise<GradebookScope> {
	const query = gradebooks(db)
		.where('c.id', '=', classId)
		.where('s.id', '=', subjectId)
		.where('sem.id', '=', semesterId);
	const row = await (
		isGradesToken(who)
			? query.where('c.school_id', '=', who.schoolId).select(sql<boolean>`true`.as('can_enter'))
			: query
					.where(teachingWhere(who, permission, 'c.id', 's.id'))
					.select(
						sql<boolean>`${teachingWhere(who, 'teaching.enter', 'c.id', 's.id')}`.as('can_enter')
					)
	).executeTakeFirst();
	const plan = row ? planOf(row) : null;
	if (!row || !plan) notFound();
	return {
		classId: row.class_id,
		className: row.class_name,
		grade: row.grade,
		schoolId: row.school_id,
		schoolName: row.school_name,
		schoolYear: row.school_year,
		subjectId: row.subject_id,
		subjectVi: row.name_vi,
		subjectEn: row.name_en,
		semesterId: row.semester_id,
		semesterNumber: row.semester_number,
		plan,
		canEnter: row.can_enter
	};
}

export interface Pupil {
	id: number;
	code: string;
	fullName: string;
}

/** The class's pupils of its school year (enrolment history, 0360: last year's class keeps them). */
export async function classPupils(db: Db, classId: number): Promise<Pupil[]> {
	return enrolledIn(db, classId)
		.select(['st.id', 'st.code', 'st.full_name as fullName'])
		.orderBy('st.name_sort')
		.orderBy('st.id')
		.execute();
}

export interface StoredCell extends CellInput {
	id: number;
	studentId: number;
	column: string;
	version: number;
}

/** The stored cells of some pupils in a subject and semester; `forUpdate` locks them. */
export async function storedCells(
	db: Db,
	studentIds: number[],
	subjectId: number,
	semesterId: number,
	forUpdate = false
): Promise<StoredCell[]> {
	if (!studentIds.length) return [];
	let query = db
		.selectFrom('grade_scores')
		.select(['id', 'student_id as studentId', 'column_key as column', 'value', 'state', 'version'])
		.where('student_id', 'in', studentIds)
		.where('subject_id', '=', subjectId)
		.where('semester_id', '=', semesterId);
	if (forUpdate) query = query.forUpdate();
	return query.execute();
}

export interface GradebookListRow {
	classId: number;
	className: string;
	schoolName: string;
	subjectId: number;
	subjectVi: string;
	subjectEn: string;
	semesterId: number;
	semesterNumber: number;
	pupils: number;
	filled: number;
	cells: number;
}

/** The principal's own teaching assignments of the current school year, one row per semester. */
export async function listOwnGradebooks(db: Db, principal: Principal): Promise<GradebookListRow[]> {
	const rows = await gradebooks(db)
		.innerJoin('school_years as cy', (j) =>
			j.onRef('cy.id', '=', 'y.id').on('cy.is_current', '=', true)
		)
		.where(ownStaffWhere(principal, 'ta.staff_id'))
		.select((eb) => [
			eb
				.selectFrom('students as st')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('st.class_id', '=', 'c.id')
				.where('st.active', '=', true)
				.as('pupils'),
			eb
				.selectFrom('grade_scores as g')
				.innerJoin('students as st', 'st.id', 'g.student_id')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('st.class_id', '=', 'c.id')
				.where('st.active', '=', true)
				.whereRef('g.subject_id', '=', 's.id')
				.whereRef('g.semester_id', '=', 'sem.id')
				.where((w) => w.or([w('g.value', 'is not', null), w('g.state', '<>', 'value')]))
				.as('filled')
		])
		.orderBy('sem.number')
		.orderBy('c.grade')
		.orderBy('c.name_sort')
		.orderBy('s.sort_order')
		.execute();
	return rows.flatMap((r) => {
		const plan = planOf(r);
		if (!plan) return [];
		const pupils = Number(r.pupils ?? 0);
		return [
			{
				classId: r.class_id,
				className: r.class_name,
				schoolName: r.school_name,
				subjectId: r.subject_id,
				subjectVi: r.name_vi,
				subjectEn: r.name_en,
				semesterId: r.semester_id,
				semesterNumber: r.semester_number,
				pupils,
				filled: Number(r.filled ?? 0),
				cells: pupils * (plan.regularCount + 2)
			}
		];
	});
}
