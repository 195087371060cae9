import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import type { SchoolLevel } from '../../src/lib/server/db/schema';
import { ConflictError } from '../../src/lib/server/errors';
import { decidePromotion, schoolDecisions } from '../../src/lib/server/primary/promotion-decisions';
import { primaryClassSummary } from '../../src/lib/server/primary/summary';
import {
	commitRollover,
	rolloverPlan,
	rolloverTargets
} from '../../src/lib/server/roster/rollover';
import { DEMO_SCHOOL_NAME } from '../../src/lib/server/seed/rollout-plan';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction, runId } from '../helpers/usage';

/**
 * Issue 11, session 12: the principal's decision for a primary pupil at Chưa hoàn thành (Circular
 * 27, Art. 11) and a class of their own for individual pupils in the year rollover. Every test
 * builds its own classes of the finished year 2025-2026 and of the current year, inside a
 * transaction that is rolled back (the shared database sees nothing).
 */
let db: DB;
let close: () => Promise<void>;
let dc: number;
let dcLevel: SchoolLevel;
let qt: number;
let dcAdmin: Principal;
let qtAdmin: Principal;
let lastYear: number;
let thisYear: number;

beforeAll(async () => {
	({ db, close } = connectTestDb());
	dc = await schoolIdByName(db, DEMO_SCHOOL_NAME);
	qt = await schoolIdByName(db, QUANG_TRUNG);
	dcLevel = (
		await db.selectFrom('schools').select('level').where('id', '=', dc).executeTakeFirstOrThrow()
	).level;
	dcAdmin = await principalOf(db, 'dongcuong.admin@demo.example');
	qtAdmin = await principalOf(db, 'quangtrung.admin@demo.example');
	const years = await db.selectFrom('school_years').select(['id', 'name']).execute();
	lastYear = years.find((y) => y.name === '2025-2026')!.id;
	thisYear = years.find((y) => y.name === '2026-2027')!.id;
});
afterAll(() => close());

async function newClass(q: DB, schoolId: number, yearId: number, grade: number, tag: string) {
	return q
		.insertInto('classes')
		.values({ school_id: schoolId, school_year_id: yearId, grade, name: `YA${grade}-${tag}` })
		.returning(['id', 'name'])
		.executeTakeFirstOrThrow();
}

async function pupilsIn(q: DB, schoolId: number, classId: number, names: string[], tag: string) {
	const ids: number[] = [];
	for (const [i, name] of names.entries()) {
		const st = await q
			.insertInto('students')
			.values({ school_id: schoolId, class_id: classId, code: `YA${i}-${tag}`, full_name: name })
			.returning('id')
			.executeTakeFirstOrThrow();
		ids.push(st.id);
	}
	return ids;
}

