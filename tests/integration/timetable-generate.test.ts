import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { requireSchool } from '../../src/lib/server/auth/access';
import { ConflictError, DomainError } from '../../src/lib/server/errors';
import { runNextJob } from '../../src/lib/server/jobs/worker';
import type { JobHandler } from '../../src/lib/server/jobs/types';
import { evaluate } from '../../src/lib/timetable/evaluate';
import { parseInstance, type Slot } from '../../src/lib/timetable/format';
import {
	cancelGeneration,
	problemOfSchool,
	startGeneration,
	timetableGenerateJob
} from '../../src/lib/server/timetable/generate';
import { lessonId } from '../../src/lib/server/timetable/problem';
import { publishVersion } from '../../src/lib/server/timetable/publish';
import { saveRequirements, saveWeekSettings } from '../../src/lib/server/timetable/settings';
import { gridCells, versionsInForce } from '../../src/lib/server/timetable/views';
import { todayIso } from '../../src/lib/dates';
import { loadParentHome } from '../../src/lib/server/parent/home';
import { childTimetable, teacherWeek } from '../../src/lib/server/timetable/views';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

let db: DB;
let close: () => Promise<void>;
const handlers = [timetableGenerateJob as JobHandler<never>];
const run = () => runNextJob(db, handlers, { workerId: `tt-${process.pid}` });

beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

async function versionRow(id: number) {
	return db
		.selectFrom('timetable_versions')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
}

/** Every stored cell as a solution of the version's problem, checked by the evaluator. */
async function evaluateStored(versionId: number) {
	const v = await versionRow(versionId);
	const parsed = parseInstance(v.problem);
	if (!parsed.ok) throw new Error('stored problem does not parse');
	const cells = await db
		.selectFrom('timetable_cells')
		.selectAll()
		.where('version_id', '=', versionId)
		.execute();
	const slots = new Map<string, Slot[]>();
	for (const c of cells) {
		const id = lessonId({ classId: c.class_id, subjectId: c.subject_id, kind: c.kind });
		slots.set(id, [...(slots.get(id) ?? []), [c.day, c.period]]);
	}
	const solution = {
		instance: parsed.value.name,
		assignments: [...slots].map(([lesson, s]) => ({ lesson, slots: s }))
	};
	return { evaluation: evaluate(parsed.value, solution), cells };
}

