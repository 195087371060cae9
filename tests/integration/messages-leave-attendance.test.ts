import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { addDays } from '../../src/lib/dates';
import type { Absence, Session } from '../../src/lib/grades/attendance';
import type { Principal } from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import {
	homeroomClasses,
	loadRoll,
	saveRoll,
	type RollClass
} from '../../src/lib/server/grades/attendance';
import { answerLeave, requestLeave } from '../../src/lib/server/messages/leave';
import { absencesOfLeave, familyAbsences } from '../../src/lib/server/messages/leave-attendance';
import { leaveAnswerSchema, leaveSchema } from '../../src/lib/schemas/messages';
import { connectTestDb, principalOf } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * Approved leave → excused absences in attendance. Everything runs in a rolled-back transaction
 * on the demo class 8A (its seeded rolls and the demo family stay as they are for other tests).
 */
let db: DB;
let close: () => Promise<void>;
let parent: Principal;
let homeroom: Principal;
let cls: RollClass;
let child: number;
let classmate: number;

const actor = (principal: Principal) => ({ principal, requestId: 'leave-attendance-test' });

beforeAll(async () => {
	({ db, close } = connectTestDb());
	parent = await principalOf(db, 'quangtrung.ph@demo.example');
	homeroom = await principalOf(db, 'quangtrung.gv@demo.example');
	[cls] = await homeroomClasses(db, homeroom);
	const kid = await db
		.selectFrom('students as st')
		.innerJoin('student_guardians as sg', 'sg.student_id', 'st.id')
		.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
		.select('st.id')
		.where('g.user_id', '=', parent.userId)
		.where('st.class_id', '=', cls.id)
		.executeTakeFirstOrThrow();
	child = kid.id;
	const other = await db
		.selectFrom('students')
		.select('id')
		.where('class_id', '=', cls.id)
		.where('id', '<>', child)
		.where('active', '=', true)
		.orderBy('id')
		.executeTakeFirstOrThrow();
	classmate = other.id;
});
afterAll(() => close());

/** A day of the year far from the seeded rolls; "today" is set after it. */
const dayAt = (offset: number) => addDays(cls.startsOn, offset);
const TODAY_OFFSET = 60;

async function takeRoll(trx: DB, day: string, session: Session, marks: Array<[number, Absence]>) {
	const roll = await loadRoll(trx, cls, day, session);
	return saveRoll(
		trx,
		actor(homeroom),
		cls.id,
		{ day, session, version: roll.version, absences: new Map(marks) },
		dayAt(TODAY_OFFSET)
	);
}

async function ask(trx: DB, from: string, to: string, sessions: 'all' | Session = 'all') {
	const input = leaveSchema.parse({ student: String(child), from, to, sessions, reason: 'Ốm' });
	return requestLeave(trx, actor(parent), input);
}

async function answer(trx: DB, id: number, decision: 'approved' | 'refused') {
	const row = await trx
		.selectFrom('leave_requests')
		.select('version')
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	const input = leaveAnswerSchema.parse({
		leave: String(id),
		version: String(row.version),
		decision,
		note: ''
	});
	return answerLeave(trx, actor(homeroom), input);
}

async function absence(trx: DB, student: number, day: string, session: Session) {
	return trx
		.selectFrom('attendance_absences')
		.select(['status', 'leave_request_id'])
		.where('student_id', '=', student)
		.where('day', '=', day)
		.where('session', '=', session)
		.executeTakeFirst();
}

describe('leave requests and attendance', () => {
	it('approval excuses the recorded absences it covers and only those', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const d1 = dayAt(40);
			const d2 = dayAt(41);
			await takeRoll(trx, d1, 'morning', [
				[child, 'unexcused'],
				[classmate, 'unexcused']
			]);
			await takeRoll(trx, d1, 'afternoon', []); // the child came in the afternoon
			await takeRoll(trx, d2, 'morning', [[child, 'unexcused']]);
			const id = await ask(trx, d1, d2, 'morning');
			expect(await answer(trx, id, 'approved')).toEqual({ excused: 2 });

			expect(await absence(trx, child, d1, 'morning')).toEqual({
				status: 'excused',
				leave_request_id: id
			});
			expect(await absence(trx, child, d2, 'morning')).toMatchObject({ status: 'excused' });
			expect(await absence(trx, classmate, d1, 'morning')).toEqual({
				status: 'unexcused',
				leave_request_id: null
			});
			// present stays present: leave permits an absence, it does not invent one
			expect(await absence(trx, child, d1, 'afternoon')).toBeUndefined();
			expect(await absencesOfLeave(trx, id)).toEqual([
				{ day: d1, session: 'morning' },
				{ day: d2, session: 'morning' }
			]);
			const seen = (await familyAbsences(trx, parent)).filter((a) => a.studentId === child);
			expect(seen.filter((a) => a.day === d1 || a.day === d2)).toEqual([
				expect.objectContaining({ day: d2, status: 'excused', leaveRequestId: id }),
				expect.objectContaining({ day: d1, status: 'excused', leaveRequestId: id })
			]);
		});
	});

	it('a roll taken after the approval preselects and stores the absence as excused, without an absence notice', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const day = dayAt(45);
			const id = await ask(trx, day, day);
			expect(await answer(trx, id, 'approved')).toEqual({ excused: 0 });
			const roll = await loadRoll(trx, cls, day, 'afternoon');
			const mine = roll.pupils.find((p) => p.id === child)!;
			expect(mine).toMatchObject({ mark: 'excused', leave: true });
			expect(roll.pupils.find((p) => p.id === classmate)).toMatchObject({
				mark: 'present',
				leave: false
			});
			// the teacher ticks "unexcused" anyway: the approved request wins
			const saved = await takeRoll(trx, day, 'afternoon', [
				[child, 'unexcused'],
				[classmate, 'unexcused']
			]);
			expect(saved).toEqual({ absent: 2, notified: 1 });
			expect(await absence(trx, child, day, 'afternoon')).toEqual({
				status: 'excused',
				leave_request_id: id
			});
			const events = await trx
				.selectFrom('domain_events')
				.select('subject_id')
				.where('kind', '=', 'attendance.absent')
				.where(
					'subject_id',
					'in',
					[child, classmate].map((n) => String(n))
				)
				.where(sql`payload->>'day'`, '=', day)
				.execute();
			expect(events.map((e) => Number(e.subject_id))).toEqual([classmate]);
		});
	});

	it('refusal keeps the absences unexcused, now and for rolls taken later', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const day = dayAt(50);
			await takeRoll(trx, day, 'morning', [[child, 'unexcused']]);
			const id = await ask(trx, day, day);
			expect(await answer(trx, id, 'refused')).toEqual({ excused: 0 });
			expect(await absence(trx, child, day, 'morning')).toEqual({
				status: 'unexcused',
				leave_request_id: null
			});
			const later = await loadRoll(trx, cls, day, 'afternoon');
			expect(later.pupils.find((p) => p.id === child)).toMatchObject({
				mark: 'present',
				leave: false
			});
			await takeRoll(trx, day, 'afternoon', [[child, 'unexcused']]);
			expect(await absence(trx, child, day, 'afternoon')).toMatchObject({ status: 'unexcused' });
			expect(await absencesOfLeave(trx, id)).toEqual([]);
		});
	});
});
