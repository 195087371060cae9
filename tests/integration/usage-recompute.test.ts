import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { nextStatus } from '../../src/lib/usage/adoption';
import { JobCancelledError } from '../../src/lib/server/jobs/types';
import {
	recomputeAdoption,
	recordMeasurements,
	type StatusChangeMade
} from '../../src/lib/server/usage/status';
import { todayIso } from '../../src/lib/dates';
import { usageRecomputeJob } from '../../src/lib/server/usage/recompute-job';
import { schoolAdoption } from '../../src/lib/server/usage/school-figures';
import { connectTestDb, principalOf } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The daily adoption recompute, set-based and in batches: it must change exactly what the old
 * pair-by-pair run changed, i.e. what the school adoption page's figures ask for (nextStatus of the
 * page's status, active teachers in 30 days, teachers and threshold), write one history row per
 * change and keep the rollout summary in step. Every test changes demo schools only inside a
 * rolled-back transaction and limits the run to them (other test files run at the same time).
 */
let db: DB;
let close: () => Promise<void>;
let dept: Principal;

beforeAll(async () => {
	({ db, close } = connectTestDb());
	dept = await principalOf(db, 'so@demo.example');
});
afterAll(() => close());

/** Three demo schools of the seeded waves, statuses shuffled so that usage disagrees with many. */
async function shuffledSchools(trx: DB): Promise<number[]> {
	const rows = await trx
		.selectFrom('schools')
		.select('schools.id')
		.where('schools.department_id', '=', dept.roles[0].departmentId!)
		.where((eb) =>
			eb.exists(
				eb.selectFrom('school_waves').select('school_id').whereRef('school_id', '=', 'schools.id')
			)
		)
		.orderBy('schools.id')
		.limit(3)
		.execute();
	const ids = rows.map((r) => r.id);
	// in use where the seed said deployed and the other way round; one platform not yet deployed
	await sql`update school_platforms sp set status = case
			when sp.status = 'in_use' then 'deployed' when sp.status = 'deployed' then 'in_use'
			when p.sort_order = 1 then 'deploying' else sp.status end
		from platforms p where p.id = sp.platform_id and sp.school_id = any(${ids}::int[])`.execute(trx);
	// and one platform in use that nobody used lately
	await sql`update school_platforms sp set status = 'in_use' from platforms p
		where p.id = sp.platform_id and p.sort_order = 2 and sp.school_id = any(${ids}::int[])`.execute(
		trx
	);
	await sql`delete from usage_teacher_platform tp using platforms p
		where p.id = tp.platform_id and p.sort_order = 2 and tp.school_id = any(${ids}::int[])`.execute(
		trx
	);
	// the usage rows changed behind the portal's back: measure them as an event batch would (the
	// pages read the stored measurement)
	await recordMeasurements(trx, { schoolIds: ids }, todayIso());
	return ids;
}

/** What the page's figures ask for: the changes the pair-by-pair run made. */
async function expectedFromPages(trx: DB, ids: number[]) {
	const expected: Pick<StatusChangeMade, 'schoolId' | 'platformId' | 'from' | 'to' | 'active'>[] =
		[];
	for (const id of ids) {
		const page = await schoolAdoption(trx, dept, id);
		for (const p of page.platforms) {
			const to = nextStatus(p.status, p.active30, page.teachers, page.threshold);
			if (to)
				expected.push({ schoolId: id, platformId: p.id, from: p.status, to, active: p.active30 });
		}
	}
	return expected;
}

/** The dashboards' platform counts (kept by trigger per statement) against a fresh count. */
async function countsDrift(trx: DB) {
	const { rows } = await sql<{ n: number }>`
		with fresh as (
			select s.department_id, s.area_id, s.level, coalesce(s.wave_id, 0) as wave_id,
				sp.platform_id, sp.status, count(*)::int as schools
			from school_platforms sp join school_rollout_summary s on s.school_id = sp.school_id
			where s.active group by 1, 2, 3, 4, 5, 6),
		totals as (
			select department_id, platform_id, status, sum(schools)::int as schools from fresh
			group by 1, 2, 3)
		select (select count(*) from fresh f
				full join (select * from rollout_platform_counts where schools <> 0) c
					using (department_id, area_id, level, wave_id, platform_id, status)
				where f.schools is distinct from c.schools)
			+ (select count(*) from totals f
				full join (select * from rollout_platform_totals where schools <> 0) c
					using (department_id, platform_id, status)
				where f.schools is distinct from c.schools) as n`.execute(trx);
	return Number(rows[0].n);
}

