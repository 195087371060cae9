/**
 * The checker: the same rules and the same counting as ../shared/timetable/evaluate.py, so that
 * figures printed by the portal and by the reference checker agree. Written as a direct port on
 * purpose (no shared code with the solver's incremental state), so each checks the other.
 */
import type { Constraint, Instance, Slot, Solution } from './format';

export interface Evaluation {
	instance: string;
	placedPeriods: number;
	unplacedPeriods: number;
	hardViolations: Record<string, number>;
	hardTotal: number;
	feasible: boolean;
	softViolations: Record<string, number>;
	softPenalty: number;
	stats: {
		teacherGapsTotal: number;
		teacherGapsMax: number;
		teachersOverMaxGaps: number;
		classGapsTotal: number;
		lessonSameDayPairs: number;
	};
}

/** gaps of one day: span of the occupied periods minus the distinct occupied periods */
export function gapsOf(periods: number[]): number {
	if (periods.length < 2) return 0;
	const min = Math.min(...periods);
	const max = Math.max(...periods);
	return max - min + 1 - new Set(periods).size;
}

class Tally {
	readonly byKind: Record<string, number> = {};
	add(kind: string, n: number) {
		this.byKind[kind] = (this.byKind[kind] ?? 0) + n;
	}
}

function push<K>(map: Map<K, number[]>, key: K, value: number) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

export function constraintsByType(inst: Instance): Map<string, Constraint> {
	return new Map(inst.constraints.map((c) => [c.type, c]));
}

/**
 * The portal's room rule (evaluate.py knows no rooms): per slot and room type, the periods of
 * subjects needing the type beyond the school's rooms of it.
 */
export function roomExcess(inst: Instance, asg: ReadonlyMap<string, Slot[]>): number {
	const needOf = new Map(inst.subjects.flatMap((s) => (s.roomType ? [[s.id, s.roomType]] : [])));
	if (!needOf.size) return 0;
	const rooms = new Map<string, number>();
	for (const r of inst.rooms ?? []) if (r.type) rooms.set(r.type, (rooms.get(r.type) ?? 0) + 1);
	const use = new Map<string, number>();
	for (const l of inst.lessons) {
		const type = needOf.get(l.subject);
		if (!type) continue;
		for (const [d, h] of asg.get(l.id) ?? []) {
			if (!(d >= 0 && d < inst.days.length && h >= 0 && h < inst.periodsPerDay)) continue;
			const key = `${type}|${d}|${h}`;
			use.set(key, (use.get(key) ?? 0) + 1);
		}
	}
	let excess = 0;
	for (const [key, n] of use) excess += Math.max(0, n - (rooms.get(key.split('|')[0]) ?? 0));
	return excess;
}

