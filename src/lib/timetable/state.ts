/**
 * The solver's timetable with every rule's amount kept up to date incrementally: placing or
 * removing one period touches only its teacher, class and lesson, so a move costs a few dozen
 * array updates. Counting follows evaluate.py (gaps and same-day blocks use distinct periods).
 */
import { KIND_COUNT, Kind, type Model } from './model';

const MAX_MASK = 1 << 16;
const GAPS = new Int32Array(MAX_MASK);
const BROKEN = new Uint8Array(MAX_MASK);
for (let m = 1; m < MAX_MASK; m++) {
	const low = 31 - Math.clz32(m & -m);
	const high = 31 - Math.clz32(m);
	let bits = 0;
	for (let x = m; x; x &= x - 1) bits++;
	GAPS[m] = high - low + 1 - bits;
	BROKEN[m] = GAPS[m] ? 1 : 0;
}

export class TimetableState {
	readonly m: Model;
	readonly slotOf: Int32Array;
	/** the unit in a class slot (the last placed one when several clash), -1 if none */
	readonly grid: Int32Array;
	readonly amount: Float64Array = new Float64Array(KIND_COUNT);
	private readonly cOcc: Int32Array;
	private readonly tOcc: Int32Array;
	private readonly lOcc: Int32Array;
	private readonly cMask: Int32Array;
	private readonly tMask: Int32Array;
	private readonly lMask: Int32Array;
	private readonly tDayCnt: Int32Array;
	private readonly lDayCnt: Int32Array;
	private readonly tDays: Int32Array;
	readonly tGaps: Int32Array;
	private readonly cGaps: Int32Array;
	placed = 0;

	constructor(m: Model) {
		this.m = m;
		const { S, D, nC, nT, nL, nU } = m;
		this.slotOf = new Int32Array(nU).fill(-1);
		this.grid = new Int32Array(nC * S).fill(-1);
		this.cOcc = new Int32Array(nC * S);
		this.tOcc = new Int32Array(nT * S);
		this.lOcc = new Int32Array(nL * S);
		this.cMask = new Int32Array(nC * D);
		this.tMask = new Int32Array(nT * D);
		this.lMask = new Int32Array(nL * D);
		this.tDayCnt = new Int32Array(nT * D);
		this.lDayCnt = new Int32Array(nL * D);
		this.tDays = new Int32Array(nT);
		this.tGaps = new Int32Array(nT);
		this.cGaps = new Int32Array(nC);
	}

	hardTotal(): number {
		let h = 0;
		for (let k = 0; k < KIND_COUNT; k++) if (this.m.hard[k]) h += this.amount[k];
		return h;
	}

	softPenalty(): number {
		let s = 0;
		for (let k = 0; k < KIND_COUNT; k++)
			if (!this.m.hard[k] && this.m.enabled[k]) s += this.m.weight[k] * this.amount[k];
		return s;
	}

	/** moves unit u to slot `to` (-1 = unplaced) */
	move(u: number, to: number): void {
		const from = this.slotOf[u];
		if (from === to) return;
		if (from >= 0) this.update(u, from, -1);
		if (to >= 0) this.update(u, to, 1);
		this.slotOf[u] = to;
	}

	/** swaps the contents of two slots of one class (either may be empty) */
	swap(c: number, s1: number, s2: number): void {
		const base = c * this.m.S;
		const u1 = this.grid[base + s1];
		const u2 = this.grid[base + s2];
		if (u1 >= 0) this.move(u1, -1);
		if (u2 >= 0) this.move(u2, s1);
		if (u1 >= 0) this.move(u1, s2);
	}

	private excess(value: number, limit: number): number {
		return value > limit ? value - limit : 0;
	}

