import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { checklistProgress, scoreGroups } from '../../src/lib/rollout/scoring';
import { riskReasons } from '../../src/lib/rollout/risk';
import { setSchoolPlatformStatus } from '../../src/lib/server/rollout/platforms';
import { refreshSchoolSummaries } from '../../src/lib/server/rollout/summary';
import { listItems, toScored } from '../../src/lib/server/rollout/checklists';
import { atRiskSql, lateSql } from '../../src/lib/server/rollout/dashboard-queries';
import { connectTestDb } from '../helpers/context';
import { createTestArea, createTestSchool, giveChecklist } from '../helpers/rollout';

let db: DB;
let close: () => Promise<void>;
beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

/** The platform counts the triggers keep, against a fresh count of the platform rows. */
async function countsDrift() {
	const { rows } = await sql<{ n: number }>`
		with fresh as (
			select s.department_id, s.area_id, s.level, coalesce(s.wave_id, 0) as wave_id, sp.platform_id, sp.status, count(*)::int as schools
			from school_platforms sp join school_rollout_summary s on s.school_id = sp.school_id
			where s.active group by 1, 2, 3, 4, 5, 6
		)
		select count(*)::int as n from fresh f
		full join (select * from rollout_platform_counts where schools <> 0) c using (department_id, area_id, level, wave_id, platform_id, status)
		where f.schools is distinct from c.schools`.execute(db);
	return rows[0].n;
}

