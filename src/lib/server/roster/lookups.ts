import type { Kysely } from 'kysely';
import type { Database, SchoolLevel } from '../db/schema';
import { programmeLevels } from '../../school-levels';
import { requestMemo } from '../http/request-memo';

/** Reference data and select options of the roster forms (one query each). */
type Q = Kysely<Database>;

/** The subjects a school of this level teaches (2018 programme; combined schools get both levels). */
export async function subjectsForSchool(db: Q, level: SchoolLevel) {
	const levels = programmeLevels(level);
	if (!levels.length) return [];
	return db
		.selectFrom('subjects')
		.select(['id', 'code', 'level', 'name_vi', 'name_en'])
		.where('level', 'in', levels)
		.orderBy('level')
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
}

export async function listEthnicities(db: Q) {
	return db.selectFrom('ethnicities').select(['code', 'name']).orderBy('code').execute();
}

export async function currentSchoolYear(db: Q) {
	return requestMemo('current-school-year', () =>
		db
			.selectFrom('school_years')
			.select(['id', 'name'])
			.where('is_current', '=', true)
			.executeTakeFirstOrThrow()
	);
}

/** Active classes of the current school year (the class select of the student form). */
export async function classOptions(db: Q, schoolId: number) {
	return db
		.selectFrom('classes')
		.innerJoin('school_years', 'school_years.id', 'classes.school_year_id')
		.select(['classes.id', 'classes.name', 'classes.grade'])
		.where('classes.school_id', '=', schoolId)
		.where('classes.active', '=', true)
		.where('school_years.is_current', '=', true)
		.orderBy('classes.grade')
		.orderBy('classes.name_sort')
		.execute();
}

/** Active staff (the homeroom teacher select of the class form). */
export async function staffOptions(db: Q, schoolId: number) {
	return db
		.selectFrom('staff')
		.select(['id', 'code', 'full_name'])
		.where('school_id', '=', schoolId)
		.where('active', '=', true)
		.orderBy('code')
		.execute();
}
