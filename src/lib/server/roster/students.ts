import type { DB } from '../db';
import type { Principal } from '../auth/session';
import type { Gender } from '../db/schema';
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

export interface StudentInput {
	code: string;
	fullName: string;
	dateOfBirth: string;
	gender: Gender | null;
	ethnicityCode: string | null;
	classId: number | null;
}

/** A school's pupils (school admins only: children's data is not for every teacher). */
export async function listStudents(
	db: DB,
	principal: Principal,
	schoolId: number,
	filters: RosterFilters
) {
	await rosterSchool(db, principal, schoolId);
	const status = filters.status ?? 'active';
	let q = db
		.selectFrom('students')
		.leftJoin('classes', 'classes.id', 'students.class_id')
		.where('students.school_id', '=', schoolId);
	if (status !== 'all') q = q.where('students.active', '=', status === 'active');
	if (filters.classId) q = q.where('students.class_id', '=', filters.classId);
	if (filters.q) q = q.where('students.search_text', 'like', searchPattern(foldText(filters.q)));
	const win = pageWindow(filters.page);
	const [rows, count] = await Promise.all([
		q
			.leftJoin('ethnicities', 'ethnicities.code', 'students.ethnicity_code')
			.select([
				'students.id',
				'students.code',
				'students.full_name',
				'students.date_of_birth',
				'students.gender',
				'students.active',
				'ethnicities.name as ethnicity',
				'classes.name as class_name'
			])
			.orderBy('students.active', 'desc')
			.orderBy('classes.grade')
			.orderBy('classes.name_sort')
			.orderBy('students.name_sort')
			.limit(win.limit)
			.offset(win.offset)
			.execute(),
		q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: count.n, page: win.page, pages: pageCount(count.n) };
}

/** One pupil with their guardians. */
export async function getStudent(
	db: DB,
	principal: Principal,
	schoolId: number,
	studentId: number
) {
	await rosterSchool(db, principal, schoolId);
	const row = await db
		.selectFrom('students')
		.selectAll()
		.where('id', '=', studentId)
		.where('school_id', '=', schoolId)
		.executeTakeFirst();
	if (!row) notFound();
	const guardians = await db
		.selectFrom('student_guardians')
		.innerJoin('guardians', 'guardians.id', 'student_guardians.guardian_id')
		.select([
			'guardians.id',
			'guardians.full_name',
			'guardians.phone',
			'guardians.email',
			'guardians.active',
			'student_guardians.relationship'
		])
		.where('student_guardians.student_id', '=', studentId)
		.orderBy('guardians.name_sort')
		.execute();
	return { ...row, guardians };
}

async function checkStudentInput(
	trx: Tx,
	schoolId: number,
	input: StudentInput,
	exceptId: number | null
) {
	const clash = await trx
		.selectFrom('students')
		.select('id')
		.where('school_id', '=', schoolId)
		.where('code', '=', input.code)
		.$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
		.executeTakeFirst();
	if (clash) throw fieldError('code', 'roster_code_taken');
	if (input.ethnicityCode) {
		const eth = await trx
			.selectFrom('ethnicities')
			.select('code')
			.where('code', '=', input.ethnicityCode)
			.executeTakeFirst();
		if (!eth) throw fieldError('ethnicityCode', 'v_choice');
	}
	if (input.classId !== null) {
		const cls = await trx
			.selectFrom('classes')
			.innerJoin('school_years', 'school_years.id', 'classes.school_year_id')
			.select('classes.id')
			.where('classes.id', '=', input.classId)
			.where('classes.school_id', '=', schoolId)
			.where('classes.active', '=', true)
			.where('school_years.is_current', '=', true)
			.executeTakeFirst();
		if (!cls) throw fieldError('classId', 'v_choice');
	}
}

const studentValues = (input: StudentInput) => ({
	code: input.code,
	full_name: input.fullName,
	date_of_birth: input.dateOfBirth,
	gender: input.gender,
	ethnicity_code: input.ethnicityCode,
	class_id: input.classId
});

export async function createStudent(db: DB, actor: Actor, schoolId: number, input: StudentInput) {
	return writeTransaction(db, async (trx) => {
		await rosterSchool(trx, actor.principal, schoolId);
		await checkStudentInput(trx, schoolId, input, null);
		const row = await trx
			.insertInto('students')
			.values({
				...studentValues(input),
				school_id: schoolId,
				created_by: actor.principal.userId,
				updated_by: actor.principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'student.create',
			entity: 'student',
			entityId: row.id,
			schoolId,
			after: studentValues(input),
			requestId: actor.requestId
		});
		await refreshSchoolCounts(trx, [schoolId]);
		return row.id;
	});
}

async function lockStudent(trx: Tx, schoolId: number, studentId: number) {
	const row = await trx
		.selectFrom('students')
		.selectAll()
		.where('id', '=', studentId)
		.where('school_id', '=', schoolId)
		.forUpdate()
		.executeTakeFirst();
	return row ?? notFound();
}

export async function updateStudent(
	db: DB,
	actor: Actor,
	schoolId: number,
	studentId: number,
	input: StudentInput & { version: number }
) {
	return writeTransaction(db, async (trx) => {
		await rosterSchool(trx, actor.principal, schoolId);
		const before = await lockStudent(trx, schoolId, studentId);
		checkVersion(before, input.version, 'student');
		// A pupil may stay in a class that has since been closed; moving needs an open class.
		const classUnchanged = input.classId === before.class_id;
		await checkStudentInput(
			trx,
			schoolId,
			classUnchanged ? { ...input, classId: null } : input,
			studentId
		);
		await trx
			.updateTable('students')
			.set((eb) => ({
				...studentValues(input),
				updated_at: new Date(),
				updated_by: actor.principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', studentId)
			.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'student.update',
			entity: 'student',
			entityId: studentId,
			schoolId,
			before: {
				code: before.code,
				full_name: before.full_name,
				date_of_birth: before.date_of_birth,
				gender: before.gender,
				ethnicity_code: before.ethnicity_code,
				class_id: before.class_id
			},
			after: studentValues(input),
			requestId: actor.requestId
		});
		return before.version + 1;
	});
}

export function setStudentActive(
	db: DB,
	actor: Actor,
	schoolId: number,
	studentId: number,
	version: number,
	active: boolean
) {
	return setRowActive(db, actor, { table: 'students', schoolId, id: studentId, version, active });
}
