import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { notFound } from '../auth/access';
import { writeAudit } from '../audit';
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
import { writeTransaction } from '../errors';

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
			.orderBy('guardians.name_sort')
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

export async function insertGuardian(
	trx: Tx,
	actor: Actor,
	schoolId: number,
	input: GuardianInput
) {
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
	return writeTransaction(db, async (trx) => {
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
	return writeTransaction(db, async (trx) => {
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
