/**
 * The editor's check: what moving one period of a class to another slot (or swapping it with the
 * period already there) does to a timetable. Every hard rule broken after the edit and not before
 * is named with the class, teacher, lesson and slot involved, so that the page can say it in words
 * before anything is saved; the soft penalty and teacher gaps before and after come from the
 * evaluator. Pure: the server runs the same check again when saving.
 */
import { evaluate, gapsOf } from './evaluate';
import type { Instance, Lesson, Slot, Solution } from './format';

export type Rule =
	| 'noClassClash'
	| 'noTeacherClash'
	| 'teacherUnavailable'
	| 'fixedSlots'
	| 'lessonMaxPerDay'
	| 'consecutiveIfSameDay'
	| 'classMaxGapsPerWeek'
	| 'teacherMaxDaysPerWeek'
	| 'teacherMaxGapsPerWeek'
	| 'lessonMinDaysBetween';

/** One broken hard rule; the fields that apply to the rule are set. */
export interface Violation {
	rule: Rule;
	class?: string;
	teacher?: string;
	lesson?: string;
	/** the other lessons in a clash */
	others?: string[];
	day?: number;
	period?: number;
	/** the rule's limit (maximum per day, days, gaps) */
	limit?: number;
}

export interface Move {
	class: string;
	from: Slot;
	to: Slot;
}

export interface MovedPeriod {
	lesson: string;
	from: Slot;
	to: Slot;
}

export interface EditCheck {
	kind: 'move' | 'swap';
	moved: MovedPeriod[];
	/** hard rules the edit breaks (broken after it, not before) */
	introduced: Violation[];
	/** the edit may be saved: it breaks no hard rule */
	ok: boolean;
	softBefore: number;
	softAfter: number;
	teacherGapsBefore: number;
	teacherGapsAfter: number;
	solution: Solution;
}

export type EditError = 'no_period' | 'same_slot' | 'out_of_range' | 'unknown_class';

const key = (v: Violation) =>
	[v.rule, v.class, v.teacher, v.lesson, v.day, v.period, v.others?.join(',')].join('|');

function byKey<K, V>(items: V[], keyOf: (v: V) => K): Map<K, V[]> {
	const out = new Map<K, V[]>();
	for (const item of items) {
		const k = keyOf(item);
		const list = out.get(k);
		if (list) list.push(item);
		else out.set(k, [item]);
	}
	return out;
}

interface Placed {
	lesson: Lesson;
	day: number;
	period: number;
}

function placedPeriods(inst: Instance, sol: Solution): Placed[] {
	const slots = new Map(sol.assignments.map((a) => [a.lesson, a.slots]));
	return inst.lessons.flatMap((lesson) =>
		(slots.get(lesson.id) ?? []).map(([day, period]) => ({ lesson, day, period }))
	);
}

function clashes(placed: Placed[], who: 'class' | 'teacher'): Violation[] {
	const rule = who === 'class' ? 'noClassClash' : 'noTeacherClash';
	const out: Violation[] = [];
	for (const group of byKey(placed, (p) => `${p.lesson[who]}|${p.day}|${p.period}`).values())
		if (group.length > 1)
			out.push({
				rule,
				[who]: group[0].lesson[who],
				day: group[0].day,
				period: group[0].period,
				others: group.map((p) => p.lesson.id).sort()
			});
	return out;
}

function lessonRules(inst: Instance, placed: Placed[], consecutive: boolean): Violation[] {
	const out: Violation[] = [];
	const ofLesson = byKey(placed, (p) => p.lesson.id);
	for (const lesson of inst.lessons) {
		const mine = ofLesson.get(lesson.id) ?? [];
		for (const [d, p] of lesson.fixedSlots)
			if (!mine.some((x) => x.day === d && x.period === p))
				out.push({ rule: 'fixedSlots', lesson: lesson.id, class: lesson.class, day: d, period: p });
		for (const [day, ofDay] of byKey(mine, (x) => x.day)) {
			const periods = ofDay.map((x) => x.period);
			const base = { lesson: lesson.id, class: lesson.class, day };
			if (periods.length > lesson.maxPerDay)
				out.push({ rule: 'lessonMaxPerDay', ...base, limit: lesson.maxPerDay });
			if (consecutive && lesson.periodsPerWeek >= 2 && periods.length >= 2 && gapsOf(periods))
				out.push({ rule: 'consecutiveIfSameDay', ...base });
		}
	}
	return out;
}

function weeklyRules(inst: Instance, placed: Placed[]): Violation[] {
	const rules = new Map(inst.constraints.map((c) => [c.type, c]));
	const out: Violation[] = [];
	const gapsOfWeek = (items: Placed[]) =>
		[...byKey(items, (p) => p.day).values()].reduce(
			(a, ofDay) => a + gapsOf(ofDay.map((p) => p.period)),
			0
		);
	const classGaps = rules.get('classMaxGapsPerWeek');
	if (classGaps?.hard)
		for (const [cls, mine] of byKey(placed, (p) => p.lesson.class))
			if (gapsOfWeek(mine) > (classGaps.maxGaps ?? 0))
				out.push({ rule: 'classMaxGapsPerWeek', class: cls, limit: classGaps.maxGaps ?? 0 });
	const teacherGaps = rules.get('teacherMaxGapsPerWeek');
	const days = rules.get('teacherMaxDaysPerWeek');
	const teachers = new Map(inst.teachers.map((t) => [t.id, t]));
	for (const [teacher, mine] of byKey(placed, (p) => p.lesson.teacher)) {
		if (teacherGaps?.hard && gapsOfWeek(mine) > (teacherGaps.maxGaps ?? 0))
			out.push({ rule: 'teacherMaxGapsPerWeek', teacher, limit: teacherGaps.maxGaps ?? 0 });
		const max = teachers.get(teacher)?.maxDaysPerWeek;
		if (days?.hard && max !== undefined && new Set(mine.map((p) => p.day)).size > max)
			out.push({ rule: 'teacherMaxDaysPerWeek', teacher, limit: max });
	}
	return out;
}

