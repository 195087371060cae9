import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { ConflictError } from '../../src/lib/server/errors';
import { runNextJob } from '../../src/lib/server/jobs/worker';
import type { JobHandler } from '../../src/lib/server/jobs/types';
import { checkMove } from '../../src/lib/timetable/edit';
import { evaluate } from '../../src/lib/timetable/evaluate';
import type { Slot } from '../../src/lib/timetable/format';
import { startGeneration, timetableGenerateJob } from '../../src/lib/server/timetable/generate';
import {
	copyVersion,
	EditRefusedError,
	previewMove,
	saveMove,
	setCellLock,
	versionForEdit
} from '../../src/lib/server/timetable/editor';
import { publishVersion } from '../../src/lib/server/timetable/publish';
import { todayIso } from '../../src/lib/dates';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

let db: DB;
let close: () => Promise<void>;
const handlers = [timetableGenerateJob as JobHandler<never>];
const run = () => runNextJob(db, handlers, { workerId: `tte-${process.pid}` });

beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

/** A school of its own with a generated draft. */
async function schoolWithDraft(seed = 11) {
	const school = await createTimetableSchool(db);
	const actor = { principal: school.admin };
	const versionId = await startGeneration(db, actor, school.schoolId, {
		seed,
		timeLimitSeconds: 30,
		maxIterations: 20_000
	});
	await run();
	const v = await versionForEdit(db, school.schoolId, versionId);
	expect(v?.status).toBe('draft');
	return { school, actor, versionId, v: v! };
}

type Draft = NonNullable<Awaited<ReturnType<typeof versionForEdit>>>;

/** The first move of the class that the engine accepts, and the first that it refuses. */
function movesOf(v: Draft, classId: number) {
	const slots: Slot[] = [];
	for (let d = 0; d < v.instance.days.length; d++)
		for (let p = 0; p < v.instance.periodsPerDay; p++) slots.push([d, p]);
	let ok: { from: Slot; to: Slot } | null = null;
	let bad: { from: Slot; to: Slot } | null = null;
	const mine = v.cells.filter((c) => c.class_id === classId && c.kind === 'lesson');
	for (const c of mine)
		for (const to of slots) {
			const from: Slot = [c.day, c.period];
			const r = checkMove(v.instance, v.solution, { class: `C${classId}`, from, to });
			if (typeof r === 'string') continue;
			if (r.ok && r.kind === 'swap' && r.moved[0].lesson !== r.moved[1].lesson) ok ??= { from, to };
			if (!r.ok && r.introduced.some((x) => x.rule === 'noTeacherClash')) bad ??= { from, to };
		}
	expect(ok, 'a swap that breaks nothing').not.toBeNull();
	expect(bad, 'a move that makes a teacher clash').not.toBeNull();
	return { ok: ok!, bad: bad! };
}

const cellsOf = (versionId: number) =>
	db
		.selectFrom('timetable_cells')
		.select(['class_id', 'subject_id', 'staff_id', 'kind', 'day', 'period', 'locked'])
		.where('version_id', '=', versionId)
		.orderBy('class_id')
		.orderBy('day')
		.orderBy('period')
		.execute();

