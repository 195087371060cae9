import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { classWhere, studentWhere } from '../auth/access';

/** A teacher's classes this school year: those they are homeroom teacher of, and those they teach. */
export async function listTeacherClasses(db: DB, principal: Principal) {
	const rows = await db
		.selectFrom('classes')
		.innerJoin('schools', 'schools.id', 'classes.school_id')
		.innerJoin('school_years', 'school_years.id', 'classes.school_year_id')
		.leftJoin('staff as homeroom', 'homeroom.id', 'classes.homeroom_staff_id')
		.select((eb) => [
			'classes.id',
			'classes.name',
			'classes.grade',
			'classes.school_id',
			'schools.name as school_name',
			'school_years.name as school_year',
			eb('homeroom.user_id', '=', principal.userId).as('is_homeroom'),
			eb
				.selectFrom('students')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('students.class_id', '=', 'classes.id')
				.where('students.active', '=', true)
				.as('student_count'),
			eb
				.selectFrom('teaching_assignments as ta')
				.innerJoin('staff', 'staff.id', 'ta.staff_id')
				.innerJoin('subjects', 'subjects.id', 'ta.subject_id')
				.select((e) => e.fn<string>('string_agg', ['subjects.name_vi', e.val(', ')]).as('s'))
				.whereRef('ta.class_id', '=', 'classes.id')
				.where('staff.user_id', '=', principal.userId)
				.as('subjects_vi'),
			eb
				.selectFrom('teaching_assignments as ta')
				.innerJoin('staff', 'staff.id', 'ta.staff_id')
				.innerJoin('subjects', 'subjects.id', 'ta.subject_id')
				.select((e) => e.fn<string>('string_agg', ['subjects.name_en', e.val(', ')]).as('s'))
				.whereRef('ta.class_id', '=', 'classes.id')
				.where('staff.user_id', '=', principal.userId)
				.as('subjects_en')
		])
		.where('school_years.is_current', '=', true)
		.where('classes.active', '=', true)
		.where(classWhere(principal, 'class.teach'))
		.orderBy('classes.grade')
		.orderBy('classes.name_sort')
		.execute();
	return rows;
}

/** A parent's children: only students linked to this user through a guardian record. */
export async function listParentChildren(db: DB, principal: Principal) {
	return db
		.selectFrom('students')
		.innerJoin('schools', 'schools.id', 'students.school_id')
		.leftJoin('classes', 'classes.id', 'students.class_id')
		.leftJoin('staff as homeroom', 'homeroom.id', 'classes.homeroom_staff_id')
		.select([
			'students.id',
			'students.full_name',
			'students.code',
			'students.date_of_birth',
			'students.class_id',
			'schools.id as school_id',
			'schools.name as school_name',
			'schools.address as school_address',
			'schools.phone as school_phone',
			'schools.email as school_email',
			'classes.name as class_name',
			'homeroom.full_name as homeroom_name',
			'homeroom.phone as homeroom_phone',
			'homeroom.email as homeroom_email'
		])
		.where(studentWhere(principal, 'student.family'))
		.where('students.active', '=', true)
		.orderBy('students.date_of_birth')
		.execute();
}
