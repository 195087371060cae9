import * as m from '$lib/paraglide/messages';
import type { SessionUser } from '$lib/types';

export interface NavItem {
	href: string;
	label: string;
}
export interface NavSection {
	label: string;
	items: NavItem[];
}

/**
 * The navigation of each role. A user with several roles (a teacher who is also a parent) sees
 * one section per role. Modules add their entries here.
 */
export function navFor(user: SessionUser): NavSection[] {
	const sections: NavSection[] = [];
	const seen = new Set<string>();
	for (const grant of user.roles) {
		const key = `${grant.role}:${grant.schoolId ?? grant.areaId ?? ''}`;
		if (seen.has(key)) continue;
		seen.add(key);
		if (grant.role === 'department' || grant.role === 'area') {
			if (seen.has('officials')) continue;
			seen.add('officials');
			const isDepartment = user.roles.some((r) => r.role === 'department');
			sections.push({
				label: grant.scopeName ?? m.nav_department(),
				items: [
					{ href: '/department', label: m.nav_department_home() },
					{ href: '/department/schools', label: m.nav_schools() },
					...(isDepartment
						? [{ href: '/department/imports', label: m.roster_nav_dept_imports() }]
						: []),
					{ href: '/department/adoption', label: m.nav_usage_adoption() },
					...(isDepartment
						? [{ href: '/department/api-tokens', label: m.nav_usage_tokens() }]
						: []),
					{ href: '/department/reviews', label: m.nav_rollout_reviews() },
					...(isDepartment
						? [
								{ href: '/department/platforms', label: m.nav_rollout_platforms() },
								{ href: '/department/templates', label: m.nav_rollout_templates() },
								{ href: '/department/waves', label: m.nav_rollout_waves() },
								{ href: '/department/jobs', label: m.jobs_nav() }
							]
						: [])
				]
			});
		} else if (grant.role === 'school_admin') {
			const base = `/schools/${grant.schoolId}`;
			sections.push({
				label: grant.scopeName ?? m.nav_my_school(),
				items: [
					{ href: base, label: m.nav_my_school() },
					{ href: `${base}/rollout`, label: m.nav_rollout_school() },
					{ href: `${base}/checklist`, label: m.nav_rollout_checklists() },
					{ href: `${base}/staff`, label: m.nav_staff() },
					{ href: `${base}/classes`, label: m.nav_classes() },
					{ href: `${base}/students`, label: m.nav_students() },
					{ href: `${base}/guardians`, label: m.nav_guardians() },
					{ href: `${base}/imports`, label: m.nav_imports() },
					{ href: `${base}/adoption`, label: m.nav_usage_adoption() },
					{ href: `${base}/api-tokens`, label: m.nav_usage_tokens() }
				]
			});
		} else if (grant.role === 'teacher') {
			if (seen.has('teacher')) continue;
			seen.add('teacher');
			// Teachers see their school's staff and classes (read-only), unless they manage it anyway.
			const schools = user.roles.filter(
				(r) =>
					r.role === 'teacher' &&
					!user.roles.some((a) => a.role === 'school_admin' && a.schoolId === r.schoolId)
			);
			sections.push({
				label: m.nav_teacher(),
				items: [
					{ href: '/teacher', label: m.nav_teacher_home() },
					...schools.flatMap((r) => [
						{ href: `/schools/${r.schoolId}/staff`, label: m.nav_staff() },
						{ href: `/schools/${r.schoolId}/classes`, label: m.nav_classes() }
					]),
					{ href: '/teacher/usage', label: m.nav_usage_log() }
				]
			});
		} else if (grant.role === 'parent') {
			sections.push({
				label: m.nav_parent(),
				items: [{ href: '/parent', label: m.nav_parent_home() }]
			});
		}
	}
	sections.push({ label: m.nav_account(), items: [{ href: '/account', label: m.nav_account() }] });
	return sections;
}

export function roleLabel(role: SessionUser['roles'][number]['role']): string {
	return {
		department: m.role_department,
		area: m.role_area,
		school_admin: m.role_school_admin,
		teacher: m.role_teacher,
		parent: m.role_parent
	}[role]();
}
