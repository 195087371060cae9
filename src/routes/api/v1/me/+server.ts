import { apiJson } from '$lib/server/api/http';
import { meSchema } from '$lib/server/api/paths/org';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
	const user = locals.user!;
	return apiJson(meSchema, {
		id: user.userId,
		email: user.email,
		phone: user.phone ?? null,
		name: user.name,
		roles: user.roles.map((g) => ({
			role: g.role,
			...(g.departmentId ? { departmentId: g.departmentId } : {}),
			...(g.areaId ? { areaId: g.areaId } : {}),
			...(g.schoolId ? { schoolId: g.schoolId } : {})
		}))
	});
};
