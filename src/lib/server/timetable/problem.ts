/**
 * Builds the `vn-school-timetable/1` problem of one school from its roster rows and timetable
 * settings (pure: the rows are loaded by queries.ts). Ids in the problem name the rows they come
 * from, so a solution maps back to cells: class `C<id>`, teacher `T<staff id>`, subject
 * `S<subject id>`, lesson `L<class id>-<subject id>-<kind>`.
 *
 * HĐTN's weekly periods include Chào cờ (Monday, first period) and Sinh hoạt lớp (Saturday, last
 * period of the morning), both held by the homeroom teacher: they are counted once, inside HĐTN.
 */
import { SCHEMA_ID, type Instance } from '../../timetable/format';
import type { TimetableCellKind, TimetableSessions } from '../db/schema';

export const WEEKS_PER_YEAR = 35;
export const HDTN_CODE = 'HDTN';
const DAY_IDS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7'];
const DAY_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface WeekSettings {
	days: number;
	sessions: TimetableSessions;
	periodsPerSession: number;
}

export const DEFAULT_SETTINGS: WeekSettings = {
	days: 6,
	sessions: 'morning',
	periodsPerSession: 5
};

export interface RosterInput {
	schoolName: string;
	settings: WeekSettings;
	classes: { id: number; name: string; grade: number; homeroomStaffId: number | null }[];
	/** the programme's periods per year of each subject and grade (subject_periods, > 0 only) */
	subjects: { id: number; code: string; name: string; grade: number; periodsPerYear: number }[];
	assignments: { classId: number; subjectId: number; staffId: number }[];
	/** the admin's weekly periods, overriding the programme's figure */
	requirements: { classId: number; subjectId: number; periodsPerWeek: number }[];
	staff: { id: number; name: string }[];
	/** slots where a teacher cannot teach (inside the week) */
	unavailable?: { staffId: number; slots: SlotPair[] }[];
	/** the school's rooms and the room type each subject needs (a hard rule of the generator) */
	rooms?: { id: number; name: string; type: string; capacity: number | null }[];
	roomNeeds?: { subjectId: number; roomType: string }[];
}

/** Something in the roster that keeps periods out of the problem (they are reported, not solved). */
export interface RosterIssue {
	code: 'noClasses' | 'noTeacher' | 'noHomeroom';
	classId?: number;
	subjectId?: number;
	periods?: number;
}

export interface LessonRef {
	classId: number;
	subjectId: number;
	kind: TimetableCellKind;
}

export const periodsPerDay = (s: WeekSettings) =>
	s.periodsPerSession * (s.sessions === 'both' ? 2 : 1);

/** a slot of the week: [day, period], both 0-based */
export type SlotPair = [number, number];

/** Stored unavailable slots (day * 16 + period) inside the week, in day then period order. */
export function slotsInWeek(stored: number[], week: WeekSettings): SlotPair[] {
	const periods = periodsPerDay(week);
	return [...new Set(stored)]
		.sort((a, b) => a - b)
		.map((v): SlotPair => [Math.floor(v / 16), v % 16])
		.filter(([d, p]) => d < week.days && p < periods);
}

/**
 * Weekly periods of the k-th class (0-based, by name) of a grade from the periods per year: whole
 * weeks, the remainder spread so that the classes of a grade alternate (Lịch sử 52 → 1, 1, 2, ...).
 */
export function weeklyPeriods(periodsPerYear: number, k: number): number {
	return (
		Math.floor(((k + 1) * periodsPerYear) / WEEKS_PER_YEAR) -
		Math.floor((k * periodsPerYear) / WEEKS_PER_YEAR)
	);
}

export const lessonId = (r: LessonRef) => `L${r.classId}-${r.subjectId}-${r.kind}`;

export function parseLessonId(id: string): LessonRef | null {
	const m = /^L(\d{1,10})-(\d{1,10})-(lesson|flag|meeting)$/.exec(id);
	return m
		? { classId: Number(m[1]), subjectId: Number(m[2]), kind: m[3] as TimetableCellKind }
		: null;
}

export const teacherId = (staffId: number) => `T${staffId}`;
export function parseTeacherId(id: string): number | null {
	const m = /^T(\d{1,10})$/.exec(id);
	return m ? Number(m[1]) : null;
}

/** The weekly periods of every class and subject: the admin's figure, else the programme's. */
export function weeklyRequirements(input: RosterInput) {
	const override = new Map(
		input.requirements.map((r) => [`${r.classId}:${r.subjectId}`, r.periodsPerWeek])
	);
	const rank = new Map<number, number>();
	for (const grade of new Set(input.classes.map((c) => c.grade))) {
		const ofGrade = input.classes
			.filter((c) => c.grade === grade)
			.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
		ofGrade.forEach((c, k) => rank.set(c.id, k));
	}
	return input.classes.flatMap((c) =>
		input.subjects
			.filter((s) => s.grade === c.grade)
			.map((s) => {
				const edited = override.get(`${c.id}:${s.id}`);
				const programme = weeklyPeriods(s.periodsPerYear, rank.get(c.id) ?? 0);
				return {
					classId: c.id,
					subject: s,
					programme,
					periodsPerWeek: edited ?? programme,
					edited: edited !== undefined
				};
			})
	);
}