describe('the clash-checked editor', () => {
	it('saves a swap that breaks no hard rule, refuses a clash naming it, and keeps versions', async () => {
		const { school, actor, versionId, v } = await schoolWithDraft();
		const classId = school.classes[0].id;
		const { ok, bad } = movesOf(v, classId);

		const preview = await previewMove(db, school.schoolId, { versionId, classId, ...bad });
		expect(preview.check.ok).toBe(false);
		const before = await cellsOf(versionId);
		const refused = await saveMove(db, actor, school.schoolId, {
			versionId,
			classId,
			...bad,
			version: v.version
		}).catch((e) => e);
		expect(refused).toBeInstanceOf(EditRefusedError);
		expect(refused.code).toBe('timetable_edit_refused');
		expect(refused.violations.map((x: { rule: string }) => x.rule)).toContain('noTeacherClash');
		expect(await cellsOf(versionId)).toEqual(before);

		const saved = await saveMove(db, actor, school.schoolId, {
			versionId,
			classId,
			...ok,
			version: v.version
		});
		expect(saved.kind).toBe('swap');
		const after = await versionForEdit(db, school.schoolId, versionId);
		expect(after!.version).toBe(v.version + 1);
		const e = evaluate(after!.instance, after!.solution);
		expect(e.hardTotal).toBe(0);
		expect(e.unplacedPeriods).toBe(0);
		expect(after!.figures).toMatchObject({ softPenalty: e.softPenalty, hardViolations: 0 });
		const moved = after!.cells.find(
			(c) => c.class_id === classId && c.day === ok.to[0] && c.period === ok.to[1]
		);
		const was = before.find(
			(c) => c.class_id === classId && c.day === ok.from[0] && c.period === ok.from[1]
		);
		expect([moved?.subject_id, moved?.staff_id]).toEqual([was?.subject_id, was?.staff_id]);

		// a second admin still holding the old version is refused, not overwritten silently
		await expect(
			saveMove(db, actor, school.schoolId, { versionId, classId, ...ok, version: v.version })
		).rejects.toBeInstanceOf(ConflictError);
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('entity', '=', 'timetable_versions')
			.where('entity_id', '=', String(versionId))
			.execute();
		expect(audit.map((a) => a.action)).toContain('timetable.swap');
	});

	it('lets only one of two concurrent saves on the same version through', async () => {
		const { school, actor, versionId, v } = await schoolWithDraft(12);
		const classId = school.classes[1].id;
		const { ok } = movesOf(v, classId);
		const results = await Promise.allSettled(
			[0, 1].map(() =>
				saveMove(db, actor, school.schoolId, { versionId, classId, ...ok, version: v.version })
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(failed.reason).toBeInstanceOf(ConflictError);
		const e = await versionForEdit(db, school.schoolId, versionId);
		expect(evaluate(e!.instance, e!.solution).hardTotal).toBe(0);
	});

	it('keeps locked cells when generating again from the draft, and refuses to move them', async () => {
		const { school, actor, versionId, v } = await schoolWithDraft(13);
		const classId = school.classes[0].id;
		const lessons = v.cells.filter((c) => c.class_id === classId && c.kind === 'lesson');
		const toLock = lessons.slice(0, 3);
		let version = v.version;
		for (const c of toLock) {
			await setCellLock(db, actor, school.schoolId, {
				versionId,
				version,
				classId,
				slot: [c.day, c.period],
				locked: true
			});
			version++;
		}
		const other = lessons[3];
		await expect(
			saveMove(db, actor, school.schoolId, {
				versionId,
				classId,
				from: [toLock[0].day, toLock[0].period],
				to: [other.day, other.period],
				version
			})
		).rejects.toMatchObject({ code: 'timetable_edit_locked' });

		const next = await startGeneration(db, actor, school.schoolId, {
			seed: 99,
			timeLimitSeconds: 30,
			maxIterations: 20_000,
			basedOn: versionId
		});
		await run();
		const cells = await cellsOf(next);
		for (const c of toLock) expect(cells).toContainEqual({ ...c, locked: true, class_id: classId });
		expect(cells.filter((c) => c.locked)).toHaveLength(toLock.length);
		const row = await db
			.selectFrom('timetable_versions')
			.select(['status', 'based_on'])
			.where('id', '=', next)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'draft', based_on: versionId });
	});

	it('changes a published timetable only through a new draft published as a new version', async () => {
		const { school, actor, versionId, v } = await schoolWithDraft(14);
		await publishVersion(db, actor, school.schoolId, {
			versionId,
			version: v.version,
			effectiveFrom: todayIso()
		});
		const classId = school.classes[0].id;
		const { ok } = movesOf(v, classId);
		await expect(
			saveMove(db, actor, school.schoolId, { versionId, classId, ...ok, version: v.version + 1 })
		).rejects.toMatchObject({ code: 'timetable_edit_not_draft' });
		const published = await cellsOf(versionId);

		const copy = await copyVersion(db, actor, school.schoolId, versionId);
		expect(await cellsOf(copy)).toEqual(published);
		const draft = await versionForEdit(db, school.schoolId, copy);
		await saveMove(db, actor, school.schoolId, {
			versionId: copy,
			classId,
			...ok,
			version: draft!.version
		});
		expect(await cellsOf(versionId)).toEqual(published);
		expect(await cellsOf(copy)).not.toEqual(published);
		const edited = await versionForEdit(db, school.schoolId, copy);
		await publishVersion(db, actor, school.schoolId, {
			versionId: copy,
			version: edited!.version,
			effectiveFrom: todayIso()
		});
		const events = await db
			.selectFrom('domain_events')
			.select('subject_id')
			.where('kind', '=', 'timetable.published')
			.where('school_id', '=', school.schoolId)
			.execute();
		expect(events.map((e) => e.subject_id).sort()).toEqual(
			[String(versionId), String(copy)].sort()
		);
	});

	it("never edits or copies another school's version", async () => {
		const { school, versionId, v } = await schoolWithDraft(15);
		const other = await createTimetableSchool(db);
		const actor = { principal: other.admin };
		const classId = school.classes[0].id;
		const { ok } = movesOf(v, classId);
		await expect(
			previewMove(db, other.schoolId, { versionId, classId, ...ok })
		).rejects.toMatchObject({ code: 'v_not_found' });
		await expect(
			saveMove(db, actor, other.schoolId, { versionId, classId, ...ok, version: v.version })
		).rejects.toMatchObject({ code: 'v_not_found' });
		await expect(copyVersion(db, actor, other.schoolId, versionId)).rejects.toMatchObject({
			code: 'timetable_not_copyable'
		});
		await expect(
			startGeneration(db, actor, other.schoolId, {
				seed: 1,
				timeLimitSeconds: 5,
				maxIterations: 100,
				basedOn: versionId
			})
		).rejects.toMatchObject({ code: 'timetable_not_copyable' });
	});
});
