import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import {
	addDayOff,
	currentYear,
	dayOffFor,
	listDaysOff,
	removeDayOff,
	schoolDaysOff
} from '../../src/lib/server/calendar/days-off';
import { homeroomClasses, saveRoll } from '../../src/lib/server/grades/attendance';
import { DomainError } from '../../src/lib/server/errors';
import { addDays } from '../../src/lib/dates';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/** The school calendar: the department's holidays, a school's closures, no roll on a day off. */
let db: DB;
let close: () => Promise<void>;
let so: Principal;
let admin: Principal;
let teacher: Principal;
beforeAll(async () => {
	({ db, close } = connectTestDb());
	so = await principalOf(db, 'so@demo.example');
	admin = await principalOf(db, 'quangtrung.admin@demo.example');
	teacher = await principalOf(db, 'quangtrung.gv@demo.example');
});
afterAll(() => close());

const actor = (principal: Principal) => ({ principal, requestId: 'calendar-test' });

async function schoolRow(trx: DB, id: number) {
	return trx
		.selectFrom('schools')
		.select(['id', 'department_id'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
}

describe('the school calendar', () => {
	it("shows a school the department's holidays and its own closures, and no other school's", async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const year = await currentYear(trx);
			const qt = await schoolRow(trx, await schoolIdByName(trx, QUANG_TRUNG));
			const other = await trx
				.selectFrom('schools')
				.select(['id', 'department_id'])
				.where('id', '<>', qt.id)
				.where('department_id', '=', qt.department_id)
				.executeTakeFirstOrThrow();
			const departmentId = qt.department_id;
			const start = addDays(year.startsOn, 30);
			const holiday = await addDayOff(
				trx,
				actor(so),
				{ departmentId },
				{
					startsOn: start,
					endsOn: addDays(start, 2),
					name: 'Nghỉ lễ'
				}
			);
			const closure = await addDayOff(
				trx,
				actor(admin),
				{ schoolId: qt.id },
				{
					startsOn: addDays(start, 10),
					endsOn: addDays(start, 10),
					name: 'Nghỉ do bão'
				}
			);
			const qtDays = await schoolDaysOff(trx, qt, year.id);
			expect(qtDays.map((d) => [d.id, d.level])).toEqual([
				[holiday, 'department'],
				[closure, 'school']
			]);
			const otherDays = await schoolDaysOff(trx, other, year.id);
			expect(otherDays.map((d) => d.id)).toEqual([holiday]);
			expect((await listDaysOff(trx, { departmentId }, year.id)).map((d) => d.id)).toEqual([
				holiday
			]);
			// a window of days only reads what overlaps it
			expect(
				(
					await schoolDaysOff(trx, qt, year.id, { from: addDays(start, 5), to: addDays(start, 20) })
				).map((d) => d.id)
			).toEqual([closure]);
			expect((await dayOffFor(trx, qt.id, addDays(start, 1)))?.name).toBe('Nghỉ lễ');
			expect((await dayOffFor(trx, qt.id, addDays(start, 10)))?.name).toBe('Nghỉ do bão');
			expect(await dayOffFor(trx, other.id, addDays(start, 10))).toBeNull();
			expect(await dayOffFor(trx, qt.id, addDays(start, 5))).toBeNull();

			// another school cannot remove the closure, nor a school the department's holiday: 404
			await expect(
				removeDayOff(trx, actor(admin), { schoolId: other.id }, closure)
			).rejects.toMatchObject({ status: 404 });
			await expect(
				removeDayOff(trx, actor(admin), { schoolId: qt.id }, holiday)
			).rejects.toMatchObject({ status: 404 });
			await removeDayOff(trx, actor(admin), { schoolId: qt.id }, closure);
			expect((await schoolDaysOff(trx, qt, year.id)).map((d) => d.id)).toEqual([holiday]);
			const audit = await trx
				.selectFrom('audit_log')
				.select(['action', 'school_id'])
				.where('entity', '=', 'calendar_days_off')
				.where('entity_id', 'in', [String(holiday), String(closure)])
				.orderBy('id')
				.execute();
			expect(audit).toEqual([
				{ action: 'calendar.day_off.add', school_id: null },
				{ action: 'calendar.day_off.add', school_id: qt.id },
				{ action: 'calendar.day_off.remove', school_id: qt.id }
			]);
		});
	});

	it('refuses a day off outside the school year, beside the field', async () => {
		const year = await currentYear(db);
		const qt = await schoolIdByName(db, QUANG_TRUNG);
		const err = await addDayOff(
			db,
			actor(admin),
			{ schoolId: qt },
			{
				startsOn: addDays(year.endsOn, -1),
				endsOn: addDays(year.endsOn, 3),
				name: 'x'
			}
		).catch((e) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect(err).toMatchObject({ code: 'calendar_outside_year', field: 'endsOn' });
		const before = await addDayOff(
			db,
			actor(admin),
			{ schoolId: qt },
			{
				startsOn: addDays(year.startsOn, -1),
				endsOn: year.startsOn,
				name: 'x'
			}
		).catch((e) => e);
		expect(before).toMatchObject({ code: 'calendar_outside_year', field: 'startsOn' });
	});

	it('takes no roll on a day off, and takes it again once the day off is removed', async () => {
		const [cls] = await homeroomClasses(db, teacher);
		await inRolledBackTransaction(db, async (trx) => {
			const qt = await schoolRow(trx, cls.schoolId);
			const day = addDays(cls.startsOn, 12);
			const today = addDays(cls.startsOn, 20);
			const id = await addDayOff(
				trx,
				actor(admin),
				{ schoolId: qt.id },
				{
					startsOn: day,
					endsOn: day,
					name: 'Nghỉ do lũ'
				}
			);
			const roll = { day, session: 'morning' as const, version: 0, absences: new Map() };
			const refused = await saveRoll(trx, actor(teacher), cls.id, roll, today).catch((e) => e);
			expect(refused).toMatchObject({
				code: 'attendance_day_off',
				field: 'day',
				params: { name: 'Nghỉ do lũ' }
			});
			await removeDayOff(trx, actor(admin), { schoolId: qt.id }, id);
			await expect(saveRoll(trx, actor(teacher), cls.id, roll, today)).resolves.toMatchObject({
				absent: 0
			});
		});
	});
});
