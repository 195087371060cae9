import type { DB } from '../db';
import type { Principal } from '../auth/session';
import type { SessionUser } from '../../types';

/**
 * The signed-in user for the layout, with the names of the schools and areas of their roles: read
 * with the session (auth/session.ts, no query here), or looked up for a principal built elsewhere.
 */
export async function loadSessionUser(db: DB, principal: Principal): Promise<SessionUser> {
	const read = principal.scopeNames;
	const names =
		read && read.length === principal.roles.length ? read : await scopeNames(db, principal);
	return {
		id: principal.userId,
		name: principal.name,
		email: principal.email,
		phone: principal.phone,
		locale: principal.locale,
		roles: principal.roles.map((g, i) => ({ ...g, scopeName: names[i] }))
	};
}

async function scopeNames(db: DB, principal: Principal): Promise<(string | null)[]> {
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
	return principal.roles.map((g) =>
		g.schoolId
			? name(schools, g.schoolId)
			: g.areaId
				? name(areas, g.areaId)
				: g.departmentId
					? name(depts, g.departmentId)
					: null
	);
}
