import type { RequestEvent } from '@sveltejs/kit';
import { requireDepartments } from '../../auth/access';
import type { ImportScope } from './lookups';

/** The department whose schools an official imports (permission school.edit; else 404). */
export function departmentScope(event: RequestEvent): ImportScope {
	const [departmentId] = requireDepartments(event.locals.user!, 'school.edit');
	return { type: 'department', departmentId };
}
