import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { todayIso } from '../../src/lib/format';
import { addDays } from '../../src/lib/usage/adoption';
import {
	deleteEntry,
	logEntry,
	logWeek,
	repeatLastEntry,
	updateEntry
} from '../../src/lib/server/usage/entries';
import {
	findOwnEntry,
	listOwnEntries,
	loggingContext,
	personalFigures
} from '../../src/lib/server/usage/teacher';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { dailySessions, platformId } from '../helpers/usage';

let db: DB;
let close: () => Promise<void>;
let teacher: Principal;
let other: Principal;
let qt: number;
const today = todayIso();

beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	// an ordinary teacher of the pilot school (the demo teacher is left to the browser tests)
	teacher = await principalOf(db, 'quangtrung.gv010@demo.example');
	other = await principalOf(db, 'quangtrung.gv011@demo.example');
});
afterAll(() => close());

async function context(p: Principal) {
	const [school] = await loggingContext(db, p);
	return school;
}

describe('the quick log', () => {
	it('offers the teacher’s own classes and the school’s platforms', async () => {
		const school = await context(teacher);
		expect(school.schoolId).toBe(qt);
		expect(school.platforms.length).toBeGreaterThanOrEqual(12);
		expect(school.classes.length).toBeGreaterThan(0);
		// deployed (or in use) platforms come first
		const flags = school.platforms.map((p) => p.deployed);
		expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
	});

	it('stores an entry, counts its minutes and updates the summaries at once', async () => {
		const school = await context(teacher);
		const lab = await platformId(db, 'virtual-lab');
		const before = await dailySessions(db, qt, lab, today);
		const figuresBefore = await personalFigures(db, teacher);
		const { id } = await logEntry(db, teacher, {
			staffId: school.staffId,
			platformId: lab,
			date: today,
			classIds: [school.classes[0].id],
			periods: 2,
			note: 'Thí nghiệm ảo về quang học'
		});
		const entry = await findOwnEntry(db, teacher, id);
		expect(entry).toMatchObject({ minutes: 90, periods: 2, source: 'manual', editable: true });
		expect(await dailySessions(db, qt, lab, today)).toBeGreaterThanOrEqual(before + 1);
		const figures = await personalFigures(db, teacher);
		expect(figures.sessions7).toBe(figuresBefore.sessions7 + 1);
		expect(figures.minutes30).toBe(figuresBefore.minutes30 + 90);
	});

	it('refuses a day outside the last 7 days and a class the teacher does not teach', async () => {
		const school = await context(teacher);
		const base = {
			staffId: school.staffId,
			platformId: school.platforms[0].id,
			classIds: [],
			periods: 1
		};
		await expect(
			logEntry(db, teacher, { ...base, date: addDays(today, -7) })
		).rejects.toMatchObject({
			code: 'usage_v_date_window'
		});
		await expect(logEntry(db, teacher, { ...base, date: addDays(today, 1) })).rejects.toMatchObject(
			{
				code: 'usage_v_date_window'
			}
		);
		const foreign = await db
			.selectFrom('classes')
			.select('id')
			.where('school_id', '<>', qt)
			.executeTakeFirstOrThrow();
		await expect(
			logEntry(db, teacher, { ...base, date: today, classIds: [foreign.id] })
		).rejects.toMatchObject({ code: 'v_choice', field: 'classIds' });
	});

	it('does not let a teacher log as another staff member', async () => {
		const mine = await context(teacher);
		const theirs = await context(other);
		await expect(
			logEntry(db, teacher, {
				staffId: theirs.staffId,
				platformId: mine.platforms[0].id,
				date: today,
				classIds: [],
				periods: 1
			})
		).rejects.toMatchObject({ status: 404 });
	});

	it('repeats the last entry for today', async () => {
		const school = await context(teacher);
		const library = await platformId(db, 'digital-library');
		await logEntry(db, teacher, {
			staffId: school.staffId,
			platformId: library,
			date: addDays(today, -2),
			classIds: [],
			minutes: 25
		});
		const repeated = await repeatLastEntry(db, teacher);
		const entry = await findOwnEntry(db, teacher, repeated!.id);
		expect(entry).toMatchObject({ platform_id: library, occurred_on: today, minutes: 25 });
	});

	it('fills several days of a week at once', async () => {
		const school = await context(teacher);
		const days = [addDays(today, -1), addDays(today, -3)];
		const { count } = await logWeek(db, teacher, {
			staffId: school.staffId,
			platformId: school.platforms[1].id,
			classIds: [],
			days,
			periods: 1
		});
		expect(count).toBe(2);
		const listed = await listOwnEntries(db, teacher, { from: days[1], to: days[0], pageSize: 100 });
		for (const d of days) expect(listed.rows.some((r) => r.occurred_on === d)).toBe(true);
	});
});

