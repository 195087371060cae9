import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIso } from '../../src/lib/dates';
import type { Checkpoint } from '../../src/lib/grades/checkpoints';
import { semesterAverage } from '../../src/lib/grades/secondary';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { loadCheckpoints, saveCheckpoint } from '../../src/lib/server/grades/checkpoints';
import { decideCorrection, requestCorrection } from '../../src/lib/server/grades/corrections';
import { loadGradebook } from '../../src/lib/server/grades/gradebook';
import { loadChildGrades } from '../../src/lib/server/grades/parent';
import { checkpointProgress, publishCheckpoint } from '../../src/lib/server/grades/publication';
import { saveCells, type CellChange } from '../../src/lib/server/grades/service';
import { listParentChildren } from '../../src/lib/server/org/people';
import { ConflictError, DomainError } from '../../src/lib/server/errors';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { scoredGradebooks, type GradebookPick } from '../helpers/grades';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * Checkpoints, locks, publication and corrections. Every test runs in a rolled-back transaction:
 * a lock or a publication of the demo school must never reach the tests that run beside these.
 */
let db: DB;
let close: () => Promise<void>;
let picks: GradebookPick[];
let schoolId: number;
let admin: Principal;
const ADMIN = 'quangtrung.admin@demo.example';
const PARENT = 'quangtrung.ph@demo.example';
const today = todayIso();

beforeAll(async () => {
	({ db, close } = connectTestDb());
	picks = await scoredGradebooks(db, QUANG_TRUNG);
	schoolId = await schoolIdByName(db, QUANG_TRUNG);
	admin = await principalOf(db, ADMIN);
});
afterAll(() => close());

const actor = (principal: Principal) => ({ principal, requestId: 'checkpoints-test' });
const ids = (g: GradebookPick) => [g.classId, g.subjectId, g.semesterId] as const;
const cell = (studentId: number, column: string, value: number | null): CellChange => ({
	studentId,
	column,
	value,
	state: 'value',
	version: 0
});

async function lock(trx: DB, checkpoint: Checkpoint, extra: { opensOn?: string } = {}) {
	const { checkpoints } = await loadCheckpoints(trx, schoolId);
	const current = checkpoints.find((c) => c.checkpoint === checkpoint)!;
	await saveCheckpoint(trx, actor(admin), schoolId, {
		checkpoint,
		opensOn: extra.opensOn ?? null,
		closesOn: null,
		locksOn: extra.opensOn ? null : today,
		version: current.version
	});
}

/** Gradebooks from the end of the list: grades-gradebook.test.ts writes the first ones. */
async function book(trx: DB, index: number) {
	const g = picks[picks.length - 1 - index];
	const teacher = await principalOf(trx, g.teacherEmail);
	const loaded = await loadGradebook(trx, teacher, ...ids(g));
	return { g, teacher, pupil: loaded.rows[0].id, loaded };
}

describe('checkpoint dates', () => {
	it('are saved with a version, audited, and refused out of order or stale', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await saveCheckpoint(trx, actor(admin), schoolId, {
				checkpoint: 'mid2',
				opensOn: '2027-03-01',
				closesOn: '2027-03-14',
				locksOn: '2027-03-20',
				version: 0
			});
			const { checkpoints } = await loadCheckpoints(trx, schoolId, '2027-03-15');
			expect(checkpoints.find((c) => c.checkpoint === 'mid2')).toMatchObject({
				opensOn: '2027-03-01',
				locksOn: '2027-03-20',
				version: 1,
				state: 'late'
			});
			const audit = await trx
				.selectFrom('audit_log')
				.select(['before', 'after'])
				.where('action', '=', 'grades.checkpoint.save')
				.where('school_id', '=', schoolId)
				.execute();
			expect(audit.at(-1)?.after).toMatchObject({ locksOn: '2027-03-20' });
			const again = (version: number, locksOn: string) =>
				saveCheckpoint(trx, actor(admin), schoolId, {
					checkpoint: 'mid2',
					opensOn: '2027-03-01',
					closesOn: '2027-03-14',
					locksOn,
					version
				});
			await expect(again(0, '2027-03-20')).rejects.toBeInstanceOf(ConflictError);
			await expect(again(1, '2027-03-13')).rejects.toMatchObject({
				code: 'grades_locks_before_closes',
				field: 'locksOn'
			});
		});
	});

	it('are the admin’s of this school only (404 for another school’s admin and for a teacher)', async () => {
		const other = await principalOf(db, 'nguyentatthanh.admin@demo.example');
		const teacher = await principalOf(db, picks[0].teacherEmail);
		for (const who of [other, teacher]) {
			await expect(
				saveCheckpoint(db, actor(who), schoolId, {
					checkpoint: 'mid1',
					opensOn: null,
					closesOn: null,
					locksOn: null,
					version: 0
				})
			).rejects.toMatchObject({ status: 404 });
		}
	});
});

