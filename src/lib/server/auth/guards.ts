import type { Role } from '../db/schema';
import { hasRole, type ApiTokenScope } from './access';
import type { Principal } from './session';

/**
 * The role gate by URL prefix, applied in hooks.server.ts to every request (pages, form actions
 * and +server.ts alike; a guard in a layout load would not cover actions). Finer checks (which
 * school, which class, which child) happen in the services through access.ts.
 */
export type Gate = 'public' | 'signed-in' | 'token' | readonly Role[];

const GATES: [prefix: string, gate: Gate][] = [
	['/login', 'public'],
	['/healthz', 'public'],
	['/api/v1/openapi.json', 'public'],
	['/locale', 'public'],
	// Creating and importing schools is the department's (school.edit), not an area official's.
	['/department/schools/new', ['department']],
	['/department/imports', ['department']],
	// Platforms report usage with an API token (Bearer), never with a session.
	['/api/v1/usage-events', 'token'],
	['/department/api-tokens', ['department']],
	// Rollout configuration (catalogue, templates, waves) belongs to the department.
	['/department/platforms', ['department']],
	['/department/templates', ['department']],
	['/department/waves', ['department']],
	// Background jobs (state of the queue) are the department's.
	['/department/jobs', ['department']],
	['/department', ['department', 'area']],
	['/schools', ['department', 'area', 'school_admin', 'teacher']],
	['/teacher', ['teacher']],
	['/parent', ['parent']],
	['/api/v1', 'signed-in'],
	['/account', 'signed-in'],
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
	if (gate === 'token') return apiToken ? 'allow' : 'unauthenticated';
	if (!principal) return 'unauthenticated';
	if (gate === 'signed-in') return 'allow';
	return hasRole(principal, ...gate) ? 'allow' : 'forbidden';
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
