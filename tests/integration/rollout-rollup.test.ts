import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import {
	figureSources,
	rollupServes,
	type DashboardFilters
} from '../../src/lib/server/rollout/dashboard-queries';
import { refreshSchoolSummaries } from '../../src/lib/server/rollout/summary';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { makeDepartment } from '../helpers/department';
import { createTestSchool, giveChecklist } from '../helpers/rollout';

let db: DB;
let close: () => Promise<void>;
beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

/** Rollup rows that differ from a fresh sum of the schools' rows, in one statement (one snapshot). */
async function rollupDrift(departmentId?: number) {
	const dept = departmentId ?? null;
	const { rows } = await sql<{ n: number }>`
		with fresh as (
			select department_id, area_id, level, wave_id, to_char(completed_on, 'YYYY-MM') as month,
				wave_target_on, mandatory_due_on, count(*)::int as schools,
				sum(checklist_percent) as checklist_percent, sum(platforms_in_use)::bigint as platforms_in_use,
				count(*) filter (where awaiting_review)::int as awaiting_review,
				coalesce(sum(declared_student_count), 0)::bigint as students_declared
			from school_rollout_summary where active and (${dept}::int is null or department_id = ${dept})
			group by 1, 2, 3, 4, 5, 6, 7),
		kept as (select * from rollout_rollup
			where schools <> 0 and (${dept}::int is null or department_id = ${dept}))
		select count(*)::int as n from fresh f
		full join kept k on (f.department_id, f.area_id, f.level) = (k.department_id, k.area_id, k.level)
			and f.wave_id is not distinct from k.wave_id and f.month is not distinct from k.month
			and f.wave_target_on is not distinct from k.wave_target_on
			and f.mandatory_due_on is not distinct from k.mandatory_due_on
		where f.schools is distinct from k.schools
			or f.checklist_percent is distinct from k.checklist_percent
			or f.platforms_in_use is distinct from k.platforms_in_use
			or f.awaiting_review is distinct from k.awaiting_review
			or f.students_declared is distinct from k.students_declared`.execute(db);
	return rows[0].n;
}

const key = (r: Record<string, unknown>) =>
	`${r.gArea}|${r.gWave}|${r.gMonth}|${r.area_id}|${r.wave_id}|${r.month}`;
const normal = (rows: Array<Record<string, unknown>>) =>
	Object.fromEntries(
		rows.map((r) => [
			key(r),
			Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : Number(v)]))
		])
	);

/** The dashboard's rows read both ways in one snapshot. */
async function bothWays(principal: Principal, f: DashboardFilters, today: string) {
	return db
		.transaction()
		.setIsolationLevel('repeatable read')
		.execute(async (trx) => {
			const scan = await figureSources.scan(trx, principal, f, today);
			const rollup = await figureSources.rollup(trx, principal, f, today);
			return { scan: normal(scan), rollup: normal(rollup) };
		});
}

describe('the dashboard rollup kept on write (0321)', () => {
	it('serves department and area officials only', async () => {
		expect(rollupServes(await principalOf(db, 'so@demo.example'))).toBe(true);
		expect(rollupServes(await principalOf(db, 'vanyen@demo.example'))).toBe(true);
		expect(rollupServes(await principalOf(db, 'quangtrung.admin@demo.example'))).toBe(false);
		expect(rollupServes(await principalOf(db, 'quangtrung.ph@demo.example'))).toBe(false);
	});

	it('gives the demo province the same figures as the scan, with every filter and on other days', async () => {
		const so = await principalOf(db, 'so@demo.example');
		const area = await principalOf(db, 'vanyen@demo.example');
		const qt = await db
			.selectFrom('school_rollout_summary')
			.select(['area_id', 'wave_id', 'level'])
			.where('school_id', '=', await schoolIdByName(db, QUANG_TRUNG))
			.executeTakeFirstOrThrow();
		const cases: Array<[Principal, DashboardFilters, string]> = [
			[so, {}, '2026-12-06'],
			[so, {}, '2024-01-01'],
			[so, {}, '2031-06-30'],
			[so, { areaId: qt.area_id }, '2026-12-06'],
			[so, { waveId: qt.wave_id, level: qt.level }, '2027-09-05'],
			[area, {}, '2026-12-06'],
			[area, { level: 'THCS' }, '2028-01-01']
		];
		for (const [principal, filters, today] of cases) {
			const { scan, rollup } = await bothWays(principal, filters, today);
			expect(Object.keys(scan).length).toBeGreaterThan(0);
			expect(rollup, JSON.stringify({ filters, today })).toEqual(scan);
		}
	});

	it('stays equal to a fresh sum through inserts, moves, completions, deactivation and deletes', async () => {
		const { departmentId, areas, principal } = await makeDepartment(db, `RU${Date.now() % 1e7}`);
		const a1 = { id: areas[0].id, department_id: departmentId };
		const a2 = { id: areas[1].id, department_id: departmentId };
		const schools = [
			await createTestSchool(db, a1),
			await createTestSchool(db, a1),
			await createTestSchool(db, a2)
		];
		for (const s of schools) await giveChecklist(db, s);
		const ids = schools.map((s) => s.schoolId);
		await refreshSchoolSummaries(db, { schoolIds: ids });
		expect(await rollupDrift(departmentId)).toBe(0);
		const figures = async () => (await bothWays(principal, {}, '2026-12-06')).rollup;
		expect((await figures())['1|1|1|null|null|null'].schools).toBe(3);

		// one school moves area (the summary follows on refresh), one completes, one declares its pupils
		await db.updateTable('schools').set({ area_id: a2.id }).where('id', '=', ids[1]).execute();
		await refreshSchoolSummaries(db, { schoolIds: ids });
		expect(await rollupDrift(departmentId)).toBe(0);
		await db
			.updateTable('school_rollout_summary')
			.set({ completed_on: '2026-10-01', checklist_percent: '100' })
			.where('school_id', '=', ids[0])
			.execute();
		await db
			.updateTable('school_rollout_summary')
			.set({
				declared_student_count: 640,
				declared_class_count: 16,
				mandatory_due_on: '2026-11-30'
			})
			.where('school_id', '=', ids[1])
			.execute();
		expect(await rollupDrift(departmentId)).toBe(0);
		const after = await bothWays(principal, {}, '2026-12-06');
		expect(after.rollup).toEqual(after.scan);
		expect(after.rollup['1|1|1|null|null|null'].schools).toBe(3);
		expect(after.rollup['1|1|0|null|null|2026-10'].completed).toBe(1);
		expect(after.rollup[`0|1|1|${a2.id}|null|null`].schools).toBe(2);

		// deactivated, then its summary row deleted: out of every figure
		await db
			.updateTable('school_rollout_summary')
			.set({ active: false })
			.where('school_id', '=', ids[2])
			.execute();
		expect(await rollupDrift(departmentId)).toBe(0);
		expect((await figures())['1|1|1|null|null|null'].schools).toBe(2);
		await db.deleteFrom('school_rollout_summary').where('school_id', '=', ids[0]).execute();
		expect(await rollupDrift(departmentId)).toBe(0);
		expect((await figures())['1|1|1|null|null|null'].schools).toBe(1);
		// a statement that changes nothing the dashboard shows leaves the rollup alone
		await db
			.updateTable('school_rollout_summary')
			.set({ updated_at: sql`now()` })
			.where('school_id', 'in', ids)
			.execute();
		expect(await rollupDrift(departmentId)).toBe(0);
	});

	it('holds for the whole database after every other test file’s writes', async () => {
		expect(await rollupDrift()).toBe(0);
	});
});
