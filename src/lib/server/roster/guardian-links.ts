import type { DB } from '../db';
import type { GuardianRelationship } from '../db/schema';
import { notFound } from '../auth/access';
import { writeAudit } from '../audit';
import { fieldError, writeTransaction } from '../errors';
import { rosterSchool, type Actor, type Tx } from './context';
import { insertGuardian, type GuardianInput } from './guardians';

/** Links between a school's pupils and guardians (who may see a child's data as a parent). */
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
	return writeTransaction(db, async (trx) => {
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
	await writeTransaction(db, async (trx) => {
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
		if (!guardian) throw fieldError('guardianPhone', 'roster_guardian_not_found');
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
	await writeTransaction(db, async (trx) => {
		await rosterSchool(trx, actor.principal, schoolId);
		await rowInSchool(trx, 'guardians', guardianId, schoolId);
		const student = await trx
			.selectFrom('students')
			.select('id')
			.where('school_id', '=', schoolId)
			.where('code', '=', input.studentCode)
			.executeTakeFirst();
		if (!student) throw fieldError('studentCode', 'roster_student_not_found');
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
	await writeTransaction(db, async (trx) => {
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
