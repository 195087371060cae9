import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/**
 * The pupils enrolled in a class (0360): the class's own pupils in its school year, whatever class
 * they are in now, so that last year's gradebooks, summaries and report cards keep last year's
 * pupils after the year rollover. A pupil who left the school counts only as a graduate of it.
 * Columns: `e.*` (the enrolment) and `st.*` (the pupil).
 */
export function enrolledIn(db: Db, classId: number) {
	return db
		.selectFrom('student_enrolments as e')
		.innerJoin('students as st', 'st.id', 'e.student_id')
		.where('e.class_id', '=', classId)
		.where((eb) => eb.or([eb('st.active', '=', true), eb('e.outcome', '=', 'graduated')]));
}

/**
 * Which of `ids` are enrolled in the class (as `enrolledIn`): the write checks of gradebooks,
 * conduct, attendance and primary assessments, so that a class's rows follow its school year's
 * enrolments and not the pupil's current `students.class_id` (which changes with the year).
 */
export async function enrolledAmong(db: Db, classId: number, ids: number[]): Promise<Set<number>> {
	if (!ids.length) return new Set();
	const rows = await enrolledIn(db, classId).select('st.id').where('st.id', 'in', ids).execute();
	return new Set(rows.map((r) => r.id));
}
