/**
 * Local search over complete timetables. Every move swaps the contents of two slots of one class
 * (a period with another period or with a free slot), so a class never has two periods at once.
 * While hard rules are broken: tabu search on a period that takes part in a violation, trying
 * every slot of its class. Once none is broken: simulated annealing on the soft penalty, refusing
 * every move that breaks a hard rule, and every few steps a perturbation (perturbStep): a period in
 * a soft violation moved to another day whatever it breaks, then a few tabu steps that mind the soft
 * penalty to mend the hard rules, kept or undone as a whole. On the tight samples the last
 * same-day repeats sit where no single swap or Kempe chain keeps every hard rule; the perturbation
 * passes through broken timetables to reach them. When even the perturbations stop finding better
 * timetables, the solver (solver.ts) goes back to the best one and calls ruin(): every period of
 * the teachers in a soft violation is taken out and put back greedily, and the tabu search repairs
 * what that breaks, which moves the search to another part of the space (a teacher's days, say).
 */
import { cheapestSlot } from './construct';
import type { Random } from './random';
import type { TimetableState } from './state';

const BUMP_EVERY = 50;
/** longer Kempe chains upset too much of the timetable to be worth their evaluation */
const MAX_CHAIN = 6;
/** how often a period of a teacher over the day limit is picked from any of the teacher's days */
const LOOSE_PICK = 0.2;
const RESCAN_EVERY = 8;
/** the soft rules' kinds (model.ts) */
const K_MINDAYS = 5;
const K_TEACHERGAPS = 7;
/** in a repair step that minds the soft penalty: one hard violation outweighs any soft penalty */
const SOFT_SCALE = 1 << 20;
/** tabu steps a perturbation may take to break no hard rule again */
const PERTURB_REPAIR = 100;

export class Search {
	private readonly tabuUntil: Int32Array;
	private readonly conflicted: Int32Array;
	private readonly movable: number[] = [];
	private nConflicted = 0;
	private readonly penalised: Int32Array;
	private readonly saved: Int32Array;
	private looseList = false;
	iteration = 0;

	constructor(
		private readonly st: TimetableState,
		private readonly rng: Random
	) {
		const m = st.m;
		this.tabuUntil = new Int32Array(m.nU * m.S);
		this.conflicted = new Int32Array(m.nU);
		this.penalised = new Int32Array(m.nU);
		this.saved = new Int32Array(m.nU);
		for (let u = 0; u < m.nU; u++) if (m.uPinned[u] < 0 && !m.uExcluded[u]) this.movable.push(u);
	}

	private canSwapWith(c: number, s: number): boolean {
		const v = this.st.grid[c * this.st.m.S + s];
		return v < 0 || this.st.m.uPinned[v] < 0;
	}

	/**
	 * A random period taking part in a hard violation. The list of them is rebuilt every few
	 * iterations (a scan of every period costs as much as the moves it saves).
	 */
	private pickConflicted(): number {
		const st = this.st;
		if (this.iteration % RESCAN_EVERY === 0 || this.nConflicted === 0) {
			this.looseList = this.rng.next() < LOOSE_PICK;
			let n = 0;
			for (const u of this.movable)
				if (st.slotOf[u] >= 0 && st.isConflicted(u, this.looseList)) this.conflicted[n++] = u;
			this.nConflicted = n;
		}
		for (let tries = 0; tries < 4 && this.nConflicted > 0; tries++) {
			const i = this.rng.int(this.nConflicted);
			const u = this.conflicted[i];
			if (st.isConflicted(u, this.looseList)) return u;
			this.conflicted[i] = this.conflicted[--this.nConflicted];
		}
		if (this.nConflicted) return this.conflicted[this.rng.int(this.nConflicted)];
		const placed = this.movable.filter((u) => st.slotOf[u] >= 0);
		return placed.length ? placed[this.rng.int(placed.length)] : -1;
	}

	/** what a repair step minimises: the hard rules, then (withSoft) the soft penalty */
	private repairCost(withSoft: boolean): number {
		const hard = this.st.searchHard();
		return withSoft ? hard * SOFT_SCALE + Math.round(this.st.softPenalty() * 100) : hard;
	}

