import type { DepartmentPermission, SchoolPermission } from '$lib/auth/permissions';
import { requireDepartment, requireSchool, requireSchoolAnyOf } from '../auth/access';
import type { RequestContext } from './context';
import { routeId } from './context';

type School = Awaited<ReturnType<typeof requireSchool>>;

/**
 * What an action proves before it reads the form: the caller's scope for the URL. Each returns
 * what it proved (the school row, the department id) for the action to use.
 */
export type Scope<S> = (ctx: RequestContext) => Promise<S> | S;

/** The school of the URL's `[schoolId=id]`, on which the caller holds `permission` (else 404). */
export function schoolScope(permission: SchoolPermission): Scope<{ school: School }> {
	return async (ctx) => ({
		school: await requireSchool(
			ctx.db,
			ctx.principal,
			routeId(ctx.event.params.schoolId),
			permission
		)
	});
}

/** The URL's school, on which the caller holds any of `permissions` (else 404). */
export function schoolScopeAnyOf(...permissions: SchoolPermission[]): Scope<{ school: School }> {
	return async (ctx) => ({
		school: await requireSchoolAnyOf(
			ctx.db,
			ctx.principal,
			routeId(ctx.event.params.schoolId),
			permissions
		)
	});
}

/** The caller's department, where the caller holds a department-wide `permission` (else 404). */
export function departmentScope(permission: DepartmentPermission): Scope<{ departmentId: number }> {
	return (ctx) => ({ departmentId: requireDepartment(ctx.principal, permission) });
}

/**
 * The caller's own rows (a teacher's usage entries, one's account): the URL gate proved the role;
 * the service filters by the caller, so the scope adds nothing.
 */
export const ownScope: Scope<object> = () => ({});
