import type { Kysely } from 'kysely';
import { classWhere } from '../auth/access/classes';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';

/**
 * A class of the current school year that the principal keeps ('class.homeroom': its homeroom
 * teacher or the school admin), within a range of grades: the secondary homeroom pages take grades
 * 6 and up, the primary assessment pages grades 1-5.
 */
export interface KeptClass {
	id: number;
	name: string;
	grade: number;
	schoolId: number;
	schoolName: string;
	schoolYearId: number;
	schoolYear: string;
}

export function keptClassQuery(
	db: Kysely<Database>,
	principal: Principal,
	grades: { min: number; max?: number }
) {
	let query = db
		.selectFrom('classes as c')
		.innerJoin('schools as s', 's.id', 'c.school_id')
		.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
		.select([
			'c.id',
			'c.name',
			'c.grade',
			'c.school_id as schoolId',
			's.name as schoolName',
			'y.id as schoolYearId',
			'y.name as schoolYear'
		])
		.where('c.active', '=', true)
		.where('y.is_current', '=', true)
		.where('c.grade', '>=', grades.min)
		.where(classWhere(principal, 'class.homeroom', 'c'));
	if (grades.max !== undefined) query = query.where('c.grade', '<=', grades.max);
	return query;
}
