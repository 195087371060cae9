/**
 * An instance compiled to typed arrays for the solver: one "unit" per period of a lesson, slots
 * numbered day * periodsPerDay + period. Which rules are hard or soft, and their weights, follow
 * the instance's constraints exactly as evaluate.py reads them.
 */
import type { Instance, Slot } from './format';
import { constraintsByType } from './evaluate';

export const Kind = {
	ClassClash: 0,
	TeacherClash: 1,
	Unavailable: 2,
	MaxPerDay: 3,
	Consecutive: 4,
	MinDays: 5,
	ClassGaps: 6,
	TeacherGaps: 7,
	TeacherDays: 8,
	Rooms: 9
} as const;
export const KIND_NAMES = [
	'noClassClash',
	'noTeacherClash',
	'teacherUnavailable',
	'lessonMaxPerDay',
	'consecutiveIfSameDay',
	'lessonMinDaysBetween',
	'classMaxGapsPerWeek',
	'teacherMaxGapsPerWeek',
	'teacherMaxDaysPerWeek',
	'roomCapacity'
] as const;
export const KIND_COUNT = KIND_NAMES.length;

/** Cells the caller keeps when re-solving: these periods of the lesson stay where they are. */
export interface LockedCells {
	lesson: string;
	slots: Slot[];
}

export interface Model {
	inst: Instance;
	D: number;
	P: number;
	S: number;
	nC: number;
	nT: number;
	nL: number;
	nU: number;
	uLesson: Int32Array;
	uTeacher: Int32Array;
	uClass: Int32Array;
	/** slot a unit must stay in (fixed by the instance or locked by the caller), else -1 */
	uPinned: Int32Array;
	/** periods the solver leaves out because the pre-solve check proved they cannot all fit */
	uExcluded: Uint8Array;
	lUnits: number[][];
	lMaxPerDay: Int32Array;
	/** lessonMinDaysBetween applies (>= 2 periods, no fixed slot) */
	lSpreads: Uint8Array;
	/** consecutiveIfSameDay applies */
	lConsecutive: Uint8Array;
	tUnavailable: Uint8Array;
	/** -1 when the teacher has no day limit or the rule is absent */
	tMaxDays: Int32Array;
	cUnits: number[][];
	classMaxGaps: number;
	teacherMaxGaps: number;
	minDays: number;
	/** per kind: enabled, hard, weight / 100 */
	enabled: Uint8Array;
	hard: Uint8Array;
	weight: Float64Array;
	/** room types some subject needs (roomCapacity): per unit its type's index or -1 */
	roomTypes: string[];
	uRoom: Int32Array;
	/** rooms of each type at the school */
	rCount: Int32Array;
}

/** The room types that subjects need, how many rooms of each, and each unit's type (-1: none). */
export function compileRooms(inst: Instance, uLesson: Int32Array) {
	const needOf = new Map(inst.subjects.flatMap((s) => (s.roomType ? [[s.id, s.roomType]] : [])));
	const roomTypes = [...new Set(needOf.values())].sort();
	const index = new Map(roomTypes.map((t, i) => [t, i]));
	const rCount = new Int32Array(roomTypes.length);
	for (const r of inst.rooms ?? []) {
		const i = r.type === undefined ? undefined : index.get(r.type);
		if (i !== undefined) rCount[i]++;
	}
	const lRoom = inst.lessons.map((l) => index.get(needOf.get(l.subject) ?? '') ?? -1);
	const uRoom = Int32Array.from(uLesson, (l) => lRoom[l]);
	return { roomTypes, uRoom, rCount };
}

function configureKinds(inst: Instance) {
	const cons = constraintsByType(inst);
	const enabled = new Uint8Array(KIND_COUNT);
	const hard = new Uint8Array(KIND_COUNT);
	const weight = new Float64Array(KIND_COUNT);
	KIND_NAMES.forEach((name, k) => {
		const c = cons.get(name);
		// evaluate.py counts clashes, unavailability and the per-day maximum whatever the list says;
		// rooms are the portal's rule, hard whenever a subject needs a room type
		const always =
			k <= Kind.MaxPerDay || (k === Kind.Rooms && inst.subjects.some((s) => s.roomType));
		enabled[k] = always || c ? 1 : 0;
		hard[k] = always || k === Kind.Consecutive || c?.hard ? 1 : 0;
		weight[k] = (c?.weight ?? 100) / 100;
	});
	return { cons, enabled, hard, weight };
}

export function compileModel(inst: Instance, locked: LockedCells[] = []): Model {
	const D = inst.days.length;
	const P = inst.periodsPerDay;
	const S = D * P;
	const classIdx = new Map(inst.classes.map((c, i) => [c.id, i]));
	const teacherIdx = new Map(inst.teachers.map((t, i) => [t.id, i]));
	const lockedBy = new Map(locked.map((l) => [l.lesson, l.slots]));
	const { cons, enabled, hard, weight } = configureKinds(inst);
	const nU = inst.lessons.reduce((a, l) => a + l.periodsPerWeek, 0);
	const uLesson = new Int32Array(nU);
	const uTeacher = new Int32Array(nU);
	const uClass = new Int32Array(nU);
	const uPinned = new Int32Array(nU).fill(-1);
	const lUnits: number[][] = [];
	const cUnits: number[][] = inst.classes.map(() => []);
	let u = 0;
	inst.lessons.forEach((l, li) => {
		const pins = [...l.fixedSlots, ...(lockedBy.get(l.id) ?? [])].map(([d, p]) => d * P + p);
		const unique = [...new Set(pins)].slice(0, l.periodsPerWeek);
		const units: number[] = [];
		for (let k = 0; k < l.periodsPerWeek; k++, u++) {
			uLesson[u] = li;
			uTeacher[u] = teacherIdx.get(l.teacher) ?? 0;
			uClass[u] = classIdx.get(l.class) ?? 0;
			uPinned[u] = k < unique.length ? unique[k] : -1;
			units.push(u);
			cUnits[uClass[u]].push(u);
		}
		lUnits.push(units);
	});
	const tUnavailable = new Uint8Array(inst.teachers.length * S);
	inst.teachers.forEach((t, ti) =>
		t.unavailable.forEach(([d, p]) => (tUnavailable[ti * S + d * P + p] = 1))
	);
	return {
		inst,
		D,
		P,
		S,
		nC: inst.classes.length,
		nT: inst.teachers.length,
		nL: inst.lessons.length,
		nU,
		uLesson,
		uTeacher,
		uClass,
		uPinned,
		uExcluded: new Uint8Array(nU),
		lUnits,
		lMaxPerDay: Int32Array.from(inst.lessons, (l) => l.maxPerDay),
		lSpreads: Uint8Array.from(inst.lessons, (l) =>
			l.periodsPerWeek >= 2 && !l.fixedSlots.length ? 1 : 0
		),
		lConsecutive: Uint8Array.from(inst.lessons, (l) =>
			enabled[Kind.Consecutive] && l.periodsPerWeek >= 2 ? 1 : 0
		),
		tUnavailable,
		tMaxDays: Int32Array.from(inst.teachers, (t) =>
			enabled[Kind.TeacherDays] && t.maxDaysPerWeek !== undefined ? t.maxDaysPerWeek : -1
		),
		cUnits,
		classMaxGaps: cons.get('classMaxGapsPerWeek')?.maxGaps ?? 0,
		teacherMaxGaps: cons.get('teacherMaxGapsPerWeek')?.maxGaps ?? 0,
		minDays: cons.get('lessonMinDaysBetween')?.minDays ?? 0,
		enabled,
		hard,
		weight,
		...compileRooms(inst, uLesson)
	};
}
