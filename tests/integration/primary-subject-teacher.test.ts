import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIso } from '../../src/lib/dates';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { primarySubjects } from '../../src/lib/server/primary/classes';
import { submitPrimary } from '../../src/lib/server/primary/form';
import { PrimaryConflictError, saveAssessments } from '../../src/lib/server/primary/save';
import {
	loadSubjectGrid,
	requireTaughtPrimary,
	saveSubjectAssessments,
	taughtPrimaryList,
	type TaughtPrimary
} from '../../src/lib/server/primary/subject-teacher';
import { connectTestDb, principalOf } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * A subject teacher's primary entry (Circular 27): the demo primary teacher of TH&THCS Đông Cuông
 * also teaches Tiếng Anh (Ngoại ngữ 1) in 5A, a class they do not keep. They enter that subject's
 * levels, tests and comments, never 5A's other subjects; versions, locks, audit as the homeroom's
 * save. Every write runs in a rolled-back transaction but the concurrent one, which cleans up.
 */
let db: DB;
let close: () => Promise<void>;
let teacher: Principal;
let admin: Principal;
let otherTeacher: Principal;
let taught: TaughtPrimary;
let pupils: number[];
let tv: number;

const actor = (principal: Principal) => ({ principal, requestId: 'primary-subject-test' });

beforeAll(async () => {
	({ db, close } = connectTestDb());
	teacher = await principalOf(db, 'dongcuong.gv@demo.example');
	admin = await principalOf(db, 'dongcuong.admin@demo.example');
	otherTeacher = await principalOf(db, 'quangtrung.gv@demo.example');
	[taught] = await taughtPrimaryList(db, teacher);
	pupils = (
		await db
			.selectFrom('students')
			.select('id')
			.where('class_id', '=', taught.id)
			.orderBy('id')
			.execute()
	).map((r) => r.id);
	tv = (await primarySubjects(db, 5, 'end1')).find((s) => s.code === 'TV')!.id;
});
afterAll(() => close());

const save = (
	db: DB,
	who: Principal,
	changes: Parameters<typeof saveSubjectAssessments>[5],
	checkpoint: 'mid1' | 'end1' = 'end1',
	subjectId = taught.subjectId,
	classId = taught.id
) => saveSubjectAssessments(db, actor(who), classId, subjectId, checkpoint, changes);

