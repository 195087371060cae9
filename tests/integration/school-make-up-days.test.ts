import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { isoWeekday } from '../../src/lib/calendar/days-off';
import { addDayOff, currentYear, removeDayOff } from '../../src/lib/server/calendar/days-off';
import {
	addMakeUpDay,
	listMakeUpDays,
	removeMakeUpDay
} from '../../src/lib/server/calendar/make-up-days';
import { homeroomClasses, saveRoll } from '../../src/lib/server/grades/attendance';
import { absencesOf } from '../../src/lib/server/grades/report-card';
import { addDays } from '../../src/lib/dates';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/** Make-up school days (0390) and the 45-session count on school days. */
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

const actor = (principal: Principal) => ({ principal, requestId: 'make-up-test' });

/** The first day with ISO weekday `wd` at or after `from`. */
function nextWeekday(from: string, wd: number) {
	let day = from;
	while (isoWeekday(day) !== wd) day = addDays(day, 1);
	return day;
}

async function pupilOf(trx: DB, classId: number) {
	const row = await trx
		.selectFrom('students')
		.select('id')
		.where('class_id', '=', classId)
		.where('active', '=', true)
		.orderBy('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function storedAbsences(trx: DB, studentId: number, schoolYearId: number) {
	const row = await trx
		.selectFrom('grade_year_summaries')
		.select(['absences_excused', 'absences_unexcused'])
		.where('student_id', '=', studentId)
		.where('school_year_id', '=', schoolYearId)
		.executeTakeFirstOrThrow();
	return row.absences_excused + row.absences_unexcused;
}

describe('make-up school days', () => {
	it('adds a Sunday for the school, refuses a weekday, and only the owner removes it', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const year = await currentYear(trx);
			const qt = await schoolIdByName(trx, QUANG_TRUNG);
			const sunday = nextWeekday(addDays(year.startsOn, 20), 7);
			const id = await addMakeUpDay(
				trx,
				actor(admin),
				{ schoolId: qt },
				{ day: sunday, name: 'Học bù' }
			);
			expect(await listMakeUpDays(trx, { schoolId: qt }, year.id)).toEqual([
				{ id, day: sunday, name: 'Học bù', level: 'school' }
			]);
			const monday = addDays(sunday, 1);
			await expect(
				addMakeUpDay(trx, actor(admin), { schoolId: qt }, { day: monday, name: 'x' })
			).rejects.toMatchObject({ code: 'calendar_make_up_already_school_day', field: 'day' });
			await expect(
				addMakeUpDay(
					trx,
					actor(admin),
					{ schoolId: qt },
					{ day: addDays(year.endsOn, 6), name: 'x' }
				)
			).rejects.toMatchObject({ code: 'calendar_outside_year', field: 'day' });
			const department = (
				await trx
					.selectFrom('schools')
					.select('department_id')
					.where('id', '=', qt)
					.executeTakeFirstOrThrow()
			).department_id;
			await expect(
				removeMakeUpDay(trx, actor(so), { departmentId: department }, id)
			).rejects.toMatchObject({ status: 404 });
			await removeMakeUpDay(trx, actor(admin), { schoolId: qt }, id);
			const audit = await trx
				.selectFrom('audit_log')
				.select(['action', 'school_id'])
				.where('entity', '=', 'calendar_make_up_days')
				.where('entity_id', '=', String(id))
				.orderBy('id')
				.execute();
			expect(audit).toEqual([
				{ action: 'calendar.make_up.add', school_id: qt },
				{ action: 'calendar.make_up.remove', school_id: qt }
			]);
		});
	});

	it('saves one of two concurrent posts of the same day; the other is refused beside the field', async () => {
		const year = await currentYear(db);
		const qt = await schoolIdByName(db, QUANG_TRUNG);
		const weekend = nextWeekday(addDays(year.startsOn, 40), 7);
		const input = { day: weekend, name: 'Học bù' };
		const results = await Promise.allSettled([
			addMakeUpDay(db, actor(admin), { schoolId: qt }, input),
			addMakeUpDay(db, actor(admin), { schoolId: qt }, input)
		]);
		const saved = results.filter((r) => r.status === 'fulfilled');
		const refused = results.filter((r) => r.status === 'rejected');
		try {
			expect(saved).toHaveLength(1);
			expect(refused).toHaveLength(1);
			expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ field: 'day' });
			expect(['calendar_make_up_taken', 'calendar_make_up_already_school_day']).toContain(
				(refused[0] as PromiseRejectedResult).reason.code
			);
		} finally {
			for (const r of saved)
				await removeMakeUpDay(
					db,
					actor(admin),
					{ schoolId: qt },
					(r as PromiseFulfilledResult<number>).value
				);
		}
	});

	it('takes a roll on a holiday once the department declares it a make-up day', async () => {
		const [cls] = await homeroomClasses(db, teacher);
		await inRolledBackTransaction(db, async (trx) => {
			const year = await currentYear(trx);
			const department = (
				await trx
					.selectFrom('schools')
					.select('department_id')
					.where('id', '=', cls.schoolId)
					.executeTakeFirstOrThrow()
			).department_id;
			const day = nextWeekday(addDays(cls.startsOn, 14), 3);
			await addDayOff(
				trx,
				actor(so),
				{ departmentId: department },
				{ startsOn: day, endsOn: day, name: 'Lễ' }
			);
			const roll = { day, session: 'morning' as const, version: 0, absences: new Map() };
			const today = addDays(day, 5);
			await expect(saveRoll(trx, actor(teacher), cls.id, roll, today)).rejects.toMatchObject({
				code: 'attendance_day_off'
			});
			await addMakeUpDay(trx, actor(so), { departmentId: department }, { day, name: 'Học bù lễ' });
			await expect(saveRoll(trx, actor(teacher), cls.id, roll, today)).resolves.toMatchObject({
				absent: 0
			});
			expect(year.id).toBeGreaterThan(0);
		});
	});
});

