import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { DomainError } from '../../src/lib/server/errors';
import { errorText } from '../../src/lib/i18n/errors';
import { loadTestPlan, saveTestPlan } from '../../src/lib/server/primary/test-plan-admin';
import { connectTestDb, principalOf } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * A periodic test taken out of the school's table while scores of it are stored (the seeded 4A
 * has mid-term I scores in Toán) is refused, naming the subject, the grade and how many scores;
 * nothing is saved. Once the scores are cleared, or for a test without scores, it goes through.
 */
let db: DB;
let close: () => Promise<void>;
let admin: Principal;
let schoolId: number;

const actor = (principal: Principal) => ({ principal, requestId: 'primary-test-plan-scores' });

beforeAll(async () => {
	({ db, close } = connectTestDb());
	admin = await principalOf(db, 'dongcuong.admin@demo.example');
	schoolId = (
		await db
			.selectFrom('staff')
			.innerJoin('users', 'users.id', 'staff.user_id')
			.select('staff.school_id')
			.where('users.email', '=', 'dongcuong.gv@demo.example')
			.executeTakeFirstOrThrow()
	).school_id;
});
afterAll(() => close());

async function mathScores(trx: DB, subjectId: number, checkpoints: string[]) {
	const row = await trx
		.selectFrom('primary_assessments as pa')
		.innerJoin('classes as c', 'c.id', 'pa.class_id')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('pa.school_id', '=', schoolId)
		.where('c.grade', '=', 4)
		.where('pa.subject_id', '=', subjectId)
		.where('pa.test_score', 'is not', null)
		.where('pa.checkpoint', 'in', checkpoints as never)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

describe('removing a periodic test that has scores', () => {
	it('is refused with the count, and allowed once the scores are cleared', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const toan = (await loadTestPlan(trx, admin, schoolId)).rows.find(
				(r) => r.grade === 4 && r.code === 'TOAN'
			)!;
			expect(toan).toMatchObject({ atEnd: true, atMid: true, version: 0 });
			const count = await mathScores(trx, toan.subjectId, ['mid1', 'mid2']);
			expect(count).toBeGreaterThan(0);
			const removeMid = {
				grade: 4,
				subjectId: toan.subjectId,
				atEnd: true,
				atMid: false,
				version: 0
			};
			const err = await saveTestPlan(trx, actor(admin), schoolId, [removeMid]).catch((e) => e);
			expect(err).toBeInstanceOf(DomainError);
			expect(err).toMatchObject({
				code: 'primary_test_remove_has_scores',
				params: { count, grade: 4, test: 'mid', subjectVi: 'Toán' }
			});
			expect(errorText(err.code, err.params)).toContain(String(count));
			expect(errorText(err.code, err.params)).toContain('Toán');
			// nothing saved
			expect(
				(await loadTestPlan(trx, admin, schoolId)).rows.find(
					(r) => r.grade === 4 && r.code === 'TOAN'
				)
			).toMatchObject({ atMid: true, version: 0 });

			// the end-of-term test has its own scores (end of term I of half of 4A)
			const endCount = await mathScores(trx, toan.subjectId, ['end1', 'year']);
			const removeEnd = { ...removeMid, atEnd: false, atMid: true };
			if (endCount > 0)
				await expect(saveTestPlan(trx, actor(admin), schoolId, [removeEnd])).rejects.toMatchObject({
					params: { count: endCount, test: 'end' }
				});

			// the teachers clear the mid-term scores: the removal goes through
			await trx
				.updateTable('primary_assessments')
				.set({ test_score: null })
				.where('school_id', '=', schoolId)
				.where('subject_id', '=', toan.subjectId)
				.where('checkpoint', 'in', ['mid1', 'mid2'])
				.execute();
			expect(await saveTestPlan(trx, actor(admin), schoolId, [removeMid])).toEqual({ saved: 1 });
		});
	});

	it('lets a test without any score go at once', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const nn1 = (await loadTestPlan(trx, admin, schoolId)).rows.find(
				(r) => r.grade === 3 && r.code === 'NN1'
			)!;
			expect(
				await saveTestPlan(trx, actor(admin), schoolId, [
					{ grade: 3, subjectId: nn1.subjectId, atEnd: false, atMid: false, version: 0 }
				])
			).toEqual({ saved: 1 });
		});
	});
});