describe("the principal's decision at Chưa hoàn thành", () => {
	it('is recorded with a note, versioned, audited, and moves the pupil at the rollover', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const tag = runId();
			const cls = await newClass(trx, dc, lastYear, 3, `${tag}o`);
			const [an, binh, chi] = await pupilsIn(trx, dc, cls.id, ['An', 'Bình', 'Chi'], tag);
			await trx
				.insertInto('primary_year_results')
				.values(
					(
						[
							[an, 'chua_hoan_thanh'],
							[binh, 'chua_hoan_thanh'],
							[chi, 'hoan_thanh']
						] as const
					).map(([id, result]) => ({
						school_id: dc,
						class_id: cls.id,
						student_id: id,
						school_year_id: lastYear,
						result
					}))
				)
				.execute();
			const school = { id: dc, level: dcLevel };
			const before = await rolloverPlan(trx, school, cls.id);
			expect(before.pupils.map((p) => [p.fullName, p.move, p.reason])).toEqual([
				['An', 'undecided', 'principal_decides'],
				['Bình', 'undecided', 'principal_decides'],
				['Chi', 'promote', null]
			]);
			const actor = { principal: dcAdmin, requestId: 'year-admin-decision-test' };
			const input = {
				studentId: an,
				yearId: lastYear,
				version: 0,
				decision: 'repeat' as const,
				note: 'Chưa đạt Toán sau hè'
			};
			await decidePromotion(trx, actor, dc, input);
			// the same form again (version 0) is stale now
			await expect(decidePromotion(trx, actor, dc, input)).rejects.toBeInstanceOf(ConflictError);
			// a pupil who completed the grade, another school, another school's admin: 404
			for (const call of [
				() => decidePromotion(trx, actor, dc, { ...input, studentId: chi }),
				() => decidePromotion(trx, actor, dc, { ...input, yearId: thisYear }),
				() => decidePromotion(trx, { principal: qtAdmin }, dc, input),
				() => decidePromotion(trx, { principal: qtAdmin }, qt, input),
				() => decidePromotion(trx, actor, dc, { ...input, studentId: 2_147_483_647 })
			])
				await expect(call()).rejects.toMatchObject({ status: 404 });
			const listed = (await schoolDecisions(trx, dc)).filter((r) => r.classId === cls.id);
			expect(listed.map((r) => [r.fullName, r.decision, r.version])).toEqual([
				['An', 'repeat', 1],
				['Bình', null, 0]
			]);
			const audit = await trx
				.selectFrom('audit_log')
				.select(['entity_id', 'after'])
				.where('action', '=', 'primary.promotion.decide')
				.where('request_id', '=', 'year-admin-decision-test')
				.execute();
			expect(audit).toHaveLength(1);
			expect(audit[0].entity_id).toBe(String(an));

			// the class summary of that year lists both, with the decision or pending
			const summary = await primaryClassSummary(
				trx,
				{
					id: cls.id,
					name: cls.name,
					grade: 3,
					schoolId: dc,
					schoolName: DEMO_SCHOOL_NAME,
					schoolYearId: lastYear,
					schoolYear: '2025-2026'
				},
				'year'
			);
			expect(summary.year!.notCompleted.map((p) => [p.fullName, p.decision])).toEqual([
				['An', 'repeat'],
				['Bình', null]
			]);

			// the rollover repeats An, promotes Chi, and leaves Bình pending (not moved)
			const plan = await rolloverPlan(trx, school, cls.id);
			expect(plan.pupils.map((p) => [p.fullName, p.move])).toEqual([
				['An', 'repeat'],
				['Bình', 'undecided'],
				['Chi', 'promote']
			]);
			expect(plan.signature).not.toBe(before.signature);
			const three = await newClass(trx, dc, thisYear, 3, `${tag}r`);
			const four = await newClass(trx, dc, thisYear, 4, `${tag}p`);
			const { moved } = await commitRollover(trx, actor, dc, {
				classId: cls.id,
				signature: plan.signature,
				promoteTo: four.id,
				promoteNew: null,
				repeatTo: three.id,
				repeatNew: null
			});
			expect(moved).toBe(2);
			const now = await trx
				.selectFrom('students')
				.select(['id', 'class_id'])
				.where('id', 'in', [an, binh, chi])
				.orderBy('id')
				.execute();
			expect(now.map((s) => s.class_id)).toEqual([three.id, cls.id, four.id]);
		});
	});
});

