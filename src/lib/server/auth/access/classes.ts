import { sql, type RawBuilder, type SqlBool } from 'kysely';
import {
	CLASS_PERMISSIONS,
	TEACHING_PERMISSIONS,
	relationRole,
	type ClassPermission,
	type Relation,
	type TeachingPermission
} from '$lib/auth/permissions';
import type { Principal } from '../session';
import { anyOf, hasRole, ownChildIds, ownStaffIds } from './common';

/** The relations of `permission` that this principal can hold (by role). */
function relationsOf(principal: Principal, relations: readonly Relation[]): Set<Relation> {
	return new Set(relations.filter((r) => hasRole(principal, relationRole(r))));
}

function adminSchoolIds(principal: Principal): number[] {
	return principal.roles.flatMap((g) =>
		g.role === 'school_admin' && g.schoolId !== null ? [g.schoolId] : []
	);
}

function inList(column: RawBuilder<unknown>, ids: number[]): RawBuilder<SqlBool> {
	return sql<SqlBool>`${column} in (${sql.join(ids)})`;
}

/**
 * A predicate on a `classes` row (under `alias`): the classes on which the principal holds
 * `permission`. School admins reach their school's classes; homeroom teachers their homeroom
 * class; subject teachers the classes they teach; guardians their children's classes.
 */
export function classWhere(
	principal: Principal,
	permission: ClassPermission,
	alias = 'classes'
): RawBuilder<SqlBool> {
	const col = (name: string) => sql.ref(`${alias}.${name}`);
	const relations = relationsOf(principal, CLASS_PERMISSIONS[permission]);
	const parts: RawBuilder<SqlBool>[] = [];
	const admin = relations.has('school_admin') ? adminSchoolIds(principal) : [];
	if (admin.length) parts.push(inList(col('school_id'), admin));
	const staff = ownStaffIds(principal.userId);
	if (relations.has('homeroom')) parts.push(sql<SqlBool>`${col('homeroom_staff_id')} in ${staff}`);
	if (relations.has('subject_teacher'))
		parts.push(sql<SqlBool>`${col('id')} in
			(select ta.class_id from teaching_assignments ta where ta.staff_id in ${staff})`);
	if (relations.has('guardian'))
		parts.push(sql<SqlBool>`${col('id')} in
			(select st.class_id from students st where st.id in ${ownChildIds(principal.userId)})`);
	return anyOf(parts);
}

/**
 * A predicate on a `students` row (under `alias`): the pupils on which the principal holds
 * `permission`. Officials never see pupils (they see counts).
 */
export function studentWhere(
	principal: Principal,
	permission: ClassPermission,
	alias = 'students'
): RawBuilder<SqlBool> {
	const col = (name: string) => sql.ref(`${alias}.${name}`);
	const relations = relationsOf(principal, CLASS_PERMISSIONS[permission]);
	const parts: RawBuilder<SqlBool>[] = [];
	const admin = relations.has('school_admin') ? adminSchoolIds(principal) : [];
	if (admin.length) parts.push(inList(col('school_id'), admin));
	const staff = ownStaffIds(principal.userId);
	if (relations.has('homeroom'))
		parts.push(sql<SqlBool>`${col('class_id')} in
			(select c.id from classes c where c.homeroom_staff_id in ${staff})`);
	if (relations.has('subject_teacher'))
		parts.push(sql<SqlBool>`${col('class_id')} in
			(select ta.class_id from teaching_assignments ta where ta.staff_id in ${staff})`);
	if (relations.has('guardian'))
		parts.push(sql<SqlBool>`${col('id')} in ${ownChildIds(principal.userId)}`);
	return anyOf(parts);
}

/**
 * A predicate on a (class, subject) pair, e.g. a gradebook: `teachingWhere(p, 'teaching.enter',
 * 'g.class_id', 'g.subject_id')`. The subject teacher holds it through `teaching_assignments`,
 * the homeroom teacher for every subject of the class, the school admin for the whole school.
 */
export function teachingWhere(
	principal: Principal,
	permission: TeachingPermission,
	classColumn: string,
	subjectColumn: string
): RawBuilder<SqlBool> {
	const classRef = sql.ref(classColumn);
	const relations = relationsOf(principal, TEACHING_PERMISSIONS[permission]);
	const parts: RawBuilder<SqlBool>[] = [];
	const admin = relations.has('school_admin') ? adminSchoolIds(principal) : [];
	if (admin.length)
		parts.push(sql<SqlBool>`${classRef} in
			(select c.id from classes c where c.school_id in (${sql.join(admin)}))`);
	const staff = ownStaffIds(principal.userId);
	if (relations.has('homeroom'))
		parts.push(sql<SqlBool>`${classRef} in
			(select c.id from classes c where c.homeroom_staff_id in ${staff})`);
	if (relations.has('subject_teacher'))
		// the caller's columns are read inside this subquery: its alias must never be one a caller
		// uses (a caller's `ta.class_id` under an inner `ta` would compare the row with itself)
		parts.push(sql<SqlBool>`exists (select 1 from teaching_assignments scope_ta
			where scope_ta.class_id = ${classRef} and scope_ta.subject_id = ${sql.ref(subjectColumn)}
			and scope_ta.staff_id in ${staff})`);
	return anyOf(parts);
}

/** Staff rows of the principal (a teacher logging usage, editing their own entries). */
export function ownStaffWhere(principal: Principal, column: string): RawBuilder<SqlBool> {
	return sql<SqlBool>`${sql.ref(column)} in ${ownStaffIds(principal.userId)}`;
}
