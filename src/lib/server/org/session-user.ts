import type { DB } from '../db';
import type { Principal } from '../auth/session';
import type { SessionUser } from '../../types';

/** The signed-in user for the layout, with the names of the schools and areas of their roles. */
export async function loadSessionUser(db: DB, principal: Principal): Promise<SessionUser> {
	const schoolIds = principal.roles.flatMap((g) => (g.schoolId ? [g.schoolId] : []));
	const areaIds = principal.roles.flatMap((g) => (g.areaId ? [g.areaId] : []));
	const deptIds = principal.roles.flatMap((g) =>
		g.departmentId && !g.areaId ? [g.departmentId] : []
	);
	const [schools, areas, depts] = await Promise.all([
		schoolIds.length
			? db.selectFrom('schools').select(['id', 'name']).where('id', 'in', schoolIds).execute()
			: [],
		areaIds.length
			? db.selectFrom('areas').select(['id', 'name']).where('id', 'in', areaIds).execute()
			: [],
		deptIds.length
			? db.selectFrom('departments').select(['id', 'name']).where('id', 'in', deptIds).execute()
			: []
	]);
	const name = (rows: { id: number; name: string }[], id: number | null) =>
		rows.find((r) => r.id === id)?.name ?? null;
	return {
		id: principal.userId,
		name: principal.name,
		email: principal.email,
		phone: principal.phone,
		locale: principal.locale,
		roles: principal.roles.map((g) => ({
			...g,
			scopeName: g.schoolId
				? name(schools, g.schoolId)
				: g.areaId
					? name(areas, g.areaId)
					: g.departmentId
						? name(depts, g.departmentId)
						: null
		}))
	};
}
