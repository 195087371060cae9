import type { DB } from '../db';
import type { Principal } from '../auth/session';
import type { SchoolLevel } from '../db/schema';
import { requireDepartments, requireSchool } from '../auth/access';
import { writeAuditMany, type AuditEntry } from '../audit';
import { ConflictError, fieldError, writeTransaction } from '../errors';
import type { Actor } from '../roster/context';

/**
 * A school's master data, edited by the department (permission `school.edit`). A school may move
 * to another area: district-level units were abolished on 01/07/2025 and areas are regrouped.
 */
export interface SchoolInput {
	name: string;
	level: SchoolLevel;
	areaId: number;
	commune: string | null;
	address: string | null;
	principalName: string | null;
	phone: string | null;
	email: string | null;
	declaredStudents?: number | null;
	declaredClasses?: number | null;
}

/** The areas a school may be placed in: those of the principal's departments. */
export async function listEditableAreas(db: DB, principal: Principal) {
	const departments = requireDepartments(principal, 'department.schools');
	return db
		.selectFrom('areas')
		.select(['id', 'code', 'name', 'department_id', 'valid_to'])
		.where('department_id', 'in', departments)
		.orderBy('code')
		.execute();
}

async function checkArea(db: DB, principal: Principal, areaId: number) {
	const area = (await listEditableAreas(db, principal)).find((a) => a.id === areaId);
	if (!area) throw fieldError('areaId', 'v_choice');
	return area;
}

const schoolValues = (input: SchoolInput) => ({
	name: input.name,
	level: input.level,
	area_id: input.areaId,
	commune: input.commune,
	address: input.address,
	principal_name: input.principalName,
	phone: input.phone,
	email: input.email,
	declared_student_count: input.declaredStudents,
	declared_class_count: input.declaredClasses
});

export async function createSchool(db: DB, actor: Actor, input: SchoolInput & { code: string }) {
	return writeTransaction(db, async (trx) => {
		const area = await checkArea(trx, actor.principal, input.areaId);
		const clash = await trx
			.selectFrom('schools')
			.select('id')
			.where('code', '=', input.code)
			.executeTakeFirst();
		if (clash) throw fieldError('code', 'roster_code_taken');
		const row = await trx
			.insertInto('schools')
			.values({
				...schoolValues(input),
				code: input.code,
				department_id: area.department_id,
				created_by: actor.principal.userId,
				updated_by: actor.principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAuditMany(trx, [
			{
				actorUserId: actor.principal.userId,
				action: 'school.create',
				entity: 'school',
				entityId: row.id,
				schoolId: row.id,
				after: { code: input.code, ...schoolValues(input) },
				requestId: actor.requestId
			}
		]);
		return row.id;
	});
}

export async function updateSchool(
	db: DB,
	actor: Actor,
	schoolId: number,
	input: SchoolInput & { version: number }
) {
	return writeTransaction(db, async (trx) => {
		const school = await requireSchool(trx, actor.principal, schoolId, 'school.edit');
		const locked = await trx
			.selectFrom('schools')
			.select('version')
			.where('id', '=', schoolId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		if (locked.version !== input.version) throw new ConflictError('school', schoolId);
		await checkArea(trx, actor.principal, input.areaId);
		await trx
			.updateTable('schools')
			.set((eb) => ({
				...schoolValues(input),
				updated_at: new Date(),
				updated_by: actor.principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', schoolId)
			.execute();
		const base = { actorUserId: actor.principal.userId, entity: 'school', entityId: schoolId };
		const entries: AuditEntry[] = [
			{
				...base,
				action: 'school.update',
				schoolId,
				before: {
					name: school.name,
					level: school.level,
					area_id: school.area_id,
					commune: school.commune,
					address: school.address,
					principal_name: school.principal_name,
					phone: school.phone,
					email: school.email,
					declared_student_count: school.declared_student_count,
					declared_class_count: school.declared_class_count
				},
				after: schoolValues(input),
				requestId: actor.requestId
			}
		];
		if (school.area_id !== input.areaId)
			entries.push({
				...base,
				action: 'school.move_area',
				schoolId,
				before: { area_id: school.area_id },
				after: { area_id: input.areaId },
				requestId: actor.requestId
			});
		await writeAuditMany(trx, entries);
		return locked.version + 1;
	});
}
