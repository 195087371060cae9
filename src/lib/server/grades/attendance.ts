import type { Kysely } from 'kysely';
import {
	newAbsences,
	rollDayProblem,
	type Absence,
	type Mark,
	type Session
} from '$lib/grades/attendance';
import { todayIso } from '$lib/dates';
import { notFound } from '../auth/access';
import { classWhere } from '../auth/access/classes';
import type { Principal } from '../auth/session';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { ConflictError, DomainError, fieldError } from '../errors';
import { recordEvent } from '../events';
import { inTransaction } from './checkpoints';
import { recomputeYearSummaries } from './summaries';
import { applyLeave, leaveCovering } from '../messages/leave-attendance';
import { recordPortalUse } from '../usage/portal-use';
import { makeUpOverridesDayOff } from '../calendar/make-up-days';
import { dayOffFor } from '../calendar/days-off';
import { enrolledAmong, enrolledIn } from '../roster/enrolments';

type Db = Kysely<Database>;

export interface RollClass {
	id: number;
	name: string;
	schoolId: number;
	schoolName: string;
	startsOn: string;
	endsOn: string;
}

/** The classes of the current year whose roll the principal takes ('class.homeroom'). */
export async function homeroomClasses(db: Db, principal: Principal): Promise<RollClass[]> {
	return classes(db, principal).orderBy('c.grade').orderBy('c.name_sort').execute();
}

function classes(db: Db, principal: Principal) {
	return db
		.selectFrom('classes as c')
		.innerJoin('schools as s', 's.id', 'c.school_id')
		.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
		.select([
			'c.id',
			'c.name',
			'c.school_id as schoolId',
			's.name as schoolName',
			'y.starts_on as startsOn',
			'y.ends_on as endsOn'
		])
		.where('y.is_current', '=', true)
		.where('c.active', '=', true)
		.where(classWhere(principal, 'class.homeroom', 'c'));
}

/** The class, or 404 outside the principal's homeroom scope. */
export async function requireRollClass(db: Db, principal: Principal, classId: number) {
	const row = await classes(db, principal).where('c.id', '=', classId).executeTakeFirst();
	return row ?? notFound();
}

export interface Roll {
	day: string;
	session: Session;
	version: number;
	takenAt: Date | null;
	/** `leave`: an approved leave request covers the session (absence is excused) */
	pupils: Array<{ id: number; fullName: string; mark: Mark; leave: boolean }>;
}

async function absencesOf(db: Db, classId: number, day: string, session: Session) {
	const rows = await db
		.selectFrom('attendance_absences')
		.select(['student_id', 'status'])
		.where('class_id', '=', classId)
		.where('day', '=', day)
		.where('session', '=', session)
		.execute();
	return new Map(rows.map((r) => [r.student_id, r.status as Absence]));
}

/** A session's roll: every active pupil, present unless an absence was recorded. */
export async function loadRoll(
	db: Db,
	cls: RollClass,
	day: string,
	session: Session
): Promise<Roll> {
	const [roll, pupils, absent, covered] = await Promise.all([
		db
			.selectFrom('attendance_rolls')
			.select(['version', 'taken_at'])
			.where('class_id', '=', cls.id)
			.where('day', '=', day)
			.where('session', '=', session)
			.executeTakeFirst(),
		enrolledIn(db, cls.id)
			.select(['st.id', 'st.full_name as fullName'])
			.orderBy('st.name_sort')
			.orderBy('st.id')
			.execute(),
		absencesOf(db, cls.id, day, session),
		leaveCovering(db, cls.id, day, session)
	]);
	const untaken = !roll;
	return {
		day,
		session,
		version: roll?.version ?? 0,
		takenAt: roll?.taken_at ?? null,
		pupils: pupils.map((p) => ({
			...p,
			mark: absent.get(p.id) ?? (untaken && covered.has(p.id) ? 'excused' : 'present'),
			leave: covered.has(p.id)
		}))
	};
}

export interface RollInput {
	day: string;
	session: Session;
	version: number;
	/** the absent pupils; every other pupil of the class was present */
	absences: Map<number, Absence>;
}

/**
 * Saves a session's roll of a class ('class.homeroom'; 404 otherwise): today or a past day of the
 * school year; a stale version is a conflict. Every newly absent pupil (or a changed kind of
 * absence) gets an 'attendance.absent' domain event for the communication module, in the same
 * transaction; the change is audited. An absence an approved leave request covers is stored as
 * excused with the request (messages/leave-attendance.ts) and raises no event.
 */
