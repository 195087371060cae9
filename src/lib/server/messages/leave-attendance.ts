import { sql, type Kysely } from 'kysely';
import type { Absence, Session } from '$lib/grades/attendance';
import { studentWhere } from '../auth/access';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';

/**
 * Approved leave requests and attendance. An approved request excuses the pupil's absences of the
 * sessions it covers: those already recorded become "excused" when the request is approved, and
 * a roll taken later records an absence of a covered pupil as excused (and preselects it). A
 * pupil marked present stays present: leave is a permission, not an observed absence. A refused
 * request changes nothing.
 */
type Db = Kysely<Database>;

export interface LeaveCover {
	id: number;
	fromDay: string;
	toDay: string;
	sessions: 'all' | Session;
}

/** The pupils of a class whose approved leave covers the session: pupil id → request id. */
export async function leaveCovering(
	db: Db,
	classId: number,
	day: string,
	session: Session
): Promise<Map<number, number>> {
	const rows = await db
		.selectFrom('leave_requests as lr')
		.innerJoin('students as st', 'st.id', 'lr.student_id')
		.select(['lr.student_id', sql<number>`max(lr.id)`.as('leave_id')])
		.where('st.class_id', '=', classId)
		.where('lr.status', '=', 'approved')
		.where('lr.from_day', '<=', day)
		.where('lr.to_day', '>=', day)
		.where('lr.sessions', 'in', ['all', session])
		.groupBy('lr.student_id')
		.execute();
	return new Map(rows.map((r) => [r.student_id, r.leave_id]));
}

/**
 * The absences of a roll with the covered pupils' absences excused. Returns the stored rows
 * (status and the request that excused it).
 */
export function applyLeave(
	absences: ReadonlyMap<number, Absence>,
	covered: ReadonlyMap<number, number>
): Array<{ studentId: number; status: Absence; leaveId: number | null }> {
	return [...absences].map(([studentId, status]) => {
		const leaveId = covered.get(studentId) ?? null;
		return { studentId, status: leaveId === null ? status : 'excused', leaveId };
	});
}

/** Marks the recorded absences a just-approved request covers as excused; returns how many. */
export async function excuseRecordedAbsences(
	trx: Db,
	leave: LeaveCover & { studentId: number }
): Promise<number> {
	let q = trx
		.updateTable('attendance_absences')
		.set({ status: 'excused', leave_request_id: leave.id })
		.where('student_id', '=', leave.studentId)
		.where('day', '>=', leave.fromDay)
		.where('day', '<=', leave.toDay);
	if (leave.sessions !== 'all') q = q.where('session', '=', leave.sessions);
	const result = await q.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export interface ChildAbsence {
	studentId: number;
	studentName: string;
	day: string;
	session: Session;
	status: Absence;
	leaveRequestId: number | null;
}

/** The recorded absences of the caller's own children in the current school year, newest first. */
export async function familyAbsences(db: Db, principal: Principal): Promise<ChildAbsence[]> {
	const rows = await db
		.selectFrom('attendance_absences as a')
		.innerJoin('students as st', 'st.id', 'a.student_id')
		.innerJoin('classes as c', 'c.id', 'a.class_id')
		.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
		.select([
			'a.student_id',
			'st.full_name',
			'a.day',
			'a.session',
			'a.status',
			'a.leave_request_id'
		])
		.where('y.is_current', '=', true)
		.where(studentWhere(principal, 'student.family', 'st'))
		.orderBy('a.day', 'desc')
		.orderBy('a.session', 'desc')
		.limit(200)
		.execute();
	return rows.map((r) => ({
		studentId: r.student_id,
		studentName: r.full_name,
		day: r.day,
		session: r.session,
		status: r.status,
		leaveRequestId: r.leave_request_id
	}));
}

/** The sessions a request excused, for its page (the caller already proved the request's scope). */
export async function absencesOfLeave(
	db: Db,
	leaveId: number
): Promise<Array<{ day: string; session: Session }>> {
	return db
		.selectFrom('attendance_absences')
		.select(['day', 'session'])
		.where('leave_request_id', '=', leaveId)
		.orderBy('day')
		.orderBy('session')
		.execute();
}