describe('locks and windows in the gradebook', () => {
	it('after the year lock every cell of semester II is refused with a clear error, nothing saved', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher, pupil } = await book(trx, 0);
			await lock(trx, 'year');
			const loaded = await loadGradebook(trx, teacher, ...ids(g));
			expect(Object.values(loaded.entry).every((e) => e.state === 'locked')).toBe(true);
			for (const column of ['tx1', 'gk', 'ck']) {
				const attempt = saveCells(trx, actor(teacher), ...ids(g), [cell(pupil, column, 7)]);
				await expect(attempt).rejects.toBeInstanceOf(DomainError);
				await expect(attempt).rejects.toMatchObject({
					code: 'grades_locked',
					field: `${pupil}_${column}`,
					params: { checkpoint: 'year' }
				});
			}
			const stored = await trx
				.selectFrom('grade_scores')
				.select('id')
				.where('student_id', '=', pupil)
				.where('subject_id', '=', g.subjectId)
				.where('semester_id', '=', g.semesterId)
				.execute();
			expect(stored).toEqual([]);
		});
	});

	it('the mid-term lock refuses GK only; a window not yet open refuses its column', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher, pupil } = await book(trx, 1);
			await lock(trx, 'mid2');
			await expect(
				saveCells(trx, actor(teacher), ...ids(g), [cell(pupil, 'gk', 6)])
			).rejects.toMatchObject({ code: 'grades_locked', params: { checkpoint: 'mid2' } });
			expect(
				await saveCells(trx, actor(teacher), ...ids(g), [
					cell(pupil, 'tx1', 6),
					cell(pupil, 'ck', 7.5)
				])
			).toEqual({ saved: 2 });
			await lock(trx, 'year', { opensOn: addDays(today, 1) });
			await expect(
				saveCells(trx, actor(teacher), ...ids(g), [{ ...cell(pupil, 'ck', 8), version: 1 }])
			).rejects.toMatchObject({ code: 'grades_not_open', field: `${pupil}_ck` });
		});
	});
});

