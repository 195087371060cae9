import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { addDays, todayIso } from '../../src/lib/dates';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { homeroomClasses, saveRoll } from '../../src/lib/server/grades/attendance';
import { saveCells } from '../../src/lib/server/grades/service';
import { recordPortalUse } from '../../src/lib/server/usage/portal-use';
import { connectTestDb, principalOf, QUANG_TRUNG } from '../helpers/context';
import { scoredGradebooks, type GradebookPick } from '../helpers/grades';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * Issue 11: entering grades and taking the roll in the portal count as use of the e-gradebook and
 * the contact book, once per teacher, platform, day and class, in the summaries the dashboards read.
 */
let db: DB;
let close: () => Promise<void>;
let pick: GradebookPick;

beforeAll(async () => {
	({ db, close } = connectTestDb());
	[pick] = await scoredGradebooks(db, QUANG_TRUNG);
});
afterAll(() => close());

const actor = (principal: Principal) => ({ principal, requestId: 'portal-use-test' });

async function portalEvents(trx: DB, staffUserId: number) {
	return trx
		.selectFrom('usage_events as e')
		.innerJoin('platforms as p', 'p.id', 'e.platform_id')
		.innerJoin('staff as s', 's.id', 'e.staff_id')
		.select(['p.code', 'e.occurred_on', 'e.class_ids', 'e.source_event_id'])
		.where('e.source', '=', 'portal')
		.where('s.user_id', '=', staffUserId)
		.orderBy('e.id')
		.execute();
}

/** The teacher's row of the daily summary for a platform today (what the dashboards read). */
async function dailyUse(trx: DB, staffUserId: number, code: string) {
	const { rows } = await sql<{ n: number }>`
		select count(*)::int as n from usage_daily_teacher d
		join staff s on s.id = d.staff_id join platforms p on p.id = d.platform_id
		where s.user_id = ${staffUserId} and p.code = ${code} and d.day = ${todayIso()}::date`.execute(trx);
	return rows[0].n;
}

describe('use of the portal’s own modules', () => {
	it('saving grades counts once a day and class as use of the e-gradebook', async () => {
		const teacher = await principalOf(db, pick.teacherEmail);
		const student = await db
			.selectFrom('students')
			.select('id')
			.where('class_id', '=', pick.classId)
			.where('active', '=', true)
			.orderBy('id')
			.limit(2)
			.execute();
		await inRolledBackTransaction(db, async (trx) => {
			expect(await dailyUse(trx, teacher.userId, 'e-gradebook')).toBe(0);
			const cell = (studentId: number, value: number) => ({
				studentId,
				column: 'tx1',
				value,
				state: 'value' as const,
				version: 0
			});
			await saveCells(trx, actor(teacher), pick.classId, pick.subjectId, pick.semesterId, [
				cell(student[0].id, 8)
			]);
			await saveCells(trx, actor(teacher), pick.classId, pick.subjectId, pick.semesterId, [
				cell(student[1].id, 7)
			]);
			const events = await portalEvents(trx, teacher.userId);
			expect(events).toEqual([
				{
					code: 'e-gradebook',
					occurred_on: todayIso(),
					class_ids: [pick.classId],
					source_event_id: `grades:${pick.classId}`
				}
			]);
			expect(await dailyUse(trx, teacher.userId, 'e-gradebook')).toBe(1);
		});
	});

	it('taking the roll counts as use of the contact book', async () => {
		const homeroom = await principalOf(db, 'quangtrung.gv@demo.example');
		const [cls] = await homeroomClasses(db, homeroom);
		await inRolledBackTransaction(db, async (trx) => {
			await saveRoll(
				trx,
				actor(homeroom),
				cls.id,
				{ day: addDays(cls.startsOn, 10), session: 'morning', version: 0, absences: new Map() },
				addDays(cls.startsOn, 20)
			);
			const events = await portalEvents(trx, homeroom.userId);
			expect(events.map((e) => [e.code, e.source_event_id])).toEqual([
				['contact-book', `attendance:${cls.id}`]
			]);
			expect(await dailyUse(trx, homeroom.userId, 'contact-book')).toBe(1);
		});
	});

	it('counts only a member of the school’s staff, and only a class of that school', async () => {
		const official = await principalOf(db, 'so@demo.example');
		const teacher = await principalOf(db, pick.teacherEmail);
		const schoolId = await schoolOf(pick.classId);
		const otherSchoolClass = await db
			.selectFrom('classes')
			.select('id')
			.where('school_id', '<>', schoolId)
			.orderBy('id')
			.executeTakeFirstOrThrow();
		// (no query through `db` inside: the embedded database has one connection)
		await inRolledBackTransaction(db, async (trx) => {
			expect(
				await recordPortalUse(trx, {
					userId: official.userId,
					schoolId,
					classId: pick.classId,
					activity: 'grades'
				})
			).toBe(false);
			expect(
				await recordPortalUse(trx, {
					userId: teacher.userId,
					schoolId,
					classId: otherSchoolClass.id,
					activity: 'grades'
				})
			).toBe(false);
			expect(
				await recordPortalUse(trx, {
					userId: teacher.userId,
					schoolId,
					classId: pick.classId,
					activity: 'grades'
				})
			).toBe(true);
			// a second save of the same day and class is not a second use
			expect(
				await recordPortalUse(trx, {
					userId: teacher.userId,
					schoolId,
					classId: pick.classId,
					activity: 'grades'
				})
			).toBe(false);
		});
	});
});

async function schoolOf(classId: number) {
	const row = await db
		.selectFrom('classes')
		.select('school_id')
		.where('id', '=', classId)
		.executeTakeFirstOrThrow();
	return row.school_id;
}
