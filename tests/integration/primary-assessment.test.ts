import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIso } from '../../src/lib/dates';
import { QUALITY_ITEMS } from '../../src/lib/grades/primary';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import {
	primaryClassList,
	primarySubjects,
	type PrimaryClass,
	type PrimarySubject
} from '../../src/lib/server/primary/classes';
import { submitPrimary } from '../../src/lib/server/primary/form';
import { loadChildPrimary } from '../../src/lib/server/primary/parent';
import { saveQualities } from '../../src/lib/server/primary/qualities';
import {
	PrimaryConflictError,
	saveAssessments,
	storedAssessments
} from '../../src/lib/server/primary/save';
import {
	parsePrimaryForm,
	parseQualityForm,
	type PrimaryEntry
} from '../../src/lib/schemas/primary';
import { DomainError } from '../../src/lib/server/errors';
import { connectTestDb, principalOf } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The primary teacher's assessment (Circular 27) on the demo classes of TH&THCS Đông Cuông: saves
 * all or nothing, errors beside the cell, conflicts, locks, audit, e-gradebook use, the stored year
 * result, and what a parent sees. Every test but the concurrent one runs in a rolled-back
 * transaction.
 */
let db: DB;
let close: () => Promise<void>;
let teacher: Principal;
let admin: Principal;
let parent: Principal;
let otherTeacher: Principal;
let otherParent: Principal;
let c1: PrimaryClass;
let c4: PrimaryClass;
let pupils4: number[];
let pupils1: number[];
let subjects4: PrimarySubject[];

const actor = (principal: Principal) => ({ principal, requestId: 'primary-test' });
const pupilsOf = async (classId: number) =>
	(
		await db
			.selectFrom('students')
			.select('id')
			.where('class_id', '=', classId)
			.orderBy('id')
			.execute()
	).map((r) => r.id);

beforeAll(async () => {
	({ db, close } = connectTestDb());
	teacher = await principalOf(db, 'dongcuong.gv@demo.example');
	admin = await principalOf(db, 'dongcuong.admin@demo.example');
	parent = await principalOf(db, 'dongcuong.ph@demo.example');
	otherTeacher = await principalOf(db, 'quangtrung.gv@demo.example');
	otherParent = await principalOf(db, 'quangtrung.ph@demo.example');
	const list = await primaryClassList(db, teacher);
	c1 = list.find((c) => c.name === '1A')!;
	c4 = list.find((c) => c.name === '4A')!;
	pupils4 = await pupilsOf(c4.id);
	pupils1 = await pupilsOf(c1.id);
	subjects4 = await primarySubjects(db, 4, 'end1');
});
afterAll(() => close());

const code = (subjects: PrimarySubject[], c: string) => subjects.find((s) => s.code === c)!.id;

