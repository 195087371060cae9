import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekday } from '../../src/lib/calendar/days-off';
import { addDays, todayIso } from '../../src/lib/dates';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { saveRoll } from '../../src/lib/server/grades/attendance';
import { loadCheckpoints, saveCheckpoint } from '../../src/lib/server/grades/checkpoints';
import {
	homeroomClassList,
	loadClassSummary,
	type HomeroomClass
} from '../../src/lib/server/grades/homeroom';
import { saveConduct } from '../../src/lib/server/grades/homeroom-conduct';
import { saveRetests } from '../../src/lib/server/grades/homeroom-retests';
import { loadChildGrades } from '../../src/lib/server/grades/parent';
import { publishCheckpoint } from '../../src/lib/server/grades/publication';
import { saveCells } from '../../src/lib/server/grades/service';
import { classSubjects, type ClassSubject } from '../../src/lib/server/grades/summaries';
import { listParentChildren } from '../../src/lib/server/org/people';
import { ConflictError } from '../../src/lib/server/errors';
import type { LevelValue } from '../../src/lib/schemas/homeroom';
import { connectTestDb, principalOf, schoolIdByName, QUANG_TRUNG } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The homeroom teacher's class summary of the demo class 8A (conduct, levels, decisions, re-tests,
 * awards) and what the demo parent sees of it. Every test runs in a rolled-back transaction.
 */
let db: DB;
let close: () => Promise<void>;
let teacher: Principal;
let admin: Principal;
let parent: Principal;
let cls: HomeroomClass;
let subjects: ClassSubject[];
let child: number;
let schoolId: number;

beforeAll(async () => {
	({ db, close } = connectTestDb());
	teacher = await principalOf(db, 'quangtrung.gv@demo.example');
	admin = await principalOf(db, 'quangtrung.admin@demo.example');
	parent = await principalOf(db, 'quangtrung.ph@demo.example');
	[cls] = await homeroomClassList(db, teacher);
	subjects = await classSubjects(db, cls.id);
	const children = await listParentChildren(db, parent);
	child = children.find((c) => c.class_id === cls.id)!.id;
	schoolId = await schoolIdByName(db, QUANG_TRUNG);
});
afterAll(() => close());

const actor = (principal: Principal) => ({ principal, requestId: 'homeroom-test' });

/** Stores both semesters' results of a pupil: scored subjects from `averages` (cycled), comments Đạt. */
async function setResults(trx: DB, studentId: number, averages: number[], commentPassed = true) {
	let i = 0;
	const rows = subjects.flatMap((s) => {
		const average = s.assessment === 'score' ? averages[i++ % averages.length] : null;
		return ([1, 2] as const).map((n) => ({
			student_id: studentId,
			subject_id: s.subjectId,
			semester_id: s.semesters[n],
			class_id: cls.id,
			status: 'ok' as const,
			average,
			passed: s.assessment === 'comment' ? commentPassed : null,
			missing: [],
			updated_at: new Date()
		}));
	});
	await trx
		.insertInto('grade_results')
		.values(rows)
		.onConflict((oc) =>
			oc.columns(['student_id', 'subject_id', 'semester_id']).doUpdateSet((eb) => ({
				status: eb.ref('excluded.status'),
				average: eb.ref('excluded.average'),
				passed: eb.ref('excluded.passed'),
				missing: eb.ref('excluded.missing')
			}))
		)
		.execute();
}

async function conduct(trx: DB, term: '1' | '2' | 'summer', level: LevelValue, version = 0) {
	return saveConduct(trx, actor(teacher), cls.id, {
		term,
		entries: [{ studentId: child, level, version }]
	});
}

async function summaryOf(trx: DB, studentId = child) {
	return trx
		.selectFrom('grade_year_summaries')
		.selectAll()
		.where('student_id', '=', studentId)
		.where('class_id', '=', cls.id)
		.executeTakeFirstOrThrow();
}

