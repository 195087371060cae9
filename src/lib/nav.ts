import * as m from '$lib/paraglide/messages';
import {
	grantsWith,
	holds,
	rolesOf,
	type ClassPermission,
	type DepartmentPermission,
	type SchoolPermission
} from '$lib/auth/permissions';
import type { SessionUser } from '$lib/types';

export interface NavItem {
	href: string;
	label: string;
}
export interface NavSection {
	label: string;
	items: NavItem[];
}

type Grant = SessionUser['roles'][number];
interface Entry<P> {
	path: string;
	label: () => string;
	permission: P;
}

/**
 * The menus are built from the permission tables (`$lib/auth/permissions`) that the URL gate and
 * the services also use, so a user never sees a link that would answer 403 or 404. A module adds
 * its pages to one of these lists with the permission that guards them.
 */
const OFFICIAL: Entry<DepartmentPermission | SchoolPermission>[] = [
	{ path: '/department', label: m.nav_department_home, permission: 'department.view' },
	{ path: '/department/schools', label: m.nav_schools, permission: 'department.view' },
	{
		path: '/department/imports',
		label: m.roster_nav_dept_imports,
		permission: 'department.schools'
	},
	{ path: '/department/adoption', label: m.nav_usage_adoption, permission: 'department.view' },
	{
		path: '/department/api-tokens',
		label: m.nav_usage_tokens,
		permission: 'usage.department_tokens'
	},
	{ path: '/department/reviews', label: m.nav_rollout_reviews, permission: 'rollout.review' },
	{
		path: '/department/platforms',
		label: m.nav_rollout_platforms,
		permission: 'rollout.configure'
	},
	{
		path: '/department/templates',
		label: m.nav_rollout_templates,
		permission: 'rollout.configure'
	},
	{ path: '/department/waves', label: m.nav_rollout_waves, permission: 'rollout.configure' },
	{ path: '/department/grades', label: m.gradefig_nav, permission: 'grades.figures' },
	{ path: '/department/notices', label: m.offnotice_nav, permission: 'official_notices.send' },
	{ path: '/department/jobs', label: m.jobs_nav, permission: 'jobs.view' },
	{ path: '/department/calendar', label: m.calendar_nav, permission: 'calendar.configure' },
	{ path: '/department/school-year', label: m.year_switch_nav, permission: 'year.switch' }
];

/** Pages of one school; `path` is relative to /schools/<id>. */
const SCHOOL: Entry<SchoolPermission>[] = [
	{ path: '', label: m.nav_my_school, permission: 'roster.manage' },
	{ path: '/rollout', label: m.nav_rollout_school, permission: 'rollout.edit' },
	{ path: '/checklist', label: m.nav_rollout_checklists, permission: 'rollout.edit' },
	{ path: '/staff', label: m.nav_staff, permission: 'roster.view' },
	{ path: '/classes', label: m.nav_classes, permission: 'roster.view' },
	{ path: '/students', label: m.nav_students, permission: 'roster.manage' },
	{ path: '/guardians', label: m.nav_guardians, permission: 'roster.manage' },
	{ path: '/invitations', label: m.accounts_invitations_title, permission: 'roster.manage' },
	{ path: '/imports', label: m.nav_imports, permission: 'roster.manage' },
	{ path: '/adoption', label: m.nav_usage_adoption, permission: 'usage.view' },
	{ path: '/api-tokens', label: m.nav_usage_tokens, permission: 'usage.tokens' },
	{ path: '/grades', label: m.grades_admin_nav, permission: 'grades.manage' },
	{ path: '/timetable', label: m.timetable_nav, permission: 'timetable.manage' },
	{ path: '/messages', label: m.messages_office_nav, permission: 'messages.office' },
	{ path: '/notices', label: m.notices_nav, permission: 'notices.send' },
	{ path: '/official-notices', label: m.offnotice_inbox_nav, permission: 'official_notices.read' },
	{ path: '/timetable/cover', label: m.timetable_covers_nav, permission: 'timetable.manage' },
	{ path: '/calendar', label: m.calendar_nav, permission: 'calendar.manage' },
	{ path: '/rollover', label: m.yr_menu, permission: 'roster.manage' },
	{
		path: '/deletion-requests',
		label: m.commore_deletion_school_title,
		permission: 'privacy.deletion'
	},
	{ path: '/access-log', label: m.privlog_nav, permission: 'privacy.access_log' }
];

