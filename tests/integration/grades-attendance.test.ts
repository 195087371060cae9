import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/dates';
import type { Absence } from '../../src/lib/grades/attendance';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import {
	homeroomClasses,
	loadRoll,
	requireRollClass,
	saveRoll
} from '../../src/lib/server/grades/attendance';
import { ConflictError } from '../../src/lib/server/errors';
import { connectTestDb, principalOf } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/** Rolls of the demo teacher's homeroom class, each test in a rolled-back transaction. */
let db: DB;
let close: () => Promise<void>;
let teacher: Principal;

beforeAll(async () => {
	({ db, close } = connectTestDb());
	teacher = await principalOf(db, 'quangtrung.gv@demo.example');
});
afterAll(() => close());

const actor = (principal: Principal) => ({ principal, requestId: 'attendance-test' });
const absences = (entries: Array<[number, Absence]>) => new Map(entries);

async function events(trx: DB, after: number) {
	return trx
		.selectFrom('domain_events')
		.select(['id', 'kind', 'subject_type', 'subject_id', 'school_id', 'payload'])
		.where('kind', '=', 'attendance.absent')
		.where('id', '>', after)
		.orderBy('id')
		.execute();
}

describe('a homeroom teacher’s roll per session', () => {
	it('saves the absences, tells the communication module of each new one, and keeps versions', async () => {
		const [cls] = await homeroomClasses(db, teacher);
		expect(cls.name).toBe('8A');
		const day = addDays(cls.startsOn, 10);
		const today = addDays(cls.startsOn, 20);
		await inRolledBackTransaction(db, async (trx) => {
			const last = await trx
				.selectFrom('domain_events')
				.select((eb) => eb.fn.max('id').as('id'))
				.executeTakeFirst();
			const cursor = Number(last?.id ?? 0);
			const empty = await loadRoll(trx, cls, day, 'morning');
			expect(empty.version).toBe(0);
			expect(empty.pupils.every((p) => p.mark === 'present')).toBe(true);
			const [a, b, c] = empty.pupils.map((p) => p.id);
			const first = await saveRoll(
				trx,
				actor(teacher),
				cls.id,
				{
					day,
					session: 'morning',
					version: 0,
					absences: absences([
						[a, 'excused'],
						[b, 'unexcused']
					])
				},
				today
			);
			expect(first).toEqual({ absent: 2, notified: 2 });
			const saved = await loadRoll(trx, cls, day, 'morning');
			expect(saved.version).toBe(1);
			const marked = saved.pupils.filter((p) => p.mark !== 'present');
			expect(new Map(marked.map((p) => [p.id, p.mark]))).toEqual(
				absences([
					[a, 'excused'],
					[b, 'unexcused']
				])
			);
			expect((await loadRoll(trx, cls, day, 'afternoon')).version).toBe(0);
			const firstEvents = await events(trx, cursor);
			expect(firstEvents.map((e) => e.subject_id).sort()).toEqual([String(a), String(b)].sort());
			expect(firstEvents[0]).toMatchObject({
				subject_type: 'student',
				school_id: cls.schoolId,
				payload: { classId: cls.id, day, session: 'morning' }
			});

			// a second save: a back to present, b excused now, c newly absent -> two events
			const second = await saveRoll(
				trx,
				actor(teacher),
				cls.id,
				{
					day,
					session: 'morning',
					version: 1,
					absences: absences([
						[b, 'excused'],
						[c, 'unexcused']
					])
				},
				today
			);
			expect(second).toEqual({ absent: 2, notified: 2 });
			const again = await events(trx, firstEvents.at(-1)!.id);
			expect(again.map((e) => [e.subject_id, (e.payload as { status: string }).status])).toEqual(
				[
					[String(b), 'excused'],
					[String(c), 'unexcused']
				].sort((x, y) => Number(x[0]) - Number(y[0]))
			);
			const audit = await trx
				.selectFrom('audit_log')
				.select(['before', 'after'])
				.where('action', '=', 'attendance.roll.save')
				.orderBy('id', 'desc')
				.executeTakeFirstOrThrow();
			expect(audit.before).toEqual({ [a]: 'excused', [b]: 'unexcused' });
			expect(audit.after).toEqual({ [b]: 'excused', [c]: 'unexcused' });

			const stale = saveRoll(
				trx,
				actor(teacher),
				cls.id,
				{ day, session: 'morning', version: 1, absences: absences([]) },
				today
			);
			await expect(stale).rejects.toBeInstanceOf(ConflictError);
		});
	});

	it('refuses a future day, a pupil of another class and anyone outside the class', async () => {
		const [cls] = await homeroomClasses(db, teacher);
		const today = addDays(cls.startsOn, 20);
		const roll = (principal: Principal, day: string, ids: number[]) =>
			saveRoll(
				db,
				actor(principal),
				cls.id,
				{
					day,
					session: 'afternoon',
					version: 0,
					absences: absences(ids.map((id) => [id, 'excused']))
				},
				today
			);
		await expect(roll(teacher, addDays(today, 1), [])).rejects.toMatchObject({
			code: 'attendance_future_day',
			field: 'day'
		});
		const stranger = await db
			.selectFrom('students')
			.select('id')
			.where('class_id', '<>', cls.id)
			.executeTakeFirstOrThrow();
		await expect(roll(teacher, today, [stranger.id])).rejects.toMatchObject({
			code: 'grades_pupil_not_in_class'
		});
		for (const email of ['nguyentatthanh.admin@demo.example', 'quangtrung.ph@demo.example']) {
			const other = await principalOf(db, email);
			await expect(requireRollClass(db, other, cls.id)).rejects.toMatchObject({ status: 404 });
			await expect(roll(other, today, [])).rejects.toMatchObject({ status: 404 });
		}
		const rolls = await db
			.selectFrom('attendance_rolls')
			.select('day')
			.where('class_id', '=', cls.id)
			.where('session', '=', 'afternoon')
			.execute();
		expect(rolls).toEqual([]);
	});
});