describe('the homeroom teacher’s class summary', () => {
	it('stores levels, conduct, the decision and the award, recomputed with each input', async () => {
		expect(cls.name).toBe('8A');
		expect(subjects.filter((s) => s.assessment === 'score').length).toBeGreaterThanOrEqual(6);
		await inRolledBackTransaction(db, async (trx) => {
			await setResults(trx, child, [9.5, 9, 9.2, 9, 9.8, 9.1, 8.5, 8]);
			await conduct(trx, '1', 'kha');
			expect(await summaryOf(trx)).toMatchObject({ conduct1: 'kha', conduct_year: null });
			await conduct(trx, '2', 'tot');
			const s = await summaryOf(trx);
			expect(s).toMatchObject({
				learning1: 'tot',
				learning_year: 'tot',
				conduct_year: 'tot',
				decision: 'promoted',
				final_decision: 'promoted',
				award: 'xuat_sac'
			});
			const view = await loadClassSummary(trx, cls);
			const row = view.pupils.find((p) => p.id === child)!;
			expect(row.conduct['2']).toEqual({ level: 'tot', version: 1 });
			expect(row.summary?.award).toBe('xuat_sac');
			// changing semester I conduct to Đạt: year Khá (Art. 8), no award
			await conduct(trx, '1', 'dat', 1);
			expect(await summaryOf(trx)).toMatchObject({ conduct_year: 'kha', award: null });
			const audit = await trx
				.selectFrom('audit_log')
				.select(['before', 'after'])
				.where('action', '=', 'grades.conduct.save')
				.where('entity_id', '=', `${child}:${cls.schoolYearId}:1`)
				.orderBy('id')
				.execute();
			expect(audit.map((a) => [a.before, a.after])).toEqual([
				[null, { level: 'kha' }],
				[{ level: 'kha' }, { level: 'dat' }]
			]);
		});
	});

	it('refuses a stale version, a pupil of another class, a locked term and other teachers', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await conduct(trx, '1', 'tot');
			await expect(conduct(trx, '1', 'kha', 0)).rejects.toBeInstanceOf(ConflictError);
			const stranger = await trx
				.selectFrom('students')
				.select('id')
				.where('school_id', '=', schoolId)
				.where('class_id', '<>', cls.id)
				.where('active', '=', true)
				.executeTakeFirstOrThrow();
			await expect(
				saveConduct(trx, actor(teacher), cls.id, {
					term: '1',
					entries: [{ studentId: stranger.id, level: 'tot', version: 0 }]
				})
			).rejects.toMatchObject({ code: 'grades_pupil_not_in_class', field: `l_${stranger.id}` });
			// summer re-assessment only for pupils sent to summer training
			await expect(conduct(trx, 'summer', 'dat')).rejects.toMatchObject({
				code: 'grades_not_in_training'
			});
			const other = await principalOf(trx, 'nguyentatthanh.admin@demo.example');
			await expect(
				saveConduct(trx, actor(other), cls.id, { term: '1', entries: [] })
			).rejects.toMatchObject({ status: 404 });
			await expect(
				saveConduct(trx, actor(parent), cls.id, { term: '1', entries: [] })
			).rejects.toMatchObject({ status: 404 });
			const { checkpoints } = await loadCheckpoints(trx, schoolId);
			await saveCheckpoint(trx, actor(admin), schoolId, {
				checkpoint: 'end1',
				opensOn: null,
				closesOn: null,
				locksOn: todayIso(),
				version: checkpoints.find((c) => c.checkpoint === 'end1')!.version
			});
			await expect(conduct(trx, '1', 'kha', 1)).rejects.toMatchObject({
				code: 'grades_conduct_locked'
			});
			// semester II stays open
			await conduct(trx, '2', 'kha');
		});
	});

	it('sends learning Chưa đạt to re-tests; re-test results replace the year result, audited', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await setResults(trx, child, [6, 6, 6, 6, 6, 6, 4.5, 3]);
			await conduct(trx, '1', 'kha');
			await conduct(trx, '2', 'kha');
			const before = await summaryOf(trx);
			expect(before).toMatchObject({
				learning_year: 'chua_dat',
				decision: 'summer_retest',
				final_decision: null
			});
			const due = before.retest_subject_ids;
			expect(due.length).toBe(2);
			const notDue = subjects.find((s) => s.assessment === 'score' && !due.includes(s.subjectId))!;
			const save = (subjectId: number, text: string, version = 0) =>
				saveRetests(trx, actor(teacher), cls.id, [{ studentId: child, subjectId, text, version }]);
			await expect(save(notDue.subjectId, '7')).rejects.toMatchObject({
				code: 'grades_not_due_for_retest',
				field: `r_${child}_${notDue.subjectId}`
			});
			await expect(save(due[0], '10,5')).rejects.toMatchObject({ code: 'grades_v_out_of_range' });
			await expect(save(due[0], '6,55')).rejects.toMatchObject({
				code: 'grades_v_too_many_decimals'
			});
			await save(due[0], '5,5');
			expect((await summaryOf(trx)).final_decision).toBeNull();
			await expect(save(due[0], '6', 0)).rejects.toBeInstanceOf(ConflictError);
			await save(due[1], '5');
			expect(await summaryOf(trx)).toMatchObject({
				learning_final: 'dat',
				final_decision: 'promoted'
			});
			// a lower re-test result also replaces the year result (Art. 14)
			await save(due[1], '3,4', 1);
			expect(await summaryOf(trx)).toMatchObject({
				learning_final: 'chua_dat',
				final_decision: 'repeat'
			});
			const audit = await trx
				.selectFrom('audit_log')
				.select('after')
				.where('action', '=', 'grades.retest.save')
				.where('entity_id', '=', `${child}:${cls.schoolYearId}:${due[1]}`)
				.orderBy('id')
				.execute();
			expect(audit.map((a) => a.after)).toEqual([
				{ value: 5, passed: null },
				{ value: 3.4, passed: null }
			]);
		});
	});

	it('uses the conduct re-assessed after summer training', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await setResults(trx, child, [7]);
			await conduct(trx, '1', 'dat');
			await conduct(trx, '2', 'chua_dat');
			expect(await summaryOf(trx)).toMatchObject({
				conduct_year: 'chua_dat',
				decision: 'summer_conduct_training',
				final_decision: null
			});
			await conduct(trx, 'summer', 'dat');
			expect(await summaryOf(trx)).toMatchObject({
				conduct_final: 'dat',
				final_decision: 'promoted'
			});
		});
	});

	it('counts absences from the roll: 45 sessions promote, 46 hold back', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await setResults(trx, child, [7]);
			await conduct(trx, '1', 'kha');
			await conduct(trx, '2', 'kha');
			const year = await trx
				.selectFrom('school_years')
				.select('starts_on')
				.where('id', '=', cls.schoolYearId)
				.executeTakeFirstOrThrow();
			const start = String(year.starts_on);
			// 23 school days (Sundays are not school days: sessions on them would not count)
			const days = Array.from({ length: 30 }, (_, i) => addDays(start, i + 1))
				.filter((day) => isoWeekday(day) !== 7)
				.slice(0, 23);
			// 44 sessions written directly as taken rolls, then the 45th and 46th through the roll form
			const rolls = days.flatMap((day) =>
				(['morning', 'afternoon'] as const).map((session) => ({ class_id: cls.id, day, session }))
			);
			await trx.insertInto('attendance_rolls').values(rolls.slice(0, 44)).execute();
			await trx
				.insertInto('attendance_absences')
				.values(
					rolls.slice(0, 44).map((r) => ({ ...r, student_id: child, status: 'excused' as const }))
				)
				.execute();
			const roll = (i: number) =>
				saveRoll(
					trx,
					actor(teacher),
					cls.id,
					{
						day: rolls[i].day,
						session: rolls[i].session,
						version: 0,
						absences: new Map([[child, 'unexcused' as const]])
					},
					addDays(start, 60)
				);
			await roll(44);
			expect(await summaryOf(trx)).toMatchObject({
				absences_excused: 44,
				absences_unexcused: 1,
				decision: 'promoted'
			});
			await roll(45);
			expect(await summaryOf(trx)).toMatchObject({ decision: 'repeat', final_decision: 'repeat' });
		});
	});

	it('recomputes when a subject teacher saves the last missing score', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await setResults(trx, child, [7]);
			const civics = subjects.find(
				(s) => s.assessment === 'score' && s.nameVi === 'Giáo dục công dân'
			);
			expect(civics).toBeDefined();
			await trx
				.updateTable('grade_results')
				.set({ status: 'incomplete', average: null, missing: ['ck'] })
				.where('student_id', '=', child)
				.where('subject_id', '=', civics!.subjectId)
				.where('semester_id', '=', civics!.semesters[1])
				.execute();
			await conduct(trx, '1', 'tot');
			expect((await summaryOf(trx)).learning1).toBeNull();
			const cells = await trx
				.selectFrom('grade_scores')
				.select(['column_key', 'version'])
				.where('student_id', '=', child)
				.where('subject_id', '=', civics!.subjectId)
				.where('semester_id', '=', civics!.semesters[1])
				.execute();
			const fill = ['tx1', 'tx2', 'gk', 'ck'].map((column) => ({
				studentId: child,
				column,
				value: 7,
				state: 'value' as const,
				version: cells.find((c) => c.column_key === column)?.version ?? 0
			}));
			await saveCells(trx, actor(teacher), cls.id, civics!.subjectId, civics!.semesters[1], fill);
			expect((await summaryOf(trx)).learning1).toBe('kha');
		});
	});
});

