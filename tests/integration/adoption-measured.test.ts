import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { addDays, todayIso } from '../../src/lib/dates';
import { recordMeasurements } from '../../src/lib/server/usage/status';
import { schoolAdoption } from '../../src/lib/server/usage/school-figures';
import { departmentAdoption } from '../../src/lib/server/usage/department-figures';
import { setStaffActive } from '../../src/lib/server/roster/staff';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * Issue 10: the adoption pages read each pair's active teachers as measured and stored
 * (school_platforms.measured_active7 / measured_active, migration 0440) instead of counting
 * usage_teacher_platform per request. These tests hold the stored figures equal to counting the
 * usage rows, and show that a staff change measures its school again in the same transaction.
 */
let db: DB;
let close: () => Promise<void>;
let dept: Principal;
let admin: Principal;
const today = todayIso();

beforeAll(async () => {
	({ db, close } = connectTestDb());
	dept = await principalOf(db, 'so@demo.example');
	admin = await principalOf(db, 'quangtrung.admin@demo.example');
});
afterAll(() => close());

/** Active teaching staff per pair in the last 7 and 30 days, counted from the usage rows. */
async function countedActive(trx: DB, schoolIds: number[]) {
	const { rows } = await sql<{ school_id: number; platform_id: number; a7: number; a30: number }>`
		select tp.school_id, tp.platform_id,
			(count(*) filter (where tp.last_on >= ${addDays(today, -6)}))::int as a7,
			count(*)::int as a30
		from usage_teacher_platform tp join staff t on t.id = tp.staff_id
		where t.active and t.position <> 'staff' and tp.last_on >= ${addDays(today, -29)}
			and tp.school_id = any(${schoolIds}::int[])
		group by 1, 2`.execute(trx);
	return new Map(rows.map((r) => [`${r.school_id}:${r.platform_id}`, [r.a7, r.a30]]));
}

/** One snapshot for the whole test (the pages read with several statements). */
async function inSnapshot(run: (trx: DB) => Promise<void>) {
	await inRolledBackTransaction(db, async (trx) => {
		await sql`set transaction isolation level repeatable read`.execute(trx);
		await run(trx);
	});
}

describe('adoption figures from the stored measurement', () => {
	it('the department page shows, per school and platform, what counting the usage rows gives', async () => {
		await inSnapshot(async (trx) => {
			// the measurement of today (a database seeded before midnight would hold yesterday's)
			await recordMeasurements(trx, { departmentId: dept.roles[0].departmentId! }, today);
			const page = await departmentAdoption(trx, dept);
			const counted = await countedActive(
				trx,
				page.schools.map((s) => s.id)
			);
			expect(page.schools.length).toBeGreaterThan(100);
			let compared = 0;
			let nonZero = 0;
			for (const school of page.schools)
				for (const cell of school.cells) {
					const [a7, a30] = counted.get(`${school.id}:${cell.platformId}`) ?? [0, 0];
					expect([school.id, cell.platformId, cell.active7, cell.active30]).toEqual([
						school.id,
						cell.platformId,
						a7,
						a30
					]);
					compared++;
					if (a30 > 0) nonZero++;
				}
			expect(compared).toBe(page.schools.length * page.platforms.length);
			expect(nonZero).toBeGreaterThan(100); // the demo province has usage: the check can fail
		});
	});

	it('deactivating a teacher who used platforms this week lowers both pages at once', async () => {
		await inSnapshot(async (trx) => {
			const schoolId = await schoolIdByName(trx, QUANG_TRUNG);
			await recordMeasurements(trx, { schoolIds: [schoolId] }, today);
			const teacher = await trx
				.selectFrom('usage_teacher_platform as tp')
				.innerJoin('staff', 'staff.id', 'tp.staff_id')
				.select(['staff.id', 'staff.version', (eb) => eb.fn.countAll<number>().as('n')])
				.where('tp.school_id', '=', schoolId)
				.where('tp.last_on', '>=', addDays(today, -6))
				.where('staff.active', '=', true)
				.where('staff.position', '<>', 'staff')
				.groupBy(['staff.id', 'staff.version'])
				.orderBy('n', 'desc')
				.orderBy('staff.id')
				.executeTakeFirstOrThrow();
			const used = await trx
				.selectFrom('usage_teacher_platform')
				.select(['platform_id', 'last_on'])
				.where('staff_id', '=', teacher.id)
				.where('last_on', '>=', addDays(today, -29))
				.execute();
			const before = await schoolAdoption(trx, admin, schoolId);

			await setStaffActive(
				trx,
				{ principal: admin, requestId: 't' },
				schoolId,
				teacher.id,
				teacher.version,
				false
			);

			const after = await schoolAdoption(trx, admin, schoolId);
			expect(after.teachers).toBe(before.teachers - 1);
			for (const p of before.platforms) {
				const u = used.find((x) => x.platform_id === p.id);
				const drop7 = u && u.last_on >= addDays(today, -6) ? 1 : 0;
				const a = after.platforms.find((x) => x.id === p.id)!;
				expect([p.code, a.active7, a.active30]).toEqual([
					p.code,
					p.active7 - drop7,
					p.active30 - (u ? 1 : 0)
				]);
			}
			expect(used.length).toBeGreaterThan(0);
			// the department's heat map shows the same figures for the school
			const page = await departmentAdoption(trx, dept);
			const row = page.schools.find((s) => s.id === schoolId)!;
			expect(row.teachers).toBe(after.teachers);
			expect(row.cells.map((c) => [c.active7, c.active30])).toEqual(
				page.platforms.map((p) => {
					const a = after.platforms.find((x) => x.id === p.id)!;
					return [a.active7, a.active30];
				})
			);
			const counted = await countedActive(trx, [schoolId]);
			for (const a of after.platforms)
				expect([a.code, a.active7, a.active30]).toEqual([
					a.code,
					...(counted.get(`${schoolId}:${a.id}`) ?? [0, 0])
				]);
		});
	});
});
