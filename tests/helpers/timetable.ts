import type { DB } from '../../src/lib/server/db';
import { createTestSchool } from './rollout';

/**
 * A small school of its own for a timetable test: two classes of grade 6 in the current school
 * year, six teachers sharing the programme's subjects of grade 6, a homeroom teacher per class.
 */
export async function createTimetableSchool(db: DB) {
	const school = await createTestSchool(db);
	const year = await db
		.selectFrom('school_years')
		.select('id')
		.where('is_current', '=', true)
		.executeTakeFirstOrThrow();
	const staff = await db
		.insertInto('staff')
		.values(
			[1, 2, 3, 4, 5, 6].map((i) => ({
				school_id: school.schoolId,
				code: `TT${i}`,
				full_name: `Giáo viên Thử ${i}`
			}))
		)
		.returning('id')
		.execute();
	const classes = await db
		.insertInto('classes')
		.values(
			['6A', '6B'].map((name, i) => ({
				school_id: school.schoolId,
				school_year_id: year.id,
				grade: 6,
				name,
				homeroom_staff_id: staff[i].id
			}))
		)
		.returning(['id', 'name'])
		.execute();
	const subjects = await db
		.selectFrom('subject_periods as sp')
		.innerJoin('subjects as s', 's.id', 'sp.subject_id')
		.select(['s.id'])
		.where('s.level', '=', 'THCS')
		.where('sp.grade', '=', 6)
		.where('sp.periods_per_year', '>', 0)
		.orderBy('s.id')
		.execute();
	await db
		.insertInto('teaching_assignments')
		.values(
			classes.flatMap((c) =>
				subjects.map((s, i) => ({
					school_id: school.schoolId,
					class_id: c.id,
					subject_id: s.id,
					staff_id: staff[i % staff.length].id
				}))
			)
		)
		.execute();
	return {
		...school,
		classes,
		staffIds: staff.map((s) => s.id),
		subjectIds: subjects.map((s) => s.id)
	};
}
