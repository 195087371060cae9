import type { Kysely } from 'kysely';
import type { Level } from '../../grades/secondary';
import {
	pupilYearSummary,
	type PupilYearSummary,
	type SemesterResult,
	type SubjectYear
} from '../../grades/summary';
import { countedAbsencesOf } from '../calendar/school-calendar';
import { enrolledIn } from '../roster/enrolments';
import type { Database } from '../db/schema';

/**
 * The stored year summaries of a class's pupils (`grade_year_summaries`), recomputed from the stored
 * semester results, conduct, re-tests and absences. Every write of one of these inputs calls
 * `recomputeYearSummaries` in its transaction (saveCells via recomputeResults, corrections, conduct,
 * re-tests, attendance). Relative imports only: the demo seed runs without the $lib alias.
 * A fixed number of queries per class, none per pupil.
 */

type Db = Kysely<Database>;

export interface ClassSubject {
	subjectId: number;
	nameVi: string;
	nameEn: string;
	sortOrder: number;
	assessment: 'score' | 'comment';
	/** semester number -> semester id */
	semesters: Record<1 | 2, number>;
}

export interface SummaryClass {
	id: number;
	schoolId: number;
	schoolYearId: number;
	startsOn: string;
	endsOn: string;
}

export async function summaryClass(db: Db, classId: number): Promise<SummaryClass | null> {
	const row = await db
		.selectFrom('classes as c')
		.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
		.select([
			'c.id',
			'c.school_id as schoolId',
			'c.school_year_id as schoolYearId',
			'y.starts_on as startsOn',
			'y.ends_on as endsOn'
		])
		.where('c.id', '=', classId)
		.executeTakeFirst();
	return row ?? null;
}

/** The secondary subjects taught in a class (teaching assignments with a plan), in programme order. */
export async function classSubjects(db: Db, classId: number): Promise<ClassSubject[]> {
	const rows = await db
		.selectFrom('teaching_assignments as ta')
		.innerJoin('classes as c', 'c.id', 'ta.class_id')
		.innerJoin('subjects as s', 's.id', 'ta.subject_id')
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
		.select([
			's.id as subjectId',
			's.name_vi as nameVi',
			's.name_en as nameEn',
			's.sort_order as sortOrder',
			's.assessment',
			'sem.id as semesterId',
			'sem.number as semesterNumber',
			'sp.periods_per_year as periods',
			'gp.assessment as planAssessment'
		])
		.where('c.id', '=', classId)
		.where('s.level', 'in', ['THCS', 'THPT'])
		.orderBy('s.sort_order')
		.orderBy('s.id')
		.execute();
	const subjects = new Map<number, ClassSubject>();
	for (const r of rows) {
		const assessment = r.planAssessment ?? r.assessment;
		// the same rule as planOf (queries.ts): the school's plan, or periods in the programme
		if (r.planAssessment === null && !(r.periods !== null && r.periods > 0)) continue;
		const s = subjects.get(r.subjectId) ?? {
			subjectId: r.subjectId,
			nameVi: r.nameVi,
			nameEn: r.nameEn,
			sortOrder: r.sortOrder,
			assessment,
			semesters: { 1: 0, 2: 0 }
		};
		s.semesters[r.semesterNumber as 1 | 2] = r.semesterId;
		subjects.set(r.subjectId, s);
	}
	return [...subjects.values()];
}

export interface YearInputs {
	subjects: ClassSubject[];
	pupils: number[];
	inputs: Map<number, Parameters<typeof pupilYearSummary>[0]>;
}