export function evaluate(inst: Instance, sol: Solution): Evaluation {
	const D = inst.days.length;
	const P = inst.periodsPerDay;
	const cons = constraintsByType(inst);
	const asg = new Map<string, Slot[]>(sol.assignments.map((a) => [a.lesson, a.slots]));
	const hard = new Tally();
	const soft = new Tally();
	let unplaced = 0;
	const clsOcc = new Map<string, number[]>();
	const tchOcc = new Map<string, number[]>();
	const clsSlot = new Map<string, number>();
	const tchSlot = new Map<string, number>();
	const unavail = new Map(
		inst.teachers.map((t) => [t.id, new Set(t.unavailable.map(([d, p]) => d * P + p))])
	);
	let sameDayPairs = 0;
	for (const l of inst.lessons) {
		const sl = asg.get(l.id) ?? [];
		unplaced += Math.max(0, l.periodsPerWeek - sl.length);
		if (sl.length > l.periodsPerWeek) hard.add('tooManyPeriods', sl.length - l.periodsPerWeek);
		for (const [d, h] of sl) {
			if (!(d >= 0 && d < D && h >= 0 && h < P)) {
				hard.add('slotOutOfRange', 1);
				continue;
			}
			const ck = `${l.class}|${d}|${h}`;
			const tk = `${l.teacher}|${d}|${h}`;
			clsSlot.set(ck, (clsSlot.get(ck) ?? 0) + 1);
			tchSlot.set(tk, (tchSlot.get(tk) ?? 0) + 1);
			push(clsOcc, `${l.class}|${d}`, h);
			push(tchOcc, `${l.teacher}|${d}`, h);
			if (unavail.get(l.teacher)?.has(d * P + h)) hard.add('teacherUnavailable', 1);
		}
		for (const [fd, fp] of l.fixedSlots)
			if (!sl.some(([d, h]) => d === fd && h === fp)) hard.add('fixedSlots', 1);
		const perDay = new Map<number, number[]>();
		for (const [d, h] of sl) push(perDay, d, h);
		for (const hs of perDay.values()) {
			if (hs.length > l.maxPerDay) hard.add('lessonMaxPerDay', hs.length - l.maxPerDay);
			if (cons.has('consecutiveIfSameDay') && hs.length >= 2 && l.periodsPerWeek >= 2)
				if (Math.max(...hs) - Math.min(...hs) + 1 !== new Set(hs).size)
					hard.add('consecutiveIfSameDay', 1);
		}
		const md = cons.get('lessonMinDaysBetween');
		const spreads = l.periodsPerWeek >= 2 && l.fixedSlots.length === 0;
		for (let i = 0; i < sl.length; i++)
			for (let j = i + 1; j < sl.length; j++) {
				const dist = Math.abs(sl[i][0] - sl[j][0]);
				if (spreads && dist === 0) sameDayPairs++;
				if (md && spreads && dist < (md.minDays ?? 0))
					(md.hard ? hard : soft).add('lessonMinDaysBetween', (md.minDays ?? 0) - dist);
			}
	}
	for (const n of clsSlot.values()) if (n > 1) hard.add('noClassClash', n - 1);
	for (const n of tchSlot.values()) if (n > 1) hard.add('noTeacherClash', n - 1);
	const rooms = roomExcess(inst, asg);
	if (rooms) hard.add('roomCapacity', rooms);

	const gapsBy = (occ: Map<string, number[]>) => {
		const total = new Map<string, number>();
		for (const [key, hs] of occ) {
			const who = key.slice(0, key.lastIndexOf('|'));
			total.set(who, (total.get(who) ?? 0) + gapsOf(hs));
		}
		return total;
	};
	const clsGaps = gapsBy(clsOcc);
	const cg = cons.get('classMaxGapsPerWeek');
	if (cg)
		for (const c of inst.classes) {
			const ex = Math.max(0, (clsGaps.get(c.id) ?? 0) - (cg.maxGaps ?? 0));
			if (ex) (cg.hard ? hard : soft).add('classMaxGapsPerWeek', ex);
		}
	const tGaps = gapsBy(tchOcc);
	const tg = cons.get('teacherMaxGapsPerWeek');
	let nOver = 0;
	if (tg)
		for (const t of inst.teachers) {
			const ex = Math.max(0, (tGaps.get(t.id) ?? 0) - (tg.maxGaps ?? 0));
			if (ex) {
				nOver++;
				(tg.hard ? hard : soft).add('teacherMaxGapsPerWeek', ex);
			}
		}
	const tmd = cons.get('teacherMaxDaysPerWeek');
	if (tmd) {
		const days = new Map<string, number>();
		for (const key of tchOcc.keys()) {
			const who = key.slice(0, key.lastIndexOf('|'));
			days.set(who, (days.get(who) ?? 0) + 1);
		}
		for (const t of inst.teachers)
			if (t.maxDaysPerWeek !== undefined) {
				const ex = Math.max(0, (days.get(t.id) ?? 0) - t.maxDaysPerWeek);
				if (ex) (tmd.hard ? hard : soft).add('teacherMaxDaysPerWeek', ex);
			}
	}
	const weights = new Map(inst.constraints.map((c) => [c.type, c.weight]));
	let penalty = 0;
	for (const [k, v] of Object.entries(soft.byKind)) penalty += ((weights.get(k) ?? 0) / 100) * v;
	const hardTotal = Object.values(hard.byKind).reduce((a, b) => a + b, 0);
	const gl = inst.teachers.map((t) => tGaps.get(t.id) ?? 0);
	const total = inst.lessons.reduce((a, l) => a + l.periodsPerWeek, 0);
	return {
		instance: inst.name,
		placedPeriods: total - unplaced,
		unplacedPeriods: unplaced,
		hardViolations: hard.byKind,
		hardTotal,
		feasible: unplaced === 0 && hardTotal === 0,
		softViolations: soft.byKind,
		softPenalty: Math.round(penalty * 1e4) / 1e4,
		stats: {
			teacherGapsTotal: gl.reduce((a, b) => a + b, 0),
			teacherGapsMax: gl.length ? Math.max(...gl) : 0,
			teachersOverMaxGaps: nOver,
			classGapsTotal: [...clsGaps.values()].reduce((a, b) => a + b, 0),
			lessonSameDayPairs: sameDayPairs
		}
	};
}
