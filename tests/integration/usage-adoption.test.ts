import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { todayIso } from '../../src/lib/dates';
import { addDays } from '../../src/lib/dates';
import type { PlatformStatus } from '../../src/lib/rollout/statuses';
import { setSchoolPlatformStatus } from '../../src/lib/server/rollout/platforms';
import { resolveEvents, storeEvents } from '../../src/lib/server/usage/ingest';
import { evaluateAdoption } from '../../src/lib/server/usage/status';
import { schoolAdoption } from '../../src/lib/server/usage/school-figures';
import { departmentAdoption } from '../../src/lib/server/usage/department-figures';
import { adoptionShare } from '../../src/lib/usage/adoption';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { createTestToken, inRolledBackTransaction, platformId } from '../helpers/usage';

let db: DB;
let close: () => Promise<void>;
let dept: Principal;
const today = todayIso();

beforeAll(async () => {
	({ db, close } = connectTestDb());
	dept = await principalOf(db, 'so@demo.example');
});
afterAll(() => close());

/**
 * The smallest demo schools outside the pilots (the tests change them inside rolled-back
 * transactions). Only schools of the seeded waves: other test files create schools of their own at
 * the same time on PostgreSQL, without platforms, and those must never be picked.
 */
async function smallSchools(trx: DB, n: number) {
	const rows = await trx
		.selectFrom('schools')
		.innerJoin('staff', 'staff.school_id', 'schools.id')
		.select(['schools.id', (eb) => eb.fn.countAll<number>().as('teachers')])
		.where('schools.department_id', '=', dept.roles[0].departmentId!)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('school_waves')
					.select('school_waves.school_id')
					.whereRef('school_waves.school_id', '=', 'schools.id')
			)
		)
		.where('staff.user_id', 'is', null)
		.where('staff.active', '=', true)
		.groupBy('schools.id')
		.orderBy('teachers')
		.orderBy('schools.id')
		.limit(n)
		.execute();
	return rows.map((r) => ({ id: r.id, teachers: Number(r.teachers) }));
}

async function statusOf(trx: DB, schoolId: number, platform: number) {
	return await trx
		.selectFrom('school_platforms')
		.select(['status', 'status_source'])
		.where('school_id', '=', schoolId)
		.where('platform_id', '=', platform)
		.executeTakeFirstOrThrow();
}

describe('rollout status from adoption', () => {
	it('promotes a deployed platform at the threshold and demotes it when usage stops, with history', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const [school] = await smallSchools(trx, 1);
			const meetings = await platformId(trx, 'online-meetings');
			// whatever the rollout seed said: going live is declared by the school, by hand
			await sql`update school_platforms set status = 'deploying'
				where school_id = ${school.id} and platform_id = ${meetings}`.execute(trx);
			await sql`delete from usage_teacher_platform where school_id = ${school.id}`.execute(trx);
			await setSchoolPlatformStatus(trx, {
				schoolId: school.id,
				platformId: meetings,
				status: 'deployed',
				source: 'manual',
				actorUserId: dept.userId
			});
			await sql`update staff set email = 'usage-it-' || id || '@test.example'
				where school_id = ${school.id} and email is null`.execute(trx);
			const teachers = await trx
				.selectFrom('staff')
				.select('email')
				.where('school_id', '=', school.id)
				.where('active', '=', true)
				.where('position', '<>', 'staff')
				.orderBy('id')
				.execute();
			const needed = Math.ceil(teachers.length / 2);
			const { scope } = await createTestToken(trx, { schoolId: school.id }, dept.userId);
			const target = { kind: 'api', token: scope } as const;
			const send = async (emails: (string | null)[], tag: string) => {
				const raws = emails.map((email, i) => ({
					id: `${tag}-${i}`,
					platform: 'online-meetings',
					teacherEmail: email,
					occurredAt: addDays(today, -3)
				}));
				const { valid, rejected } = await resolveEvents(trx, target, raws);
				expect(rejected).toEqual([]);
				return storeEvents(trx, target, valid);
			};
			// one teacher short of the threshold: still deployed
			await send(
				teachers.slice(0, needed - 1).map((t) => t.email),
				'a'
			);
			expect((await statusOf(trx, school.id, meetings)).status).toBe('deployed');
			// the teacher who reaches it: in use, set from usage data
			await send([teachers[needed - 1].email], 'b');
			expect(await statusOf(trx, school.id, meetings)).toEqual({
				status: 'in_use',
				status_source: 'usage'
			});
			// a month later without usage: back to deployed
			const later = await evaluateAdoption(
				trx,
				[{ schoolId: school.id, platformId: meetings }],
				addDays(today, 30)
			);
			expect(later).toMatchObject([{ from: 'in_use', to: 'deployed', active: 0 }]);
			const history = await trx
				.selectFrom('school_platform_history')
				.select(['from_status', 'to_status', 'source', 'actor_user_id'])
				.where('school_id', '=', school.id)
				.where('platform_id', '=', meetings)
				.orderBy('id')
				.execute();
			expect(history.slice(-3)).toEqual([
				{
					from_status: 'deploying',
					to_status: 'deployed',
					source: 'manual',
					actor_user_id: dept.userId
				},
				{ from_status: 'deployed', to_status: 'in_use', source: 'usage', actor_user_id: null },
				{ from_status: 'in_use', to_status: 'deployed', source: 'usage', actor_user_id: null }
			]);
		});
	});

	it('follows the department’s threshold and never touches platforms not deployed', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const [school] = await smallSchools(trx, 1);
			const [lms, library] = [
				await platformId(trx, 'lms'),
				await platformId(trx, 'digital-library')
			];
			await sql`update school_platforms set status = case when platform_id = ${lms}
					then 'in_use' else 'deploying' end
				where school_id = ${school.id} and platform_id in (${lms}, ${library})`.execute(trx);
			const staff = await trx
				.selectFrom('staff')
				.select('id')
				.where('school_id', '=', school.id)
				.where('active', '=', true)
				.orderBy('id')
				.execute();
			// Only this test's usage counts (the demo seed may already have some for the school).
			await sql`delete from usage_teacher_platform
				where school_id = ${school.id} and platform_id in (${lms}, ${library})`.execute(trx);
			// 60% of the teachers used both platforms three days ago
			const users = staff.slice(0, Math.ceil(staff.length * 0.6));
			await sql`insert into usage_teacher_platform (school_id, platform_id, staff_id, first_on, last_on)
				select ${school.id}, p, s, ${addDays(today, -3)}::date, ${addDays(today, -3)}::date
				from unnest(${users.map((u) => u.id)}::int[]) s, unnest(${[lms, library]}::int[]) p
				on conflict do nothing`.execute(trx);
			const pairs = [lms, library].map((platformId) => ({ schoolId: school.id, platformId }));
			expect(await evaluateAdoption(trx, pairs, today)).toEqual([]);
			await trx
				.insertInto('usage_settings')
				.values({ department_id: dept.roles[0].departmentId!, in_use_threshold: 75 })
				.onConflict((oc) => oc.column('department_id').doUpdateSet({ in_use_threshold: 75 }))
				.execute();
			const changes = await evaluateAdoption(trx, pairs, today);
			expect(changes).toMatchObject([
				{ platformId: lms, from: 'in_use', to: 'deployed', threshold: 75 }
			]);
			expect((await statusOf(trx, school.id, library)).status).toBe('deploying');
		});
	});
});

