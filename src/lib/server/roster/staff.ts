import { sql } from 'kysely';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import type { StaffPosition } from '../db/schema';
import { notFound } from '../auth/access';
import { writeAudit } from '../audit';
import { fieldError, writeTransaction } from '../errors';
import { foldText } from '../../text';
import type { RosterFilters } from '../../schemas/roster';
import {
	checkVersion,
	pageCount,
	pageWindow,
	refreshSchoolCounts,
	rosterSchool,
	searchPattern,
	type Actor,
	type Tx
} from './context';
import { setRowActive } from './active';
import { staffChanged } from '../usage/status';
import { subjectsForSchool } from './lookups';

export interface StaffInput {
	code: string;
	fullName: string;
	email: string | null;
	phone: string | null;
	position: StaffPosition;
	subjectIds: number[];
}

/** The staff of a school, for admins and teachers (read-only for teachers). */
export async function listStaff(
	db: DB,
	principal: Principal,
	schoolId: number,
	filters: RosterFilters
) {
	await rosterSchool(db, principal, schoolId, 'roster.view');
	const status = filters.status ?? 'active';
	let q = db.selectFrom('staff').where('staff.school_id', '=', schoolId);
	if (status !== 'all') q = q.where('staff.active', '=', status === 'active');
	if (filters.q) q = q.where('staff.search_text', 'like', searchPattern(foldText(filters.q)));
	const win = pageWindow(filters.page);
	const [rows, count] = await Promise.all([
		q
			.select((eb) => [
				'staff.id',
				'staff.code',
				'staff.full_name',
				'staff.email',
				'staff.phone',
				'staff.position',
				'staff.active',
				'staff.user_id',
				eb
					.selectFrom('staff_subjects')
					.select(sql<number[]>`coalesce(array_agg(subject_id order by subject_id), '{}')`.as('a'))
					.whereRef('staff_subjects.staff_id', '=', 'staff.id')
					.as('subject_ids')
			])
			.orderBy('staff.active', 'desc')
			.orderBy('staff.name_sort')
			.limit(win.limit)
			.offset(win.offset)
			.execute(),
		q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: count.n, page: win.page, pages: pageCount(count.n) };
}

/** One staff member with the subjects they teach (school admins only). */
export async function getStaff(db: DB, principal: Principal, schoolId: number, staffId: number) {
	await rosterSchool(db, principal, schoolId);
	const row = await db
		.selectFrom('staff')
		.selectAll()
		.where('id', '=', staffId)
		.where('school_id', '=', schoolId)
		.executeTakeFirst();
	if (!row) notFound();
	const subjects = await db
		.selectFrom('staff_subjects')
		.select('subject_id')
		.where('staff_id', '=', staffId)
		.orderBy('subject_id')
		.execute();
	return { ...row, subjectIds: subjects.map((s) => s.subject_id) };
}

async function checkStaffInput(
	trx: Tx,
	school: { id: number; level: import('../db/schema').SchoolLevel },
	input: StaffInput,
	exceptId: number | null
) {
	const clash = await trx
		.selectFrom('staff')
		.select(['code', 'email'])
		.where('school_id', '=', school.id)
		.where((eb) =>
			eb.or([
				eb('code', '=', input.code),
				...(input.email ? [eb(eb.fn('lower', ['email']), '=', input.email)] : [])
			])
		)
		.$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
		.execute();
	if (clash.some((c) => c.code === input.code)) throw fieldError('code', 'roster_code_taken');
	if (clash.length) throw fieldError('email', 'roster_email_taken');
	const allowed = new Set((await subjectsForSchool(trx, school.level)).map((s) => s.id));
	if (input.subjectIds.some((id) => !allowed.has(id))) throw fieldError('subjectIds', 'v_choice');
}

const staffValues = (input: StaffInput) => ({
	code: input.code,
	full_name: input.fullName,
	email: input.email,
	phone: input.phone,
	position: input.position
});

export async function createStaff(db: DB, actor: Actor, schoolId: number, input: StaffInput) {
	return writeTransaction(db, async (trx) => {
		const school = await rosterSchool(trx, actor.principal, schoolId);
		await checkStaffInput(trx, school, input, null);
		const row = await trx
			.insertInto('staff')
			.values({
				...staffValues(input),
				school_id: schoolId,
				created_by: actor.principal.userId,
				updated_by: actor.principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await replaceSubjects(trx, row.id, input.subjectIds);
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'staff.create',
			entity: 'staff',
			entityId: row.id,
			schoolId,
			after: { ...staffValues(input), subject_ids: input.subjectIds },
			requestId: actor.requestId
		});
		await refreshSchoolCounts(trx, [schoolId]);
		await staffChanged(trx, schoolId);
		return row.id;
	});
}

async function replaceSubjects(trx: Tx, staffId: number, subjectIds: number[]) {
	await trx.deleteFrom('staff_subjects').where('staff_id', '=', staffId).execute();
	if (subjectIds.length)
		await trx
			.insertInto('staff_subjects')
			.values([...new Set(subjectIds)].map((subject_id) => ({ staff_id: staffId, subject_id })))
			.execute();
}

async function lockStaff(trx: Tx, schoolId: number, staffId: number) {
	const row = await trx
		.selectFrom('staff')
		.selectAll()
		.where('id', '=', staffId)
		.where('school_id', '=', schoolId)
		.forUpdate()
		.executeTakeFirst();
	return row ?? notFound();
}

export async function updateStaff(
	db: DB,
	actor: Actor,
	schoolId: number,
	staffId: number,
	input: StaffInput & { version: number }
) {
	return writeTransaction(db, async (trx) => {
		const school = await rosterSchool(trx, actor.principal, schoolId);
		const before = await lockStaff(trx, schoolId, staffId);
		checkVersion(before, input.version, 'staff');
		await checkStaffInput(trx, school, input, staffId);
		const oldSubjects = await trx
			.selectFrom('staff_subjects')
			.select('subject_id')
			.where('staff_id', '=', staffId)
			.execute();
		await trx
			.updateTable('staff')
			.set((eb) => ({
				...staffValues(input),
				updated_at: new Date(),
				updated_by: actor.principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', staffId)
			.execute();
		await replaceSubjects(trx, staffId, input.subjectIds);
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'staff.update',
			entity: 'staff',
			entityId: staffId,
			schoolId,
			before: {
				code: before.code,
				full_name: before.full_name,
				email: before.email,
				phone: before.phone,
				position: before.position,
				subject_ids: oldSubjects.map((s) => s.subject_id)
			},
			after: { ...staffValues(input), subject_ids: input.subjectIds },
			requestId: actor.requestId
		});
		if (before.position !== input.position) await staffChanged(trx, schoolId);
		return before.version + 1;
	});
}

export function setStaffActive(
	db: DB,
	actor: Actor,
	schoolId: number,
	staffId: number,
	version: number,
	active: boolean
) {
	return setRowActive(db, actor, { table: 'staff', schoolId, id: staffId, version, active });
}
