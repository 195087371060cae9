import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';

/**
 * A department of its own (two areas, one official) for tests that create or move schools, so the
 * demo province keeps its 123 schools for the other tests running on the same database.
 */
export async function makeDepartment(db: DB, tag: string) {
	const department = await db
		.insertInto('departments')
		.values({ code: `T-${tag}`, name: `Sở thử ${tag}`, province_name: 'Tỉnh thử' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const areas = await db
		.insertInto('areas')
		.values([
			{ department_id: department.id, code: 'A1', name: `Huyện Một ${tag}` },
			{ department_id: department.id, code: 'A2', name: `Huyện Hai ${tag}` }
		])
		.returning(['id', 'code', 'name'])
		.execute();
	const user = await db
		.insertInto('users')
		.values({ email: `so-${tag.toLowerCase()}@test.example`, name: 'Cán bộ Sở thử' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('role_assignments')
		.values({ user_id: user.id, role: 'department', department_id: department.id })
		.execute();
	const principal: Principal = {
		userId: user.id,
		email: `so-${tag.toLowerCase()}@test.example`,
		name: 'Cán bộ Sở thử',
		locale: 'vi',
		roles: [{ role: 'department', departmentId: department.id, areaId: null, schoolId: null }]
	};
	return { departmentId: department.id, areas, principal };
}
