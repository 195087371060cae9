/**
 * Authorization in one place. Every page, action and API route asks these functions, and every
 * query that lists rows filters with the same predicates, so a scope rule lives here only. The
 * permission tables themselves are in `$lib/auth/permissions` (the menus read them too).
 * A resource outside the caller's scope is answered with 404: its existence stays private.
 *
 * - school.ts: schools and rows with a school id (`schoolWhere`, `requireSchool`)
 * - official.ts: pre-aggregated rows scoped by department and area
 * - classes.ts: classes, pupils, (class, subject) pairs, one's own staff rows
 * - department.ts: department-wide permissions
 * - token.ts: API tokens
 * - messages.ts: conversations (participants only; the office for its school's admins)
 * - link-requests.ts: a school's request to link an account as a guardian (its owner only)
 */
export {
	CLASS_PERMISSIONS,
	DEPARTMENT_PERMISSIONS,
	SCHOOL_PERMISSIONS,
	TEACHING_PERMISSIONS,
	holds,
	type ClassPermission,
	type DepartmentPermission,
	type SchoolPermission,
	type TeachingPermission
} from '$lib/auth/permissions';
export { hasRole, notFound } from './common';
export {
	accessibleSchoolIds,
	mayUse,
	requireSchool,
	requireSchoolAnyOf,
	schoolIdWhere,
	schoolWhere
} from './school';
export { officialScopeWhere, schoolGrantIds } from './official';
export { classWhere, ownStaffWhere, studentWhere, teachingWhere } from './classes';
export { attachmentWhere, conversationWhere, noticeWhere, type ConversationView } from './messages';
export { linkRequestWhere } from './link-requests';
export { departmentIdFor, requireDepartment, requireDepartments } from './department';
export { tokenAllowsPlatform, tokenSchoolWhere, tokenServes, type ApiTokenScope } from './token';