	/**
	 * One tabu step: for one conflicted period, every swap with another slot of its class and every
	 * Kempe chain swap of the two slots; the best non-tabu one is made, even if it is worse.
	 */
	repairStep(bestHard: number, withSoft = false): void {
		const st = this.st;
		const { S } = st.m;
		const it = ++this.iteration;
		if (it % BUMP_EVERY === 0) st.bumpWeights();
		const u = this.pickConflicted();
		if (u < 0) return;
		const c = st.m.uClass[u];
		const s1 = st.slotOf[u];
		let best = -1;
		let bestChain = false;
		let bestCost = Infinity;
		let ties = 0;
		const consider = (s2: number, chain: boolean, cost: number, hard: number) => {
			const v = st.grid[c * S + s2];
			const tabu = this.tabuUntil[u * S + s2] > it || (v >= 0 && this.tabuUntil[v * S + s1] > it);
			if (tabu && hard >= bestHard) return;
			if (cost < bestCost) {
				bestCost = cost;
				best = s2;
				bestChain = chain;
				ties = 1;
			} else if (cost === bestCost && this.rng.int(++ties) === 0) {
				best = s2;
				bestChain = chain;
			}
		};
		for (let s2 = 0; s2 < S; s2++) {
			if (s2 === s1 || !this.canSwapWith(c, s2)) continue;
			st.swap(c, s1, s2);
			consider(s2, false, this.repairCost(withSoft), st.hardTotal());
			st.swap(c, s1, s2);
			const n = st.kempeChain(c, s1, s2);
			if (n > 1 && n <= MAX_CHAIN) {
				st.swapChain(n, s1, s2);
				consider(s2, true, this.repairCost(withSoft), st.hardTotal());
				st.swapChain(n, s1, s2);
			}
		}
		if (best < 0) return;
		const v = st.grid[c * S + best];
		if (bestChain) st.swapChain(st.kempeChain(c, s1, best), s1, best);
		else st.swap(c, s1, best);
		const tenure = 4 + this.rng.int(8) + Math.min(20, st.hardTotal());
		this.tabuUntil[u * S + s1] = it + tenure;
		if (v >= 0) this.tabuUntil[v * S + best] = it + tenure;
	}

	/**
	 * One annealing step at temperature `temp`: a swap of two slots of a class or, when that
	 * breaks a hard rule, the Kempe chain swap of the same slots (which keeps teachers clash-free).
	 * Returns whether the move was kept.
	 */
	improveStep(temp: number, soft: number): boolean {
		const st = this.st;
		const { S } = st.m;
		this.iteration++;
		const u = this.movable[this.rng.int(this.movable.length)];
		const s1 = st.slotOf[u];
		if (s1 < 0) return false;
		const c = st.m.uClass[u];
		let s2 = this.rng.int(S - 1);
		if (s2 >= s1) s2++;
		if (!this.canSwapWith(c, s2)) return false;
		st.swap(c, s1, s2);
		let chain = 0;
		if (st.hardTotal() > 0) {
			st.swap(c, s1, s2);
			chain = st.kempeChain(c, s1, s2);
			if (chain < 2) return false;
			st.swapChain(chain, s1, s2);
			if (st.hardTotal() > 0) {
				st.swapChain(chain, s1, s2);
				return false;
			}
		}
		const delta = st.softPenalty() - soft;
		if (delta <= 0 || (temp > 0 && this.rng.next() < Math.exp(-delta / temp))) return true;
		if (chain) st.swapChain(chain, s1, s2);
		else st.swap(c, s1, s2);
		return false;
	}

