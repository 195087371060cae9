import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { ConflictError, DomainError } from '../../src/lib/server/errors';
import {
	bellForm,
	bellsOf,
	periodLabelsOfVersions,
	saveBells
} from '../../src/lib/server/timetable/bells';
import { classCalendar } from '../../src/lib/server/timetable/feed-calendar';
import { timetablePdf } from '../../src/lib/server/timetable/pdf';
import { currentSemester } from '../../src/lib/server/timetable/queries';
import { saveWeekSettings } from '../../src/lib/server/timetable/settings';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * A school's bell times: the default day until set, saved against the settings' version and
 * audited, every rule refused with its field, a stale or concurrent save a conflict, dropped when
 * the day changes length, and used by the calendar feed and the period labels of the views.
 */
let db: DB;
let close: () => Promise<void>;
type School = Awaited<ReturnType<typeof createTimetableSchool>>;
let school: School;
const actor = () => ({ principal: school.admin, requestId: 'bells-test' });
// 5 morning periods of 40 minutes from 06:45, a 15-minute break after the second
const STARTS = [405, 450, 510, 555, 600];

beforeAll(async () => {
	({ db, close } = connectTestDb(4));
	school = await createTimetableSchool(db);
});
afterAll(() => close());

async function refusal(p: Promise<unknown>) {
	try {
		await p;
	} catch (err) {
		return err;
	}
	throw new Error('not refused');
}