describe('generating a timetable as a job', () => {
	it('stores a draft with every period placed and no hard rule broken', async () => {
		const school = await createTimetableSchool(db);
		const { built, problems } = await problemOfSchool(db, school.schoolId);
		expect(problems).toEqual([]);
		const actor = { principal: school.admin };
		const id = await startGeneration(db, actor, school.schoolId, {
			seed: 7,
			timeLimitSeconds: 30,
			maxIterations: 20_000
		});
		expect((await versionRow(id)).status).toBe('generating');
		await expect(
			startGeneration(db, actor, school.schoolId, { seed: 1, timeLimitSeconds: 5 })
		).rejects.toMatchObject({ code: 'timetable_already_generating' });

		expect(await run()).not.toBeNull();
		const v = await versionRow(id);
		expect(v.status).toBe('draft');
		expect(v.unplaced).toEqual([]);
		expect(v.figures).toMatchObject({ hardViolations: 0 });
		const total = built.instance.lessons.reduce((a, l) => a + l.periodsPerWeek, 0);
		const { evaluation, cells } = await evaluateStored(id);
		expect(cells).toHaveLength(total);
		expect(evaluation.feasible).toBe(true);
		expect(evaluation.hardTotal).toBe(0);
		// Chào cờ on Monday's first period with the homeroom teacher
		const flag = cells.find((c) => c.kind === 'flag' && c.class_id === school.classes[0].id)!;
		expect([flag.day, flag.period, flag.staff_id]).toEqual([0, 0, school.staffIds[0]]);
		const job = await db
			.selectFrom('jobs')
			.select(['status'])
			.where('id', '=', v.job_id!)
			.executeTakeFirstOrThrow();
		expect(job.status).toBe('succeeded');

		// Publishing writes the event in the same transaction, and the version comes into force.
		await expect(
			publishVersion(db, actor, school.schoolId, {
				versionId: id,
				version: v.version + 1,
				effectiveFrom: todayIso()
			})
		).rejects.toBeInstanceOf(ConflictError);
		await publishVersion(db, actor, school.schoolId, {
			versionId: id,
			version: v.version,
			effectiveFrom: todayIso()
		});
		const event = await db
			.selectFrom('domain_events')
			.selectAll()
			.where('kind', '=', 'timetable.published')
			.where('subject_id', '=', String(id))
			.executeTakeFirstOrThrow();
		expect(event).toMatchObject({ module: 'timetable', school_id: school.schoolId });
		await expect(
			publishVersion(db, actor, school.schoolId, {
				versionId: id,
				version: v.version + 1,
				effectiveFrom: todayIso()
			})
		).rejects.toMatchObject({ code: 'timetable_not_draft' });
		const inForce = await versionsInForce(db, [school.schoolId]);
		expect(inForce.get(school.schoolId)?.id).toBe(id);
		const week = await gridCells(db, [id], { staffIds: [school.staffIds[1]] });
		expect(week.length).toBeGreaterThan(0);
		expect(week.every((c) => c.staffId === school.staffIds[1])).toBe(true);
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('entity', '=', 'timetable_versions')
			.where('entity_id', '=', String(id))
			.execute();
		expect(audit.map((a) => a.action).sort()).toEqual(['timetable.generate', 'timetable.publish']);
	});

	it('gives the same timetable for the same seed and iteration limit', async () => {
		const school = await createTimetableSchool(db);
		const actor = { principal: school.admin };
		const cellsOf = async () => {
			const id = await startGeneration(db, actor, school.schoolId, {
				seed: 11,
				timeLimitSeconds: 30,
				maxIterations: 3000
			});
			await run();
			return (await evaluateStored(id)).cells.map((c) => [
				c.class_id,
				c.subject_id,
				c.day,
				c.period
			]);
		};
		expect(await cellsOf()).toEqual(await cellsOf());
	});

	it('a cancelled generation stores nothing, and the school may start another', async () => {
		const school = await createTimetableSchool(db);
		const actor = { principal: school.admin };
		const id = await startGeneration(db, actor, school.schoolId, { seed: 1, timeLimitSeconds: 60 });
		await cancelGeneration(db, actor, school.schoolId, id);
		const v = await versionRow(id);
		expect(v.status).toBe('cancelled');
		const job = await db
			.selectFrom('jobs')
			.select('status')
			.where('id', '=', v.job_id!)
			.executeTakeFirstOrThrow();
		expect(job.status).toBe('cancelled');
		expect(await run()).toBeNull();
		await expect(cancelGeneration(db, actor, school.schoolId, id)).rejects.toBeInstanceOf(
			DomainError
		);
		const cells = await db
			.selectFrom('timetable_cells')
			.select('day')
			.where('version_id', '=', id)
			.execute();
		expect(cells).toEqual([]);
		const next = await startGeneration(db, actor, school.schoolId, {
			seed: 2,
			timeLimitSeconds: 30,
			maxIterations: 2000
		});
		await run();
		expect((await versionRow(next)).status).toBe('draft');
	});

	it('a partial timetable lists its unplaced periods and cannot be published', async () => {
		const school = await createTimetableSchool(db);
		const actor = { principal: school.admin };
		// 40 periods of one subject in a class: more than the week holds
		await saveRequirements(db, actor, school.schoolId, school.classes[0].id, [
			{ subjectId: school.subjectIds[0], periodsPerWeek: 20, version: 0 }
		]);
		const { problems } = await problemOfSchool(db, school.schoolId);
		expect(problems.map((p) => p.code)).toContain('classOverloaded');
		const id = await startGeneration(db, actor, school.schoolId, {
			seed: 3,
			timeLimitSeconds: 30,
			maxIterations: 3000
		});
		await run();
		const v = await versionRow(id);
		expect(v.status).toBe('draft');
		expect(v.unplaced.length).toBeGreaterThan(0);
		expect((await evaluateStored(id)).evaluation.hardTotal).toBe(0);
		await expect(
			publishVersion(db, actor, school.schoolId, {
				versionId: id,
				version: v.version,
				effectiveFrom: todayIso()
			})
		).rejects.toMatchObject({ code: 'timetable_incomplete' });
	});
});

