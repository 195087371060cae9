import { grantsWith, type DepartmentPermission } from '$lib/auth/permissions';
import type { Principal } from '../session';
import { notFound } from './common';

/** The department the principal may use `permission` on, or null. */
export function departmentIdFor(
	principal: Principal,
	permission: DepartmentPermission
): number | null {
	const grant = grantsWith(principal.roles, permission).find((g) => g.departmentId !== null);
	return grant?.departmentId ?? null;
}

/** The department the principal may use `permission` on; 404 when none. */
export function requireDepartment(principal: Principal, permission: DepartmentPermission): number {
	return departmentIdFor(principal, permission) ?? notFound();
}

/** Every department in which the principal may use `permission` (e.g. create schools); 404 if none. */
export function requireDepartments(
	principal: Principal,
	permission: DepartmentPermission
): number[] {
	const ids = grantsWith(principal.roles, permission)
		.filter((g) => g.role === 'department' && g.departmentId !== null)
		.map((g) => g.departmentId as number);
	return ids.length ? ids : notFound();
}
