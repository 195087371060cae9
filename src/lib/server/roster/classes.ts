import type { DB } from '../db';
import type { Principal } from '../auth/session';
import type { SchoolLevel } from '../db/schema';
import { notFound } from '../auth/access';
import { writeAudit } from '../audit';
import { DomainError, fieldError, writeTransaction } from '../errors';
import { foldText } from '../../text';
import { gradesOf } from '../../school-levels';
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
import { currentSchoolYear } from './lookups';

export interface ClassInput {
	grade: number;
	name: string;
	homeroomStaffId: number | null;
}

/** The classes of a school in the current school year, with homeroom teacher and class size. */
export async function listClasses(
	db: DB,
	principal: Principal,
	schoolId: number,
	filters: RosterFilters
) {
	await rosterSchool(db, principal, schoolId, 'roster.view');
	const year = await currentSchoolYear(db);
	const status = filters.status ?? 'active';
	let q = db
		.selectFrom('classes')
		.leftJoin('staff as homeroom', 'homeroom.id', 'classes.homeroom_staff_id')
		.where('classes.school_id', '=', schoolId)
		.where('classes.school_year_id', '=', year.id);
	if (status !== 'all') q = q.where('classes.active', '=', status === 'active');
	if (filters.q)
		q = q.where((eb) =>
			eb(eb.fn('fold_vi', ['classes.name']), 'like', searchPattern(foldText(filters.q!)))
		);
	const win = pageWindow(filters.page);
	const [rows, count] = await Promise.all([
		q
			.select((eb) => [
				'classes.id',
				'classes.grade',
				'classes.name',
				'classes.active',
				'homeroom.full_name as homeroom_name',
				eb
					.selectFrom('students')
					.select((e) => e.fn.countAll<number>().as('n'))
					.whereRef('students.class_id', '=', 'classes.id')
					.where('students.active', '=', true)
					.as('student_count')
			])
			.orderBy('classes.active', 'desc')
			.orderBy('classes.grade')
			.orderBy('classes.name_sort')
			.limit(win.limit)
			.offset(win.offset)
			.execute(),
		q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, year, total: count.n, page: win.page, pages: pageCount(count.n) };
}

export async function getClass(db: DB, principal: Principal, schoolId: number, classId: number) {
	await rosterSchool(db, principal, schoolId);
	const row = await db
		.selectFrom('classes')
		.innerJoin('school_years', 'school_years.id', 'classes.school_year_id')
		.selectAll('classes')
		.select('school_years.name as school_year')
		.where('classes.id', '=', classId)
		.where('classes.school_id', '=', schoolId)
		.executeTakeFirst();
	return row ?? notFound();
}

async function checkClassInput(
	trx: Tx,
	school: { id: number; level: SchoolLevel },
	yearId: number,
	input: ClassInput,
	exceptId: number | null
) {
	const grades = gradesOf(school.level);
	if (grades.length && !grades.includes(input.grade))
		throw fieldError('grade', 'roster_grade_not_taught', {
			min: grades[0],
			max: grades[grades.length - 1]
		});
	const clash = await trx
		.selectFrom('classes')
		.select('id')
		.where('school_id', '=', school.id)
		.where('school_year_id', '=', yearId)
		.where('name', '=', input.name)
		.$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
		.executeTakeFirst();
	if (clash) throw fieldError('name', 'roster_class_name_taken');
	if (input.homeroomStaffId !== null) {
		const teacher = await trx
			.selectFrom('staff')
			.select('id')
			.where('id', '=', input.homeroomStaffId)
			.where('school_id', '=', school.id)
			.where('active', '=', true)
			.executeTakeFirst();
		if (!teacher) throw fieldError('homeroomStaffId', 'v_choice');
	}
}

const classValues = (input: ClassInput) => ({
	grade: input.grade,
	name: input.name,
	homeroom_staff_id: input.homeroomStaffId
});

/** A new class of the current school year. */
export async function createClass(db: DB, actor: Actor, schoolId: number, input: ClassInput) {
	return writeTransaction(db, async (trx) => {
		const school = await rosterSchool(trx, actor.principal, schoolId);
		const year = await currentSchoolYear(trx);
		await checkClassInput(trx, school, year.id, input, null);
		const row = await trx
			.insertInto('classes')
			.values({
				...classValues(input),
				school_id: schoolId,
				school_year_id: year.id,
				created_by: actor.principal.userId,
				updated_by: actor.principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'class.create',
			entity: 'class',
			entityId: row.id,
			schoolId,
			after: { ...classValues(input), school_year_id: year.id },
			requestId: actor.requestId
		});
		await refreshSchoolCounts(trx, [schoolId]);
		return row.id;
	});
}

async function lockClass(trx: Tx, schoolId: number, classId: number) {
	const row = await trx
		.selectFrom('classes')
		.selectAll()
		.where('id', '=', classId)
		.where('school_id', '=', schoolId)
		.forUpdate()
		.executeTakeFirst();
	return row ?? notFound();
}

export async function updateClass(
	db: DB,
	actor: Actor,
	schoolId: number,
	classId: number,
	input: ClassInput & { version: number }
) {
	return writeTransaction(db, async (trx) => {
		const school = await rosterSchool(trx, actor.principal, schoolId);
		const before = await lockClass(trx, schoolId, classId);
		checkVersion(before, input.version, 'class');
		await checkClassInput(trx, school, before.school_year_id, input, classId);
		await trx
			.updateTable('classes')
			.set((eb) => ({
				...classValues(input),
				updated_at: new Date(),
				updated_by: actor.principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', classId)
			.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'class.update',
			entity: 'class',
			entityId: classId,
			schoolId,
			before: {
				grade: before.grade,
				name: before.name,
				homeroom_staff_id: before.homeroom_staff_id
			},
			after: classValues(input),
			requestId: actor.requestId
		});
		return before.version + 1;
	});
}

/** A class with active pupils cannot be closed: move them first. */
export function setClassActive(
	db: DB,
	actor: Actor,
	schoolId: number,
	classId: number,
	version: number,
	active: boolean
) {
	return setRowActive(
		db,
		actor,
		{ table: 'classes', schoolId, id: classId, version, active },
		async (trx) => {
			if (active) return;
			const pupil = await trx
				.selectFrom('students')
				.select('id')
				.where('class_id', '=', classId)
				.where('active', '=', true)
				.limit(1)
				.executeTakeFirst();
			if (pupil) throw new DomainError('roster_class_has_students');
		}
	);
}