describe('bell times', () => {
	it('are the default day until the school sets them', async () => {
		const form = await bellForm(db, school.schoolId);
		expect(form).toMatchObject({ count: 5, isSet: false, version: 0, periodMinutes: 45 });
		expect(form.starts).toEqual([420, 470, 535, 585, 635]);
	});

	it('are saved, audited, and refuse a stale version', async () => {
		await saveBells(db, actor(), school.schoolId, {
			starts: STARTS,
			periodMinutes: 40,
			version: 0
		});
		const form = await bellForm(db, school.schoolId);
		expect(form).toMatchObject({ starts: STARTS, periodMinutes: 40, isSet: true, version: 1 });
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'after'])
			.where('entity', '=', 'timetable_settings')
			.where('entity_id', '=', String(school.schoolId))
			.where('action', '=', 'timetable.bells')
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0].after).toEqual({ starts: STARTS, periodMinutes: 40 });
		const stale = await refusal(
			saveBells(db, actor(), school.schoolId, { starts: STARTS, periodMinutes: 45, version: 0 })
		);
		expect(stale).toBeInstanceOf(ConflictError);
		expect((await bellForm(db, school.schoolId)).periodMinutes).toBe(40);
	});

	it('save once of two concurrent saves of one version; the other is a conflict', async () => {
		const { version } = await bellForm(db, school.schoolId);
		const results = await Promise.allSettled(
			[40, 45].map((periodMinutes) =>
				saveBells(db, actor(), school.schoolId, { starts: STARTS, periodMinutes, version })
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(rejected.reason).toBeInstanceOf(ConflictError);
		expect((await bellForm(db, school.schoolId)).version).toBe(version + 1);
	});

	it('refuse a broken rule with the field it belongs to, saving nothing', async () => {
		const before = await bellForm(db, school.schoolId);
		const cases: [number[], number, string, string | undefined][] = [
			[[405, 430, 510, 555, 600], 40, 'timetable_v_bell_order', 'bell_1'],
			[[280, 450, 510, 555, 600], 40, 'timetable_v_bell_range', 'bell_0'],
			[[405, 450, 510, 555, 1300], 40, 'timetable_v_bell_range', 'bell_4'],
			[[405, 450, 510, 555, 40_000], 40, 'timetable_v_bell_range', 'bell_4'],
			[[405, 450, 510, 555, Number.NaN], 40, 'timetable_v_bell_range', 'bell_4'],
			[[405, 450, 510, 555], 40, 'timetable_v_bell_count', undefined],
			[[405, 450, 510, 555, 600, 650], 40, 'timetable_v_bell_count', undefined]
		];
		for (const [starts, periodMinutes, code, field] of cases) {
			const err = await refusal(
				saveBells(db, actor(), school.schoolId, {
					starts,
					periodMinutes,
					version: before.version
				})
			);
			expect(err).toBeInstanceOf(DomainError);
			expect((err as DomainError).code).toBe(code);
			expect((err as DomainError).field).toBe(field);
		}
		expect(await bellForm(db, school.schoolId)).toEqual(before);
	});

	it('are kept when only the days change and dropped when the day gets more periods', async () => {
		let form = await bellForm(db, school.schoolId);
		await saveWeekSettings(db, actor(), school.schoolId, {
			days: 5,
			sessions: 'morning',
			periodsPerSession: 5,
			version: form.version
		});
		form = await bellForm(db, school.schoolId);
		expect(form).toMatchObject({ isSet: true, starts: STARTS });
		await saveWeekSettings(db, actor(), school.schoolId, {
			days: 5,
			sessions: 'both',
			periodsPerSession: 5,
			version: form.version
		});
		form = await bellForm(db, school.schoolId);
		expect(form.isSet).toBe(false);
		expect(form.count).toBe(10);
		expect(form.starts[5]).toBe(810);
		// the bells of the new day, then the old week back for the next test
		const both = [...STARTS, 780, 825, 885, 930, 975];
		await saveBells(db, actor(), school.schoolId, {
			starts: both,
			periodMinutes: 40,
			version: form.version
		});
		expect((await bellsOf(db, [school.schoolId])).get(school.schoolId)!.starts).toEqual(both);
		await saveWeekSettings(db, actor(), school.schoolId, {
			days: 5,
			sessions: 'morning',
			periodsPerSession: 5,
			version: form.version + 1
		});
		form = await bellForm(db, school.schoolId);
		await saveBells(db, actor(), school.schoolId, {
			starts: STARTS,
			periodMinutes: 40,
			version: form.version
		});
	});

	it("are the times of the school's calendar feed, PDF and period labels", async () => {
		const semester = await currentSemester(db);
		const cls = school.classes[0];
		const version = await db
			.insertInto('timetable_versions')
			.values({
				school_id: school.schoolId,
				semester_id: semester.id,
				status: 'published',
				problem: JSON.stringify({ days: ['T2', 'T3', 'T4', 'T5', 'T6'], periodsPerDay: 5 }),
				seed: 1,
				time_limit_seconds: 5,
				effective_from: '2020-01-06',
				published_at: new Date()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('timetable_cells')
			.values({
				version_id: version.id,
				school_id: school.schoolId,
				class_id: cls.id,
				subject_id: school.subjectIds[0],
				staff_id: school.staffIds[0],
				day: 0,
				period: 1
			})
			.execute();
		const ics = await classCalendar(db, school.admin, cls.id, '2026-12-09');
		// Monday 7 December 2026, period 2 at 07:30-08:10 Vietnam time = 00:30-01:10 UTC
		expect(ics).toContain('DTSTART:20261207T003000Z');
		expect(ics).toContain('DTEND:20261207T011000Z');
		expect(ics).not.toContain('T005000Z');
		const labels = (await periodLabelsOfVersions(db, [version.id])).get(version.id);
		expect(labels).toEqual([
			'06:45–07:25',
			'07:30–08:10',
			'08:30–09:10',
			'09:15–09:55',
			'10:00–10:40'
		]);
		const pdf = await timetablePdf(
			db,
			{ name: 'Trường thử' },
			{ id: version.id, days: 5, periodsPerDay: 5, effectiveFrom: '2020-01-06' },
			{ class: cls.id }
		);
		expect(pdf?.bytes.length).toBeGreaterThan(1000);
	});

	it("give another school's feed the default day still", async () => {
		const other = await createTimetableSchool(db);
		const bells = (await bellsOf(db, [other.schoolId, school.schoolId])).get(other.schoolId)!;
		expect(bells).toEqual({ starts: [420, 470, 535, 585, 635], periodMinutes: 45 });
	});
});
