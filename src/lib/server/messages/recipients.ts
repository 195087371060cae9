import { sql } from 'kysely';
import { studentWhere } from '../auth/access';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import { listParentChildren } from '../org/people';

/**
 * Whom a parent may write to about each own child: the homeroom teacher, the subject teachers of
 * the child's class (with an account) and the school office. Whom a teacher may write to: the
 * guardians of a pupil of their classes. One query per list, never one per child.
 */
export interface ChildRecipients {
	studentId: number;
	childName: string;
	className: string | null;
	homeroom: string | null;
	/** the homeroom teacher's staff row (their office hours) */
	homeroomStaffId: number | null;
	teachers: {
		subjectId: number;
		subjectVi: string;
		subjectEn: string;
		teacherName: string;
		staffId: number;
	}[];
}

export async function parentRecipients(db: DB, principal: Principal): Promise<ChildRecipients[]> {
	const children = await listParentChildren(db, principal);
	if (!children.length) return [];
	const ids = children.map((c) => c.id);
	const [homerooms, teachers] = await Promise.all([
		db
			.selectFrom('students as st')
			.innerJoin('classes as c', 'c.id', 'st.class_id')
			.innerJoin('staff as s', 's.id', 'c.homeroom_staff_id')
			.innerJoin('users as u', 'u.id', 's.user_id')
			.select(['st.id', 's.full_name', 's.id as staff_id'])
			.where('st.id', 'in', ids)
			.where('s.active', '=', true)
			.where('u.active', '=', true)
			.execute(),
		db
			.selectFrom('students as st')
			.innerJoin('teaching_assignments as ta', 'ta.class_id', 'st.class_id')
			.innerJoin('subjects as sub', 'sub.id', 'ta.subject_id')
			.innerJoin('staff as s', 's.id', 'ta.staff_id')
			.innerJoin('users as u', 'u.id', 's.user_id')
			.select([
				'st.id',
				'sub.id as subject_id',
				'sub.name_vi',
				'sub.name_en',
				's.full_name',
				's.id as staff_id'
			])
			.where('st.id', 'in', ids)
			.where('s.active', '=', true)
			.where('u.active', '=', true)
			.orderBy('sub.sort_order')
			.execute()
	]);
	const homeroomOf = new Map(homerooms.map((h) => [h.id, h]));
	return children.map((c) => ({
		studentId: c.id,
		childName: c.full_name,
		className: c.class_name,
		homeroom: homeroomOf.get(c.id)?.full_name ?? null,
		homeroomStaffId: homeroomOf.get(c.id)?.staff_id ?? null,
		teachers: teachers
			.filter((t) => t.id === c.id)
			.map((t) => ({
				subjectId: t.subject_id,
				subjectVi: t.name_vi,
				subjectEn: t.name_en,
				teacherName: t.full_name,
				staffId: t.staff_id
			}))
	}));
}

export interface TeacherPupil {
	id: number;
	fullName: string;
	className: string;
	/** guardians with an account the message reaches */
	reachable: number;
}

/** The pupils of the teacher's classes (homeroom or taught), with how many guardians can read. */
export async function teacherPupils(db: DB, principal: Principal): Promise<TeacherPupil[]> {
	const rows = await db
		.selectFrom('students')
		.innerJoin('classes as c', 'c.id', 'students.class_id')
		.select([
			'students.id',
			'students.full_name',
			'c.name as class_name',
			sql<number>`(select count(*) from student_guardians sg
				join guardians g on g.id = sg.guardian_id join users u on u.id = g.user_id
				where sg.student_id = students.id and u.active)::int`.as('reachable')
		])
		.where(studentWhere(principal, 'class.teach'))
		.where('students.active', '=', true)
		.orderBy('c.grade')
		.orderBy('c.name_sort')
		.orderBy('students.name_sort')
		.limit(2000)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		fullName: r.full_name,
		className: r.class_name,
		reachable: r.reachable
	}));
}
