import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { gradebookRowAverage } from '../../grades/gradebook';
import { regularAssessmentCount } from '../../grades/plan';
import { recomputeYearSummaries } from '../grades/summaries';
import type { SeedContext } from './index';

/**
 * Semester I of the current year partly entered in the demo teacher's gradebooks (issue 11): every
 * regular (TX) and mid-term (GK) score, the end-of-term (CK) column still open, so each row shows
 * "missing: CK" and no average. Plain relative imports: `npm run db:seed` runs without the $lib alias.
 */
export async function seedGrades(db: Kysely<Database>, ctx: SeedContext): Promise<void> {
	const userId = ctx.users['quangtrung.gv@demo.example'];
	await giveDemoTeacherCivics(db, userId, ctx.pilots.quangTrung.schoolId);
	const books = await db
		.selectFrom('teaching_assignments as ta')
		.innerJoin('staff', 'staff.id', 'ta.staff_id')
		.innerJoin('classes as c', 'c.id', 'ta.class_id')
		.innerJoin('subjects as s', 's.id', 'ta.subject_id')
		.innerJoin('subject_periods as sp', (j) =>
			j.onRef('sp.subject_id', '=', 's.id').onRef('sp.grade', '=', 'c.grade')
		)
		.innerJoin('semesters as sem', 'sem.school_year_id', 'c.school_year_id')
		.select([
			'c.id as classId',
			's.id as subjectId',
			'sem.id as semesterId',
			'sp.periods_per_year as periods'
		])
		.where('staff.user_id', '=', userId)
		.where('s.assessment', '=', 'score')
		.where('sp.periods_per_year', '>', 0)
		.where('c.school_year_id', '=', ctx.schoolYearId)
		.where('sem.number', '=', 1)
		.orderBy('c.id')
		.orderBy('s.id')
		.execute();
	for (const book of books) {
		const regularCount = regularAssessmentCount({
			assessment: 'score',
			periodsPerYear: book.periods
		});
		const pupils = await db
			.selectFrom('students')
			.select('id')
			.where('class_id', '=', book.classId)
			.where('active', '=', true)
			.orderBy('id')
			.execute();
		if (!pupils.length) continue;
		const score = () => ctx.rng.int(50, 100) / 10;
		const rows = pupils.map((p) => ({
			id: p.id,
			regular: Array.from({ length: regularCount }, score),
			midterm: score()
		}));
		const cells = rows.flatMap((r) => [
			...r.regular.map((value, i) => ({
				student_id: r.id,
				column_key: `tx${i + 1}` as const,
				value
			})),
			{ student_id: r.id, column_key: 'gk' as const, value: r.midterm }
		]);
		await db
			.insertInto('grade_scores')
			.values(
				cells.map((c) => ({
					...c,
					subject_id: book.subjectId,
					semester_id: book.semesterId,
					class_id: book.classId,
					updated_by: userId,
					updated_at: new Date()
				}))
			)
			.execute();
		await db
			.insertInto('grade_results')
			.values(
				rows.map((r) => {
					const result = gradebookRowAverage(
						{ regular: r.regular, midterm: r.midterm, final: null },
						{ regularCount }
					);
					return {
						student_id: r.id,
						subject_id: book.subjectId,
						semester_id: book.semesterId,
						class_id: book.classId,
						status: result.status,
						average: result.status === 'ok' ? result.average : null,
						passed: null,
						missing:
							result.status === 'incomplete'
								? result.missing.map((m) => (m.field === 'final' ? 'ck' : m.field))
								: [],
						updated_at: new Date()
					};
				})
			)
			.execute();
	}
	// the homeroom teacher's class summary reads stored year summaries
	for (const classId of new Set(books.map((b) => b.classId))) {
		await recomputeYearSummaries(db, classId);
	}
}

/**
 * The roster gives the demo teacher only a comment subject; the gradebook journey needs a scored
 * one, so Giáo dục công dân of their homeroom class 8A is theirs (the roster's teacher keeps the rest).
 */
async function giveDemoTeacherCivics(db: Kysely<Database>, userId: number, schoolId: number) {
	const staff = await db
		.selectFrom('staff')
		.select('id')
		.where('user_id', '=', userId)
		.where('school_id', '=', schoolId)
		.executeTakeFirstOrThrow();
	const civics = await db
		.selectFrom('subjects')
		.select('id')
		.where('level', '=', 'THCS')
		.where('code', '=', 'GDCD')
		.executeTakeFirstOrThrow();
	const updated = await db
		.updateTable('teaching_assignments')
		.set({ staff_id: staff.id })
		.where('subject_id', '=', civics.id)
		.where('class_id', 'in', (eb) =>
			eb
				.selectFrom('classes')
				.select('id')
				.where('school_id', '=', schoolId)
				.where('homeroom_staff_id', '=', staff.id)
		)
		.executeTakeFirst();
	if (Number(updated.numUpdatedRows) > 0) {
		await db
			.insertInto('staff_subjects')
			.values({ staff_id: staff.id, subject_id: civics.id })
			.onConflict((oc) => oc.doNothing())
			.execute();
	}
}
