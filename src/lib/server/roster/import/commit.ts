import { sql } from 'kysely';
import type { AuditEntry } from '../../audit';
import { currentSchoolYear } from '../lookups';
import type { Actor, Tx } from '../context';
import { chunks, rowsBefore, updateById, type ColumnType } from './bulk';
import type { ClassPlan, GuardianPlan, StaffPlan, StudentPlan } from './types';

/**
 * Writing a school's validated import plan, set-based, inside the caller's transaction. Only the
 * columns present in the file are written on updates. Every row gets its audit entry.
 */
export interface WriteContext {
	trx: Tx;
	actor: Actor;
	schoolId: number;
	/** fields (columns) present in the file */
	present: Set<string>;
	batchId: string;
}

function pick(ctx: WriteContext, map: Record<string, [column: string, type: ColumnType]>) {
	const out: Record<string, ColumnType> = {};
	for (const [field, [column, type]] of Object.entries(map))
		if (ctx.present.has(field)) out[column] = type;
	return out;
}

function audit(
	ctx: WriteContext,
	action: string,
	entity: string,
	id: number,
	after: unknown,
	before?: unknown
): AuditEntry {
	return {
		actorUserId: ctx.actor.principal.userId,
		action,
		entity,
		entityId: id,
		schoolId: ctx.schoolId,
		before,
		after: { ...(after as object), import_batch: ctx.batchId },
		requestId: ctx.actor.requestId
	};
}

const who = (ctx: WriteContext) => ({
	school_id: ctx.schoolId,
	created_by: ctx.actor.principal.userId,
	updated_by: ctx.actor.principal.userId
});
const scope = (ctx: WriteContext) => sql`t.school_id = ${ctx.schoolId}`;

/** Inserts in chunks and returns the new ids in the order of `rows`. */
async function insertAll<R>(rows: R[], insert: (part: R[]) => Promise<{ id: number }[]>) {
	const ids: number[] = [];
	for (const part of chunks(rows)) ids.push(...(await insert(part)).map((r) => r.id));
	return ids;
}

async function writeUpdates<P extends { existingId: number | null }>(
	ctx: WriteContext,
	table: 'staff' | 'classes' | 'students' | 'guardians',
	entity: string,
	rows: P[],
	columns: Record<string, [string, ColumnType]>,
	values: (p: P) => Record<string, unknown>
) {
	const updates = rows.filter((r) => r.existingId !== null);
	const cols = pick(ctx, columns);
	const before = await rowsBefore(
		ctx.trx,
		table,
		updates.map((u) => u.existingId!),
		Object.keys(cols)
	);
	const data: ({ id: number } & Record<string, unknown>)[] = updates.map((u) => ({
		id: u.existingId!,
		...values(u)
	}));
	await updateById(ctx.trx, table, scope(ctx), cols, data, ctx.actor.principal.userId);
	return data.map((d) => {
		const after = Object.fromEntries(Object.keys(cols).map((c) => [c, d[c]]));
		return audit(ctx, `${entity}.update`, entity, d.id, after, before.get(d.id));
	});
}

const STAFF_COLUMNS: Record<string, [string, ColumnType]> = {
	fullName: ['full_name', 'text'],
	email: ['email', 'text'],
	phone: ['phone', 'text'],
	position: ['position', 'text']
};
const staffValues = (p: StaffPlan) => ({
	code: p.code,
	full_name: p.fullName,
	email: p.email,
	phone: p.phone,
	position: p.position
});

export async function writeStaff(ctx: WriteContext, rows: StaffPlan[]) {
	const created = rows.filter((r) => r.existingId === null);
	const ids = await insertAll(created, (part) =>
		ctx.trx
			.insertInto('staff')
			.values(part.map((p) => ({ ...staffValues(p), ...who(ctx) })))
			.returning('id')
			.execute()
	);
	const entries = created.map((p, i) =>
		audit(ctx, 'staff.create', 'staff', ids[i], staffValues(p))
	);
	entries.push(...(await writeUpdates(ctx, 'staff', 'staff', rows, STAFF_COLUMNS, staffValues)));
	// Subjects: replaced for the rows of a file that has the column (a new row has none yet).
	const withSubjects = [
		...created.map((p, i) => ({ id: ids[i], subjectIds: p.subjectIds ?? [] })),
		...rows
			.filter((r) => r.existingId !== null && r.subjectIds !== null)
			.map((r) => ({ id: r.existingId!, subjectIds: r.subjectIds! }))
	];
	const replaced = withSubjects.filter((s) => rows.find((r) => r.existingId === s.id));
	for (const part of chunks(replaced.map((r) => r.id)))
		await ctx.trx.deleteFrom('staff_subjects').where('staff_id', 'in', part).execute();
	const pairs = withSubjects.flatMap((s) =>
		s.subjectIds.map((subject_id) => ({ staff_id: s.id, subject_id }))
	);
	for (const part of chunks(pairs))
		await ctx.trx.insertInto('staff_subjects').values(part).execute();
	return entries;
}

