import type { Kysely } from 'kysely';
import type { QualityItem, QualityLevel } from '$lib/grades/primary';
import { yearResultOf } from '$lib/grades/primary-plan';
import type { Database } from '../db/schema';
import { primarySubjects, type PrimaryClass } from './classes';
import { schoolGradePlan } from './test-plan';
import { enrolledIn } from '../roster/enrolments';

type Db = Kysely<Database>;

/**
 * Rebuilds the stored year results (Circular 27, Art. 9(2)) of some pupils of a class (all its
 * active pupils when `studentIds` is not given) from the 'year' checkpoint's levels, year tests and
 * qualities, in a fixed number of queries. Every write of a 'year' input calls it in its transaction.
 */
export async function recomputePrimaryYear(
	trx: Db,
	cls: PrimaryClass,
	studentIds?: number[]
): Promise<void> {
	let ids = studentIds;
	if (!ids) {
		// the class's pupils of its school year (0360): a rolled-over class keeps its moved pupils
		const rows = await enrolledIn(trx, cls.id).select('st.id').execute();
		ids = rows.map((r) => r.id);
	}
	if (!ids.length) return;
	const plan = await schoolGradePlan(trx, cls.schoolId, cls.schoolYearId, cls.grade);
	const subjects = await primarySubjects(trx, cls.grade, 'year', plan);
	const assessments = await trx
		.selectFrom('primary_assessments')
		.select(['student_id', 'subject_id', 'level', 'test_score'])
		.where('student_id', 'in', ids)
		.where('school_year_id', '=', cls.schoolYearId)
		.where('checkpoint', '=', 'year')
		.execute();
	const qualities = await trx
		.selectFrom('primary_qualities')
		.select(['student_id', 'item', 'level'])
		.where('student_id', 'in', ids)
		.where('school_year_id', '=', cls.schoolYearId)
		.where('checkpoint', '=', 'year')
		.execute();
	const cell = new Map(assessments.map((a) => [`${a.student_id}_${a.subject_id}`, a]));
	const rated = new Map<number, Partial<Record<QualityItem, QualityLevel>>>();
	for (const q of qualities)
		rated.set(q.student_id, { ...rated.get(q.student_id), [q.item]: q.level });
	const rows = ids.map((studentId) => {
		const { result, missing } = yearResultOf(
			cls.grade,
			subjects.map((s) => {
				const a = cell.get(`${studentId}_${s.id}`);
				return { code: s.code, level: a?.level ?? null, testScore: a?.test_score ?? null };
			}),
			rated.get(studentId) ?? {},
			undefined,
			plan
		);
		return {
			school_id: cls.schoolId,
			class_id: cls.id,
			student_id: studentId,
			school_year_id: cls.schoolYearId,
			result,
			missing,
			updated_at: new Date()
		};
	});
	await trx
		.insertInto('primary_year_results')
		.values(rows)
		.onConflict((oc) =>
			oc.columns(['student_id', 'school_year_id']).doUpdateSet((eb) => ({
				class_id: eb.ref('excluded.class_id'),
				result: eb.ref('excluded.result'),
				missing: eb.ref('excluded.missing'),
				updated_at: eb.ref('excluded.updated_at')
			}))
		)
		.execute();
}