/**
 * Every broken hard rule of a timetable, one entry per clash, slot or lesson. Counts agree with
 * the evaluator's hard total for clashes, unavailability and fixed slots; the per-day and weekly
 * rules give one entry per lesson-day or per class/teacher.
 */
export function hardViolations(inst: Instance, sol: Solution): Violation[] {
	const placed = placedPeriods(inst, sol);
	const rules = new Map(inst.constraints.map((c) => [c.type, c]));
	const unavailable = new Map(
		inst.teachers.map((t) => [t.id, new Set(t.unavailable.map(([d, p]) => `${d}|${p}`))])
	);
	const out = [...clashes(placed, 'class'), ...clashes(placed, 'teacher')];
	for (const p of placed)
		if (unavailable.get(p.lesson.teacher)?.has(`${p.day}|${p.period}`))
			out.push({
				rule: 'teacherUnavailable',
				teacher: p.lesson.teacher,
				lesson: p.lesson.id,
				class: p.lesson.class,
				day: p.day,
				period: p.period
			});
	out.push(...lessonRules(inst, placed, rules.has('consecutiveIfSameDay')));
	out.push(...weeklyRules(inst, placed));
	return out;
}

/** The lesson of `cls` placed at `slot` (null when the class has nothing there). */
export function lessonAt(inst: Instance, sol: Solution, cls: string, [d, p]: Slot): string | null {
	const ofClass = new Set(inst.lessons.filter((l) => l.class === cls).map((l) => l.id));
	const found = sol.assignments.find(
		(a) => ofClass.has(a.lesson) && a.slots.some(([x, y]) => x === d && y === p)
	);
	return found?.lesson ?? null;
}

function moveSlot(sol: Solution, lesson: string, from: Slot, to: Slot): Solution {
	let done = false;
	return {
		...sol,
		assignments: sol.assignments.map((a) => {
			if (a.lesson !== lesson) return a;
			return {
				...a,
				slots: a.slots.map((s): Slot => {
					if (done || s[0] !== from[0] || s[1] !== from[1]) return s;
					done = true;
					return [to[0], to[1]];
				})
			};
		})
	};
}

/**
 * The timetable after moving the period of `move.class` at `move.from` to `move.to`; when the
 * class has a period at `move.to`, the two swap.
 */
export function applyMove(
	inst: Instance,
	sol: Solution,
	move: Move
): { kind: 'move' | 'swap'; moved: MovedPeriod[]; solution: Solution } | EditError {
	const inRange = ([d, p]: Slot) =>
		Number.isInteger(d) && Number.isInteger(p) && d >= 0 && p >= 0 && d < inst.days.length;
	if (!inst.classes.some((c) => c.id === move.class)) return 'unknown_class';
	if (![move.from, move.to].every((s) => inRange(s) && s[1] < inst.periodsPerDay))
		return 'out_of_range';
	if (move.from[0] === move.to[0] && move.from[1] === move.to[1]) return 'same_slot';
	const first = lessonAt(inst, sol, move.class, move.from);
	if (!first) return 'no_period';
	const second = lessonAt(inst, sol, move.class, move.to);
	const moved = [{ lesson: first, from: move.from, to: move.to }];
	if (!second) return { kind: 'move', moved, solution: moveSlot(sol, first, move.from, move.to) };
	moved.push({ lesson: second, from: move.to, to: move.from });
	// two periods of one lesson swapped: the timetable stays as it is
	if (second === first) return { kind: 'swap', moved, solution: sol };
	const solution = moveSlot(moveSlot(sol, first, move.from, move.to), second, move.to, move.from);
	return { kind: 'swap', moved, solution };
}

/** What the edit does: the hard rules it breaks and the soft figures before and after. */
export function checkMove(inst: Instance, sol: Solution, move: Move): EditCheck | EditError {
	const applied = applyMove(inst, sol, move);
	if (typeof applied === 'string') return applied;
	const before = new Set(hardViolations(inst, sol).map(key));
	const introduced = hardViolations(inst, applied.solution).filter((v) => !before.has(key(v)));
	const e0 = evaluate(inst, sol);
	const e1 = evaluate(inst, applied.solution);
	return {
		kind: applied.kind,
		moved: applied.moved,
		introduced,
		ok: introduced.length === 0,
		softBefore: e0.softPenalty,
		softAfter: e1.softPenalty,
		teacherGapsBefore: e0.stats.teacherGapsTotal,
		teacherGapsAfter: e1.stats.teacherGapsTotal,
		solution: applied.solution
	};
}