/** Everything the summaries of these pupils need, in five queries. */
export async function yearInputs(
	db: Db,
	cls: SummaryClass,
	studentIds?: number[]
): Promise<YearInputs> {
	// the class's pupils of its year (0360), also once they moved on to next year's class
	let pupilQuery = enrolledIn(db, cls.id).select('st.id');
	if (studentIds)
		pupilQuery = pupilQuery.where('st.id', 'in', studentIds.length ? studentIds : [0]);
	const [subjects, pupilRows] = await Promise.all([
		classSubjects(db, cls.id),
		pupilQuery.orderBy('st.id').execute()
	]);
	const pupils = pupilRows.map((p) => p.id);
	const inputs = new Map<number, Parameters<typeof pupilYearSummary>[0]>();
	if (!pupils.length) return { subjects, pupils, inputs };
	const semesterIds = [...new Set(subjects.flatMap((s) => [s.semesters[1], s.semesters[2]]))];
	const [results, conduct, retests, absences] = await Promise.all([
		db
			.selectFrom('grade_results')
			.select(['student_id', 'subject_id', 'semester_id', 'status', 'average', 'passed'])
			.where('student_id', 'in', pupils)
			.where('semester_id', 'in', semesterIds.length ? semesterIds : [0])
			.execute(),
		db
			.selectFrom('grade_conduct')
			.select(['student_id', 'term', 'level'])
			.where('student_id', 'in', pupils)
			.where('school_year_id', '=', cls.schoolYearId)
			.execute(),
		db
			.selectFrom('grade_retests')
			.select(['student_id', 'subject_id', 'value', 'passed'])
			.where('student_id', 'in', pupils)
			.where('school_year_id', '=', cls.schoolYearId)
			.execute(),
		// counted on the school calendar: a session on a day that is not a school day does not count
		countedAbsencesOf(db, cls, pupils)
	]);
	const resultOf = new Map(
		results.map((r) => [`${r.student_id}:${r.subject_id}:${r.semester_id}`, r])
	);
	const retestOf = new Map(retests.map((r) => [`${r.student_id}:${r.subject_id}`, r]));
	for (const id of pupils) {
		const semester = (s: ClassSubject, n: 1 | 2): SemesterResult | null => {
			const r = resultOf.get(`${id}:${s.subjectId}:${s.semesters[n]}`);
			if (!r) return null;
			return r.status === 'ok'
				? { status: 'ok', average: r.average, passed: r.passed }
				: { status: r.status };
		};
		const subjectsOfPupil: SubjectYear[] = subjects.map((s) => {
			const r = retestOf.get(`${id}:${s.subjectId}`);
			return {
				assessment: s.assessment,
				semester1: semester(s, 1),
				semester2: semester(s, 2),
				retest: !r ? null : r.value !== null ? { average: r.value } : { passed: r.passed! }
			};
		});
		const term = (t: '1' | '2' | 'summer') =>
			(conduct.find((c) => c.student_id === id && c.term === t)?.level ?? null) as Level | null;
		const counted = absences.get(id)!;
		inputs.set(id, {
			subjects: subjectsOfPupil,
			conduct: { semester1: term('1'), semester2: term('2'), afterTraining: term('summer') },
			absences: { excused: counted.excused, unexcused: counted.unexcused }
		});
	}
	return { subjects, pupils, inputs };
}

/** Recomputes and stores the year summaries of a class's pupils (all, or the ones given). */
export async function recomputeYearSummaries(
	trx: Db,
	classId: number,
	studentIds?: number[]
): Promise<Map<number, PupilYearSummary>> {
	const out = new Map<number, PupilYearSummary>();
	const cls = await summaryClass(trx, classId);
	if (!cls) return out;
	const { subjects, pupils, inputs } = await yearInputs(trx, cls, studentIds);
	if (!pupils.length) return out;
	const rows = pupils.map((id) => {
		const input = inputs.get(id)!;
		const s = pupilYearSummary(input);
		out.set(id, s);
		return {
			school_id: cls.schoolId,
			class_id: cls.id,
			student_id: id,
			school_year_id: cls.schoolYearId,
			learning1: s.learning1,
			learning2: s.learning2,
			learning_year: s.learningYear,
			adjusted_subject_id: s.adjustedFor === null ? null : subjects[s.adjustedFor].subjectId,
			conduct1: input.conduct.semester1,
			conduct2: input.conduct.semester2,
			conduct_year: s.conductYear,
			absences_excused: input.absences.excused,
			absences_unexcused: input.absences.unexcused,
			decision: s.decision,
			retest_subject_ids: s.retests.map((i) => subjects[i].subjectId),
			learning_final: s.learningFinal,
			conduct_final: s.conductFinal,
			final_decision: s.finalDecision,
			award: s.award,
			updated_at: new Date()
		};
	});
	await trx
		.insertInto('grade_year_summaries')
		.values(rows)
		.onConflict((oc) =>
			oc.columns(['student_id', 'school_year_id']).doUpdateSet((eb) => ({
				school_id: eb.ref('excluded.school_id'),
				class_id: eb.ref('excluded.class_id'),
				learning1: eb.ref('excluded.learning1'),
				learning2: eb.ref('excluded.learning2'),
				learning_year: eb.ref('excluded.learning_year'),
				adjusted_subject_id: eb.ref('excluded.adjusted_subject_id'),
				conduct1: eb.ref('excluded.conduct1'),
				conduct2: eb.ref('excluded.conduct2'),
				conduct_year: eb.ref('excluded.conduct_year'),
				absences_excused: eb.ref('excluded.absences_excused'),
				absences_unexcused: eb.ref('excluded.absences_unexcused'),
				decision: eb.ref('excluded.decision'),
				retest_subject_ids: eb.ref('excluded.retest_subject_ids'),
				learning_final: eb.ref('excluded.learning_final'),
				conduct_final: eb.ref('excluded.conduct_final'),
				final_decision: eb.ref('excluded.final_decision'),
				award: eb.ref('excluded.award'),
				updated_at: eb.ref('excluded.updated_at')
			}))
		)
		.execute();
	return out;
}