const CONSTRAINTS: Instance['constraints'] = [
	{ type: 'noClassClash', hard: true, weight: 100 },
	{ type: 'noTeacherClash', hard: true, weight: 100 },
	{ type: 'teacherUnavailable', hard: true, weight: 100 },
	{ type: 'fixedSlots', hard: true, weight: 100 },
	{ type: 'lessonMaxPerDay', hard: true, weight: 100 },
	{ type: 'consecutiveIfSameDay', hard: true, weight: 100 },
	{ type: 'classMaxGapsPerWeek', hard: true, weight: 100, maxGaps: 0 },
	{ type: 'lessonMinDaysBetween', hard: false, weight: 95, minDays: 1 },
	{ type: 'teacherMaxGapsPerWeek', hard: false, weight: 90, maxGaps: 2 }
];

export interface BuiltProblem {
	instance: Instance;
	issues: RosterIssue[];
}

const roomsOf = (input: RosterInput) =>
	(input.rooms ?? []).map((r) => ({
		id: `R${r.id}`,
		name: r.name,
		type: r.type,
		...(r.capacity === null ? {} : { capacity: r.capacity })
	}));

/** The problem of the school, and what in the roster keeps periods out of it. */
export function buildProblem(input: RosterInput): BuiltProblem {
	const { settings } = input;
	const issues: RosterIssue[] = [];
	if (!input.classes.length) issues.push({ code: 'noClasses' });
	const teacherOf = new Map(
		input.assignments.map((a) => [`${a.classId}:${a.subjectId}`, a.staffId])
	);
	const classById = new Map(input.classes.map((c) => [c.id, c]));
	const lessons: Instance['lessons'] = [];
	const meetingSlot: [number, number] = [settings.days - 1, settings.periodsPerSession - 1];
	const add = (ref: LessonRef, staffId: number, periods: number, fixed: [number, number][]) =>
		lessons.push({
			id: lessonId(ref),
			class: `C${ref.classId}`,
			subject: ref.kind === 'lesson' ? `S${ref.subjectId}` : ref.kind === 'flag' ? 'CHAOCO' : 'SHL',
			teacher: teacherId(staffId),
			periodsPerWeek: periods,
			maxPerDay: 2,
			fixedSlots: fixed
		});
	for (const r of weeklyRequirements(input)) {
		if (r.periodsPerWeek <= 0) continue;
		const c = classById.get(r.classId)!;
		const teacher = teacherOf.get(`${c.id}:${r.subject.id}`);
		let rest = r.periodsPerWeek;
		if (r.subject.code === HDTN_CODE) {
			const homeroom = c.homeroomStaffId ?? teacher;
			if (c.homeroomStaffId === null) issues.push({ code: 'noHomeroom', classId: c.id });
			if (homeroom !== undefined) {
				const ref = { classId: c.id, subjectId: r.subject.id };
				add({ ...ref, kind: 'flag' }, homeroom, 1, [[0, 0]]);
				rest--;
				if (rest > 0) {
					add({ ...ref, kind: 'meeting' }, homeroom, 1, [meetingSlot]);
					rest--;
				}
			}
		}
		if (rest <= 0) continue;
		if (teacher === undefined) {
			issues.push({ code: 'noTeacher', classId: c.id, subjectId: r.subject.id, periods: rest });
			continue;
		}
		add({ classId: c.id, subjectId: r.subject.id, kind: 'lesson' }, teacher, rest, []);
	}
	const teaching = new Set(lessons.map((l) => l.teacher));
	const unavailable = new Map((input.unavailable ?? []).map((u) => [u.staffId, u.slots]));
	const subjectNames = new Map(input.subjects.map((s) => [s.id, s.name]));
	const needs = new Map((input.roomNeeds ?? []).map((n) => [n.subjectId, n.roomType]));
	const instance: Instance = {
		schema: SCHEMA_ID,
		name: input.schoolName,
		days: DAY_IDS.slice(0, settings.days).map((id, i) => ({ id, name: id, nameEn: DAY_EN[i] })),
		periodsPerDay: periodsPerDay(settings),
		subjects: [
			...[...subjectNames].map(([id, name]) => ({ id: `S${id}`, name, roomType: needs.get(id) })),
			{ id: 'CHAOCO', name: 'Chào cờ' },
			{ id: 'SHL', name: 'Sinh hoạt lớp' }
		],
		classes: input.classes.map((c) => ({ id: `C${c.id}`, grade: c.grade })),
		teachers: input.staff
			.filter((s) => teaching.has(teacherId(s.id)))
			.map((s) => ({
				id: teacherId(s.id),
				name: s.name,
				unavailable: (unavailable.get(s.id) ?? []).map(([d, p]): SlotPair => [d, p])
			})),
		...(needs.size ? { rooms: roomsOf(input) } : {}),
		lessons,
		constraints: CONSTRAINTS
	};
	return { instance, issues };
}
