import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { primaryClassList, type PrimaryClass } from '../../src/lib/server/primary/classes';
import { classNominations, decideNomination, nominate } from '../../src/lib/server/primary/awards';
import { nominationPage } from '../../src/lib/server/primary/award-page';
import { primaryCardData } from '../../src/lib/server/primary/report-card';
import { primaryClassSummary } from '../../src/lib/server/primary/summary';
import { ConflictError } from '../../src/lib/server/errors';
import { connectTestDb, principalOf } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * "Học sinh Tiêu biểu" (Circular 27, Art. 13) on the demo class 1A of TH&THCS Đông Cuông: the
 * homeroom teacher nominates a pupil at Hoàn thành tốt, the school admin confirms; the class
 * summary and the report card show it. Year results are written directly; writes are rolled back.
 */
let db: DB;
let close: () => Promise<void>;
let teacher: Principal;
let admin: Principal;
let c1: PrimaryClass;
let pupils: Array<{ id: number; full_name: string }>;

const actor = (principal: Principal) => ({ principal, requestId: 'primary-awards' });

beforeAll(async () => {
	({ db, close } = connectTestDb());
	teacher = await principalOf(db, 'dongcuong.gv@demo.example');
	admin = await principalOf(db, 'dongcuong.admin@demo.example');
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

async function setResult(trx: DB, studentId: number, result: 'xuat_sac' | 'tot' | 'hoan_thanh') {
	await trx
		.insertInto('primary_year_results')
		.values({
			school_id: c1.schoolId,
			class_id: c1.id,
			student_id: studentId,
			school_year_id: c1.schoolYearId,
			result
		})
		.onConflict((oc) => oc.columns(['student_id', 'school_year_id']).doUpdateSet({ result }))
		.execute();
}

const card = (trx: DB, pupil: { id: number; full_name: string }) =>
	primaryCardData(
		trx,
		{
			id: pupil.id,
			fullName: pupil.full_name,
			className: '1A',
			schoolName: c1.schoolName,
			schoolYear: c1.schoolYear,
			schoolId: c1.schoolId,
			schoolYearId: c1.schoolYearId,
			grade: 1
		},
		'year',
		['year']
	);

describe('the "Học sinh Tiêu biểu" award', () => {
	it('is nominated by the homeroom teacher, confirmed by the admin, shown on the summary and card', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const [good, best, plain] = pupils;
			await setResult(trx, good.id, 'tot');
			await setResult(trx, best.id, 'xuat_sac');
			await setResult(trx, plain.id, 'hoan_thanh');
			const page = await nominationPage(trx, c1);
			expect(page.candidates.map((c) => c.id)).toEqual([good.id]);

			// only Hoàn thành tốt, beside the pupil field; a pupil of another class is refused too
			for (const [studentId, code] of [
				[best.id, 'primary_award_not_eligible'],
				[plain.id, 'primary_award_not_eligible'],
				[pupils[3].id, 'primary_award_no_result']
			] as const)
				await expect(
					nominate(trx, actor(teacher), c1, { studentId, area: 'quality:cham_chi', reason: 'x' })
				).rejects.toMatchObject({ code, field: 'studentId' });
			await expect(
				nominate(trx, actor(teacher), c1, {
					studentId: good.id,
					area: 'subject:999999',
					reason: 'x'
				})
			).rejects.toMatchObject({ code: 'primary_award_bad_area', field: 'area' });

			const toan = page.subjects.find((s) => s.nameVi === 'Toán')!;
			const id = await nominate(trx, actor(teacher), c1, {
				studentId: good.id,
				area: `subject:${toan.id}`,
				reason: 'Giải Nhì Toán cấp huyện'
			});
			// nominated again (concurrently or later): one row, version moves on
			await nominate(trx, actor(teacher), c1, {
				studentId: good.id,
				area: `subject:${toan.id}`,
				reason: 'Giải Nhì Toán cấp huyện'
			});
			const [n] = await classNominations(trx, c1);
			expect(n).toMatchObject({ id, studentId: good.id, status: 'nominated', version: 1 });
			expect((await primaryClassSummary(trx, c1, 'year')).year!.tieuBieu).toEqual([]);

			// the teacher cannot decide (404); the admin confirms; a stale version is a conflict
			const decision = { nominationId: id, version: 1, decision: 'confirmed' as const };
			await expect(
				decideNomination(trx, actor(teacher), c1.schoolId, decision)
			).rejects.toMatchObject({
				status: 404
			});
			await decideNomination(trx, actor(admin), c1.schoolId, decision);
			await expect(
				decideNomination(trx, actor(admin), c1.schoolId, decision)
			).rejects.toBeInstanceOf(ConflictError);
			const year = (await primaryClassSummary(trx, c1, 'year')).year!;
			expect(year.tieuBieu).toEqual([
				{ id: good.id, fullName: good.full_name, reason: 'Giải Nhì Toán cấp huyện' }
			]);
			expect(year.awards.map((a) => a.id)).toEqual([best.id]);
			expect((await card(trx, good)).award).toEqual({
				kind: 'tieu_bieu',
				reason: 'Giải Nhì Toán cấp huyện'
			});
			expect((await card(trx, best)).award).toEqual({ kind: 'xuat_sac', reason: null });
			expect((await card(trx, plain)).award).toBeNull();

			// the result falls later: the award is no longer shown, the decision stays stored
			await setResult(trx, good.id, 'hoan_thanh');
			expect((await primaryClassSummary(trx, c1, 'year')).year!.tieuBieu).toEqual([]);
			expect((await classNominations(trx, c1))[0].status).toBe('confirmed');

			const audit = await trx
				.selectFrom('audit_log')
				.select('action')
				.where('entity', '=', 'primary_award_nominations')
				.where('entity_id', '=', String(id))
				.orderBy('id')
				.execute();
			expect(audit.map((a) => a.action)).toEqual([
				'primary.award.nominate',
				'primary.award.nominate',
				'primary.award.decide'
			]);
		});
	});
});