describe('settings and weekly periods', () => {
	it('saves the week against its version and audits it', async () => {
		const school = await createTimetableSchool(db);
		const actor = { principal: school.admin };
		await saveWeekSettings(db, actor, school.schoolId, {
			days: 5,
			sessions: 'both',
			periodsPerSession: 4,
			version: 0
		});
		await expect(
			saveWeekSettings(db, actor, school.schoolId, {
				days: 6,
				sessions: 'morning',
				periodsPerSession: 5,
				version: 0
			})
		).rejects.toBeInstanceOf(ConflictError);
		const { built } = await problemOfSchool(db, school.schoolId);
		expect(built.instance.periodsPerDay).toBe(8);
		expect(built.instance.days).toHaveLength(5);
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('school_id', '=', school.schoolId)
			.execute();
		expect(audit.map((a) => a.action)).toContain('timetable.settings');
	});

	it('refuses a subject outside the grade and a stale version; saves nothing half', async () => {
		const school = await createTimetableSchool(db);
		const actor = { principal: school.admin };
		const cls = school.classes[0].id;
		const outside = await db
			.selectFrom('subjects')
			.select('id')
			.where('level', '=', 'THPT')
			.executeTakeFirstOrThrow();
		await expect(
			saveRequirements(db, actor, school.schoolId, cls, [
				{ subjectId: school.subjectIds[0], periodsPerWeek: 3, version: 0 },
				{ subjectId: outside.id, periodsPerWeek: 1, version: 0 }
			])
		).rejects.toBeInstanceOf(DomainError);
		const rows = await db
			.selectFrom('timetable_requirements')
			.selectAll()
			.where('class_id', '=', cls)
			.execute();
		expect(rows).toEqual([]);
		await saveRequirements(db, actor, school.schoolId, cls, [
			{ subjectId: school.subjectIds[0], periodsPerWeek: 3, version: 0 }
		]);
		await expect(
			saveRequirements(db, actor, school.schoolId, cls, [
				{ subjectId: school.subjectIds[0], periodsPerWeek: 2, version: 0 }
			])
		).rejects.toBeInstanceOf(ConflictError);
		// another school's class is not found
		const other = await createTimetableSchool(db);
		await expect(
			saveRequirements(db, actor, school.schoolId, other.classes[0].id, [])
		).rejects.toMatchObject({ code: 'v_not_found' });
	});
});

describe('authorization', () => {
	it("only the school's admin manages its timetable; a teacher of another school sees nothing", async () => {
		const school = await createTimetableSchool(db);
		const other = await createTimetableSchool(db);
		await expect(
			requireSchool(db, school.admin, school.schoolId, 'timetable.manage')
		).resolves.toMatchObject({ id: school.schoolId });
		await expect(
			requireSchool(db, other.admin, school.schoolId, 'timetable.manage')
		).rejects.toMatchObject({ status: 404 });
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		await expect(
			requireSchool(db, teacher, school.schoolId, 'timetable.view')
		).rejects.toMatchObject({ status: 404 });
		// a version of another school cannot be cancelled or published through this school
		const id = await startGeneration(db, { principal: other.admin }, other.schoolId, {
			seed: 1,
			timeLimitSeconds: 30,
			maxIterations: 1000
		});
		await expect(
			cancelGeneration(db, { principal: school.admin }, school.schoolId, id)
		).rejects.toMatchObject({ code: 'timetable_not_generating' });
		await run();
		await expect(
			publishVersion(db, { principal: school.admin }, school.schoolId, {
				versionId: id,
				version: 1,
				effectiveFrom: todayIso()
			})
		).rejects.toMatchObject({ code: 'v_not_found' });
	});
});

describe('the demo timetables', () => {
	it('both pilot schools have a published timetable in force, complete and breaking no hard rule', async () => {
		for (const name of [QUANG_TRUNG, NGUYEN_TAT_THANH]) {
			const schoolId = await schoolIdByName(db, name);
			const v = (await versionsInForce(db, [schoolId])).get(schoolId);
			expect(v, name).toBeDefined();
			const { evaluation } = await evaluateStored(v!.id);
			expect(evaluation.feasible).toBe(true);
			expect(evaluation.hardTotal).toBe(0);
		}
	});

	it("a teacher's week holds only their periods; a parent sees only their own children's classes", async () => {
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		const week = await teacherWeek(db, teacher.userId);
		expect(week.cells.some((c) => c.kind === 'flag' && c.className === '8A')).toBe(true);
		const own = await db
			.selectFrom('staff')
			.select('id')
			.where('user_id', '=', teacher.userId)
			.execute();
		expect(week.cells.every((c) => own.some((s) => s.id === c.staffId))).toBe(true);

		const parent = await principalOf(db, 'quangtrung.ph@demo.example');
		const home = await loadParentHome(db, parent);
		expect(home.length).toBeGreaterThan(0);
		expect(home.every((c) => c.timetable && c.timetable.periods > 0)).toBe(true);
		const mine = await childTimetable(db, parent, home[0].id);
		expect(mine?.grid?.cells.length).toBeGreaterThan(0);
		const stranger = await db
			.selectFrom('students')
			.select('id')
			.where(
				'id',
				'not in',
				home.map((c) => c.id)
			)
			.executeTakeFirstOrThrow();
		expect(await childTimetable(db, parent, stranger.id)).toBeNull();
		expect(await childTimetable(db, teacher, home[0].id)).toBeNull();
	});
});
