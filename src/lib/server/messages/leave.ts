import { sql } from 'kysely';
import type { z } from 'zod';
import type { leaveAnswerSchema, leaveSchema } from '$lib/schemas/messages';
import type { Actor } from '../audit';
import { classWhere, notFound, studentWhere } from '../auth/access';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import type { LeaveSessions, LeaveStatus } from '../db/tables/messages';
import { ConflictError, DomainError, fieldError } from '../errors';
import { recordEvent } from '../events';
import { excuseRecordedAbsences } from './leave-attendance';

/**
 * Leave requests: a guardian asks for an own child; the homeroom teacher of the child's class (or
 * the school's admin: 'class.homeroom') answers once. The answer raises 'leave.answered', which the
 * automatic notices turn into a notice for the child's guardians. Approval excuses the covered
 * absences (leave-attendance.ts); a refusal leaves them as recorded.
 */
export interface LeaveRow {
	id: number;
	studentName: string;
	className: string;
	fromDay: string;
	toDay: string;
	sessions: LeaveSessions;
	reason: string;
	status: LeaveStatus;
	answerNote: string | null;
	answeredAt: Date | null;
	answeredBy: string | null;
	createdAt: Date;
	version: number;
}

const leaveColumns = [
	'lr.id',
	'st.full_name as student_name',
	'c.name as class_name',
	'lr.from_day',
	'lr.to_day',
	'lr.sessions',
	'lr.reason',
	'lr.status',
	'lr.answer_note',
	'lr.answered_at',
	'u.name as answered_by',
	'lr.created_at',
	'lr.version'
] as const;

function baseQuery(db: DB) {
	return db
		.selectFrom('leave_requests as lr')
		.innerJoin('students as st', 'st.id', 'lr.student_id')
		.innerJoin('classes as c', 'c.id', 'lr.class_id')
		.leftJoin('users as u', 'u.id', 'lr.answered_by')
		.select([...leaveColumns]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
const toRow = (r: Raw): LeaveRow => ({
	id: r.id,
	studentName: r.student_name,
	className: r.class_name,
	fromDay: r.from_day,
	toDay: r.to_day,
	sessions: r.sessions,
	reason: r.reason,
	status: r.status,
	answerNote: r.answer_note,
	answeredAt: r.answered_at,
	answeredBy: r.answered_by,
	createdAt: r.created_at,
	version: r.version
});

export async function requestLeave(
	db: DB,
	actor: Actor,
	input: z.infer<typeof leaveSchema>
): Promise<number> {
	const child = await db
		.selectFrom('students')
		.select(['id', 'school_id', 'class_id'])
		.where('id', '=', input.student)
		.where('active', '=', true)
		.where(studentWhere(actor.principal, 'student.family'))
		.executeTakeFirst();
	if (!child || child.class_id === null) throw fieldError('student', 'leave_not_own_child');
	const row = await db
		.insertInto('leave_requests')
		.values({
			school_id: child.school_id,
			student_id: child.id,
			class_id: child.class_id,
			requested_by: actor.principal.userId,
			from_day: input.from,
			to_day: input.to,
			sessions: input.sessions,
			reason: input.reason
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** The requests for the caller's own children, newest first. */
export async function familyLeave(db: DB, principal: Principal): Promise<LeaveRow[]> {
	const rows = await baseQuery(db)
		.where(studentWhere(principal, 'student.family', 'st'))
		.orderBy('lr.created_at', 'desc')
		.limit(100)
		.execute();
	return rows.map(toRow);
}

export async function familyLeaveOne(db: DB, principal: Principal, id: number): Promise<LeaveRow> {
	const row = await baseQuery(db)
		.where('lr.id', '=', id)
		.where(studentWhere(principal, 'student.family', 'st'))
		.executeTakeFirst();
	if (!row) notFound();
	return toRow(row);
}

/** The requests of the classes the caller answers for (homeroom, or the school's admin). */
export async function classLeave(db: DB, principal: Principal): Promise<LeaveRow[]> {
	const rows = await baseQuery(db)
		.where(classWhere(principal, 'class.homeroom', 'c'))
		.orderBy(sql`lr.status = 'pending'`, 'desc')
		.orderBy('lr.from_day', 'desc')
		.limit(200)
		.execute();
	return rows.map(toRow);
}

export async function answerLeave(
	db: DB,
	actor: Actor,
	input: z.infer<typeof leaveAnswerSchema>
): Promise<{ excused: number }> {
	const work = async (trx: DB) => {
		const row = await trx
			.selectFrom('leave_requests as lr')
			.innerJoin('classes as c', 'c.id', 'lr.class_id')
			.innerJoin('students as st', 'st.id', 'lr.student_id')
			.select([
				'lr.id',
				'lr.status',
				'lr.version',
				'lr.school_id',
				'lr.student_id',
				'lr.from_day',
				'lr.to_day',
				'lr.sessions',
				'st.full_name'
			])
			.where('lr.id', '=', input.leave)
			.where(classWhere(actor.principal, 'class.homeroom', 'c'))
			.forUpdate('lr')
			.executeTakeFirst();
		if (!row) notFound();
		if (row.status !== 'pending') throw new DomainError('leave_already_answered');
		if (row.version !== input.version) throw new ConflictError('leave_request', row.id);
		await trx
			.updateTable('leave_requests')
			.set({
				status: input.decision,
				answer_note: input.note,
				answered_by: actor.principal.userId,
				answered_at: sql`now()`,
				version: sql`version + 1`
			})
			.where('id', '=', row.id)
			.execute();
		const excused =
			input.decision === 'approved'
				? await excuseRecordedAbsences(trx, {
						id: row.id,
						studentId: row.student_id,
						fromDay: row.from_day,
						toDay: row.to_day,
						sessions: row.sessions
					})
				: 0;
		await recordEvent(trx, {
			module: 'leave',
			kind: 'answered',
			subjectType: 'leave_request',
			subjectId: row.id,
			schoolId: row.school_id,
			createdBy: actor.principal.userId,
			payload: {
				studentId: row.student_id,
				pupil: row.full_name,
				answer: input.decision,
				excusedSessions: excused
			}
		});
		return { excused };
	};
	// inside a caller's transaction (a test's rolled-back one) the answer joins it
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}