	/**
	 * Is unit u part of a soft violation: a lesson with two periods closer than the minimum days,
	 * or a teacher over the weekly gaps?
	 */
	isPenalised(u: number): boolean {
		const st = this.st;
		const m = st.m;
		const s = st.slotOf[u];
		if (s < 0) return false;
		const l = m.uLesson[u];
		if (m.enabled[K_MINDAYS] && !m.hard[K_MINDAYS] && m.lSpreads[l] && m.minDays > 0) {
			const d = (s / m.P) | 0;
			if (st.lessonOnDay(l, d) > 1) return true;
			for (let k = 1; k < m.minDays; k++)
				if (
					(d - k >= 0 && st.lessonOnDay(l, d - k) > 0) ||
					(d + k < m.D && st.lessonOnDay(l, d + k) > 0)
				)
					return true;
		}
		if (m.enabled[K_TEACHERGAPS] && !m.hard[K_TEACHERGAPS])
			return st.tGaps[m.uTeacher[u]] > m.teacherMaxGaps;
		return false;
	}

	/** the movable periods in a soft violation, listed anew (-1: none) */
	private pickPenalised(): number {
		let n = 0;
		for (const u of this.movable) if (this.isPenalised(u)) this.penalised[n++] = u;
		return n ? this.penalised[this.rng.int(n)] : -1;
	}

	/**
	 * A perturbation: a period in a soft violation moves to a slot of its class on a day its lesson
	 * has no period, whatever hard rule that breaks (the slot where the swap breaks least); up to
	 * PERTURB_REPAIR tabu steps (minding the soft penalty) mend the hard rules. Kept when no hard rule is left broken and the penalty is not higher (or
	 * with the annealing probability); else the timetable goes back as it was.
	 */
	perturbStep(temp: number, soft: number): boolean {
		const st = this.st;
		const m = st.m;
		const { S, P } = m;
		this.iteration++;
		const u = this.pickPenalised();
		if (u < 0) return false;
		const c = m.uClass[u];
		const l = m.uLesson[u];
		const s1 = st.slotOf[u];
		// the slot, on a day without the lesson, where the plain swap breaks least (then costs least)
		let s2 = -1;
		let n = 0;
		let bestCost = Infinity;
		for (let s = 0; s < S; s++) {
			if (s === s1 || st.lessonOnDay(l, (s / P) | 0) !== 0 || !this.canSwapWith(c, s)) continue;
			st.swap(c, s1, s);
			const cost = this.repairCost(true);
			st.swap(c, s1, s);
			if (cost < bestCost) {
				bestCost = cost;
				s2 = s;
				n = 1;
			} else if (cost === bestCost && this.rng.int(++n) === 0) s2 = s;
		}
		if (s2 < 0) return false;
		this.saved.set(st.slotOf);
		st.swap(c, s1, s2);
		for (let k = 0; k < PERTURB_REPAIR && st.hardTotal() > 0; k++)
			this.repairStep(st.hardTotal(), true);
		if (st.hardTotal() === 0) {
			const delta = st.softPenalty() - soft;
			if (delta <= 1e-9 || (temp > 0 && this.rng.next() < Math.exp(-delta / temp))) return true;
		}
		for (let v = 0; v < m.nU; v++) if (st.slotOf[v] !== this.saved[v]) st.move(v, -1);
		for (let v = 0; v < m.nU; v++) if (st.slotOf[v] !== this.saved[v]) st.move(v, this.saved[v]);
		return false;
	}

	/**
	 * Ruin and recreate: every movable period of the teachers in a soft violation leaves the
	 * timetable and goes back, in random order, to the cheapest free slot of its class (what that
	 * breaks is left to the repair steps). Returns how many periods moved out and back.
	 */
	ruin(): number {
		const st = this.st;
		const m = st.m;
		this.iteration++;
		const marked = new Uint8Array(m.nT);
		for (const u of this.movable) if (this.isPenalised(u)) marked[m.uTeacher[u]] = 1;
		const units = this.movable.filter((u) => marked[m.uTeacher[u]] && st.slotOf[u] >= 0);
		for (const u of units) st.move(u, -1);
		for (let i = units.length - 1; i > 0; i--) {
			const j = this.rng.int(i + 1);
			const x = units[i];
			units[i] = units[j];
			units[j] = x;
		}
		for (const u of units) {
			const s = cheapestSlot(st, u, this.rng);
			if (s >= 0) st.move(u, s);
		}
		this.nConflicted = 0;
		return units.length;
	}
}