describe('what the parent sees', () => {
	it('shows conduct, levels and the year-end outcome only once published, for their own child', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await setResults(trx, child, [9.5, 9, 9.2, 9, 9.8, 9.1, 8.5, 8]);
			await conduct(trx, '1', 'tot');
			await conduct(trx, '2', 'tot');
			const hidden = await loadChildGrades(trx, parent, child);
			expect(hidden.conduct).toEqual({ semester1: null, semester2: null, year: null });
			expect(hidden.yearEnd).toBeNull();
			await publishCheckpoint(trx, actor(admin), schoolId, 'end1', [cls.id]);
			const half = await loadChildGrades(trx, parent, child);
			expect(half.conduct).toEqual({ semester1: 'tot', semester2: null, year: null });
			expect(half.yearEnd).toBeNull();
			await publishCheckpoint(trx, actor(admin), schoolId, 'year', [cls.id]);
			const whole = await loadChildGrades(trx, parent, child);
			expect(whole.conduct).toEqual({ semester1: 'tot', semester2: 'tot', year: 'tot' });
			expect(whole.yearEnd).toMatchObject({ decision: 'promoted', award: 'xuat_sac' });
			const stranger = await trx
				.selectFrom('students')
				.select('id')
				.where('class_id', '=', cls.id)
				.where('id', '<>', child)
				.executeTakeFirstOrThrow();
			await expect(loadChildGrades(trx, parent, stranger.id)).rejects.toMatchObject({
				status: 404
			});
		});
	});
});
