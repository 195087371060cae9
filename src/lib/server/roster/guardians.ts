import type { DB } from '../db';
import type { Principal } from '../auth/session';
import type { GuardianRelationship } from '../db/schema';
import { notFound } from '../auth/access';
import { writeAudit } from '../audit';
import { FieldError } from '../errors';
import { foldText } from '../../text';
import type { RosterFilters } from '../../schemas/roster';
import {
	checkVersion,
	pageCount,
	pageWindow,
	rosterSchool,
	searchPattern,
	type Actor,
	type Tx
} from './context';
import { setRowActive } from './active';

export interface GuardianInput {
	fullName: string;
	phone: string | null;
	email: string | null;
}

/** A school's guardians with the number of pupils each is linked to. */
export async function listGuardians(
	db: DB,
	principal: Principal,
	schoolId: number,
	filters: RosterFilters
) {
	await rosterSchool(db, principal, schoolId);
	const status = filters.status ?? 'active';
	let q = db.selectFrom('guardians').where('guardians.school_id', '=', schoolId);
	if (status !== 'all') q = q.where('guardians.active', '=', status === 'active');
	if (filters.q) q = q.where('guardians.search_text', 'like', searchPattern(foldText(filters.q)));
	const win = pageWindow(filters.page);
	const [rows, count] = await Promise.all([
		q
			.select((eb) => [
				'guardians.id',
				'guardians.full_name',
				'guardians.phone',
				'guardians.email',
				'guardians.active',
				'guardians.user_id',
				eb
					.selectFrom('student_guardians')
					.innerJoin('students', 'students.id', 'student_guardians.student_id')
					.select((e) => e.fn<string>('string_agg', ['students.full_name', e.val(', ')]).as('s'))
					.whereRef('student_guardians.guardian_id', '=', 'guardians.id')
					.as('children')
			])
			.orderBy('guardians.active', 'desc')
			.orderBy('guardians.full_name')
			.orderBy('guardians.id')
			.limit(win.limit)
			.offset(win.offset)
			.execute(),
		q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: count.n, page: win.page, pages: pageCount(count.n) };
}

/** One guardian with the pupils they are linked to. */
export async function getGuardian(
	db: DB,
	principal: Principal,
	schoolId: number,
	guardianId: number
) {
	await rosterSchool(db, principal, schoolId);
	const row = await db
		.selectFrom('guardians')
		.selectAll()
		.where('id', '=', guardianId)
		.where('school_id', '=', schoolId)
		.executeTakeFirst();
	if (!row) notFound();
	const students = await db
		.selectFrom('student_guardians')
		.innerJoin('students', 'students.id', 'student_guardians.student_id')
		.leftJoin('classes', 'classes.id', 'students.class_id')
		.select([
			'students.id',
			'students.code',
			'students.full_name',
			'students.active',
			'classes.name as class_name',
			'student_guardians.relationship'
		])
		.where('student_guardians.guardian_id', '=', guardianId)
		.orderBy('students.date_of_birth')
		.execute();
	return { ...row, students };
}

const guardianValues = (input: GuardianInput) => ({
	full_name: input.fullName,
	phone: input.phone,
	email: input.email
});

async function insertGuardian(trx: Tx, actor: Actor, schoolId: number, input: GuardianInput) {
	const row = await trx
		.insertInto('guardians')
		.values({
			...guardianValues(input),
			school_id: schoolId,
			created_by: actor.principal.userId,
			updated_by: actor.principal.userId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await writeAudit(trx, {
		actorUserId: actor.principal.userId,
		action: 'guardian.create',
		entity: 'guardian',
		entityId: row.id,
		schoolId,
		after: guardianValues(input),
		requestId: actor.requestId
	});
	return row.id;
}

export async function createGuardian(db: DB, actor: Actor, schoolId: number, input: GuardianInput) {
	return db.transaction().execute(async (trx) => {
		await rosterSchool(trx, actor.principal, schoolId);
		return insertGuardian(trx, actor, schoolId, input);
	});
}

export async function updateGuardian(
	db: DB,
	actor: Actor,
	schoolId: number,
	guardianId: number,
	input: GuardianInput & { version: number }
) {
	return db.transaction().execute(async (trx) => {
		await rosterSchool(trx, actor.principal, schoolId);
		const before = await trx
			.selectFrom('guardians')
			.selectAll()
			.where('id', '=', guardianId)
			.where('school_id', '=', schoolId)
			.forUpdate()
			.executeTakeFirst();
		if (!before) notFound();
		checkVersion(before, input.version, 'guardian');
		await trx
			.updateTable('guardians')
			.set((eb) => ({
				...guardianValues(input),
				updated_at: new Date(),
				updated_by: actor.principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', guardianId)
			.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'guardian.update',
			entity: 'guardian',
			entityId: guardianId,
			schoolId,
			before: { full_name: before.full_name, phone: before.phone, email: before.email },
			after: guardianValues(input),
			requestId: actor.requestId
		});
		return before.version + 1;
	});
}

export function setGuardianActive(
	db: DB,
	actor: Actor,
	schoolId: number,
	guardianId: number,
	version: number,
	active: boolean
) {
	return setRowActive(db, actor, { table: 'guardians', schoolId, id: guardianId, version, active });
}

async function rowInSchool(trx: Tx, table: 'students' | 'guardians', id: number, schoolId: number) {
	const row = await trx
		.selectFrom(table)
		.select('id')
		.where('id', '=', id)
		.where('school_id', '=', schoolId)
		.executeTakeFirst();
	return row ?? notFound();
}

/** Links (or re-labels the link of) a guardian and a pupil of the same school. */
async function link(
	trx: Tx,
	actor: Actor,
	schoolId: number,
	studentId: number,
	guardianId: number,
	relationship: GuardianRelationship
) {
	await trx
		.insertInto('student_guardians')
		.values({ student_id: studentId, guardian_id: guardianId, relationship })
		.onConflict((oc) => oc.columns(['student_id', 'guardian_id']).doUpdateSet({ relationship }))
		.execute();
	await writeAudit(trx, {
		actorUserId: actor.principal.userId,
		action: 'guardian.link',
		entity: 'student_guardian',
		entityId: `${studentId}:${guardianId}`,
		schoolId,
		after: { student_id: studentId, guardian_id: guardianId, relationship },
		requestId: actor.requestId
	});
}

/** From the pupil's page: a new guardian, linked at once. */
export async function addGuardianToStudent(
	db: DB,
	actor: Actor,
	schoolId: number,
	studentId: number,
	input: GuardianInput & { relationship: GuardianRelationship }
) {
	return db.transaction().execute(async (trx) => {
		await rosterSchool(trx, actor.principal, schoolId);
		await rowInSchool(trx, 'students', studentId, schoolId);
		const guardianId = await insertGuardian(trx, actor, schoolId, input);
		await link(trx, actor, schoolId, studentId, guardianId, input.relationship);
		return guardianId;
	});
}

/** From the pupil's page: an existing guardian of the school, found by phone number. */
export async function linkGuardianByPhone(
	db: DB,
	actor: Actor,
	schoolId: number,
	studentId: number,
	input: { guardianPhone: string; relationship: GuardianRelationship }
) {
	await db.transaction().execute(async (trx) => {
		await rosterSchool(trx, actor.principal, schoolId);
		await rowInSchool(trx, 'students', studentId, schoolId);
		const guardian = await trx
			.selectFrom('guardians')
			.select('id')
			.where('school_id', '=', schoolId)
			.where('phone', '=', input.guardianPhone)
			.where('active', '=', true)
			.orderBy('id')
			.executeTakeFirst();
		if (!guardian) throw new FieldError('guardianPhone', 'roster_guardian_not_found');
		await link(trx, actor, schoolId, studentId, guardian.id, input.relationship);
	});
}

/** From the guardian's page: a pupil of the school by student code. */
export async function linkStudentByCode(
	db: DB,
	actor: Actor,
	schoolId: number,
	guardianId: number,
	input: { studentCode: string; relationship: GuardianRelationship }
) {
	await db.transaction().execute(async (trx) => {
		await rosterSchool(trx, actor.principal, schoolId);
		await rowInSchool(trx, 'guardians', guardianId, schoolId);
		const student = await trx
			.selectFrom('students')
			.select('id')
			.where('school_id', '=', schoolId)
			.where('code', '=', input.studentCode)
			.executeTakeFirst();
		if (!student) throw new FieldError('studentCode', 'roster_student_not_found');
		await link(trx, actor, schoolId, student.id, guardianId, input.relationship);
	});
}

export async function unlinkGuardian(
	db: DB,
	actor: Actor,
	schoolId: number,
	studentId: number,
	guardianId: number
) {
	await db.transaction().execute(async (trx) => {
		await rosterSchool(trx, actor.principal, schoolId);
		await rowInSchool(trx, 'students', studentId, schoolId);
		const removed = await trx
			.deleteFrom('student_guardians')
			.where('student_id', '=', studentId)
			.where('guardian_id', '=', guardianId)
			.returning('relationship')
			.executeTakeFirst();
		if (!removed) notFound();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'guardian.unlink',
			entity: 'student_guardian',
			entityId: `${studentId}:${guardianId}`,
			schoolId,
			before: {
				student_id: studentId,
				guardian_id: guardianId,
				relationship: removed.relationship
			},
			requestId: actor.requestId
		});
	});
}
