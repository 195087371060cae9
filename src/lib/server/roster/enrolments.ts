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
