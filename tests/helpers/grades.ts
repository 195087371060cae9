import { sql } from 'kysely';
import type { DB } from '../../src/lib/server/db/connect';

export interface GradebookPick {
	classId: number;
	subjectId: number;
	semesterId: number;
	teacherEmail: string;
	homeroomEmail: string;
	periods: number;
}

/**
 * Scored gradebooks of semester II of the current year at a school, whose teacher is neither the
 * demo teacher (left to the browser tests) nor the class's homeroom teacher; in a stable order so
 * each test can take its own.
 */
export async function scoredGradebooks(db: DB, schoolName: string): Promise<GradebookPick[]> {
	const { rows } = await sql<GradebookPick>`
		select ta.class_id as "classId", ta.subject_id as "subjectId", sem.id as "semesterId",
			tu.email as "teacherEmail", hu.email as "homeroomEmail", sp.periods_per_year as periods
		from teaching_assignments ta
		join classes c on c.id = ta.class_id
		join schools sch on sch.id = c.school_id and sch.name = ${schoolName}
		join school_years y on y.id = c.school_year_id and y.is_current
		join semesters sem on sem.school_year_id = y.id and sem.number = 2
		join subjects s on s.id = ta.subject_id and s.assessment = 'score'
		join subject_periods sp on sp.subject_id = s.id and sp.grade = c.grade
		join staff t on t.id = ta.staff_id join users tu on tu.id = t.user_id
		join staff h on h.id = c.homeroom_staff_id join users hu on hu.id = h.user_id
		where t.id <> h.id and tu.email not in ('quangtrung.gv@demo.example', 'quangtrung.admin@demo.example')
			and hu.email not in ('quangtrung.gv@demo.example', 'quangtrung.admin@demo.example')
		order by c.id, s.id`.execute(db);
	return rows;
}

/** A teacher of the same school who teaches nothing in this class. */
export async function outsiderOf(db: DB, classId: number): Promise<string> {
	const { rows } = await sql<{ email: string }>`
		select u.email from staff t join users u on u.id = t.user_id
		join role_assignments r on r.user_id = u.id and r.role = 'teacher' and r.school_id = t.school_id
		where t.school_id = (select school_id from classes where id = ${classId})
			and not exists (select 1 from teaching_assignments ta where ta.staff_id = t.id and ta.class_id = ${classId})
			and not exists (select 1 from classes c where c.homeroom_staff_id = t.id)
			and not exists (select 1 from role_assignments a where a.user_id = u.id and a.role = 'school_admin')
		order by t.id limit 1`.execute(db);
	return rows[0].email;
}
