import {
	holds,
	type ClassPermission,
	type DepartmentPermission,
	type SchoolPermission
} from '$lib/auth/permissions';
import type { Role } from '$lib/types';
import { tokenServes, type ApiTokenScope } from './access/token';
import type { Principal } from './session';

/**
 * The role gate by URL prefix, applied in hooks.server.ts to every request (pages, form actions
 * and +server.ts alike; a guard in a layout load would not cover actions). Each prefix names a
 * permission of `$lib/auth/permissions`; the gate lets through the roles that may hold it, and
 * finer checks (which school, which class, which child) happen in the services through
 * `auth/access`. The navigation reads the same permissions, so a menu never links to a 403.
 */
export type Gate =
	| 'public'
	| 'signed-in'
	| 'token'
	| 'grades-api'
	| SchoolPermission
	| DepartmentPermission
	| ClassPermission;

export const GATES: [prefix: string, gate: Gate][] = [
	['/login', 'public'],
	['/activate', 'public'],
	['/privacy', 'public'],
	['/healthz', 'public'],
	['/api/v1/openapi.json', 'public'],
	// calendar feeds: the secret in the link is the key (calendar apps send no session)
	['/feeds', 'public'],
	['/locale', 'public'],
	['/department/schools/new', 'department.schools'],
	['/department/imports', 'department.schools'],
	// Platforms report usage with an API token (Bearer), never with a session.
	['/api/v1/usage-events', 'token'],
	// The grades API: a grades token of the school, or a signed-in user (the services check rows).
	['/api/v1/classes', 'grades-api'],
	['/api/v1/students', 'grades-api'],
	['/department/api-tokens', 'usage.department_tokens'],
	['/department/platforms', 'rollout.configure'],
	['/department/templates', 'rollout.configure'],
	['/department/waves', 'rollout.configure'],
	['/department/jobs', 'jobs.view'],
	['/department/calendar', 'calendar.configure'],
	['/department/school-year', 'year.switch'],
	['/department/grades', 'grades.figures'],
	['/department/notices', 'official_notices.send'],
	['/department', 'department.view'],
	['/schools', 'school.pages'],
	['/teacher', 'class.teach'],
	['/parent', 'student.family'],
	['/api/v1', 'signed-in'],
	['/account', 'signed-in'],
	// message and notice files: the service checks who may read the message (404 otherwise)
	['/attachments', 'signed-in'],
	['/', 'signed-in']
];

export function gateFor(pathname: string): Gate {
	for (const [prefix, gate] of GATES) {
		if (pathname === prefix || pathname.startsWith(prefix === '/' ? '/' : `${prefix}/`))
			return gate;
	}
	return 'signed-in';
}

export type GateDecision = 'allow' | 'unauthenticated' | 'forbidden';

export function checkGate(
	pathname: string,
	principal: Principal | null,
	apiToken: ApiTokenScope | null = null
): GateDecision {
	const gate = gateFor(pathname);
	if (gate === 'public') return 'allow';
	// Purposes are kept apart: a token of the other purpose is answered like an unknown address.
	if (gate === 'token') return tokenDecision(apiToken, 'usage');
	if (gate === 'grades-api' && apiToken) return tokenDecision(apiToken, 'grades');
	if (!principal) return 'unauthenticated';
	if (gate === 'grades-api') return 'allow';
	if (gate === 'signed-in') return 'allow';
	return holds(principal.roles, gate) ? 'allow' : 'forbidden';
}

function tokenDecision(apiToken: ApiTokenScope | null, purpose: 'usage' | 'grades'): GateDecision {
	if (!apiToken) return 'unauthenticated';
	return tokenServes(apiToken, purpose) ? 'allow' : 'forbidden';
}

/** Where a user lands after signing in: the home of their first role. */
export function homePath(principal: Principal): string {
	const order: Role[] = ['department', 'area', 'school_admin', 'teacher', 'parent'];
	for (const role of order) {
		const grant = principal.roles.find((g) => g.role === role);
		if (!grant) continue;
		if (role === 'department' || role === 'area') return '/department';
		if (role === 'school_admin') return `/schools/${grant.schoolId}`;
		if (role === 'teacher') return '/teacher';
		return '/parent';
	}
	return '/account';
}