describe('the edit window', () => {
	async function entryCreatedDaysAgo(days: number) {
		const school = await context(teacher);
		const { id } = await logEntry(db, teacher, {
			staffId: school.staffId,
			platformId: await platformId(db, 'online-testing'),
			date: addDays(today, -1),
			classIds: [],
			periods: 1
		});
		await sql`update usage_events set created_at = now() - ${`${days} days`}::interval where id = ${id}`.execute(
			db
		);
		return { id, school };
	}

	it('keeps an 8-day-old entry read-only', async () => {
		const { id, school } = await entryCreatedDaysAgo(8);
		const entry = await findOwnEntry(db, teacher, id);
		expect(entry?.editable).toBe(false);
		await expect(
			updateEntry(db, teacher, id, {
				staffId: school.staffId,
				platformId: entry!.platform_id,
				date: entry!.occurred_on,
				classIds: [],
				periods: 3,
				version: entry!.version
			})
		).rejects.toMatchObject({ code: 'usage_entry_read_only' });
		await expect(deleteEntry(db, teacher, id)).rejects.toMatchObject({
			code: 'usage_entry_read_only'
		});
		expect((await findOwnEntry(db, teacher, id))?.periods).toBe(1);
	});

	it('lets a 6-day-old entry be changed, moving its usage to the new day', async () => {
		const { id, school } = await entryCreatedDaysAgo(6);
		const entry = (await findOwnEntry(db, teacher, id))!;
		const oldDay = entry.occurred_on;
		const newDay = today;
		const oldBefore = await dailySessions(db, qt, entry.platform_id, oldDay);
		const newBefore = await dailySessions(db, qt, entry.platform_id, newDay);
		await updateEntry(db, teacher, id, {
			staffId: school.staffId,
			platformId: entry.platform_id,
			date: newDay,
			classIds: [],
			periods: 2,
			version: entry.version
		});
		expect(await findOwnEntry(db, teacher, id)).toMatchObject({
			occurred_on: newDay,
			periods: 2,
			minutes: 90,
			version: entry.version + 1
		});
		expect(await dailySessions(db, qt, entry.platform_id, oldDay)).toBe(oldBefore - 1);
		expect(await dailySessions(db, qt, entry.platform_id, newDay)).toBe(newBefore + 1);
		// a stale version is a conflict
		await expect(
			updateEntry(db, teacher, id, {
				staffId: school.staffId,
				platformId: entry.platform_id,
				date: newDay,
				classIds: [],
				periods: 1,
				version: entry.version
			})
		).rejects.toMatchObject({ entity: 'usage_event' });
	});

	it('deletes an entry and its usage', async () => {
		const { id } = await entryCreatedDaysAgo(1);
		const entry = (await findOwnEntry(db, teacher, id))!;
		const before = await dailySessions(db, qt, entry.platform_id, entry.occurred_on);
		await deleteEntry(db, teacher, id);
		expect(await findOwnEntry(db, teacher, id)).toBeNull();
		expect(await dailySessions(db, qt, entry.platform_id, entry.occurred_on)).toBe(before - 1);
	});

	it('hides a teacher’s entries from another teacher', async () => {
		const { id } = await entryCreatedDaysAgo(0);
		expect(await findOwnEntry(db, other, id)).toBeNull();
		await expect(deleteEntry(db, other, id)).rejects.toMatchObject({ status: 404 });
	});
});