describe('an adoption change judged on a status that changed meanwhile', () => {
	it('is skipped, so a change made by hand in between wins', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const [school] = await smallSchools(trx, 1);
			const lms = await platformId(trx, 'lms');
			await sql`update school_platforms set status = 'deploying'
				where school_id = ${school.id} and platform_id = ${lms}`.execute(trx);
			const byUsage = (status: PlatformStatus, onlyFrom: PlatformStatus) =>
				setSchoolPlatformStatus(trx, {
					schoolId: school.id,
					platformId: lms,
					status,
					source: 'usage',
					actorUserId: null,
					onlyFrom
				});
			// the evaluation saw 'deployed'; the school set it back to 'deploying' before the lock
			expect((await byUsage('in_use', 'deployed')).changed).toBe(false);
			expect(await statusOf(trx, school.id, lms)).toMatchObject({ status: 'deploying' });
			expect((await byUsage('deployed', 'deploying')).changed).toBe(true);
			expect(await statusOf(trx, school.id, lms)).toMatchObject({ status: 'deployed' });
		});
	});
});

describe('the demo seed', () => {
	it('generates usage that keeps every seeded rollout status', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { generateUsage, RAW_DAYS } = await import('../../src/lib/server/seed/usage');
			const schools = (await smallSchools(trx, 4)).slice(1);
			const ids = schools.map((s) => s.id);
			for (const table of [
				'usage_daily',
				'usage_daily_teacher',
				'usage_daily_class',
				'usage_teacher_platform',
				'usage_weekly',
				'usage_weekly_teacher',
				'usage_events'
			])
				await sql`delete from ${sql.table(table)} where school_id = any(${ids}::int[])`.execute(
					trx
				);
			// 4 platforms in use, 4 deployed, 2 deploying, 2 not started at each school
			await sql`update school_platforms sp set status_source = 'seed', status = case
					when p.sort_order <= 4 then 'in_use' when p.sort_order <= 8 then 'deployed'
					when p.sort_order <= 10 then 'deploying' else 'not_started' end
				from platforms p where p.id = sp.platform_id and sp.school_id = any(${ids}::int[])`.execute(trx);
			const result = await generateUsage(trx, {
				today,
				yearStart: '2026-09-05',
				pilotIds: [],
				schoolIds: ids
			});
			expect(result.sessions).toBeGreaterThan(0);
			const pairs = (
				await trx
					.selectFrom('school_platforms')
					.select(['school_id', 'platform_id'])
					.where('school_id', 'in', ids)
					.execute()
			).map((r) => ({ schoolId: r.school_id, platformId: r.platform_id }));
			expect(await evaluateAdoption(trx, pairs, today)).toEqual([]);
			for (const id of ids) {
				const a = await schoolAdoption(trx, dept, id);
				for (const p of a.platforms) {
					if (p.status === 'in_use')
						expect(p.share30!, `${id} ${p.code}`).toBeGreaterThanOrEqual(a.threshold);
					if (p.status === 'deployed')
						expect(p.share30!, `${id} ${p.code}`).toBeLessThan(a.threshold);
					if (p.status === 'not_started' || p.status === 'deploying') expect(p.sessions30).toBe(0);
				}
				expect(a.platforms.some((p) => p.status === 'in_use' && p.sessions30 > 0)).toBe(true);
			}
			// raw events exist for the last days only, and agree with the daily summary there
			const { rows } = await sql<{ day: string; events: number; sessions: number }>`
				select d.day, d.sessions::int as sessions, coalesce(e.n, 0)::int as events
				from (select day, sum(sessions) as sessions from usage_daily where school_id = any(${ids}::int[]) group by day) d
				left join (select occurred_on, count(*) as n from usage_events where school_id = any(${ids}::int[]) group by occurred_on) e
					on e.occurred_on = d.day`.execute(trx);
			const recent = addDays(today, -(RAW_DAYS - 1));
			for (const r of rows) expect(r.events, r.day).toBe(r.day >= recent ? r.sessions : 0);
			expect(rows.some((r) => r.day < recent)).toBe(true);
		});
	});
});