describe('the primary teacher', () => {
	it('lists only their own primary classes; the school admin all; a secondary teacher none', async () => {
		expect((await primaryClassList(db, teacher)).map((c) => c.name)).toEqual(['1A', '4A']);
		expect((await primaryClassList(db, admin)).map((c) => c.name)).toEqual(['1A', '4A', '5A']);
		expect(await primaryClassList(db, otherTeacher)).toEqual([]);
	});

	it('saves levels and test scores, audited, counted as e-gradebook use', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const pupil = pupils4.at(-1)!;
			const tv = code(subjects4, 'TV');
			const dd = code(subjects4, 'DD');
			const { saved } = await saveAssessments(trx, actor(teacher), c4.id, 'end1', [
				{ studentId: pupil, subjectId: tv, level: 'T', testScore: 9, version: 0 },
				{ studentId: pupil, subjectId: dd, level: 'H', version: 0 }
			]);
			expect(saved).toBe(2);
			const stored = await storedAssessments(trx, c4, 'end1', [pupil]);
			expect(stored.get(`${pupil}_${tv}`)).toMatchObject({ level: 'T', testScore: 9, version: 1 });
			const audit = await trx
				.selectFrom('audit_log')
				.select(['action', 'after'])
				.where('action', '=', 'primary.assessment.save')
				.where('entity_id', 'like', `${pupil}:%`)
				.execute();
			expect(audit).toHaveLength(2);
			const use = await trx
				.selectFrom('usage_events as e')
				.innerJoin('platforms as p', 'p.id', 'e.platform_id')
				.select('e.id')
				.where('e.source', '=', 'portal')
				.where('p.code', '=', 'e-gradebook')
				.where('e.source_event_id', '=', `grades:${c4.id}`)
				.execute();
			expect(use).toHaveLength(1);
		});
	});

	it('refuses a test score of 0 or 7.5 and a test where the grade has none, beside the cell, saving nothing', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const pupil = pupils4.at(-1)!;
			const [tv, toan, dd] = ['TV', 'TOAN', 'DD'].map((c) => code(subjects4, c));
			const entries: PrimaryEntry[] = [
				{ studentId: pupil, subjectId: tv, level: 'T', test: '0', version: 0 },
				{ studentId: pupil, subjectId: toan, level: 'T', test: '7,5', version: 0 },
				{ studentId: pupil, subjectId: dd, level: 'H', version: 0 }
			];
			const out = await submitPrimary(trx, actor(teacher), c4, 'end1', entries);
			expect(out.ok).toBe(false);
			if (out.ok) return;
			expect(out.status).toBe(400);
			expect(Object.keys(out.failure.errors).sort()).toEqual(
				[`t_${pupil}_${tv}`, `t_${pupil}_${toan}`].sort()
			);
			expect(out.failure.values[`t_${pupil}_${toan}`]).toBe('7,5');
			const noTest = await submitPrimary(trx, actor(teacher), c4, 'end1', [
				{ studentId: pupil, subjectId: dd, level: 'H', test: '8', version: 0 }
			]);
			expect(noTest.ok).toBe(false);
			if (!noTest.ok) expect(Object.keys(noTest.failure.errors)).toEqual([`t_${pupil}_${dd}`]);
			expect((await storedAssessments(trx, c4, 'end1', [pupil])).size).toBe(0);
		});
	});

	it('refuses a mid-term test in grade 1 and in a grade-4 subject without a mid-term test', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const s1 = await primarySubjects(trx, 1, 'mid1');
			expect(s1.filter((s) => s.tested)).toEqual([]);
			const tv1 = code(s1, 'TV');
			await expect(
				saveAssessments(trx, actor(teacher), c1.id, 'end1', [
					{ studentId: pupils1[0], subjectId: tv1, testScore: 8, version: 0 }
				])
			).resolves.toEqual({ saved: 1 });
			await expect(
				saveAssessments(trx, actor(teacher), c1.id, 'mid2', [
					{ studentId: pupils1[0], subjectId: tv1, testScore: 8, version: 0 }
				])
			).rejects.toMatchObject({ code: 'primary_v_no_test' });
			const s4 = await primarySubjects(trx, 4, 'mid2');
			expect(s4.filter((s) => s.tested).map((s) => s.code)).toEqual(['TV', 'TOAN']);
		});
	});

	it('keeps what was typed and shows the stored value on a version conflict', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const pupil = pupils4[0];
			const tv = code(subjects4, 'TV');
			const stored = (await storedAssessments(trx, c4, 'mid1', [pupil])).get(`${pupil}_${tv}`)!;
			expect(stored.version).toBe(1);
			const typed = stored.level === 'C' ? 'T' : 'C';
			const out = await submitPrimary(trx, actor(teacher), c4, 'mid1', [
				{ studentId: pupil, subjectId: tv, level: typed, version: 0 }
			]);
			expect(out.ok).toBe(false);
			if (out.ok) return;
			expect(out.status).toBe(409);
			expect(out.failure.values[`l_${pupil}_${tv}`]).toBe(typed);
			expect(out.failure.conflicts[`${pupil}_${tv}`]).toContain(stored.level!);
			await expect(
				saveAssessments(trx, actor(teacher), c4.id, 'mid1', [
					{ studentId: pupil, subjectId: tv, level: typed, version: 0 }
				])
			).rejects.toBeInstanceOf(PrimaryConflictError);
		});
	});

	it('refuses every change of a locked checkpoint', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await trx
				.insertInto('grade_checkpoints')
				.values({
					school_id: c4.schoolId,
					school_year_id: c4.schoolYearId,
					checkpoint: 'end1',
					locks_on: addDays(todayIso(), -1)
				})
				.execute();
			const tv = code(subjects4, 'TV');
			await expect(
				saveAssessments(trx, actor(teacher), c4.id, 'end1', [
					{ studentId: pupils4[1], subjectId: tv, level: 'T', version: 0 }
				])
			).rejects.toMatchObject({ code: 'primary_locked' });
			await expect(
				saveQualities(trx, actor(teacher), c4.id, 'end1', [
					{ studentId: pupils4[1], item: 'nhan_ai', level: 'tot', version: 0 }
				])
			).rejects.toBeInstanceOf(DomainError);
		});
	});

	it('recomputes the stored year result in the same transaction as its inputs', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const pupil = pupils1[0];
			const s1 = await primarySubjects(trx, 1, 'year');
			await saveAssessments(
				trx,
				actor(teacher),
				c1.id,
				'year',
				s1.map((s) => ({
					studentId: pupil,
					subjectId: s.id,
					level: 'T' as const,
					testScore: s.tested ? 10 : undefined,
					version: 0
				}))
			);
			const result = () =>
				trx
					.selectFrom('primary_year_results')
					.select(['result', 'missing'])
					.where('student_id', '=', pupil)
					.executeTakeFirstOrThrow();
			expect(await result()).toEqual({ result: null, missing: QUALITY_ITEMS.length });
			await saveQualities(
				trx,
				actor(teacher),
				c1.id,
				'year',
				QUALITY_ITEMS.map((item) => ({ studentId: pupil, item, level: 'tot' as const, version: 0 }))
			);
			expect(await result()).toEqual({ result: 'xuat_sac', missing: 0 });
			// Circular 27, Art. 9(2): a year test of 8 is no longer Xuất sắc but Hoàn thành tốt
			await saveAssessments(trx, actor(teacher), c1.id, 'year', [
				{ studentId: pupil, subjectId: code(s1, 'TOAN'), testScore: 8, version: 1 }
			]);
			expect(await result()).toEqual({ result: 'tot', missing: 0 });
			await saveQualities(trx, actor(teacher), c1.id, 'year', [
				{ studentId: pupil, item: 'cham_chi', level: 'can_co_gang', version: 1 }
			]);
			expect(await result()).toEqual({ result: 'chua_hoan_thanh', missing: 0 });
			// two ratings cleared in one save (one delete statement): the year result waits again
			await saveQualities(trx, actor(teacher), c1.id, 'year', [
				{ studentId: pupil, item: 'cham_chi', level: null, version: 2 },
				{ studentId: pupil, item: QUALITY_ITEMS[0], level: null, version: 1 }
			]);
			const left = await trx
				.selectFrom('primary_qualities')
				.select('item')
				.where('student_id', '=', pupil)
				.where('checkpoint', '=', 'year')
				.execute();
			expect(left).toHaveLength(QUALITY_ITEMS.length - 2);
			expect(left.map((r) => r.item)).not.toContain('cham_chi');
			expect(await result()).toEqual({ result: null, missing: 2 });
		});
	});
});

