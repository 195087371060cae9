import { isHttpError } from '@sveltejs/kit';
import { routeId } from '$lib/server/action';
import { apiJson, notFoundJson } from '$lib/server/api/http';
import { schoolDetailSchema } from '$lib/server/api/paths/org';
import { getDb } from '$lib/server/db';
import { getSchoolDetail } from '$lib/server/org/schools';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const id = routeId(params.id);
	try {
		const s = await getSchoolDetail(getDb(), locals.user!, id, 'school.view');
		return apiJson(schoolDetailSchema, {
			id: s.id,
			code: s.code,
			name: s.name,
			level: s.level,
			area: { id: s.area.id, name: s.area.name },
			commune: s.commune,
			address: s.address,
			principalName: s.principal_name,
			phone: s.phone,
			email: s.email,
			studentCount: s.student_count,
			classCount: s.class_count,
			declaredStudentCount: s.declared_student_count,
			declaredClassCount: s.declared_class_count,
			staffCount: s.staff_count,
			active: s.active
		});
	} catch (err) {
		if (isHttpError(err) && err.status === 404) return notFoundJson();
		throw err;
	}
};