describe('dashboards', () => {
	it('show a school’s figures to its admin and to officials, not to its teachers or parents', async () => {
		const qt = await schoolIdByName(db, QUANG_TRUNG);
		const admin = await principalOf(db, 'quangtrung.admin@demo.example');
		const a = await schoolAdoption(db, admin, qt);
		expect(a.platforms).toHaveLength(12);
		expect(a.teachers).toBeGreaterThan(20);
		expect(a.trend.length).toBeGreaterThan(0);
		await expect(schoolAdoption(db, dept, qt)).resolves.toMatchObject({ school: { id: qt } });
		for (const email of [
			'quangtrung.gv@demo.example',
			'quangtrung.ph@demo.example',
			'vanyen@demo.example'
		]) {
			await expect(schoolAdoption(db, await principalOf(db, email), qt)).rejects.toMatchObject({
				status: 404
			});
		}
	});

	it('give the department every school and an area official only the area', async () => {
		const province = await departmentAdoption(db, dept);
		expect(province.schools).toHaveLength(123);
		expect(province.ranking).toHaveLength(12);
		const area = await departmentAdoption(db, await principalOf(db, 'vanyen@demo.example'));
		expect(area.schools.length).toBeGreaterThan(0);
		expect(new Set(area.schools.map((s) => s.area_name))).toEqual(new Set(['Văn Yên']));
		const admin = await departmentAdoption(
			db,
			await principalOf(db, 'quangtrung.admin@demo.example')
		);
		expect(admin.schools.map((s) => s.name)).toEqual([QUANG_TRUNG]);
	});

	it('rank the platforms over every school of the scope as the heat map rows add up, and read one page of schools alone', async () => {
		for (const principal of [dept, await principalOf(db, 'vanyen@demo.example')]) {
			const all = await departmentAdoption(db, principal);
			const teachers = all.schools.reduce((t, s) => t + s.teachers, 0);
			expect(all.totalTeachers).toBe(teachers);
			for (const r of all.ranking) {
				const i = all.platforms.findIndex((p) => p.id === r.id);
				const cells = all.schools.map((s) => s.cells[i]);
				expect([r.code, r.active30, r.schoolsInUse, r.schoolsMeeting]).toEqual([
					r.code,
					cells.reduce((t, c) => t + c.active30, 0),
					cells.filter((c) => c.status === 'in_use').length,
					cells.filter((c) => c.meets).length
				]);
				expect(r.share30).toBe(adoptionShare(r.active30, teachers));
			}
			// the demo province uses its platforms: the comparison above can fail
			expect(all.ranking.some((r) => r.schoolsMeeting > 0 && r.schoolsInUse > 0)).toBe(true);

			const size = 7;
			const pages = Math.ceil(all.schools.length / size);
			const second = await departmentAdoption(db, principal, {}, new Date(), {
				page: 2,
				pageSize: size
			});
			expect(second.schools).toEqual(all.schools.slice(size, 2 * size));
			expect(second.heatMap).toEqual({
				page: 2,
				pages,
				total: all.schools.length,
				from: size + 1,
				to: Math.min(2 * size, all.schools.length)
			});
			expect(second.ranking).toEqual(all.ranking);
			expect(second.trend).toEqual(all.trend);
			expect(second.totalTeachers).toBe(all.totalTeachers);
			const past = await departmentAdoption(db, principal, {}, new Date(), {
				page: 10_000,
				pageSize: size
			});
			expect(past.heatMap.page).toBe(pages);
			expect(past.schools).toEqual(all.schools.slice((pages - 1) * size));
		}
	});
});