describe('correction requests after a lock', () => {
	it('the teacher asks, the admin approves: the value changes, the result is recomputed, history is kept', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher, pupil, loaded } = await book(trx, 2);
			// a full row: TX 7 each, GK 4, CK 7 -> an average that the correction must change
			await saveCells(
				trx,
				actor(teacher),
				...ids(g),
				loaded.columns.map((c) => cell(pupil, c, c === 'gk' ? 4 : 7))
			);
			const n = loaded.columns.length - 2;
			const averageOf = (gk: number) =>
				semesterAverage({ regular: Array(n).fill(7), midterm: gk, final: 7 });
			await expect(
				requestCorrection(trx, actor(teacher), g, {
					studentId: pupil,
					column: 'gk',
					value: '8',
					reason: 'Nhập nhầm'
				})
			).rejects.toMatchObject({ code: 'grades_correction_not_locked' });
			await lock(trx, 'mid2');
			const request = (value: string) =>
				requestCorrection(trx, actor(teacher), g, {
					studentId: pupil,
					column: 'gk',
					value,
					reason: 'Chấm nhầm bài: 4 thành 8,5'
				});
			await expect(request('4')).rejects.toMatchObject({ code: 'grades_correction_same' });
			await expect(request('11')).rejects.toMatchObject({
				code: 'grades_v_out_of_range',
				field: 'value'
			});
			const id = await request('8,5');
			await expect(request('9')).rejects.toMatchObject({ code: 'grades_correction_pending' });

			const other = await principalOf(trx, 'nguyentatthanh.admin@demo.example');
			await expect(
				decideCorrection(
					trx,
					actor(other),
					schoolId,
					{ correctionId: id, version: 1, note: null },
					true
				)
			).rejects.toMatchObject({ status: 404 });
			await expect(
				decideCorrection(
					trx,
					actor(admin),
					schoolId,
					{ correctionId: id, version: 2, note: null },
					true
				)
			).rejects.toBeInstanceOf(ConflictError);
			await decideCorrection(
				trx,
				actor(admin),
				schoolId,
				{ correctionId: id, version: 1, note: null },
				true
			);
			const after = await loadGradebook(trx, teacher, ...ids(g));
			const row0 = after.rows.find((r) => r.id === pupil)!;
			expect(row0.cells.gk).toMatchObject({ value: 8.5, version: 2 });
			const result = await trx
				.selectFrom('grade_results')
				.select(['status', 'average'])
				.where('student_id', '=', pupil)
				.where('subject_id', '=', g.subjectId)
				.where('semester_id', '=', g.semesterId)
				.executeTakeFirstOrThrow();
			expect(averageOf(8.5)).not.toBe(averageOf(4));
			expect(result).toEqual({ status: 'ok', average: averageOf(8.5) });
			const row = await trx
				.selectFrom('grade_corrections')
				.selectAll()
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			expect(row).toMatchObject({
				status: 'approved',
				old_value: 4,
				new_value: 8.5,
				decided_by: admin.userId,
				requested_by: teacher.userId
			});
			const audit = await trx
				.selectFrom('audit_log')
				.select(['action', 'actor_user_id', 'before', 'after'])
				.where('action', 'in', ['grades.correction.request', 'grades.correction.apply'])
				.where('school_id', '=', schoolId)
				.orderBy('id')
				.execute();
			const apply = audit.filter((a) => a.action === 'grades.correction.apply').at(-1)!;
			expect(apply.actor_user_id).toBe(admin.userId);
			expect(apply.before).toMatchObject({ value: 4 });
			expect(apply.after).toMatchObject({
				value: 8.5,
				correctionId: id,
				reason: 'Chấm nhầm bài: 4 thành 8,5',
				requestedBy: teacher.userId
			});
			// a decided request cannot be decided again
			await expect(
				decideCorrection(
					trx,
					actor(admin),
					schoolId,
					{ correctionId: id, version: 2, note: 'x' },
					false
				)
			).rejects.toBeInstanceOf(ConflictError);
		});
	});

	it('a refusal needs a note and leaves the cell; an approval of a cell changed since is refused', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher, pupil } = await book(trx, 3);
			await saveCells(trx, actor(teacher), ...ids(g), [cell(pupil, 'gk', 5)]);
			await lock(trx, 'mid2');
			const ask = (value: string) =>
				requestCorrection(trx, actor(teacher), g, {
					studentId: pupil,
					column: 'gk',
					value,
					reason: 'Phúc khảo'
				});
			const first = await ask('6');
			await expect(
				decideCorrection(
					trx,
					actor(admin),
					schoolId,
					{ correctionId: first, version: 1, note: null },
					false
				)
			).rejects.toMatchObject({ code: 'grades_refusal_needs_note', field: 'note' });
			await decideCorrection(
				trx,
				actor(admin),
				schoolId,
				{ correctionId: first, version: 1, note: 'Bài đã chấm đúng' },
				false
			);
			const loaded = await loadGradebook(trx, teacher, ...ids(g));
			expect(loaded.rows.find((r) => r.id === pupil)!.cells.gk.value).toBe(5);
			// two requests in a row: the second's old version is stale once the first is approved
			const second = await ask('7');
			await trx
				.updateTable('grade_scores')
				.set((eb) => ({ value: 9, version: eb('version', '+', 1) }))
				.where('student_id', '=', pupil)
				.where('subject_id', '=', g.subjectId)
				.where('semester_id', '=', g.semesterId)
				.where('column_key', '=', 'gk')
				.execute();
			await expect(
				decideCorrection(
					trx,
					actor(admin),
					schoolId,
					{ correctionId: second, version: 1, note: null },
					true
				)
			).rejects.toMatchObject({ code: 'grades_correction_stale' });
		});
	});
});

