import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUALITY_ITEMS } from '../../src/lib/grades/primary';
import { PRIMARY_PERIODIC_TESTS } from '../../src/lib/grades/primary-tests';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { ConflictError } from '../../src/lib/server/errors';
import { primaryClassList, type PrimaryClass } from '../../src/lib/server/primary/classes';
import { saveQualities } from '../../src/lib/server/primary/qualities';
import { saveAssessments } from '../../src/lib/server/primary/save';
import { classSubjects, planWith } from '../../src/lib/server/primary/test-plan';
import { loadTestPlan, saveTestPlan } from '../../src/lib/server/primary/test-plan-admin';
import { parseTestPlanForm } from '../../src/lib/schemas/primary-test-plan';
import { connectTestDb, principalOf } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The admin's table of primary periodic tests (Circular 27, Art. 7) at TH&THCS Đông Cuông: the
 * defaults, a saved override that the grid, the save and the year result follow at once, versions,
 * scope and hostile forms. Writes run in rolled-back transactions but the concurrent one.
 */
let db: DB;
let close: () => Promise<void>;
let admin: Principal;
let teacher: Principal;
let otherAdmin: Principal;
let c1: PrimaryClass;
let schoolId: number;

const actor = (principal: Principal) => ({ principal, requestId: 'primary-test-plan' });

beforeAll(async () => {
	({ db, close } = connectTestDb());
	admin = await principalOf(db, 'dongcuong.admin@demo.example');
	teacher = await principalOf(db, 'dongcuong.gv@demo.example');
	otherAdmin = await principalOf(db, 'quangtrung.admin@demo.example');
	c1 = (await primaryClassList(db, teacher)).find((c) => c.name === '1A')!;
	schoolId = c1.schoolId;
});
afterAll(() => close());

describe('the primary periodic-test table', () => {
	it('starts from the circular’s table', async () => {
		const { rows } = await loadTestPlan(db, admin, schoolId);
		const row = (grade: number, code: string) =>
			rows.find((r) => r.grade === grade && r.code === code)!;
		expect(row(4, 'TV')).toMatchObject({ atEnd: true, atMid: true, isDefault: true, version: 0 });
		expect(row(3, 'NN1')).toMatchObject({ atEnd: true, atMid: false });
		expect(row(1, 'DD')).toMatchObject({ atEnd: false, atMid: false });
		expect(rows.some((r) => r.grade === 1 && r.code === 'NN1')).toBe(false);
	});

	it('is the school admins’ only (404 for a teacher and another school’s admin)', async () => {
		await expect(loadTestPlan(db, teacher, schoolId)).rejects.toMatchObject({ status: 404 });
		await expect(loadTestPlan(db, otherAdmin, schoolId)).rejects.toMatchObject({ status: 404 });
		await expect(
			saveTestPlan(db, actor(otherAdmin), schoolId, [
				{ grade: 1, subjectId: 1, atEnd: true, atMid: false, version: 0 }
			])
		).rejects.toMatchObject({ status: 404 });
	});

	it('saves an override, audited; the grid and the year result follow in the same transaction', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const before = await classSubjects(trx, c1, 'year');
			const dd = before.find((s) => s.code === 'DD')!;
			expect(dd.tested).toBe(false);
			// a pupil of 1A with every year input: Hoàn thành xuất sắc under the default table
			const pupil = (
				await trx
					.selectFrom('students')
					.select('id')
					.where('class_id', '=', c1.id)
					.orderBy('id')
					.executeTakeFirstOrThrow()
			).id;
			await saveAssessments(
				trx,
				actor(teacher),
				c1.id,
				'year',
				before.map((s) => ({
					studentId: pupil,
					subjectId: s.id,
					level: 'T' as const,
					testScore: s.tested ? 10 : undefined,
					version: 0
				}))
			);
			await saveQualities(
				trx,
				actor(teacher),
				c1.id,
				'year',
				QUALITY_ITEMS.map((item) => ({ studentId: pupil, item, level: 'tot' as const, version: 0 }))
			);
			const result = () =>
				trx
					.selectFrom('primary_year_results')
					.select(['result', 'missing'])
					.where('student_id', '=', pupil)
					.executeTakeFirstOrThrow();
			expect(await result()).toEqual({ result: 'xuat_sac', missing: 0 });

			const { saved } = await saveTestPlan(trx, actor(admin), schoolId, [
				{ grade: 1, subjectId: dd.id, atEnd: true, atMid: false, version: 0 }
			]);
			expect(saved).toBe(1);
			expect((await classSubjects(trx, c1, 'year')).find((s) => s.code === 'DD')!.tested).toBe(
				true
			);
			// the new year test is now missing: the stored result waits for it
			expect(await result()).toEqual({ result: null, missing: 1 });
			const row = (await loadTestPlan(trx, admin, schoolId)).rows.find(
				(r) => r.grade === 1 && r.subjectId === dd.id
			)!;
			expect(row).toMatchObject({ atEnd: true, isDefault: false, version: 1 });
			const audit = await trx
				.selectFrom('audit_log')
				.select(['before', 'after'])
				.where('action', '=', 'primary.test_plan.save')
				.execute();
			expect(audit).toHaveLength(1);

			// a stale version is a conflict; nothing saved
			await expect(
				saveTestPlan(trx, actor(admin), schoolId, [
					{ grade: 1, subjectId: dd.id, atEnd: false, atMid: false, version: 0 }
				])
			).rejects.toBeInstanceOf(ConflictError);
			// unchanged rows are no change, whatever their version
			expect(
				await saveTestPlan(trx, actor(admin), schoolId, [
					{ grade: 1, subjectId: dd.id, atEnd: true, atMid: false, version: 0 }
				])
			).toEqual({ saved: 0 });
		});
	});

	it('refuses a subject the grade does not study beside it', async () => {
		const nn1 = (await loadTestPlan(db, admin, schoolId)).rows.find((r) => r.code === 'NN1')!;
		await expect(
			saveTestPlan(db, actor(admin), schoolId, [
				{ grade: 1, subjectId: nn1.subjectId, atEnd: true, atMid: false, version: 0 }
			])
		).rejects.toMatchObject({ code: 'primary_v_subject', field: `e_1_${nn1.subjectId}` });
	});

	it('lays a school’s rows over the default table', () => {
		const base = PRIMARY_PERIODIC_TESTS[4];
		expect(planWith(base, [])).toBeUndefined();
		const plan = planWith(base, [
			{ code: 'KH', at_end: false, at_mid: false },
			{ code: 'DD', at_end: true, at_mid: true }
		])!;
		expect(plan.end).toEqual(['TV', 'TOAN', 'NN1', 'LSDL', 'THCN', 'DD']);
		expect(plan.mid).toEqual(['TV', 'TOAN', 'DD']);
	});
});

