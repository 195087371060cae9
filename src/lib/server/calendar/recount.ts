import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { recomputeYearSummaries } from '../grades/summaries';
import type { Owner } from './days-off';

type Db = Kysely<Database>;

/**
 * After a change of the calendar between `from` and `to` (a day off or a make-up day added or
 * removed), the stored year summaries of the pupils with an absence recorded in that span, at the
 * owner's school or at every school of the owner's department, are recomputed in the same
 * transaction: their counted absences (and so promotion) follow the calendar. One query finds
 * them; one recompute per class. Returns the number of pupils recomputed.
 */
export async function recountAbsences(
	trx: Db,
	owner: Owner,
	schoolYearId: number,
	span: { from: string; to: string }
): Promise<number> {
	let q = trx
		.selectFrom('attendance_absences as a')
		.innerJoin('classes as c', 'c.id', 'a.class_id')
		.select(['a.class_id', 'a.student_id'])
		.distinct()
		.where('c.school_year_id', '=', schoolYearId)
		.where('a.day', '>=', span.from)
		.where('a.day', '<=', span.to);
	q =
		'schoolId' in owner
			? q.where('c.school_id', '=', owner.schoolId)
			: q.where('c.school_id', 'in', (eb) =>
					eb.selectFrom('schools').select('id').where('department_id', '=', owner.departmentId)
				);
	const rows = await q.execute();
	const byClass = new Map<number, number[]>();
	for (const r of rows) byClass.set(r.class_id, [...(byClass.get(r.class_id) ?? []), r.student_id]);
	for (const [classId, pupils] of byClass) await recomputeYearSummaries(trx, classId, pupils);
	return rows.length;
}