describe('publication to parents', () => {
	it('writes the publication, one domain event and the audit in the same transaction', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const g = picks[picks.length - 1];
			const published = await publishCheckpoint(trx, actor(admin), schoolId, 'mid1', [g.classId]);
			expect(published).toEqual([g.classId]);
			const event = await trx
				.selectFrom('domain_events')
				.selectAll()
				.where('kind', '=', 'grades.published')
				.orderBy('id', 'desc')
				.executeTakeFirstOrThrow();
			expect(event).toMatchObject({
				module: 'grades',
				subject_type: 'school',
				subject_id: String(schoolId),
				school_id: schoolId,
				created_by: admin.userId
			});
			expect(event.payload).toMatchObject({ checkpoint: 'mid1', classIds: [g.classId] });
			await expect(
				publishCheckpoint(trx, actor(admin), schoolId, 'mid1', [g.classId])
			).rejects.toMatchObject({ code: 'grades_already_published' });
			const foreign = await trx
				.selectFrom('classes')
				.select('id')
				.where('school_id', '<>', schoolId)
				.executeTakeFirstOrThrow();
			await expect(
				publishCheckpoint(trx, actor(admin), schoolId, 'end1', [g.classId, foreign.id])
			).rejects.toMatchObject({ code: 'grades_class_not_here' });
		});
	});

	it('a parent sees the published mid-term column of their child only; another pupil is a 404', async () => {
		const parent = await principalOf(db, PARENT);
		const children = await listParentChildren(db, parent);
		const child = children.find((c) => c.class_name === '8A') ?? children[0];
		await inRolledBackTransaction(db, async (trx) => {
			const before = await loadChildGrades(trx, parent, child.id);
			expect(before).toMatchObject({ published: [], subjects: [] });
			await publishCheckpoint(trx, actor(admin), schoolId, 'mid1', [child.class_id!]);
			const after = await loadChildGrades(trx, parent, child.id);
			expect(after.published).toEqual(['mid1']);
			const semesterOne = after.subjects.flatMap((s) => s.semesters.filter((x) => x.number === 1));
			expect(semesterOne.length).toBeGreaterThan(0);
			for (const s of semesterOne) {
				expect(s.view).toBe('midterm');
				expect(Object.keys(s.cells).every((c) => c === 'gk')).toBe(true);
				expect(s.result).toBeNull();
			}
			// the seed entered TX and GK of semester I: GK shows, TX (not published) does not
			expect(semesterOne.some((s) => s.cells.gk?.value !== undefined)).toBe(true);
			expect(
				after.subjects.every((s) => s.semesters.every((x) => x.number === 1 || x.view === 'none'))
			).toBe(true);
			expect(after.levels).toEqual({ semester1: null, semester2: null, year: null });
			const stranger = await trx
				.selectFrom('students')
				.select('id')
				.where('class_id', '=', child.class_id!)
				.where(
					'id',
					'not in',
					children.map((c) => c.id)
				)
				.executeTakeFirstOrThrow();
			await expect(loadChildGrades(trx, parent, stranger.id)).rejects.toMatchObject({
				status: 404
			});
			await expect(loadChildGrades(trx, admin, child.id)).rejects.toMatchObject({ status: 404 });
		});
	});

	it('counts the missing cells of each teaching assignment per checkpoint', async () => {
		const progress = await checkpointProgress(db, schoolId, 'mid1');
		expect(progress.length).toBeGreaterThan(5);
		for (const p of progress) {
			expect(p.cells).toBe(p.pupils);
			expect(p.missing + p.pending).toBeLessThanOrEqual(p.cells);
		}
		// the demo teacher's civics of 8A: the seed entered every GK (none missing), no CK yet
		const civics = progress.find(
			(p) => p.className === '8A' && p.subjectVi === 'Giáo dục công dân'
		);
		expect(civics).toMatchObject({ missing: 0 });
		const end = await checkpointProgress(db, schoolId, 'end1');
		const civicsEnd = end.find((p) => p.className === '8A' && p.subjectVi === 'Giáo dục công dân')!;
		expect(civicsEnd.missing).toBeGreaterThanOrEqual(civicsEnd.pupils);
	});
});