describe('a class of their own for one pupil', () => {
	async function finishedEight(trx: DB, tag: string) {
		const cls = await newClass(trx, qt, lastYear, 8, `${tag}o`);
		const ids = await pupilsIn(trx, qt, cls.id, ['An', 'Bình', 'Chi'], tag);
		const decisions = ['promoted', 'repeat', 'promoted'] as const;
		await trx
			.insertInto('grade_year_summaries')
			.values(
				ids.map((id, i) => ({
					school_id: qt,
					class_id: cls.id,
					student_id: id,
					school_year_id: lastYear,
					decision: decisions[i],
					retest_subject_ids: [],
					updated_at: new Date()
				}))
			)
			.execute();
		return { cls, ids };
	}
	const school = () => ({ id: qt, level: 'THCS' as const });

	it('moves that pupil there and the others to their side’s class, audited per pupil', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const tag = runId();
			const { cls, ids } = await finishedEight(trx, tag);
			const [an, binh, chi] = ids;
			const nine1 = await newClass(trx, qt, thisYear, 9, `${tag}a`);
			const nine2 = await newClass(trx, qt, thisYear, 9, `${tag}b`);
			const eight = await newClass(trx, qt, thisYear, 8, `${tag}r`);
			const plan = await rolloverPlan(trx, school(), cls.id);
			const actor = { principal: qtAdmin, requestId: 'year-admin-own-class-test' };
			const input = {
				classId: cls.id,
				signature: plan.signature,
				promoteTo: nine1.id,
				promoteNew: null,
				repeatTo: null,
				repeatNew: null
			};
			// Bình repeats: his own class replaces the repeaters' side, which is then not needed
			const own = new Map([
				[chi, nine2.id],
				[binh, eight.id]
			]);
			const { moved } = await commitRollover(trx, actor, qt, input, own);
			expect(moved).toBe(3);
			const now = await trx
				.selectFrom('students')
				.select(['id', 'class_id'])
				.where('id', 'in', ids)
				.orderBy('id')
				.execute();
			expect(now.map((s) => s.class_id)).toEqual([nine1.id, eight.id, nine2.id]);
			const audit = await trx
				.selectFrom('audit_log')
				.select(['action', 'entity_id', 'after'])
				.where('request_id', '=', 'year-admin-own-class-test')
				.where('action', '=', 'student.rollover')
				.orderBy('entity_id')
				.execute();
			const classOf = (id: number) =>
				(audit.find((a) => a.entity_id === String(id))!.after as { class_id: number }).class_id;
			expect([an, binh, chi].map(classOf)).toEqual([nine1.id, eight.id, nine2.id]);
		});
	});

	it('refuses a wrong grade, another school’s or year’s class and a stranger beside the pupil', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const tag = runId();
			const { cls, ids } = await finishedEight(trx, tag);
			const [an, binh] = ids;
			const nine = await newClass(trx, qt, thisYear, 9, `${tag}a`);
			const eight = await newClass(trx, qt, thisYear, 8, `${tag}r`);
			const ntt = await trx
				.selectFrom('classes')
				.select('id')
				.where('school_id', '!=', qt)
				.where('school_year_id', '=', thisYear)
				.executeTakeFirstOrThrow();
			const plan = await rolloverPlan(trx, school(), cls.id);
			const sides = { promoteTo: nine.id, promoteNew: null, repeatTo: eight.id, repeatNew: null };
			const refused = (own: Map<number, number>) =>
				rolloverTargets(trx, plan, sides, own).then(
					() => null,
					(e) => [e.field, e.code]
				);
			expect(await refused(new Map([[an, eight.id]]))).toEqual([
				`t_${an}`,
				'rollover_pupil_target_grade'
			]);
			expect(await refused(new Map([[binh, nine.id]]))).toEqual([
				`t_${binh}`,
				'rollover_pupil_target_grade'
			]);
			expect(await refused(new Map([[an, ntt.id]]))).toEqual([
				`t_${an}`,
				'rollover_pupil_target_wrong'
			]);
			expect(await refused(new Map([[an, cls.id]]))).toEqual([
				`t_${an}`,
				'rollover_pupil_target_wrong'
			]);
			expect(await refused(new Map([[2_147_483_647, nine.id]]))).toEqual([
				't_2147483647',
				'rollover_pupil_unknown'
			]);
			expect(await refused(new Map([[an, nine.id]]))).toBeNull();
			// the commit refuses the same, and nothing moves
			await expect(
				commitRollover(
					trx,
					{ principal: qtAdmin },
					qt,
					{ ...sides, classId: cls.id, signature: plan.signature },
					new Map([[an, ntt.id]])
				)
			).rejects.toMatchObject({ code: 'rollover_pupil_target_wrong' });
			const still = await trx
				.selectFrom('students')
				.select('class_id')
				.where('id', 'in', ids)
				.execute();
			expect(still.every((s) => s.class_id === cls.id)).toBe(true);
		});
	});
});
