import { describe, expect, it } from 'vitest';
import {
	CLASS_PERMISSIONS,
	DEPARTMENT_PERMISSIONS,
	SCHOOL_PERMISSIONS,
	TEACHING_PERMISSIONS,
	grantsWith,
	holds,
	rolesOf
} from '../../src/lib/auth/permissions';
import { navFor } from '../../src/lib/nav';
import { checkGate } from '../../src/lib/server/auth/guards';
import type { Principal } from '../../src/lib/server/auth/session';
import type { Role, SessionUser } from '../../src/lib/types';

type Grant = SessionUser['roles'][number];

const DEPT = 1;
const VAN_YEN = 7;
const QUANG_TRUNG = 11;
const OTHER_SCHOOL = 12;

const grant = (role: Role, scope: Partial<Grant> = {}): Grant => ({
	role,
	departmentId: null,
	areaId: null,
	schoolId: null,
	scopeName: null,
	...scope
});

const user = (...roles: Grant[]): SessionUser => ({
	id: 5,
	name: 'Người dùng',
	email: 'user@demo.example',
	locale: 'vi',
	roles
});

const principal = (u: SessionUser): Principal => ({
	userId: u.id,
	name: u.name,
	email: u.email,
	locale: u.locale,
	roles: u.roles.map(({ scopeName: _scopeName, ...g }) => g)
});

const department = grant('department', { departmentId: DEPT, scopeName: 'Sở GD&ĐT Yên Bái' });
const area = grant('area', { departmentId: DEPT, areaId: VAN_YEN, scopeName: 'Văn Yên' });
const admin = grant('school_admin', { schoolId: QUANG_TRUNG, scopeName: 'THCS Quang Trung' });
const teacher = grant('teacher', { schoolId: QUANG_TRUNG, scopeName: 'THCS Quang Trung' });
const otherTeacher = grant('teacher', { schoolId: OTHER_SCHOOL, scopeName: 'THCS Lê Lợi' });
const parent = grant('parent');

const hrefs = (u: SessionUser) => navFor(u).flatMap((s) => s.items.map((i) => i.href));

describe('the permission tables', () => {
	it('names the roles of school and department permissions as written', () => {
		expect(rolesOf('roster.manage')).toEqual(['school_admin']);
		expect(rolesOf('rollout.review')).toEqual(['department', 'area']);
		expect(rolesOf('department.view')).toEqual(['department', 'area']);
		expect(rolesOf('rollout.configure')).toEqual(['department']);
	});

	it('turns class and teaching relations into the roles that can hold them, once each', () => {
		expect(rolesOf('class.teach')).toEqual(['teacher']);
		expect(rolesOf('class.view')).toEqual(['school_admin', 'teacher']);
		expect(rolesOf('student.view')).toEqual(['school_admin', 'teacher', 'parent']);
		expect(rolesOf('student.family')).toEqual(['parent']);
		expect(rolesOf('teaching.enter')).toEqual(['teacher']);
		expect(rolesOf('teaching.view')).toEqual(['school_admin', 'teacher']);
	});

	it('has no permission name in two tables (rolesOf looks them up by name)', () => {
		const names = [
			...Object.keys(SCHOOL_PERMISSIONS),
			...Object.keys(DEPARTMENT_PERMISSIONS),
			...Object.keys(CLASS_PERMISSIONS),
			...Object.keys(TEACHING_PERMISSIONS)
		];
		expect(new Set(names).size).toBe(names.length);
	});

	it('keeps each grant with its own scope', () => {
		const grants = [department, area, admin, teacher, otherTeacher, parent];
		expect(grantsWith(grants, 'rollout.review')).toEqual([department, area]);
		expect(grantsWith(grants, 'usage.log')).toEqual([teacher, otherTeacher]);
		expect(grantsWith([parent], 'roster.view')).toEqual([]);
		expect(grantsWith(grants, 'student.family')).toEqual([parent]);
	});

	it('tells whether any grant carries a permission', () => {
		expect(holds([teacher], 'rollout.view')).toBe(true);
		expect(holds([teacher], 'rollout.edit')).toBe(false);
		expect(holds([area], 'rollout.configure')).toBe(false);
		expect(holds([area, admin], 'roster.manage')).toBe(true);
		expect(holds([parent], 'school.view')).toBe(true);
		expect(holds([parent], 'school.pages')).toBe(false);
		expect(holds([], 'school.view')).toBe(false);
	});
});