describe('scope', () => {
	it('answers 404 to a teacher of another school and for a pupil of another class', async () => {
		const tv = code(subjects4, 'TV');
		await inRolledBackTransaction(db, async (trx) => {
			await expect(
				saveAssessments(trx, actor(otherTeacher), c4.id, 'end1', [
					{ studentId: pupils4[0], subjectId: tv, level: 'T', version: 0 }
				])
			).rejects.toMatchObject({ status: 404 });
			await expect(
				saveAssessments(trx, actor(teacher), c4.id, 'end1', [
					{ studentId: pupils1[0], subjectId: tv, level: 'T', version: 0 }
				])
			).rejects.toMatchObject({ code: 'grades_pupil_not_in_class' });
		});
	});

	it('shows the parent only their child’s published checkpoints; another family gets 404', async () => {
		const own = pupils4[0];
		const seen = await loadChildPrimary(db, parent, own);
		expect(seen!.checkpoints.map((c) => c.checkpoint)).toEqual(['mid1']);
		expect(seen!.checkpoints[0].subjects.find((s) => s.tested)?.testScore).toBeGreaterThan(0);
		expect(Object.keys(seen!.checkpoints[0].qualities)).toHaveLength(QUALITY_ITEMS.length);
		expect(seen!.yearResult).toBeNull();
		await expect(loadChildPrimary(db, parent, pupils4[1])).rejects.toMatchObject({ status: 404 });
		await expect(loadChildPrimary(db, otherParent, own)).rejects.toMatchObject({ status: 404 });
	});
});

