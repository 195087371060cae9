import type { Kysely } from 'kysely';
import { CHECKPOINTS, type Checkpoint } from '$lib/grades/checkpoints';
import { studentWhere } from '../auth/access/classes';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export interface ChildYear {
	yearId: number;
	yearName: string;
	isCurrent: boolean;
	className: string;
	/** the checkpoints published to the pupil's class of that year, in calendar order */
	published: Checkpoint[];
}

/**
 * The school years in which a parent's own child has a published checkpoint: the child's class of
 * each year (enrolment history, 0360) and what was published to it, newest year first. Another
 * family's child answers an empty list (the guardian predicate; the page 404s before that).
 */
export async function childYears(
	db: Db,
	principal: Principal,
	studentId: number
): Promise<ChildYear[]> {
	const rows = await db
		.selectFrom('student_enrolments as e')
		.innerJoin('students as st', 'st.id', 'e.student_id')
		.innerJoin('classes as c', 'c.id', 'e.class_id')
		.innerJoin('school_years as y', 'y.id', 'e.school_year_id')
		.innerJoin('grade_publications as p', 'p.class_id', 'e.class_id')
		.select([
			'y.id as yearId',
			'y.name as yearName',
			'y.is_current as isCurrent',
			'c.name as className',
			'p.checkpoint'
		])
		.where('e.student_id', '=', studentId)
		.where(studentWhere(principal, 'student.family', 'st'))
		.orderBy('y.starts_on', 'desc')
		.execute();
	const years = new Map<number, ChildYear>();
	for (const row of rows) {
		const year = years.get(row.yearId) ?? {
			yearId: row.yearId,
			yearName: row.yearName,
			isCurrent: row.isCurrent,
			className: row.className,
			published: []
		};
		year.published.push(row.checkpoint);
		years.set(row.yearId, year);
	}
	for (const year of years.values())
		year.published.sort((a, b) => CHECKPOINTS.indexOf(a) - CHECKPOINTS.indexOf(b));
	return [...years.values()];
}
