import type { Kysely } from 'kysely';
import { todayIso } from '$lib/dates';
import { subjectYearResult, type YearSubjectResult } from '$lib/grades/summary';
import type { ConductTerm, LevelValue } from '$lib/schemas/homeroom';
import { routeId, type Scope } from '../action';
import { notFound } from '../auth/access';
import { keptClassQuery, type KeptClass } from './kept-classes';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';
import type { GradeYearSummariesTable } from '../db/tables/homeroom';
import { DomainError } from '../errors';
import { classPupils, type Pupil } from './queries';
import { enrolledAmong } from '../roster/enrolments';
import { summaryClass, yearInputs, type ClassSubject } from './summaries';

type Db = Kysely<Database>;

export type HomeroomClass = KeptClass;

const homeroomQuery = (db: Db, principal: Principal) => keptClassQuery(db, principal, { min: 6 });

/** The current year's secondary classes whose summary the principal keeps ('class.homeroom'). */
export async function homeroomClassList(db: Db, principal: Principal): Promise<HomeroomClass[]> {
	return homeroomQuery(db, principal).orderBy('c.grade').orderBy('c.name_sort').execute();
}

/** The current year's class whose summary the principal keeps ('class.homeroom'), or 404. */
export async function requireHomeroomClass(
	db: Db,
	principal: Principal,
	classId: number
): Promise<HomeroomClass> {
	const row = await homeroomQuery(db, principal).where('c.id', '=', classId).executeTakeFirst();
	return row ?? notFound();
}

/** The URL's `[classId]`, whose summary the caller keeps ('class.homeroom'; 404 otherwise). */
export const homeroomScope: Scope<{ cls: HomeroomClass }> = async (ctx) => ({
	cls: await requireHomeroomClass(ctx.db, ctx.principal, routeId(ctx.event.params.classId))
});

export type Summary = Omit<
	{ [K in keyof GradeYearSummariesTable]: GradeYearSummariesTable[K] },
	'absences_excused' | 'absences_unexcused' | 'updated_at' | 'retest_subject_ids'
> & { absences_excused: number; absences_unexcused: number; retest_subject_ids: number[] };

export interface PupilRow extends Pupil {
	summary: Summary | null;
	/** per subject id: semester 1, semester 2 and year result (null while incomplete) */
	results: Record<
		number,
		{ s1: YearSubjectResult; s2: YearSubjectResult; year: YearSubjectResult }
	>;
	/** the stored conduct per term, with its version */
	conduct: Partial<Record<ConductTerm, { level: LevelValue; version: number }>>;
	retests: Record<number, { value: number | null; passed: boolean | null; version: number }>;
}

export interface ClassSummary {
	subjects: ClassSubject[];
	pupils: PupilRow[];
	locked: Record<ConductTerm, boolean>;
}

/** Conduct of semester I is read-only from the end-of-term I lock, semester II from the year lock. */
export async function conductLocks(
	db: Db,
	cls: { schoolId: number; schoolYearId: number },
	today: string
): Promise<Record<ConductTerm, boolean>> {
	const rows = await db
		.selectFrom('grade_checkpoints')
		.select(['checkpoint', 'locks_on'])
		.where('school_id', '=', cls.schoolId)
		.where('school_year_id', '=', cls.schoolYearId)
		.where('checkpoint', 'in', ['end1', 'year'])
		.execute();
	const lockedOn = (c: string) => {
		const day = rows.find((r) => r.checkpoint === c)?.locks_on;
		return day !== null && day !== undefined && String(day) <= today;
	};
	return { '1': lockedOn('end1'), '2': lockedOn('year'), summer: false };
}

/** The whole class: every subject's results per semester and year, conduct, levels, decisions. */
export async function loadClassSummary(
	db: Db,
	cls: HomeroomClass,
	today = todayIso()
): Promise<ClassSummary> {
	const sc = await summaryClass(db, cls.id);
	if (!sc) notFound();
	const [pupils, inputs, summaries, conduct, retests, locked] = await Promise.all([
		classPupils(db, cls.id),
		yearInputs(db, sc),
		db
			.selectFrom('grade_year_summaries')
			.selectAll()
			.where('class_id', '=', cls.id)
			.where('school_year_id', '=', cls.schoolYearId)
			.execute(),
		db
			.selectFrom('grade_conduct')
			.select(['student_id', 'term', 'level', 'version'])
			.where('class_id', '=', cls.id)
			.where('school_year_id', '=', cls.schoolYearId)
			.execute(),
		db
			.selectFrom('grade_retests')
			.select(['student_id', 'subject_id', 'value', 'passed', 'version'])
			.where('class_id', '=', cls.id)
			.where('school_year_id', '=', cls.schoolYearId)
			.execute(),
		conductLocks(db, cls, today)
	]);
	const summaryOf = new Map(summaries.map((s) => [s.student_id, s]));
	const rows = pupils.map((p): PupilRow => {
		const input = inputs.inputs.get(p.id);
		const results: PupilRow['results'] = {};
		inputs.subjects.forEach((s, i) => {
			const subject = input?.subjects[i];
			if (!subject) return;
			const one = subjectYearResult({ ...subject, semester2: subject.semester1 });
			const two = subjectYearResult({ ...subject, semester1: subject.semester2 });
			results[s.subjectId] = { s1: one, s2: two, year: subjectYearResult(subject) };
		});
		const summary = summaryOf.get(p.id);
		return {
			...p,
			summary: summary ? { ...summary } : null,
			results,
			conduct: Object.fromEntries(
				conduct
					.filter((c) => c.student_id === p.id)
					.map((c) => [c.term, { level: c.level, version: c.version }])
			),
			retests: Object.fromEntries(
				retests
					.filter((r) => r.student_id === p.id)
					.map((r) => [r.subject_id, { value: r.value, passed: r.passed, version: r.version }])
			)
		};
	});
	return { subjects: inputs.subjects, pupils: rows, locked };
}

/** Pupils of the class among `ids`, or a DomainError naming the first stranger's field. */
export async function requirePupils(
	trx: Db,
	classId: number,
	ids: number[],
	field: (id: number) => string
) {
	if (!ids.length) return;
	// the class's pupils of its school year (0360), whatever class they are in now
	const known = await enrolledAmong(trx, classId, ids);
	const stranger = ids.find((id) => !known.has(id));
	if (stranger !== undefined)
		throw new DomainError('grades_pupil_not_in_class', {}, field(stranger));
}
