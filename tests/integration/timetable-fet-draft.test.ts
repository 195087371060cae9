import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { DomainError } from '../../src/lib/server/errors';
import { versionForEdit } from '../../src/lib/server/timetable/editor';
import { readableInstance } from '../../src/lib/server/timetable/fet-export';
import { importFetDraft, previewFet } from '../../src/lib/server/timetable/fet-import';
import { problemOfSchool } from '../../src/lib/server/timetable/generate';
import { evaluate } from '../../src/lib/timetable/evaluate';
import { writeFet } from '../../src/lib/timetable/fet-write';
import type { Solution } from '../../src/lib/timetable/format';
import { solve } from '../../src/lib/timetable/solver';
import { connectTestDb } from '../helpers/context';
import { createTimetableSchool } from '../helpers/timetable';

/**
 * A FET file's placed timetable imported as a draft: a .fet written from the school's problem with
 * a solved timetable previews with every period mapped and no broken rule, and imports as a new
 * draft whose cells are that timetable (audited); a file with a clash lists it and imports
 * nothing; periods of a class the school has not got are listed and stay unplaced; placements of
 * another school's classes are refused and nothing is written.
 */
let db: DB;
let close: () => Promise<void>;
type School = Awaited<ReturnType<typeof createTimetableSchool>>;
let school: School;
let other: School;
let text = '';
let solution: Solution;
const actor = (s: School) => ({ principal: s.admin, requestId: 'fet-draft-test' });

const versionsOf = async (schoolId: number) =>
	(
		await db
			.selectFrom('timetable_versions')
			.select('id')
			.where('school_id', '=', schoolId)
			.execute()
	).length;

async function fetOf(sol: Solution) {
	const { input, built } = await problemOfSchool(db, school.schoolId);
	const names = new Map(input.classes.map((c) => [`C${c.id}`, c.name]));
	return writeFet(readableInstance(built.instance, names).instance, sol);
}

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	school = await createTimetableSchool(db);
	other = await createTimetableSchool(db);
	const { built } = await problemOfSchool(db, school.schoolId);
	const result = solve(built.instance, { seed: 7, timeLimitMs: 20_000 });
	expect(result.status).toBe('feasible');
	solution = result.solution;
	text = await fetOf(solution);
});
afterAll(() => close());

const cellKey = (c: {
	class_id: number;
	subject_id: number;
	kind: string;
	day: number;
	period: number;
}) => `L${c.class_id}-${c.subject_id}-${c.kind}@${c.day}:${c.period}`;

