import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely, createPool } from '../../src/lib/server/db/connect';
import type { DB } from '../../src/lib/server/db';
import { ConflictError, FieldErrors } from '../../src/lib/server/errors';
import { sql } from 'kysely';
import {
	CASCADED_YEAR_TABLES,
	createSchoolYear,
	deleteSchoolYear,
	updateSchoolYear,
	yearsWithSemesters
} from '../../src/lib/server/year/school-year-admin';
import { switchPlan, switchTargets, schoolYears } from '../../src/lib/server/year/switch';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../helpers/database';

/**
 * The department adds a school year with its semesters and edits the dates of a later one
 * (issue 11, session 12). School years are the portal's (one list for every test file), and a new
 * later year would change what the shared database's rollover and switch tests call "next year",
 * so this runs on a database of its own: migrated, one current year 2026-2027.
 */
let database: ThrowawayDatabase;
let db: DB;
let userId: number;
let departmentId: number;
let actor: Parameters<typeof createSchoolYear>[1];

const year2027 = {
	name: '2027-2028',
	startsOn: '2027-09-01',
	endsOn: '2028-05-31',
	s1Start: '2027-09-05',
	s1End: '2028-01-15',
	s2Start: '2028-01-17',
	s2End: '2028-05-25',
	s1Weeks: 18,
	s2Weeks: 17
};

