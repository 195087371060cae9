/**
 * Building the first timetable and taking periods out of a timetable that still breaks a rule.
 * Both work on a TimetableState; the search in solver.ts sits between them.
 */
import type { Solution } from './format';
import type { Model } from './model';
import type { Random } from './random';
import type { TimetableState } from './state';

/** weight of one hard violation against the soft penalty while hard rules are broken */
export const HARD_WEIGHT = 1000;

export const costOf = (st: TimetableState) => st.searchHard() * HARD_WEIGHT + st.softPenalty();

/**
 * Most constrained first: periods of teachers with the least room (periods per usable slot, days
 * limited) go first, then lessons with many periods.
 */
function constructionOrder(m: Model): number[] {
	const load = new Int32Array(m.nT);
	for (let u = 0; u < m.nU; u++) load[m.uTeacher[u]]++;
	const tightness = Array.from({ length: m.nT }, (_, t) => {
		let free = 0;
		for (let s = 0; s < m.S; s++) if (!m.tUnavailable[t * m.S + s]) free++;
		if (m.tMaxDays[t] >= 0) free = Math.min(free, m.tMaxDays[t] * m.P);
		return load[t] / Math.max(1, free);
	});
	const units = [];
	for (let u = 0; u < m.nU; u++) if (m.uPinned[u] < 0 && !m.uExcluded[u]) units.push(u);
	const ppw = (u: number) => m.lUnits[m.uLesson[u]].length;
	return units.sort(
		(a, b) => tightness[m.uTeacher[b]] - tightness[m.uTeacher[a]] || ppw(b) - ppw(a) || a - b
	);
}

/** the cheapest empty slot of u's class, ties broken at random; -1 when the class is full */
export function cheapestSlot(st: TimetableState, u: number, rng: Random): number {
	const m = st.m;
	const base = m.uClass[u] * m.S;
	let best = -1;
	let bestCost = Infinity;
	let ties = 0;
	for (let s = 0; s < m.S; s++) {
		if (st.grid[base + s] >= 0) continue;
		st.move(u, s);
		const cost = costOf(st);
		st.move(u, -1);
		if (cost < bestCost) {
			bestCost = cost;
			best = s;
			ties = 1;
		} else if (cost === bestCost && rng.int(++ties) === 0) best = s;
	}
	return best;
}

/**
 * Places pinned periods, then the periods of `initial` that still fit (a re-solve starts from the
 * previous timetable), then every other period greedily into the cheapest empty slot of its class.
 */
export function construct(
	st: TimetableState,
	rng: Random,
	initial: Solution | undefined,
	onPlaced: (placed: number) => void
): void {
	const m = st.m;
	for (let u = 0; u < m.nU; u++) if (m.uPinned[u] >= 0) st.move(u, m.uPinned[u]);
	if (initial) {
		const lessonIdx = new Map(m.inst.lessons.map((l, i) => [l.id, i]));
		for (const a of initial.assignments) {
			const li = lessonIdx.get(a.lesson);
			if (li === undefined) continue;
			const free = m.lUnits[li].filter((u) => st.slotOf[u] < 0 && !m.uExcluded[u]);
			for (const [d, p] of a.slots) {
				const u = free.shift();
				if (u === undefined || d >= m.D || p >= m.P) break;
				if (st.grid[m.uClass[u] * m.S + d * m.P + p] < 0) st.move(u, d * m.P + p);
			}
		}
	}
	const order = constructionOrder(m).filter((u) => st.slotOf[u] < 0);
	order.forEach((u, i) => {
		const s = cheapestSlot(st, u, rng);
		if (s >= 0) st.move(u, s);
		if (i % 64 === 63) onPlaced(st.placed);
	});
	onPlaced(st.placed);
}

/**
 * Takes out, one at a time, the period whose removal repairs the most hard violations, until none
 * is left: the caller gets a partial timetable with its unplaced periods listed instead of one
 * that breaks a hard rule. Pinned periods stay (their clashes are reported by the pre-solve check).
 * Returns when nothing is left to remove.
 */
export function stripViolations(st: TimetableState, whatever = false): void {
	const m = st.m;
	let hard = st.hardTotal();
	while (hard > 0) {
		let best = -1;
		// a removal that repairs nothing yet may be needed (a teacher over the day limit loses a
		// whole day); `whatever`: even one that breaks something else (a gap), as a last resort
		let bestHard = whatever ? Infinity : hard + 0.5;
		for (let u = 0; u < m.nU; u++) {
			const s = st.slotOf[u];
			if (s < 0 || m.uPinned[u] >= 0 || !st.isConflicted(u)) continue;
			st.move(u, -1);
			const h = st.hardTotal();
			st.move(u, s);
			if (h < bestHard) {
				bestHard = h;
				best = u;
			}
		}
		if (best < 0) return;
		st.move(best, -1);
		hard = bestHard;
	}
}