	private update(u: number, s: number, dir: 1 | -1): void {
		const m = this.m;
		const { S, D, P } = m;
		const t = m.uTeacher[u];
		const c = m.uClass[u];
		const l = m.uLesson[u];
		const d = (s / P) | 0;
		const bit = 1 << (s - d * P);
		const amount = this.amount;
		this.placed += dir;

		const ci = c * S + s;
		const cBefore = this.cOcc[ci];
		this.cOcc[ci] = cBefore + dir;
		if (dir > 0) {
			if (cBefore >= 1) amount[Kind.ClassClash]++;
			this.grid[ci] = u;
		} else {
			if (cBefore > 1) amount[Kind.ClassClash]--;
			if (this.grid[ci] === u) this.grid[ci] = cBefore > 1 ? this.otherInSlot(u, c, s) : -1;
		}
		if ((cBefore === 0) !== (this.cOcc[ci] === 0)) {
			const cd = c * D + d;
			const old = this.cMask[cd];
			const nw = old ^ bit;
			this.cMask[cd] = nw;
			const g = this.cGaps[c];
			const ng = g + GAPS[nw] - GAPS[old];
			this.cGaps[c] = ng;
			if (m.enabled[Kind.ClassGaps])
				amount[Kind.ClassGaps] += this.excess(ng, m.classMaxGaps) - this.excess(g, m.classMaxGaps);
		}

		const ti = t * S + s;
		const tBefore = this.tOcc[ti];
		this.tOcc[ti] = tBefore + dir;
		if (dir > 0 ? tBefore >= 1 : tBefore > 1) amount[Kind.TeacherClash] += dir;
		if (m.tUnavailable[ti]) amount[Kind.Unavailable] += dir;
		const td = t * D + d;
		if ((tBefore === 0) !== (this.tOcc[ti] === 0)) {
			const old = this.tMask[td];
			const nw = old ^ bit;
			this.tMask[td] = nw;
			const g = this.tGaps[t];
			const ng = g + GAPS[nw] - GAPS[old];
			this.tGaps[t] = ng;
			if (m.enabled[Kind.TeacherGaps])
				amount[Kind.TeacherGaps] += this.excess(ng, m.teacherMaxGaps) - this.excess(g, m.teacherMaxGaps);
		}
		const dayBefore = this.tDayCnt[td];
		this.tDayCnt[td] = dayBefore + dir;
		if ((dayBefore === 0) !== (this.tDayCnt[td] === 0)) {
			const limit = m.tMaxDays[t];
			const days = this.tDays[t];
			this.tDays[t] = days + dir;
			if (limit >= 0) amount[Kind.TeacherDays] += this.excess(days + dir, limit) - this.excess(days, limit);
		}

		const ld = l * D + d;
		const n = this.lDayCnt[ld];
		const n2 = n + dir;
		const mpd = m.lMaxPerDay[l];
		amount[Kind.MaxPerDay] += this.excess(n2, mpd) - this.excess(n, mpd);
		if (m.lSpreads[l] && m.enabled[Kind.MinDays]) amount[Kind.MinDays] += dir * this.pairCost(l, d, dir > 0 ? n : n2);
		this.lDayCnt[ld] = n2;
		const li = l * S + s;
		const lBefore = this.lOcc[li];
		this.lOcc[li] = lBefore + dir;
		if ((lBefore === 0) !== (this.lOcc[li] === 0)) {
			const old = this.lMask[ld];
			const nw = old ^ bit;
			this.lMask[ld] = nw;
			if (m.lConsecutive[l]) amount[Kind.Consecutive] += BROKEN[nw] - BROKEN[old];
		}
	}

	/** penalty of pairs between one period on day d and the lesson's other periods (sameDay of them on d) */
	private pairCost(l: number, d: number, sameDay: number): number {
		const { minDays, D } = this.m;
		if (minDays <= 0) return 0;
		let cost = sameDay * minDays;
		for (let k = 1; k < minDays; k++) {
			if (d - k >= 0) cost += this.lDayCnt[l * D + d - k] * (minDays - k);
			if (d + k < D) cost += this.lDayCnt[l * D + d + k] * (minDays - k);
		}
		return cost;
	}

	private otherInSlot(u: number, c: number, s: number): number {
		for (const v of this.m.cUnits[c]) if (v !== u && this.slotOf[v] === s) return v;
		return -1;
	}

	/** is unit u part of some hard violation (a candidate to move)? */
	isConflicted(u: number): boolean {
		const s = this.slotOf[u];
		if (s < 0) return false;
		const m = this.m;
		const { S, D, P } = m;
		const t = m.uTeacher[u];
		const c = m.uClass[u];
		const l = m.uLesson[u];
		const d = (s / P) | 0;
		if (this.tOcc[t * S + s] > 1 || this.cOcc[c * S + s] > 1 || m.tUnavailable[t * S + s]) return true;
		if (this.lDayCnt[l * D + d] > m.lMaxPerDay[l]) return true;
		if (m.lConsecutive[l] && BROKEN[this.lMask[l * D + d]]) return true;
		if (m.hard[Kind.TeacherDays] && m.tMaxDays[t] >= 0 && this.tDays[t] > m.tMaxDays[t]) return true;
		if (m.hard[Kind.ClassGaps] && m.enabled[Kind.ClassGaps] && this.cGaps[c] > m.classMaxGaps)
			return true;
		if (m.hard[Kind.TeacherGaps] && this.tGaps[t] > m.teacherMaxGaps) return true;
		if (m.hard[Kind.MinDays] && m.lSpreads[l] && m.enabled[Kind.MinDays]) return this.lDayCnt[l * D + d] > 1;
		return false;
	}

	teacherDays(t: number): number {
		return this.tDays[t];
	}
}