const TEACHER: Entry<ClassPermission | SchoolPermission>[] = [
	{ path: '/teacher', label: m.nav_teacher_home, permission: 'class.teach' },
	{ path: '/teacher/grades', label: m.grades_nav, permission: 'class.teach' },
	{ path: '/teacher/attendance', label: m.attendance_nav, permission: 'class.teach' },
	{ path: '/teacher/homeroom', label: m.homeroom_nav, permission: 'class.teach' },
	{ path: '/teacher/primary', label: m.primary_nav, permission: 'class.teach' },
	{ path: '/teacher/timetable', label: m.timetable_my_week_nav, permission: 'class.teach' },
	{ path: '/teacher/messages', label: m.messages_nav, permission: 'class.teach' },
	{ path: '/teacher/notices', label: m.notices_nav, permission: 'class.teach' },
	{ path: '/teacher/leave', label: m.leave_nav, permission: 'class.teach' },
	{ path: '/teacher/usage', label: m.nav_usage_log, permission: 'usage.log' },
	{ path: '/teacher/office-hours', label: m.officehours_nav, permission: 'class.teach' }
];

const PARENT: Entry<ClassPermission>[] = [
	{ path: '/parent', label: m.nav_parent_home, permission: 'student.family' },
	{ path: '/parent/messages', label: m.messages_nav, permission: 'student.family' },
	{ path: '/parent/notices', label: m.notices_nav, permission: 'student.family' },
	{ path: '/parent/leave', label: m.leave_nav, permission: 'student.family' },
	{ path: '/parent/access-log', label: m.privlog_parent_nav, permission: 'student.family' }
];

const grantHas = (grant: Grant, permission: Parameters<typeof rolesOf>[0]) =>
	rolesOf(permission).includes(grant.role);

function officialSection(user: SessionUser): NavSection | null {
	const first = user.roles.find((g) => g.role === 'department' || g.role === 'area');
	if (!first) return null;
	const items = OFFICIAL.filter((e) => holds(user.roles, e.permission));
	return {
		label: first.scopeName ?? m.nav_department(),
		items: items.map((e) => ({ href: e.path, label: e.label() }))
	};
}

function schoolAdminSections(user: SessionUser): NavSection[] {
	return user.roles
		.filter((g) => g.role === 'school_admin')
		.map((grant) => ({
			label: grant.scopeName ?? m.nav_my_school(),
			items: SCHOOL.filter((e) => grantHas(grant, e.permission)).map((e) => ({
				href: `/schools/${grant.schoolId}${e.path}`,
				label: e.label()
			}))
		}));
}

function teacherSection(user: SessionUser): NavSection | null {
	const grants = grantsWith(user.roles, 'class.teach');
	if (!grants.length) return null;
	const home = TEACHER.filter((e) => holds(user.roles, e.permission));
	// The school pages a teacher may read, unless the same user manages that school anyway.
	const managed = new Set(
		user.roles.filter((g) => g.role === 'school_admin').map((g) => g.schoolId)
	);
	const schoolPages = grants
		.filter((g) => g.schoolId !== null && !managed.has(g.schoolId))
		.flatMap((g) =>
			SCHOOL.filter((e) => e.path && grantHas(g, e.permission)).map((e) => ({
				href: `/schools/${g.schoolId}${e.path}`,
				label: e.label()
			}))
		);
	const [first, ...rest] = home.map((e) => ({ href: e.path, label: e.label() }));
	return { label: m.nav_teacher(), items: [first, ...schoolPages, ...rest].filter(Boolean) };
}

function parentSection(user: SessionUser): NavSection | null {
	const items = PARENT.filter((e) => holds(user.roles, e.permission));
	return items.length
		? { label: m.nav_parent(), items: items.map((e) => ({ href: e.path, label: e.label() })) }
		: null;
}

/**
 * The navigation of each role. A user with several roles (a teacher who is also a parent) sees
 * one section per role.
 */
export function navFor(user: SessionUser): NavSection[] {
	const sections = [
		officialSection(user),
		...schoolAdminSections(user),
		teacherSection(user),
		parentSection(user)
	].filter((s): s is NavSection => s !== null && s.items.length > 0);
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