describe('hostile input', () => {
	it('refuses forms that are not the grid’s (NUL, 100k strings, huge numbers, unknown fields)', () => {
		expect(parsePrimaryForm({ l_1_2: 'T\u0000' })).toBeNull();
		expect(parsePrimaryForm({ 'l_1_2\u0000': 'T', v_1_2: '0' })).toBeNull();
		expect(parsePrimaryForm({ t_1_2: 'x'.repeat(100_000), v_1_2: '0' })).toBeNull();
		expect(parsePrimaryForm({ l_1_2: 'T', v_1_2: '1e309' })).toBeNull();
		expect(parsePrimaryForm({ l_99999999999_2: 'T', v_99999999999_2: '0' })).toBeNull();
		expect(parsePrimaryForm({ l_1_2: 'T' })).toBeNull();
		expect(parsePrimaryForm({ other: '1' })).toBeNull();
		expect(parsePrimaryForm({})).toBeNull();
		expect(parseQualityForm({ q_1_hacker: 'tot', v_1_hacker: '0' })).toBeNull();
		expect(parseQualityForm({ q_1_nhan_ai: 'excellent', v_1_nhan_ai: '0' })).toBeNull();
		expect(parsePrimaryForm({ l_1_2: 'T', t_1_2: '99999999999999999999', v_1_2: '0' })).toEqual([
			{ studentId: 1, subjectId: 2, level: 'T', test: '99999999999999999999', version: 0 }
		]);
	});

	it('answers a huge score and control characters in a comment beside the cell', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const pupil = pupils4.at(-1)!;
			const tv = code(subjects4, 'TV');
			const out = await submitPrimary(trx, actor(teacher), c4, 'end1', [
				{
					studentId: pupil,
					subjectId: tv,
					test: '99999999999999999999',
					comment: 'a\u0007b',
					version: 0
				}
			]);
			expect(out.ok).toBe(false);
			if (!out.ok)
				expect(Object.keys(out.failure.errors).sort()).toEqual([
					`c_${pupil}_${tv}`,
					`t_${pupil}_${tv}`
				]);
		});
	});

	it('lets one of two concurrent first saves of a cell win; the other is a conflict', async () => {
		const pupil = pupils4.at(-2)!;
		const kh = code(subjects4, 'KH');
		const save = (level: 'T' | 'H') =>
			saveAssessments(db, actor(teacher), c4.id, 'end1', [
				{ studentId: pupil, subjectId: kh, level, version: 0 }
			]);
		try {
			const outcomes = await Promise.allSettled([save('T'), save('H')]);
			expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
			const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
			expect(refused.reason).toBeInstanceOf(Error);
			expect(String(refused.reason.constructor.name)).toMatch(/Conflict/);
			const audit = await db
				.selectFrom('audit_log')
				.select('id')
				.where('entity_id', '=', `${pupil}:${c4.schoolYearId}:${kh}:end1`)
				.execute();
			expect(audit).toHaveLength(1);
		} finally {
			await db
				.deleteFrom('primary_assessments')
				.where('student_id', '=', pupil)
				.where('checkpoint', '=', 'end1')
				.where('subject_id', '=', kh)
				.execute();
		}
	});
});
