/**
 * A FET file's placed timetable as a new draft version. The preview maps each placed FET lesson
 * (class, subject, teacher by name; Chào cờ and Sinh hoạt lớp as HĐTN's fixed periods) onto the
 * school's problem as it will stand after the import's own changes (the teachers' times and the
 * weekly periods), lists what does not map, and runs the editor's hard-rule check
 * (`hardViolations`) and the evaluator's room count on the result. Importing writes the changes
 * and the draft (its problem, cells, figures and unplaced periods, like a generated draft) in one
 * transaction with one audit entry, after mapping the placements again on the stored roster:
 * a placement that no longer maps, a broken hard rule or a room short refuses everything.
 */
import type { Kysely } from 'kysely';
import { hardViolations, type Violation } from '../../timetable/edit';
import { evaluate } from '../../timetable/evaluate';
import type { Instance, Slot, Solution } from '../../timetable/format';
import { writeAudit, type Actor } from '../audit';
import type { Database, TimetableCellKind, TimetableFigures } from '../db/schema';
import type { UnplacedPeriods } from '../db/tables/timetable';
import { DomainError } from '../errors';
import { checkIds, writeFetChanges } from './fet-apply';
import type { FetChanges } from './fet-import';
import { classIndex, staffIndex, subjectOf } from './fet-match';
import {
	buildProblem,
	lessonId,
	parseLessonId,
	parseTeacherId,
	periodsPerDay,
	teacherId,
	type RosterInput,
	type SlotPair
} from './problem';
import { currentSemester, rosterInput } from './queries';

type Db = Kysely<Database>;

/** The placed periods of one FET lesson as the school's class, subject, kind and teacher. */
export interface FetPlacement {
	classId: number;
	subjectId: number;
	staffId: number;
	kind: TimetableCellKind;
	slots: SlotPair[];
}

export type UnmappedReason =
	'class' | 'subject' | 'teacher' | 'outside_week' | 'not_taught' | 'other_teacher' | 'extra';

/** Placed periods of the file that the draft leaves out, and why. */
export interface FetUnmapped {
	className: string;
	subject: string;
	teacher: string;
	periods: number;
	reason: UnmappedReason;
}

export interface FetDraftPlan {
	/** what the form sends back to import (only the periods that map) */
	placements: FetPlacement[];
	unmapped: FetUnmapped[];
	/** periods the draft will hold, and the school's periods the file does not place */
	placed: number;
	unplaced: number;
	violations: Violation[];
	/** periods over the school's rooms of a type at some slot (the evaluator's count) */
	roomExcess: number;
	/** the problem's ids in words, for the violations' texts */
	names: {
		classes: Record<string, string>;
		teachers: Record<string, string>;
		lessons: Record<string, { class: string; subject: string }>;
	};
}

/** The roster as it will be once the import's teachers' times and weekly periods are saved. */
export function withChanges(input: RosterInput, changes: FetChanges): RosterInput {
	const req = new Map(input.requirements.map((r) => [`${r.classId}:${r.subjectId}`, r]));
	for (const r of changes.requirements) req.set(`${r.classId}:${r.subjectId}`, r);
	const unavailable = new Map((input.unavailable ?? []).map((u) => [u.staffId, u.slots]));
	for (const u of changes.unavailable) unavailable.set(u.staffId, u.slots);
	const needs = new Map((input.roomNeeds ?? []).map((n) => [n.subjectId, n.roomType]));
	for (const n of changes.roomNeeds) needs.set(n.subjectId, n.roomType);
	const rooms = [...(input.rooms ?? []), ...changes.rooms.map((r, i) => ({ ...r, id: -1 - i }))];
	return {
		...input,
		rooms,
		roomNeeds: [...needs].map(([subjectId, roomType]) => ({ subjectId, roomType })),
		requirements: [...req.values()],
		unavailable: [...unavailable].map(([staffId, slots]) => ({ staffId, slots }))
	};
}