/** The invariant: the navigation and the URL gate read the same tables. */
function expectEveryLinkPassesTheGate(u: SessionUser) {
	const links = hrefs(u);
	expect(links.length).toBeGreaterThan(1);
	const refused = links.filter((href) => checkGate(href, principal(u)) !== 'allow');
	expect(refused, 'menu links the URL gate refuses').toEqual([]);
	expect(new Set(links).size, `duplicate links in ${links.join(' ')}`).toBe(links.length);
}

describe('the navigation of each role', () => {
	it('gives a department official every department page, and only links the gate lets through', () => {
		const u = user(department);
		expectEveryLinkPassesTheGate(u);
		expect(hrefs(u)).toEqual(
			expect.arrayContaining([
				'/department',
				'/department/schools',
				'/department/imports',
				'/department/api-tokens',
				'/department/platforms',
				'/department/templates',
				'/department/waves',
				'/account'
			])
		);
		expect(navFor(u)[0].label).toBe('Sở GD&ĐT Yên Bái');
	});

	it('gives an area official the province views without the department-only pages', () => {
		const u = user(area);
		expectEveryLinkPassesTheGate(u);
		const links = hrefs(u);
		expect(links).toEqual(
			expect.arrayContaining(['/department', '/department/schools', '/department/reviews'])
		);
		for (const only of [
			'/department/imports',
			'/department/api-tokens',
			'/department/platforms',
			'/department/templates',
			'/department/waves'
		])
			expect(links).not.toContain(only);
	});

	it('gives a school admin the pages of their school', () => {
		const u = user(admin);
		expectEveryLinkPassesTheGate(u);
		const links = hrefs(u);
		expect(links).toEqual(
			expect.arrayContaining([
				`/schools/${QUANG_TRUNG}`,
				`/schools/${QUANG_TRUNG}/staff`,
				`/schools/${QUANG_TRUNG}/students`,
				`/schools/${QUANG_TRUNG}/imports`,
				`/schools/${QUANG_TRUNG}/api-tokens`,
				`/schools/${QUANG_TRUNG}/messages`
			])
		);
		expect(links.some((l) => l.startsWith('/department') || l.startsWith('/teacher'))).toBe(false);
	});

	it('gives a teacher who is also a parent both sections, and no admin pages', () => {
		const u = user(teacher, parent);
		expectEveryLinkPassesTheGate(u);
		const links = hrefs(u);
		expect(links).toEqual(
			expect.arrayContaining([
				'/teacher',
				'/teacher/usage',
				`/schools/${QUANG_TRUNG}/staff`,
				'/parent'
			])
		);
		expect(links).not.toContain(`/schools/${QUANG_TRUNG}/students`);
		expect(links).not.toContain(`/schools/${QUANG_TRUNG}/api-tokens`);
		// the office's conversations are the admins' only
		expect(links).not.toContain(`/schools/${QUANG_TRUNG}/messages`);
		expect(links).toEqual(expect.arrayContaining(['/teacher/messages', '/parent/messages']));
		expect(navFor(u).map((s) => s.label)).toHaveLength(3);
	});

	it('shows the school pages once to a teacher who is also admin of their school', () => {
		const u = user(admin, teacher);
		expectEveryLinkPassesTheGate(u);
		const links = hrefs(u);
		expect(links.filter((l) => l === `/schools/${QUANG_TRUNG}/staff`)).toHaveLength(1);
		expect(links).toEqual(expect.arrayContaining(['/teacher', '/teacher/usage']));
	});

	it('gives a teacher at two schools the pages of both', () => {
		const u = user(teacher, otherTeacher);
		expectEveryLinkPassesTheGate(u);
		expect(hrefs(u)).toEqual(
			expect.arrayContaining([`/schools/${QUANG_TRUNG}/staff`, `/schools/${OTHER_SCHOOL}/staff`])
		);
	});

	it('gives a parent their home, their messages and account only', () => {
		const u = user(parent);
		expectEveryLinkPassesTheGate(u);
		expect(hrefs(u)).toEqual([
			'/parent',
			'/parent/messages',
			'/parent/notices',
			'/parent/leave',
			'/parent/access-log',
			'/account'
		]);
	});
});