describe('the rollout summary kept on write', () => {
	it('matches the pure scoring rules for every demo school', async () => {
		// the demo schools (codes 15xxxxx); other tests add their own
		const summaries = await db
			.selectFrom('school_rollout_summary as s')
			.innerJoin('schools', 'schools.id', 's.school_id')
			.selectAll('s')
			.where('schools.code', 'like', '15%')
			.execute();
		expect(summaries).toHaveLength(123);
		for (const s of summaries) {
			const lists = await db
				.selectFrom('school_checklists as c')
				.innerJoin('checklist_templates as t', 't.id', 'c.template_id')
				.select(['c.id', 't.kind'])
				.where('c.school_id', '=', s.school_id)
				.orderBy('c.created_at', 'desc')
				.execute();
			const model = await listItems(db, lists.find((l) => l.kind === 'model')!.id);
			const dti = await listItems(db, lists.find((l) => l.kind === 'dti')!.id);
			const progress = checklistProgress(model);
			expect([s.checklist_done, s.checklist_total, Number(s.checklist_percent)]).toEqual([
				progress.done,
				progress.total,
				progress.percent
			]);
			const groups = scoreGroups(dti.map(toScored));
			expect([Number(s.teaching_score), s.teaching_level], `school ${s.school_id}`).toEqual([
				groups.teaching?.score,
				groups.teaching?.level
			]);
			expect([Number(s.management_score), s.management_level], `school ${s.school_id}`).toEqual([
				groups.management?.score,
				groups.management?.level
			]);
		}
	});

	it('tells the same schools at risk and late as the pure rule, on any day', async () => {
		// The dashboard's own predicates (not a copy), on the days around the demo's dates.
		const { rows: days } = await sql<{ day: string }>`
			select distinct to_char(d, 'YYYY-MM-DD') as day from school_rollout_summary s,
				unnest(array[s.wave_target_on, s.mandatory_due_on, s.wave_target_on + 1, s.mandatory_due_on + 1]) d
			where d is not null order by 1`.execute(db);
		const sample = [
			'2026-11-28',
			...days.filter((_, i) => i % Math.max(1, Math.floor(days.length / 8)) === 0).map((d) => d.day)
		];
		const seen = { late: 0, mandatory_overdue: 0, fine: 0 };
		for (const today of sample) {
			const rows = await db
				.selectFrom('school_rollout_summary as s')
				.select(['s.school_id', 's.completed_on', 's.wave_target_on', 's.mandatory_due_on'])
				.select([atRiskSql(today).as('at_risk'), lateSql(today).as('late')])
				.execute();
			for (const r of rows) {
				const reasons = riskReasons(
					{
						completedOn: r.completed_on,
						waveTargetOn: r.wave_target_on,
						mandatoryDueOn: r.mandatory_due_on
					},
					today
				);
				// SQL's null (unknown) counts as "no" in the dashboard's `where` and `filter`.
				expect(r.at_risk === true, `school ${r.school_id} on ${today}`).toBe(reasons.length > 0);
				expect(r.late === true, `school ${r.school_id} late on ${today}`).toBe(
					reasons.includes('late')
				);
				for (const reason of reasons) seen[reason]++;
				if (!reasons.length) seen.fine++;
			}
		}
		// Each branch of the rule was exercised.
		expect(seen.late).toBeGreaterThan(0);
		expect(seen.mandatory_overdue).toBeGreaterThan(0);
		expect(seen.fine).toBeGreaterThan(0);
	});

	it('refreshes more schools than a statement can have parameters (a country: 70,000 ids)', async () => {
		// the daily recompute refreshes every measured school; one parameter per id failed past 65,535
		const ids = Array.from({ length: 70_000 }, (_, i) => 1_000_000 + i);
		const [demo] = await db.selectFrom('schools').select('id').orderBy('id').limit(1).execute();
		const before = await db
			.selectFrom('school_rollout_summary')
			.selectAll()
			.where('school_id', '=', demo.id)
			.executeTakeFirstOrThrow();
		await refreshSchoolSummaries(db, { schoolIds: [demo.id, ...ids] });
		const after = await db
			.selectFrom('school_rollout_summary')
			.selectAll()
			.where('school_id', '=', demo.id)
			.executeTakeFirstOrThrow();
		expect({ ...after, updated_at: null }).toEqual({ ...before, updated_at: null });
		expect(await countsDrift()).toBe(0);
	});

	it('keeps the per-platform counts equal to the platform rows', async () => {
		expect(await countsDrift()).toBe(0);
	});

	it('updates the summary and the counts in the transaction of a status change from usage data', async () => {
		const school = await createTestSchool(db);
		const platforms = await db
			.selectFrom('platforms')
			.select('id')
			.where('retired_at', 'is', null)
			.execute();
		await db.transaction().execute(async (trx) => {
			for (const p of platforms)
				await setSchoolPlatformStatus(trx, {
					schoolId: school.schoolId,
					platformId: p.id,
					status: 'in_use',
					source: 'usage',
					actorUserId: null
				});
			const inside = await trx
				.selectFrom('school_rollout_summary')
				.select('platforms_in_use')
				.where('school_id', '=', school.schoolId)
				.executeTakeFirstOrThrow();
			expect(inside.platforms_in_use).toBe(platforms.length);
		});
		expect(await countsDrift()).toBe(0);
		const history = await db
			.selectFrom('school_platform_history')
			.select('source')
			.where('school_id', '=', school.schoolId)
			.execute();
		expect(history.every((h) => h.source === 'usage')).toBe(true);
	});

	it('marks a school finished once all platforms are in use and its checklist approved, and unmarks it', async () => {
		const school = await createTestSchool(db);
		const list = await giveChecklist(db, school);
		const platforms = await db
			.selectFrom('platforms')
			.select('id')
			.where('retired_at', 'is', null)
			.execute();
		await db.transaction().execute(async (trx) => {
			for (const p of platforms)
				await setSchoolPlatformStatus(trx, {
					schoolId: school.schoolId,
					platformId: p.id,
					status: 'in_use',
					source: 'manual',
					actorUserId: null
				});
			await trx
				.updateTable('school_checklists')
				.set({ status: 'approved', approved_at: new Date() })
				.where('id', '=', list.checklistId)
				.execute();
			await setSchoolPlatformStatus(trx, {
				schoolId: school.schoolId,
				platformId: platforms[0].id,
				status: 'deployed',
				source: 'manual',
				actorUserId: null
			});
			await setSchoolPlatformStatus(trx, {
				schoolId: school.schoolId,
				platformId: platforms[0].id,
				status: 'in_use',
				source: 'manual',
				actorUserId: null
			});
		});
		const done = await db
			.selectFrom('school_rollout_summary')
			.select(['completed_on', 'checklist_status'])
			.where('school_id', '=', school.schoolId)
			.executeTakeFirstOrThrow();
		expect(done.checklist_status).toBe('approved');
		expect(done.completed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		await db.transaction().execute((trx) =>
			setSchoolPlatformStatus(trx, {
				schoolId: school.schoolId,
				platformId: platforms[1].id,
				status: 'deployed',
				source: 'manual',
				actorUserId: null
			})
		);
		const undone = await db
			.selectFrom('school_rollout_summary')
			.select('completed_on')
			.where('school_id', '=', school.schoolId)
			.executeTakeFirstOrThrow();
		expect(undone.completed_on).toBeNull();
	});

	it('moves a school’s figures with it when it changes area or size, and drops them when it closes', async () => {
		const school = await createTestSchool(db);
		const other = await createTestArea(db, school.departmentId);
		await db
			.updateTable('schools')
			.set({ area_id: other.id })
			.where('id', '=', school.schoolId)
			.execute();
		const moved = await db
			.selectFrom('school_rollout_summary')
			.select('area_id')
			.where('school_id', '=', school.schoolId)
			.executeTakeFirstOrThrow();
		expect(moved.area_id).toBe(other.id);
		await db
			.updateTable('schools')
			.set({ student_count: 321 })
			.where('id', '=', school.schoolId)
			.execute();
		const enrolled = await db
			.selectFrom('school_rollout_summary')
			.select('student_count')
			.where('school_id', '=', school.schoolId)
			.executeTakeFirstOrThrow();
		expect(enrolled.student_count).toBe(321);
		expect(await countsDrift()).toBe(0);
		await db
			.updateTable('schools')
			.set({ active: false })
			.where('id', '=', school.schoolId)
			.execute();
		expect(await countsDrift()).toBe(0);
	});
});