/** The file's placed lessons as the school's rows; what does not match is listed. */
export function fetPlacements(
	fet: Instance,
	solution: Solution,
	input: RosterInput
): { placements: FetPlacement[]; unmapped: FetUnmapped[] } {
	const classOf = classIndex(input.classes);
	const staffOf = staffIndex(input.staff);
	const lessons = new Map(fet.lessons.map((l) => [l.id, l]));
	const subjectName = new Map(fet.subjects.map((s) => [s.id, s.name]));
	const teacherName = new Map(fet.teachers.map((t) => [t.id, t.name]));
	const P = periodsPerDay(input.settings);
	const unmapped: FetUnmapped[] = [];
	const merged = new Map<string, FetPlacement>();
	for (const a of solution.assignments) {
		const l = lessons.get(a.lesson);
		if (!l || !a.slots.length) continue;
		const names = [l.subject, subjectName.get(l.subject) ?? ''];
		const base = { className: l.class, subject: names[1] || names[0], teacher: l.teacher };
		const miss = (reason: UnmappedReason, periods = a.slots.length) =>
			unmapped.push({ ...base, periods, reason });
		const cls = input.classes.find((c) => c.id === classOf(l.class));
		if (!cls) {
			miss('class');
			continue;
		}
		const subject = subjectOf(input, cls.grade, names);
		if (!subject) {
			miss('subject');
			continue;
		}
		const staffId = staffOf(l.teacher) ?? staffOf(teacherName.get(l.teacher) ?? '');
		if (staffId === undefined) {
			miss('teacher');
			continue;
		}
		const inWeek = a.slots.filter(([d, p]) => d < input.settings.days && p < P);
		if (inWeek.length < a.slots.length) miss('outside_week', a.slots.length - inWeek.length);
		if (!inWeek.length) continue;
		const key = `${cls.id}:${subject.subjectId}:${subject.kind}:${staffId}`;
		const found = merged.get(key);
		const slots = inWeek.map(([d, p]): SlotPair => [d, p]);
		if (found) found.slots.push(...slots);
		else merged.set(key, { classId: cls.id, ...subject, staffId, slots });
	}
	return { placements: [...merged.values()], unmapped };
}

export interface DraftOnProblem {
	instance: Instance;
	solution: Solution;
	/** placements (or some of their periods) the school's problem has no room for */
	rejected: { placement: FetPlacement; periods: number; reason: UnmappedReason }[];
	/** the placements as far as they map (what the form carries) */
	accepted: FetPlacement[];
	violations: Violation[];
	roomExcess: number;
	unplaced: UnplacedPeriods[];
	figures: TimetableFigures;
}

const same = (a: Slot, b: Slot) => a[0] === b[0] && a[1] === b[1];

/**
 * The placements on the school's problem (built from `input`): each onto its lesson (same class,
 * subject, kind and teacher), at most the lesson's weekly periods; a lesson's fixed periods that
 * the file does not place are put at their fixed times; then the editor's hard-rule check.
 */
export function draftOnProblem(input: RosterInput, placements: FetPlacement[]): DraftOnProblem {
	const { instance } = buildProblem(input);
	const lessons = new Map(instance.lessons.map((l) => [l.id, l]));
	const slots = new Map<string, Slot[]>();
	const rejected: DraftOnProblem['rejected'] = [];
	const accepted: FetPlacement[] = [];
	for (const p of placements) {
		const lesson = lessons.get(lessonId(p));
		if (!lesson) {
			rejected.push({ placement: p, periods: p.slots.length, reason: 'not_taught' });
			continue;
		}
		if (lesson.teacher !== teacherId(p.staffId)) {
			rejected.push({ placement: p, periods: p.slots.length, reason: 'other_teacher' });
			continue;
		}
		const mine = slots.get(lesson.id) ?? [];
		const taken: SlotPair[] = [];
		let extra = 0;
		// fixed periods first, so that a file with too many periods keeps them
		const ordered = [...p.slots].sort(
			(a, b) =>
				Number(lesson.fixedSlots.some((f) => same(f, b))) -
				Number(lesson.fixedSlots.some((f) => same(f, a)))
		);
		// two periods of the lesson at one time stay: the check names the clash
		for (const s of ordered) {
			if (mine.length >= lesson.periodsPerWeek) extra++;
			else {
				mine.push([s[0], s[1]]);
				taken.push([s[0], s[1]]);
			}
		}
		slots.set(lesson.id, mine);
		if (extra) rejected.push({ placement: p, periods: extra, reason: 'extra' });
		if (taken.length) accepted.push({ ...p, slots: taken });
	}
	for (const lesson of instance.lessons) {
		const mine = slots.get(lesson.id) ?? [];
		for (const f of lesson.fixedSlots)
			if (!mine.some((x) => same(x, f)) && mine.length < lesson.periodsPerWeek) mine.push(f);
		if (mine.length) slots.set(lesson.id, mine);
	}
	const solution: Solution = {
		instance: instance.name,
		solver: 'fet',
		assignments: [...slots].map(([lesson, s]) => ({ lesson, slots: s }))
	};
	const e = evaluate(instance, solution);
	const unplaced = instance.lessons.flatMap((l) => {
		const missing = l.periodsPerWeek - (slots.get(l.id)?.length ?? 0);
		const ref = parseLessonId(l.id)!;
		return missing > 0
			? [{ lesson: l.id, classId: ref.classId, subjectId: ref.subjectId, periods: missing }]
			: [];
	});
	return {
		instance,
		solution,
		rejected,
		accepted,
		violations: hardViolations(instance, solution),
		roomExcess: e.hardViolations.roomCapacity ?? 0,
		unplaced,
		figures: {
			placedPeriods: e.placedPeriods,
			totalPeriods: e.placedPeriods + e.unplacedPeriods,
			hardViolations: e.hardTotal,
			softPenalty: e.softPenalty,
			teacherGaps: e.stats.teacherGapsTotal,
			iterations: 0,
			elapsedMs: 0
		}
	};
}