describe('a FET timetable imported as a draft', () => {
	it('previews every placed period and imports them as a new audited draft', async () => {
		const result = await previewFet(db, school.schoolId, text);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const draft = result.preview.draft!;
		const total = solution.assignments.reduce((a, x) => a + x.slots.length, 0);
		expect(draft).toMatchObject({ unmapped: [], violations: [], roomExcess: 0, unplaced: 0 });
		expect(draft.placed).toBe(total);

		const before = await versionsOf(school.schoolId);
		const saved = await importFetDraft(
			db,
			actor(school),
			school.schoolId,
			result.preview.changes,
			draft.placements
		);
		expect(saved).toMatchObject({ placed: total, unplaced: 0 });
		expect(await versionsOf(school.schoolId)).toBe(before + 1);
		const v = await versionForEdit(db, school.schoolId, saved.versionId);
		expect(v?.status).toBe('draft');
		const expected = solution.assignments
			.flatMap((a) => a.slots.map(([d, p]) => `${a.lesson}@${d}:${p}`))
			.sort();
		expect(v!.cells.map(cellKey).sort()).toEqual(expected);
		expect(evaluate(v!.instance, v!.solution).hardTotal).toBe(0);
		expect(v!.figures).toMatchObject({ placedPeriods: total, hardViolations: 0 });
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'entity_id'])
			.where('school_id', '=', school.schoolId)
			.where('action', '=', 'timetable.fet_draft')
			.execute();
		expect(audit).toEqual([{ action: 'timetable.fet_draft', entity_id: String(saved.versionId) }]);
	});

	it('lists a clash in the preview and refuses to import it, writing nothing', async () => {
		// one lesson's period moved onto another lesson's period of the same class
		const [a, b] = solution.assignments.filter(
			(x) => x.lesson.startsWith(`L${school.classes[0].id}-`) && x.lesson.endsWith('-lesson')
		);
		const clash: Solution = {
			...solution,
			assignments: solution.assignments.map((x) =>
				x.lesson === a.lesson ? { ...x, slots: [b.slots[0], ...x.slots.slice(1)] } : x
			)
		};
		const result = await previewFet(db, school.schoolId, await fetOf(clash));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const draft = result.preview.draft!;
		expect(draft.violations.map((v) => v.rule)).toContain('noClassClash');
		const before = await versionsOf(school.schoolId);
		const unavailableNow = () =>
			db
				.selectFrom('timetable_unavailability')
				.select(['staff_id', 'slots', 'version'])
				.where('school_id', '=', school.schoolId)
				.orderBy('staff_id')
				.execute();
		const unavailable = await unavailableNow();
		const changes = {
			...result.preview.changes,
			unavailable: [{ staffId: school.staffIds[2], slots: [[4, 4]] as [number, number][] }]
		};
		const err = await importFetDraft(
			db,
			actor(school),
			school.schoolId,
			changes,
			draft.placements
		).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect((err as DomainError).code).toBe('timetable_edit_refused');
		expect((err as DomainError).params).toEqual({ rule: 'noClassClash' });
		expect(await versionsOf(school.schoolId)).toBe(before);
		// the teacher's time of the same import was not saved either
		expect(await unavailableNow()).toEqual(unavailable);
	});

	it('lists the periods of a class the school has not got; they stay unplaced', async () => {
		const renamed = text.replace(/>6B</g, '>12Z<');
		const result = await previewFet(db, school.schoolId, renamed);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const draft = result.preview.draft!;
		const of6B = solution.assignments
			.filter((x) => x.lesson.startsWith(`L${school.classes[1].id}-`))
			.reduce((n, x) => n + x.slots.length, 0);
		expect(draft.unmapped.every((u) => u.className === '12Z' && u.reason === 'class')).toBe(true);
		expect(draft.unmapped.reduce((n, u) => n + u.periods, 0)).toBe(of6B);
		// Chào cờ and Sinh hoạt lớp of 6B are put at their fixed times
		expect(draft.unplaced).toBe(of6B - 2);
		expect(draft.violations).toEqual([]);
		const saved = await importFetDraft(
			db,
			actor(school),
			school.schoolId,
			result.preview.changes,
			draft.placements
		);
		const row = await db
			.selectFrom('timetable_versions')
			.select(['status', 'unplaced'])
			.where('id', '=', saved.versionId)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('draft');
		expect(row.unplaced.reduce((n, u) => n + u.periods, 0)).toBe(of6B - 2);
		expect(row.unplaced.every((u) => u.classId === school.classes[1].id)).toBe(true);
	});

	it("refuses placements of another school's classes and writes nothing", async () => {
		const result = await previewFet(db, school.schoolId, text);
		if (!result.ok) throw new Error('preview failed');
		const before = await versionsOf(other.schoolId);
		const err = await importFetDraft(
			db,
			actor(other),
			other.schoolId,
			{ unavailable: [], requirements: [], rooms: [], roomNeeds: [] },
			result.preview.draft!.placements
		).catch((e: unknown) => e);
		expect((err as DomainError).code).toBe('timetable_fet_draft_changed');
		expect(await versionsOf(other.schoolId)).toBe(before);
		// and the same file in the other school maps nothing (its names are this school's)
		const there = await previewFet(
			db,
			other.schoolId,
			text.replace(/Giáo viên Thử/g, 'Người khác')
		);
		expect(there.ok && there.preview.draft?.placements).toEqual([]);
	});
});
