import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUALITY_ITEMS } from '../../src/lib/grades/primary';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import {
	primaryClassList,
	requirePrimaryClass,
	type PrimaryClass
} from '../../src/lib/server/primary/classes';
import { saveQualities } from '../../src/lib/server/primary/qualities';
import { saveAssessments } from '../../src/lib/server/primary/save';
import { primaryClassSummary } from '../../src/lib/server/primary/summary';
import { classSubjects } from '../../src/lib/server/primary/test-plan';
import { connectTestDb, principalOf } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The primary class summary (counts per level; at the year the results, completion and the Học
 * sinh Xuất sắc award) on the demo class 1A of TH&THCS Đông Cuông. Writes are rolled back.
 */
let db: DB;
let close: () => Promise<void>;
let teacher: Principal;
let otherTeacher: Principal;
let c1: PrimaryClass;
let pupils: Array<{ id: number; full_name: string }>;

const actor = (principal: Principal) => ({ principal, requestId: 'primary-summary' });

beforeAll(async () => {
	({ db, close } = connectTestDb());
	teacher = await principalOf(db, 'dongcuong.gv@demo.example');
	otherTeacher = await principalOf(db, 'quangtrung.gv@demo.example');
	c1 = (await primaryClassList(db, teacher)).find((c) => c.name === '1A')!;
	pupils = await db
		.selectFrom('students')
		.select(['id', 'full_name'])
		.where('class_id', '=', c1.id)
		.where('active', '=', true)
		.orderBy('id')
		.execute();
});
afterAll(() => close());

describe('the primary class summary', () => {
	it('counts every pupil once per subject and quality at the seeded mid-term I', async () => {
		const s = await primaryClassSummary(db, c1, 'mid1');
		expect(s.pupils).toBe(pupils.length);
		for (const row of s.subjects)
			expect(row.levels.T + row.levels.H + row.levels.C + row.levels.none).toBe(pupils.length);
		expect(s.subjects.some((r) => r.levels.none < pupils.length)).toBe(true);
		expect(s.qualities).toHaveLength(QUALITY_ITEMS.length);
		expect(s.year).toBeNull();
		expect(JSON.stringify(s)).not.toMatch(/average|rank/i);
	});

	it('shows the year results, completion and the Học sinh Xuất sắc award', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const subjects = await classSubjects(trx, c1, 'year');
			const [best, good] = pupils;
			for (const [pupil, score] of [
				[best.id, 10],
				[good.id, 8]
			] as const) {
				await saveAssessments(
					trx,
					actor(teacher),
					c1.id,
					'year',
					subjects.map((s) => ({
						studentId: pupil,
						subjectId: s.id,
						level: 'T' as const,
						testScore: s.tested ? score : undefined,
						version: 0
					}))
				);
				await saveQualities(
					trx,
					actor(teacher),
					c1.id,
					'year',
					QUALITY_ITEMS.map((item) => ({
						studentId: pupil,
						item,
						level: 'tot' as const,
						version: 0
					}))
				);
			}
			const s = await primaryClassSummary(trx, c1, 'year');
			expect(s.year!.results).toEqual({
				xuat_sac: 1,
				tot: 1,
				hoan_thanh: 0,
				chua_hoan_thanh: 0,
				pending: pupils.length - 2
			});
			expect(s.year!.completed).toBe(2);
			expect(s.year!.awards).toEqual([{ id: best.id, fullName: best.full_name }]);
			expect(s.subjects.every((r) => r.levels.T === 2)).toBe(true);
		});
	});

	it('is the homeroom teacher’s and the admin’s only (404 for another school’s teacher)', async () => {
		await expect(requirePrimaryClass(db, otherTeacher, c1.id)).rejects.toMatchObject({
			status: 404
		});
	});
});