describe('absences counted on school days', () => {
	it('stops counting a day declared off after the roll, and counts a Sunday once made up', async () => {
		const [cls] = await homeroomClasses(db, teacher);
		await inRolledBackTransaction(db, async (trx) => {
			const year = await currentYear(trx);
			const pupil = await pupilOf(trx, cls.id);
			const wednesday = nextWeekday(addDays(cls.startsOn, 21), 3);
			const sunday = nextWeekday(wednesday, 7);
			const today = addDays(sunday, 1);
			const absent = new Map([[pupil, 'unexcused' as const]]);
			await saveRoll(
				trx,
				actor(teacher),
				cls.id,
				{ day: wednesday, session: 'morning', version: 0, absences: absent },
				today
			);
			const base = await storedAbsences(trx, pupil, year.id);
			const card = async () => {
				const a = (await absencesOf(trx, pupil, cls.id, year.id, 'year'))!;
				return a.excused + a.unexcused;
			};
			expect(await card()).toBe(base);

			// the Wednesday is declared off later: the absence stays recorded, not counted
			const flood = await addDayOff(
				trx,
				actor(admin),
				{ schoolId: cls.schoolId },
				{ startsOn: wednesday, endsOn: wednesday, name: 'Lũ' }
			);
			expect(await storedAbsences(trx, pupil, year.id)).toBe(base - 1);
			expect(await card()).toBe(base - 1);
			const kept = await trx
				.selectFrom('attendance_absences')
				.select('status')
				.where('student_id', '=', pupil)
				.where('day', '=', wednesday)
				.execute();
			expect(kept).toEqual([{ status: 'unexcused' }]);
			await removeDayOff(trx, actor(admin), { schoolId: cls.schoolId }, flood);
			expect(await storedAbsences(trx, pupil, year.id)).toBe(base);

			// a roll on a Sunday counts only once the Sunday is a make-up day
			await saveRoll(
				trx,
				actor(teacher),
				cls.id,
				{ day: sunday, session: 'morning', version: 0, absences: absent },
				today
			);
			expect(await storedAbsences(trx, pupil, year.id)).toBe(base);
			const made = await addMakeUpDay(
				trx,
				actor(admin),
				{ schoolId: cls.schoolId },
				{ day: sunday, name: 'Học bù' }
			);
			expect(await storedAbsences(trx, pupil, year.id)).toBe(base + 1);
			expect(await card()).toBe(base + 1);
			await removeMakeUpDay(trx, actor(admin), { schoolId: cls.schoolId }, made);
			expect(await storedAbsences(trx, pupil, year.id)).toBe(base);
		});
	});
});