/** The preview's part about the placed timetable (`input` already has the import's changes). */
export function planFetDraft(input: RosterInput, fet: Instance, solution: Solution): FetDraftPlan {
	const { placements, unmapped } = fetPlacements(fet, solution, input);
	const draft = draftOnProblem(input, placements);
	const className = new Map(input.classes.map((c) => [c.id, c.name]));
	const staffName = new Map(input.staff.map((s) => [s.id, s.name]));
	const subjectName = new Map(input.subjects.map((s) => [s.id, s.name]));
	for (const r of draft.rejected)
		unmapped.push({
			className: className.get(r.placement.classId) ?? '',
			subject: subjectName.get(r.placement.subjectId) ?? '',
			teacher: staffName.get(r.placement.staffId) ?? '',
			periods: r.periods,
			reason: r.reason
		});
	const names: FetDraftPlan['names'] = { classes: {}, teachers: {}, lessons: {} };
	for (const c of input.classes) names.classes[`C${c.id}`] = c.name;
	for (const t of draft.instance.teachers) names.teachers[t.id] = t.name;
	const subjects = new Map(draft.instance.subjects.map((s) => [s.id, s.name]));
	for (const l of draft.instance.lessons)
		names.lessons[l.id] = { class: l.class, subject: subjects.get(l.subject) ?? l.subject };
	return {
		placements: draft.accepted,
		unmapped,
		placed: draft.figures.placedPeriods,
		unplaced: draft.unplaced.reduce((a, u) => a + u.periods, 0),
		violations: draft.violations,
		roomExcess: draft.roomExcess,
		names
	};
}

/**
 * Saves the import's changes and the placed timetable as a new draft, all or nothing; returns the
 * draft's id. The placements are mapped again on the roster as stored after the changes.
 */
export async function importFetDraft(
	db: Db,
	actor: Actor,
	schoolId: number,
	changes: FetChanges,
	placements: FetPlacement[]
): Promise<{ versionId: number; placed: number; unplaced: number }> {
	return db.transaction().execute(async (trx) => {
		await checkIds(trx, schoolId, changes);
		const userId = actor.principal.userId;
		await writeFetChanges(trx, userId, schoolId, changes);
		const semester = await currentSemester(trx);
		if (!semester) throw new DomainError('timetable_no_semester');
		const draft = draftOnProblem(await rosterInput(trx, schoolId), placements);
		if (draft.rejected.length) throw new DomainError('timetable_fet_draft_changed');
		if (!draft.figures.placedPeriods) throw new DomainError('timetable_fet_draft_empty');
		if (draft.violations.length)
			throw new DomainError('timetable_edit_refused', { rule: draft.violations[0].rule });
		if (draft.roomExcess || draft.figures.hardViolations)
			throw new DomainError('timetable_fet_draft_rooms');
		const version = await trx
			.insertInto('timetable_versions')
			.values({
				school_id: schoolId,
				semester_id: semester.id,
				status: 'draft',
				problem: JSON.stringify(draft.instance),
				seed: 0,
				time_limit_seconds: 1,
				figures: JSON.stringify(draft.figures),
				unplaced: JSON.stringify(draft.unplaced),
				created_by: userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const cells = draft.instance.lessons.flatMap((l) => {
			const ref = parseLessonId(l.id)!;
			const slots = draft.solution.assignments.find((a) => a.lesson === l.id)?.slots ?? [];
			return slots.map(([day, period]) => ({
				version_id: version.id,
				school_id: schoolId,
				class_id: ref.classId,
				subject_id: ref.subjectId,
				staff_id: parseTeacherId(l.teacher)!,
				kind: ref.kind,
				day,
				period,
				locked: false
			}));
		});
		for (let i = 0; i < cells.length; i += 1000)
			await trx
				.insertInto('timetable_cells')
				.values(cells.slice(i, i + 1000))
				.execute();
		const placed = draft.figures.placedPeriods;
		const unplaced = draft.unplaced.reduce((a, u) => a + u.periods, 0);
		await writeAudit(trx, {
			actorUserId: userId,
			action: 'timetable.fet_draft',
			entity: 'timetable_versions',
			entityId: version.id,
			schoolId,
			after: {
				placed,
				unplaced,
				teachers: changes.unavailable.length,
				requirements: changes.requirements.length,
				softPenalty: draft.figures.softPenalty
			},
			requestId: actor.requestId
		});
		return { versionId: version.id, placed, unplaced };
	});
}