async function historyCount(trx: DB, ids: number[]) {
	const row = await trx
		.selectFrom('school_platform_history')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('school_id', 'in', ids)
		.where('source', '=', 'usage')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

describe('the daily adoption recompute', () => {
	it('makes the changes the page figures ask for, in batches, with history and summaries', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const ids = await shuffledSchools(trx);
			const expected = await expectedFromPages(trx, ids);
			expect(expected.some((c) => c.to === 'in_use')).toBe(true);
			expect(expected.some((c) => c.to === 'deployed')).toBe(true);
			const historyBefore = await historyCount(trx, ids);
			const batches: number[] = [];
			const result = await recomputeAdoption(trx, {
				scope: { schoolIds: ids },
				batchSize: 3,
				onBatch: (done) => batches.push(done)
			});
			expect(result.interrupted).toBe(false);
			expect(result.changes).toMatchObject(expected);
			expect(result.changes).toHaveLength(expected.length);
			expect(result.promoted + result.demoted).toBe(expected.length);
			expect(batches).toHaveLength(Math.ceil(expected.length / 3));
			// the pages now show statuses that agree with their figures, set from usage
			for (const id of ids) {
				const page = await schoolAdoption(trx, dept, id);
				for (const p of page.platforms) {
					expect(nextStatus(p.status, p.active30, page.teachers, page.threshold)).toBeNull();
					if (expected.some((c) => c.schoolId === id && c.platformId === p.id))
						expect(p.statusSource).toBe('usage');
				}
				const summary = await trx
					.selectFrom('school_rollout_summary')
					.select(['platforms_in_use', 'platforms_deployed'])
					.where('school_id', '=', id)
					.executeTakeFirstOrThrow();
				expect(summary.platforms_in_use).toBe(
					page.platforms.filter((p) => p.status === 'in_use').length
				);
				expect(summary.platforms_deployed).toBe(
					page.platforms.filter((p) => p.status === 'deployed').length
				);
			}
			expect(await historyCount(trx, ids)).toBe(historyBefore + expected.length);
			expect(await countsDrift(trx)).toBe(0);
			const [first] = expected;
			const history = await trx
				.selectFrom('school_platform_history')
				.select(['from_status', 'to_status', 'actor_user_id', 'note'])
				.where('school_id', '=', first.schoolId)
				.where('platform_id', '=', first.platformId)
				.orderBy('id', 'desc')
				.executeTakeFirstOrThrow();
			expect(history).toMatchObject({ from_status: first.from, to_status: first.to });
			expect(history.actor_user_id).toBeNull();
			expect(history.note).toContain(`${first.active}/`);
			// a second run finds nothing to change
			const again = await recomputeAdoption(trx, { scope: { schoolIds: ids } });
			expect(again.changes).toEqual([]);
		});
	});

	it('skips a pair whose status changed after it was judged', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const ids = await shuffledSchools(trx);
			const [first, ...rest] = await expectedFromPages(trx, ids);
			const result = await recomputeAdoption(trx, {
				scope: { schoolIds: ids },
				batchSize: 1,
				// a school changes the second pair by hand before its batch runs
				onBatch: async (done) => {
					if (done !== 1) return;
					await sql`update school_platforms set status = 'deploying'
						where school_id = ${rest[0].schoolId} and platform_id = ${rest[0].platformId}`.execute(trx);
				}
			});
			expect(result.judged).toBe(rest.length + 1);
			expect(result.changes.map((c) => [c.schoolId, c.platformId])).toEqual(
				[first, ...rest.slice(1)].map((c) => [c.schoolId, c.platformId])
			);
		});
	});

	it('stops between batches when its signal is aborted; the next run finishes', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const ids = await shuffledSchools(trx);
			const expected = await expectedFromPages(trx, ids);
			const stop = new AbortController();
			const first = await recomputeAdoption(trx, {
				scope: { schoolIds: ids },
				batchSize: 2,
				signal: stop.signal,
				onBatch: () => stop.abort()
			});
			expect(first.interrupted).toBe(true);
			expect(first.changes).toHaveLength(2);
			const rest = await recomputeAdoption(trx, { scope: { schoolIds: ids } });
			expect([...first.changes, ...rest.changes]).toMatchObject(expected);
		});
	});

	it('runs as the job usage.recompute, which reports progress and is cancelled at shutdown', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await shuffledSchools(trx);
			const progress: unknown[] = [];
			const shutdown = new AbortController();
			shutdown.abort();
			const ctx = {
				db: trx,
				job: { id: 0, kind: usageRecomputeJob.kind, key: null, payload: null as never, attempt: 1 },
				signal: shutdown.signal,
				progress: async (value: unknown) => void progress.push(value),
				cancelled: async () => true
			};
			await expect(usageRecomputeJob.run(ctx)).rejects.toBeInstanceOf(JobCancelledError);
			expect(progress).toEqual([]);
		});
	});
});