export async function writeClasses(ctx: WriteContext, rows: ClassPlan[]) {
	const year = await currentSchoolYear(ctx.trx);
	const values = (p: ClassPlan) => ({
		grade: p.grade,
		name: p.name,
		homeroom_staff_id: p.homeroomStaffId
	});
	const created = rows.filter((r) => r.existingId === null);
	const ids = await insertAll(created, (part) =>
		ctx.trx
			.insertInto('classes')
			.values(part.map((p) => ({ ...values(p), school_year_id: year.id, ...who(ctx) })))
			.returning('id')
			.execute()
	);
	const entries = created.map((p, i) => audit(ctx, 'class.create', 'class', ids[i], values(p)));
	const columns: Record<string, [string, ColumnType]> = {
		grade: ['grade', 'smallint'],
		homeroom: ['homeroom_staff_id', 'integer']
	};
	entries.push(...(await writeUpdates(ctx, 'classes', 'class', rows, columns, values)));
	return entries;
}

const STUDENT_COLUMNS: Record<string, [string, ColumnType]> = {
	fullName: ['full_name', 'text'],
	dateOfBirth: ['date_of_birth', 'date'],
	gender: ['gender', 'text'],
	ethnicity: ['ethnicity_code', 'text'],
	className: ['class_id', 'integer']
};
const studentValues = (p: StudentPlan) => ({
	code: p.code,
	full_name: p.fullName,
	date_of_birth: p.dateOfBirth,
	gender: p.gender,
	ethnicity_code: p.ethnicityCode,
	class_id: p.classId
});

export async function writeStudents(ctx: WriteContext, rows: StudentPlan[]) {
	const created = rows.filter((r) => r.existingId === null);
	const ids = await insertAll(created, (part) =>
		ctx.trx
			.insertInto('students')
			.values(part.map((p) => ({ ...studentValues(p), ...who(ctx) })))
			.returning('id')
			.execute()
	);
	const entries = created.map((p, i) =>
		audit(ctx, 'student.create', 'student', ids[i], studentValues(p))
	);
	entries.push(
		...(await writeUpdates(ctx, 'students', 'student', rows, STUDENT_COLUMNS, studentValues))
	);
	return entries;
}

export async function writeGuardians(ctx: WriteContext, plan: GuardianPlan) {
	const values = (g: GuardianPlan['guardians'][number]) => ({
		full_name: g.fullName,
		phone: g.phone,
		email: g.email
	});
	const created = plan.guardians.filter((g) => g.existingId === null);
	const ids = await insertAll(created, (part) =>
		ctx.trx
			.insertInto('guardians')
			.values(part.map((g) => ({ ...values(g), ...who(ctx) })))
			.returning('id')
			.execute()
	);
	const idOf = new Map(plan.guardians.map((g) => [g.key, g.existingId]));
	created.forEach((g, i) => idOf.set(g.key, ids[i]));
	const entries = created.map((g, i) =>
		audit(ctx, 'guardian.create', 'guardian', ids[i], values(g))
	);
	const links = plan.links.map((l) => ({
		student_id: l.studentId,
		guardian_id: idOf.get(l.guardianKey)!,
		relationship: l.relationship
	}));
	for (const part of chunks(links))
		await ctx.trx
			.insertInto('student_guardians')
			.values(part)
			.onConflict((oc) =>
				oc
					.columns(['student_id', 'guardian_id'])
					.doUpdateSet((eb) => ({ relationship: eb.ref('excluded.relationship') }))
			)
			.execute();
	for (const l of links)
		entries.push({
			...audit(ctx, 'guardian.link', 'student_guardian', 0, l),
			entityId: `${l.student_id}:${l.guardian_id}`
		});
	return entries;
}