describe('the subject teacher of a primary class', () => {
	it('lists only the primary subjects they teach by assignment', async () => {
		const list = await taughtPrimaryList(db, teacher);
		expect(list.map((t) => `${t.name} ${t.subjectVi}`)).toEqual(['5A Ngoại ngữ 1']);
		expect(await taughtPrimaryList(db, admin)).toEqual([]);
		expect(
			(await taughtPrimaryList(db, otherTeacher)).filter((t) => t.schoolId === taught.schoolId)
		).toEqual([]);
	});

	it('shows only their subject’s cells; a test only where grade 5 has one', async () => {
		const end = await loadSubjectGrid(db, taught, 'end1');
		expect(end.subject.id).toBe(taught.subjectId);
		expect(end.subject.tested).toBe(true);
		expect(Object.keys(end.cells).every((k) => k.endsWith(`_${taught.subjectId}`))).toBe(true);
		expect(end.pupils.map((p) => p.id).sort((a, b) => a - b)).toEqual(pupils);
		expect((await loadSubjectGrid(db, taught, 'mid1')).subject.tested).toBe(false);
	});

	it('saves a level, test score and comment, audited and counted as e-gradebook use', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const pupil = pupils[0];
			const { saved } = await save(trx, teacher, [
				{
					studentId: pupil,
					subjectId: taught.subjectId,
					level: 'T',
					testScore: 9,
					comment: 'Phát âm tốt.',
					version: 0
				}
			]);
			expect(saved).toBe(1);
			const row = await trx
				.selectFrom('primary_assessments')
				.select(['level', 'test_score', 'comment', 'version', 'updated_by'])
				.where('student_id', '=', pupil)
				.where('subject_id', '=', taught.subjectId)
				.where('checkpoint', '=', 'end1')
				.executeTakeFirstOrThrow();
			expect(row).toEqual({
				level: 'T',
				test_score: 9,
				comment: 'Phát âm tốt.',
				version: 1,
				updated_by: teacher.userId
			});
			const audit = await trx
				.selectFrom('audit_log')
				.select('actor_user_id')
				.where('action', '=', 'primary.assessment.save')
				.where('entity_id', '=', `${pupil}:${taught.schoolYearId}:${taught.subjectId}:end1`)
				.execute();
			expect(audit).toEqual([{ actor_user_id: teacher.userId }]);
			const use = await trx
				.selectFrom('usage_events')
				.select('id')
				.where('source', '=', 'portal')
				.where('source_event_id', '=', `grades:${taught.id}`)
				.execute();
			expect(use).toHaveLength(1);
		});
	});

	it('refuses a cell of another subject of the class beside it, saving nothing', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await expect(
				save(trx, teacher, [
					{ studentId: pupils[0], subjectId: taught.subjectId, level: 'T', version: 0 },
					{ studentId: pupils[0], subjectId: tv, level: 'T', version: 0 }
				])
			).rejects.toMatchObject({ code: 'primary_v_subject', field: `${pupils[0]}_${tv}` });
			const rows = await trx
				.selectFrom('primary_assessments')
				.select('subject_id')
				.where('class_id', '=', taught.id)
				.where('checkpoint', '=', 'end1')
				.execute();
			expect(rows).toEqual([]);
		});
	});

	it('answers 404 for another subject, another class, another teacher', async () => {
		await expect(requireTaughtPrimary(db, teacher, taught.id, tv)).rejects.toMatchObject({
			status: 404
		});
		await expect(
			save(
				db,
				teacher,
				[{ studentId: pupils[0], subjectId: tv, level: 'T', version: 0 }],
				'end1',
				tv
			)
		).rejects.toMatchObject({ status: 404 });
		const own4A = await db
			.selectFrom('classes')
			.select('id')
			.where('school_id', '=', taught.schoolId)
			.where('name', '=', '4A')
			.executeTakeFirstOrThrow();
		await expect(
			requireTaughtPrimary(db, teacher, own4A.id, taught.subjectId)
		).rejects.toMatchObject({ status: 404 });
		await expect(
			requireTaughtPrimary(db, otherTeacher, taught.id, taught.subjectId)
		).rejects.toMatchObject({ status: 404 });
		await expect(
			requireTaughtPrimary(db, admin, taught.id, taught.subjectId)
		).rejects.toMatchObject({ status: 404 });
		// the subject teacher does not keep 5A: its homeroom grid stays closed to them
		await expect(
			saveAssessments(db, actor(teacher), taught.id, 'end1', [
				{ studentId: pupils[0], subjectId: taught.subjectId, level: 'T', version: 0 }
			])
		).rejects.toMatchObject({ status: 404 });
	});

	it('is a conflict when the admin saved the cell since it was loaded', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const cell = { studentId: pupils[1], subjectId: taught.subjectId };
			await saveAssessments(trx, actor(admin), taught.id, 'end1', [
				{ ...cell, level: 'H', version: 0 }
			]);
			const refused = save(trx, teacher, [{ ...cell, level: 'T', version: 0 }]);
			await expect(refused).rejects.toBeInstanceOf(PrimaryConflictError);
			await expect(refused).rejects.toMatchObject({ cells: [{ ...cell, level: 'H', version: 1 }] });
		});
	});

	it('refuses a mid-term test (grade 5 tests English at the end only) and a locked checkpoint', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await expect(
				save(
					trx,
					teacher,
					[{ studentId: pupils[0], subjectId: taught.subjectId, testScore: 8, version: 0 }],
					'mid1'
				)
			).rejects.toMatchObject({ code: 'primary_v_no_test' });
			await trx
				.insertInto('grade_checkpoints')
				.values({
					school_id: taught.schoolId,
					school_year_id: taught.schoolYearId,
					checkpoint: 'end1',
					locks_on: addDays(todayIso(), -1)
				})
				.onConflict((oc) =>
					oc
						.columns(['school_id', 'school_year_id', 'checkpoint'])
						.doUpdateSet({ locks_on: addDays(todayIso(), -1) })
				)
				.execute();
			await expect(
				save(trx, teacher, [
					{ studentId: pupils[0], subjectId: taught.subjectId, level: 'T', version: 0 }
				])
			).rejects.toMatchObject({ code: 'primary_locked' });
		});
	});
});

describe('hostile input', () => {
	it('answers a 0, a decimal, a huge score and control characters beside the cells', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const key = (p: number) => `${p}_${taught.subjectId}`;
			const out = await submitPrimary(
				trx,
				actor(teacher),
				taught,
				'end1',
				[
					{ studentId: pupils[0], subjectId: taught.subjectId, test: '0', version: 0 },
					{ studentId: pupils[1], subjectId: taught.subjectId, test: '7.5', version: 0 },
					{
						studentId: pupils[2],
						subjectId: taught.subjectId,
						test: '9'.repeat(25),
						comment: 'a\u0000b',
						version: 0
					}
				],
				(changes) =>
					saveSubjectAssessments(trx, actor(teacher), taught.id, taught.subjectId, 'end1', changes)
			);
			expect(out.ok).toBe(false);
			if (!out.ok) {
				expect(out.status).toBe(400);
				expect(Object.keys(out.failure.errors).sort()).toEqual(
					[
						`c_${key(pupils[2])}`,
						`t_${key(pupils[0])}`,
						`t_${key(pupils[1])}`,
						`t_${key(pupils[2])}`
					].sort()
				);
			}
		});
	});

	it('lets one of two concurrent first saves win; the other is a conflict', async () => {
		const cell = { studentId: pupils.at(-1)!, subjectId: taught.subjectId };
		try {
			const outcomes = await Promise.allSettled([
				save(db, teacher, [{ ...cell, level: 'T', version: 0 }]),
				save(db, teacher, [{ ...cell, level: 'H', version: 0 }])
			]);
			expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
			const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
			expect(String(refused.reason.constructor.name)).toMatch(/Conflict/);
		} finally {
			await db
				.deleteFrom('primary_assessments')
				.where('student_id', '=', cell.studentId)
				.where('subject_id', '=', cell.subjectId)
				.execute();
		}
	});
});
