import { sql } from 'kysely';
import type { DB } from '../db';
import type { SchoolLevel } from '../db/schema';
import type { Principal } from '../auth/session';
import { requireSchool, schoolWhere } from '../auth/access';
import { foldText } from '../../text';

export interface SchoolFilters {
	q?: string | null;
	areaId?: number | null;
	level?: SchoolLevel | null;
	page?: number;
	pageSize?: number;
}

/** Schools the principal may see, filtered and paged; one query for the page and one for the count. */
export async function listSchools(db: DB, principal: Principal, filters: SchoolFilters = {}) {
	const pageSize = filters.pageSize ?? 50;
	const page = Math.max(1, filters.page ?? 1);
	let q = db
		.selectFrom('schools')
		.innerJoin('areas', 'areas.id', 'schools.area_id')
		.where(schoolWhere(principal, 'school.view'));
	if (filters.areaId) q = q.where('schools.area_id', '=', filters.areaId);
	if (filters.level) q = q.where('schools.level', '=', filters.level);
	if (filters.q)
		q = q.where(
			'schools.search_text',
			'like',
			`%${foldText(filters.q).replace(/[%_\\]/g, '\\$&')}%`
		);
	const [rows, total] = await Promise.all([
		q
			.select([
				'schools.id',
				'schools.code',
				'schools.name',
				'schools.level',
				'schools.commune',
				'schools.student_count',
				'schools.class_count',
				'schools.declared_student_count',
				'schools.declared_class_count',
				'schools.staff_count',
				'schools.active',
				'areas.id as area_id',
				'areas.name as area_name'
			])
			.orderBy('areas.code')
			.orderBy('schools.code')
			.limit(pageSize)
			.offset((page - 1) * pageSize)
			.execute(),
		q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: total.n, page, pages: Math.max(1, Math.ceil(total.n / pageSize)) };
}

/** The areas whose schools the principal may see (filter options). */
export async function listVisibleAreas(db: DB, principal: Principal) {
	return db
		.selectFrom('areas')
		.select(['areas.id', 'areas.code', 'areas.name', 'areas.valid_to'])
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('schools')
					.select(sql`1`.as('x'))
					.whereRef('schools.area_id', '=', 'areas.id')
					.where(schoolWhere(principal, 'school.view'))
			)
		)
		.orderBy('areas.code')
		.execute();
}

export async function getSchoolDetail(
	db: DB,
	principal: Principal,
	schoolId: number,
	permission: 'school.view' | 'school.pages' = 'school.pages'
) {
	const school = await requireSchool(db, principal, schoolId, permission);
	const area = {
		id: school.area_id,
		name: school.area_name,
		code: school.area_code,
		valid_to: school.area_valid_to
	};
	return { ...school, area };
}