export async function saveRoll(
	db: Db,
	actor: Actor,
	classId: number,
	input: RollInput,
	today = todayIso()
): Promise<{ absent: number; notified: number }> {
	return inTransaction(db, async (trx) => {
		const cls = await requireRollClass(trx, actor.principal, classId);
		const problem = rollDayProblem(input.day, today, cls);
		if (problem) throw fieldError('day', problem);
		// no roll on a day off of the school calendar (the department's holiday or the school's closure)
		const off = await dayOffFor(trx, cls.schoolId, input.day);
		// ... unless a make-up day declared it a school day (migration 0390)
		if (off && !(await makeUpOverridesDayOff(trx, cls.schoolId, input.day)))
			throw fieldError('day', 'attendance_day_off', { name: off.name });
		const ids = [...input.absences.keys()];
		if (ids.length) {
			// the class's pupils of its school year (0360), whatever class they are in now
			const found = await enrolledAmong(trx, classId, ids);
			if (found.size !== ids.length) throw new DomainError('grades_pupil_not_in_class');
		}
		await claimRoll(trx, actor, classId, input);
		const before = await absencesOf(trx, classId, input.day, input.session);
		await trx
			.deleteFrom('attendance_absences')
			.where('class_id', '=', classId)
			.where('day', '=', input.day)
			.where('session', '=', input.session)
			.execute();
		// an approved leave request excuses the absence; its family already knows (no notice)
		const covered = await leaveCovering(trx, classId, input.day, input.session);
		const rows = applyLeave(input.absences, covered);
		const stored = new Map(rows.map((r) => [r.studentId, r.status]));
		if (ids.length)
			await trx
				.insertInto('attendance_absences')
				.values(
					rows.map((r) => ({
						class_id: classId,
						student_id: r.studentId,
						day: input.day,
						session: input.session,
						status: r.status,
						leave_request_id: r.leaveId
					}))
				)
				.execute();
		const touched = [...new Set([...before.keys(), ...stored.keys()])];
		if (touched.length) await recomputeYearSummaries(trx, classId, touched);
		const fresh = newAbsences(before, stored).filter((a) => !covered.has(a.studentId));
		for (const a of fresh) {
			await recordEvent(trx, {
				module: 'attendance',
				kind: 'attendance.absent',
				subjectType: 'student',
				subjectId: a.studentId,
				schoolId: cls.schoolId,
				payload: { classId, day: input.day, session: input.session, status: a.status },
				createdBy: actor.principal.userId
			});
		}
		// taking the roll here is use of the contact book (usage/portal-use.ts)
		await recordPortalUse(trx, {
			userId: actor.principal.userId,
			schoolId: cls.schoolId,
			classId,
			activity: 'attendance'
		});
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'attendance.roll.save',
			entity: 'attendance_roll',
			entityId: `${classId}:${input.day}:${input.session}`,
			schoolId: cls.schoolId,
			before: Object.fromEntries(before),
			after: Object.fromEntries(stored),
			requestId: actor.requestId
		});
		return { absent: ids.length, notified: fresh.length };
	});
}

/** Creates the roll (version 0) or bumps it (the version the editor loaded), else a conflict. */
async function claimRoll(trx: Db, actor: Actor, classId: number, input: RollInput) {
	const values = { taken_by: actor.principal.userId, taken_at: new Date() };
	if (input.version === 0) {
		const inserted = await trx
			.insertInto('attendance_rolls')
			.values({ ...values, class_id: classId, day: input.day, session: input.session })
			.onConflict((oc) => oc.doNothing())
			.returning('version')
			.executeTakeFirst();
		if (!inserted) throw new ConflictError('attendance_rolls', `${classId}:${input.day}`);
		return;
	}
	const updated = await trx
		.updateTable('attendance_rolls')
		.set((eb) => ({ ...values, version: eb('version', '+', 1) }))
		.where('class_id', '=', classId)
		.where('day', '=', input.day)
		.where('session', '=', input.session)
		.where('version', '=', input.version)
		.returning('version')
		.executeTakeFirst();
	if (!updated) throw new ConflictError('attendance_rolls', `${classId}:${input.day}`);
}