describe('hostile input', () => {
	it('refuses forms that are not the table’s', () => {
		expect(parseTestPlanForm({})).toBeNull();
		expect(parseTestPlanForm({ nothing: '' })).toBeNull();
		expect(parseTestPlanForm({ 'e_1_2\u0000': '1', v_1_2: '0' })).toBeNull();
		expect(parseTestPlanForm({ e_1_2: '1\u0000', v_1_2: '0' })).toBeNull();
		expect(parseTestPlanForm({ e_1_2: 'x'.repeat(100_000), v_1_2: '0' })).toBeNull();
		expect(parseTestPlanForm({ e_1_2: '1', v_1_2: '99999999999' })).toBeNull();
		expect(parseTestPlanForm({ e_1_99999999999: '1', v_1_99999999999: '0' })).toBeNull();
		expect(parseTestPlanForm({ e_6_2: '1', v_6_2: '0' })).toBeNull();
		expect(parseTestPlanForm({ e_1_2: '1' })).toBeNull();
		expect(parseTestPlanForm({ e_1_2: '1', m_1_2: '1', v_1_2: '3', v_2_2: '0' })).toEqual([
			{ grade: 1, subjectId: 2, atEnd: true, atMid: true, version: 3 },
			{ grade: 2, subjectId: 2, atEnd: false, atMid: false, version: 0 }
		]);
	});

	it('lets one of two concurrent first saves of a row win; the other is a conflict', async () => {
		const dd = (await loadTestPlan(db, admin, schoolId)).rows.find(
			(r) => r.grade === 2 && r.code === 'DD'
		)!;
		const change = (atMid: boolean) =>
			saveTestPlan(db, actor(admin), schoolId, [
				{ grade: 2, subjectId: dd.subjectId, atEnd: true, atMid, version: 0 }
			]);
		try {
			const outcomes = await Promise.allSettled([change(false), change(true)]);
			expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
			const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
			expect(refused.reason).toBeInstanceOf(ConflictError);
		} finally {
			await db
				.deleteFrom('primary_test_plans')
				.where('school_id', '=', schoolId)
				.where('subject_id', '=', dd.subjectId)
				.execute();
		}
	});
});