beforeAll(async () => {
	database = await createThrowawayDatabase('trs_year_admin', { seed: false });
	db = createKysely(createPool(database.url, 4));
	await db.deleteFrom('school_years').execute();
	const y = await db
		.insertInto('school_years')
		.values({ name: '2026-2027', starts_on: '2026-09-05', ends_on: '2027-05-31', is_current: true })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('semesters')
		.values([
			{
				school_year_id: y.id,
				number: 1,
				starts_on: '2026-09-05',
				ends_on: '2027-01-16',
				teaching_weeks: 18
			},
			{
				school_year_id: y.id,
				number: 2,
				starts_on: '2027-01-18',
				ends_on: '2027-05-31',
				teaching_weeks: 17
			}
		])
		.execute();
	departmentId = (
		await db
			.insertInto('departments')
			.values({ code: 'YA', name: 'Sở GD&ĐT thử', province_name: 'Thử' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	userId = (
		await db
			.insertInto('users')
			.values({ name: 'Cán bộ Sở', email: 'so@ya.example' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	actor = {
		principal: { userId, email: 'so@ya.example', name: 'Cán bộ Sở', locale: 'vi', roles: [] },
		requestId: 'school-year-admin-test'
	};
}, 120_000);

afterAll(async () => {
	await db?.destroy();
	await database?.drop();
});

describe('adding a school year', () => {
	it('stores the year and both semesters, audited, and offers it to the year switch', async () => {
		const id = await createSchoolYear(db, actor, year2027);
		const stored = (await yearsWithSemesters(db)).find((y) => y.id === id)!;
		expect(stored).toMatchObject({ ...year2027, isCurrent: false, isEditable: true, version: 1 });
		const weeks = await db
			.selectFrom('semesters')
			.select(['number', 'teaching_weeks'])
			.where('school_year_id', '=', id)
			.orderBy('number')
			.execute();
		expect(weeks).toEqual([
			{ number: 1, teaching_weeks: 18 },
			{ number: 2, teaching_weeks: 17 }
		]);
		const audit = await db
			.selectFrom('audit_log')
			.select(['actor_user_id', 'entity_id'])
			.where('action', '=', 'school_year.create')
			.execute();
		expect(audit).toEqual([{ actor_user_id: userId, entity_id: String(id) }]);
		expect(switchTargets(await schoolYears(db)).map((y) => y.id)).toEqual([id]);
		const plan = await switchPlan(db, departmentId, id);
		expect(plan.target.name).toBe('2027-2028');
	});

	it('refuses a duplicate name, an overlap and bad semesters beside the field; nothing stored', async () => {
		const cases: Array<[Partial<typeof year2027>, string, string]> = [
			[{}, 'name', 'v_duplicate'],
			[{ name: '2028-2030' }, 'name', 'year_admin_name_consecutive'],
			[{ name: '2028/2029' }, 'name', 'year_admin_name_format'],
			[
				{
					name: '2028-2029',
					startsOn: '2028-05-01',
					endsOn: '2029-05-31',
					s1Start: '2028-09-05',
					s1End: '2029-01-15',
					s2Start: '2029-01-17',
					s2End: '2029-05-25'
				},
				'startsOn',
				'year_admin_overlaps'
			],
			[
				{
					name: '2028-2029',
					startsOn: '2028-09-01',
					endsOn: '2029-05-31',
					s1Start: '2028-09-05',
					s1End: '2029-01-20',
					s2Start: '2029-01-10',
					s2End: '2029-05-20'
				},
				's2Start',
				'year_admin_semesters_overlap'
			]
		];
		const before = await db.selectFrom('school_years').select('id').execute();
		for (const [change, field, code] of cases) {
			await expect(createSchoolYear(db, actor, { ...year2027, ...change })).rejects.toMatchObject({
				field,
				code
			});
		}
		expect(await db.selectFrom('school_years').select('id').execute()).toHaveLength(before.length);
	});

	it('refuses every problem at once, each beside its field; nothing stored', async () => {
		const before = await db.selectFrom('school_years').select('id').execute();
		const err = await createSchoolYear(db, actor, {
			name: '2040-2042',
			startsOn: '2040-09-01',
			endsOn: '2041-05-31',
			s1Start: '2040-09-05',
			s1End: '2041-01-15',
			s2Start: '2041-01-10',
			s2End: '2041-05-25',
			s1Weeks: 25,
			s2Weeks: 17
		}).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(FieldErrors);
		expect((err as FieldErrors).errors.map((e) => [e.field, e.code, e.params])).toEqual([
			['name', 'year_admin_name_consecutive', {}],
			['s2Start', 'year_admin_semesters_overlap', {}],
			['s1Weeks', 'year_admin_weeks_too_many', { weeks: 19 }]
		]);
		// a taken name is one of them too (2027-2028 was added above)
		const taken = (await createSchoolYear(db, actor, { ...year2027, s2Weeks: 0 }).catch(
			(e: unknown) => e
		)) as FieldErrors;
		expect(taken.errors.map((e) => `${e.field} ${e.code}`).sort()).toEqual([
			'name v_duplicate',
			's2Weeks year_admin_weeks_range',
			'startsOn year_admin_overlaps'
		]);
		expect(await db.selectFrom('school_years').select('id').execute()).toHaveLength(before.length);
	});

	it('stores the teaching weeks typed for each semester', async () => {
		const id = await createSchoolYear(db, actor, {
			name: '2035-2036',
			startsOn: '2035-09-01',
			endsOn: '2036-05-31',
			s1Start: '2035-09-05',
			s1End: '2036-01-15',
			s2Start: '2036-01-17',
			s2End: '2036-05-25',
			s1Weeks: 16,
			s2Weeks: 16
		});
		const stored = (await yearsWithSemesters(db)).find((y) => y.id === id)!;
		expect([stored.s1Weeks, stored.s2Weeks]).toEqual([16, 16]);
		const audit = await db
			.selectFrom('audit_log')
			.select('after')
			.where('action', '=', 'school_year.create')
			.where('entity_id', '=', String(id))
			.executeTakeFirstOrThrow();
		expect(audit.after).toMatchObject({ s1Weeks: 16, s2Weeks: 16 });
	});

	it('lets one of two concurrent overlapping years in, the other is refused', async () => {
		const a = {
			name: '2029-2030',
			startsOn: '2029-09-01',
			endsOn: '2030-05-31',
			s1Start: '2029-09-05',
			s1End: '2030-01-15',
			s2Start: '2030-01-16',
			s2End: '2030-05-30',
			s1Weeks: 18,
			s2Weeks: 17
		};
		const results = await Promise.allSettled([
			createSchoolYear(db, actor, a),
			// another name, overlapping in May 2030
			createSchoolYear(db, actor, {
				name: '2030-2031',
				startsOn: '2030-05-01',
				endsOn: '2031-05-31',
				s1Start: '2030-09-05',
				s1End: '2031-01-15',
				s2Start: '2031-01-16',
				s2End: '2031-05-30',
				s1Weeks: 18,
				s2Weeks: 17
			})
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason.code).toBe('year_admin_overlaps');
	});
});

describe('editing the dates of a later year', () => {
	it('saves with the loaded version and refuses a stale one', async () => {
		const y = (await yearsWithSemesters(db)).find((r) => r.name === '2027-2028')!;
		const edit = {
			...year2027,
			yearId: y.id,
			version: y.version,
			s2End: '2028-05-28',
			s2Weeks: 16
		};
		await updateSchoolYear(db, actor, edit);
		const after = (await yearsWithSemesters(db)).find((r) => r.id === y.id)!;
		expect(after.s2End).toBe('2028-05-28');
		expect([after.s1Weeks, after.s2Weeks]).toEqual([18, 16]);
		expect(after.version).toBe(y.version + 1);
		await expect(
			updateSchoolYear(db, actor, { ...edit, s2End: '2028-05-20' })
		).rejects.toBeInstanceOf(ConflictError);
		expect((await yearsWithSemesters(db)).find((r) => r.id === y.id)!.s2End).toBe('2028-05-28');
		const audit = await db
			.selectFrom('audit_log')
			.select('entity_id')
			.where('action', '=', 'school_year.update')
			.execute();
		expect(audit.map((a) => a.entity_id)).toEqual([String(y.id)]);
	});

	it('refuses the current year and dates that do not fit the name', async () => {
		const years = await yearsWithSemesters(db);
		const current = years.find((r) => r.isCurrent)!;
		await expect(
			updateSchoolYear(db, actor, { ...current, yearId: current.id, version: current.version })
		).rejects.toMatchObject({ code: 'year_admin_not_editable' });
		const later = years.find((r) => r.name === '2027-2028')!;
		await expect(
			updateSchoolYear(db, actor, {
				...later,
				yearId: later.id,
				startsOn: '2028-09-01',
				endsOn: '2029-05-31'
			})
		).rejects.toMatchObject({ field: 'startsOn', code: 'year_admin_start_year' });
	});
});

/** A later year named `YYYY-YYYY+1`, unused, for the delete tests. */
async function laterYear(start: number) {
	const id = await createSchoolYear(db, actor, {
		name: `${start}-${start + 1}`,
		startsOn: `${start}-09-01`,
		endsOn: `${start + 1}-05-31`,
		s1Start: `${start}-09-05`,
		s1End: `${start + 1}-01-15`,
		s2Start: `${start + 1}-01-17`,
		s2End: `${start + 1}-05-25`,
		s1Weeks: 18,
		s2Weeks: 17
	});
	return (await yearsWithSemesters(db)).find((y) => y.id === id)!;
}

describe('deleting a school year made by mistake', () => {
	it('deletes an unused later year with its semesters, audited; a stale page is a 409', async () => {
		const year = await laterYear(2040);
		await expect(
			deleteSchoolYear(db, actor, { yearId: year.id, version: year.version + 1 })
		).rejects.toBeInstanceOf(ConflictError);
		await deleteSchoolYear(db, actor, { yearId: year.id, version: year.version });
		expect((await yearsWithSemesters(db)).some((y) => y.id === year.id)).toBe(false);
		const semesters = await db
			.selectFrom('semesters')
			.select('id')
			.where('school_year_id', '=', year.id)
			.execute();
		expect(semesters).toEqual([]);
		const audit = await db
			.selectFrom('audit_log')
			.select(['entity_id', 'before'])
			.where('action', '=', 'school_year.delete')
			.execute();
		expect(audit.map((a) => a.entity_id)).toEqual([String(year.id)]);
		await expect(
			deleteSchoolYear(db, actor, { yearId: year.id, version: year.version })
		).rejects.toMatchObject({ code: 'year_admin_unknown' });
	});

	it('refuses the current year, and a year that already holds a day off or a school’s plan', async () => {
		const current = (await yearsWithSemesters(db)).find((y) => y.isCurrent)!;
		await expect(
			deleteSchoolYear(db, actor, { yearId: current.id, version: current.version })
		).rejects.toMatchObject({ code: 'year_admin_not_deletable' });

		const withDayOff = await laterYear(2041);
		await db
			.insertInto('calendar_days_off')
			.values({
				school_year_id: withDayOff.id,
				department_id: departmentId,
				starts_on: '2042-01-01',
				ends_on: '2042-01-01',
				name: 'Tết Dương lịch'
			})
			.execute();
		const withPlan = await laterYear(2042);
		const area = await db
			.insertInto('areas')
			.values({ department_id: departmentId, code: 'YA1', name: 'Huyện thử' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const school = await db
			.insertInto('schools')
			.values({
				department_id: departmentId,
				area_id: area.id,
				code: 'YA-TH',
				name: 'Trường thử',
				level: 'TH'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('grade_checkpoints')
			.values({ school_id: school.id, school_year_id: withPlan.id, checkpoint: 'mid1' })
			.execute();
		for (const year of [withDayOff, withPlan])
			await expect(
				deleteSchoolYear(db, actor, { yearId: year.id, version: year.version })
			).rejects.toMatchObject({ code: 'year_admin_in_use' });
		const left = (await yearsWithSemesters(db)).map((y) => y.id);
		expect(left).toEqual(expect.arrayContaining([withDayOff.id, withPlan.id]));
		const days = await db
			.selectFrom('calendar_days_off')
			.select('id')
			.where('school_year_id', '=', withDayOff.id)
			.execute();
		expect(days).toHaveLength(1);
	});

	it('knows every table that a deleted year would take rows of with it', async () => {
		// a new `on delete cascade` reference to school_years must be added to CASCADED_YEAR_TABLES
		const { rows } = await sql<{ table: string }>`
			select c.conrelid::regclass::text as table
			from pg_constraint c
			where c.contype = 'f' and c.confdeltype = 'c'
				and c.confrelid in ('school_years'::regclass, 'semesters'::regclass)
		`.execute(db);
		const cascading = rows.map((r) => r.table).filter((t) => t !== 'semesters');
		expect(new Set(cascading)).toEqual(new Set(CASCADED_YEAR_TABLES));
	});
});
