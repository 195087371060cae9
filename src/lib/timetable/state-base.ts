/**
 * The counters under the solver's timetable (state.ts): every rule's amount kept up to date
 * incrementally: placing or removing one period touches only its teacher, class, lesson and room
 * type, so a move costs a few dozen array updates. Counting follows evaluate.py (gaps and same-day
 * blocks use distinct periods).
 */
import { KIND_COUNT as KINDS, Kind, type Model } from './model';

// local copies: an imported object's fields are getters once transpiled, too slow in the hot path
const {
	ClassClash: K_CLASSCLASH,
	TeacherClash: K_TEACHERCLASH,
	Unavailable: K_UNAVAILABLE,
	MaxPerDay: K_MAXPERDAY,
	Consecutive: K_CONSECUTIVE,
	MinDays: K_MINDAYS,
	ClassGaps: K_CLASSGAPS,
	TeacherGaps: K_TEACHERGAPS,
	TeacherDays: K_TEACHERDAYS,
	Rooms: K_ROOMS
} = Kind;
const N_KINDS = KINDS;
const MAX_MASK = 1 << 16;
export const GAPS = new Int32Array(MAX_MASK);
export const BROKEN = new Uint8Array(MAX_MASK);
for (let m = 1; m < MAX_MASK; m++) {
	const low = 31 - Math.clz32(m & -m);
	const high = 31 - Math.clz32(m);
	let bits = 0;
	for (let x = m; x; x &= x - 1) bits++;
	GAPS[m] = high - low + 1 - bits;
	BROKEN[m] = GAPS[m] ? 1 : 0;
}

export class StateCounters {
	readonly m: Model;
	readonly slotOf: Int32Array;
	/** the unit in a class slot (the last placed one when several clash), -1 if none */
	readonly grid: Int32Array;
	/** the unit a teacher teaches in a slot (the last placed one when several clash), -1 if none */
	readonly teacherGrid: Int32Array;
	protected readonly tUnits: number[][];
	protected readonly chainMark: Int32Array;
	protected chainStamp = 0;
	protected readonly chain: Int32Array;
	readonly amount: Float64Array = new Float64Array(KINDS);
	protected readonly cOcc: Int32Array;
	protected readonly tOcc: Int32Array;
	protected readonly lOcc: Int32Array;
	protected readonly cMask: Int32Array;
	protected readonly tMask: Int32Array;
	protected readonly lMask: Int32Array;
	protected readonly tDayCnt: Int32Array;
	protected readonly lDayCnt: Int32Array;
	protected readonly tDays: Int32Array;
	/** periods needing a room type per type and slot */
	protected readonly rOcc: Int32Array;
	readonly tGaps: Int32Array;
	protected readonly cGaps: Int32Array;
	/** per teacher over the day limit: periods on the days to give up (the least busy ones) */
	protected readonly tDaysSurrogate: Int32Array;
	/**
	 * Teachers' clashes, unavailable slots and day-limit surrogate, each teacher's share times a
	 * weight that grows while the teacher stays in violation (breakout local search).
	 */
	protected weighted = 0;
	protected readonly tPenalty: Int32Array;
	protected readonly scratch: Int32Array;
	protected readonly tWeight: Int32Array;
	protected readonly cWeight: Int32Array;
	/** days a teacher teaches whatever happens (pinned periods), never the ones to give up */
	protected readonly tForcedDays: Int32Array;
	placed = 0;

	constructor(m: Model) {
		this.m = m;
		const { S, D, nC, nT, nL, nU } = m;
		this.slotOf = new Int32Array(nU).fill(-1);
		this.grid = new Int32Array(nC * S).fill(-1);
		this.teacherGrid = new Int32Array(nT * S).fill(-1);
		this.tUnits = Array.from({ length: nT }, () => []);
		for (let u = 0; u < nU; u++) this.tUnits[m.uTeacher[u]].push(u);
		this.chainMark = new Int32Array(nC);
		this.chain = new Int32Array(nC);
		this.cOcc = new Int32Array(nC * S);
		this.tOcc = new Int32Array(nT * S);
		this.lOcc = new Int32Array(nL * S);
		this.cMask = new Int32Array(nC * D);
		this.tMask = new Int32Array(nT * D);
		this.lMask = new Int32Array(nL * D);
		this.tDayCnt = new Int32Array(nT * D);
		this.lDayCnt = new Int32Array(nL * D);
		this.tDays = new Int32Array(nT);
		this.rOcc = new Int32Array(m.roomTypes.length * S);
		this.tGaps = new Int32Array(nT);
		this.cGaps = new Int32Array(nC);
		this.tDaysSurrogate = new Int32Array(nT);
		this.scratch = new Int32Array(D);
		this.tWeight = new Int32Array(nT).fill(1);
		this.tPenalty = new Int32Array(nT);
		this.cWeight = new Int32Array(nC).fill(1);
		this.tForcedDays = new Int32Array(nT);
		for (let u = 0; u < nU; u++)
			if (m.uPinned[u] >= 0) this.tForcedDays[m.uTeacher[u]] |= 1 << Math.floor(m.uPinned[u] / m.P);
	}

	/**
	 * The hard total the search minimises: zero exactly when hardTotal() is, but a teacher over the
	 * day limit counts the periods still to move off the least busy days, so that every period moved
	 * off such a day shows as progress (the plain day count only drops with the day's last period).
	 */
	searchHard(): number {
		const m = this.m;
		const a = this.amount;
		let plain = this.hardTotal() - a[K_TEACHERCLASH] - a[K_UNAVAILABLE];
		if (m.hard[K_TEACHERDAYS]) plain -= a[K_TEACHERDAYS];
		if (m.hard[K_CLASSGAPS]) plain -= a[K_CLASSGAPS];
		return plain + this.weighted;
	}

	/** raises the weight of every teacher still in a clash, unavailable or over the day limit */
	bumpWeights(): void {
		let total = 0;
		for (let t = 0; t < this.m.nT; t++) {
			const own = this.tPenalty[t] + this.tDaysSurrogate[t];
			if (own > 0) this.tWeight[t]++;
			total += own * this.tWeight[t];
		}
		const m = this.m;
		if (m.hard[K_CLASSGAPS] && m.enabled[K_CLASSGAPS])
			for (let c = 0; c < m.nC; c++) {
				const over = this.excess(this.cGaps[c], m.classMaxGaps);
				if (over > 0) this.cWeight[c]++;
				total += over * this.cWeight[c];
			}
		this.weighted = total;
	}

	protected updateDaysSurrogate(t: number): void {
		const limit = this.m.tMaxDays[t];
		const over = this.tDays[t] - limit;
		let value = 0;
		if (limit >= 0 && over > 0) {
			const { D } = this.m;
			const counts = this.scratch;
			let n = 0;
			const forced = this.tForcedDays[t];
			for (let d = 0; d < D; d++)
				if (this.tDayCnt[t * D + d] > 0)
					counts[n++] = forced & (1 << d) ? 1 << 20 : this.tDayCnt[t * D + d];
			// the `over` smallest of a handful of day counts: a partial selection sort
			for (let i = 0; i < over; i++) {
				let k = i;
				for (let j = i + 1; j < n; j++) if (counts[j] < counts[k]) k = j;
				const x = counts[k];
				counts[k] = counts[i];
				counts[i] = x;
				value += x;
			}
		}
		if (this.m.hard[K_TEACHERDAYS])
			this.weighted += (value - this.tDaysSurrogate[t]) * this.tWeight[t];
		this.tDaysSurrogate[t] = value;
	}

	hardTotal(): number {
		let h = 0;
		for (let k = 0; k < N_KINDS; k++) if (this.m.hard[k]) h += this.amount[k];
		return h;
	}

	softPenalty(): number {
		let s = 0;
		for (let k = 0; k < N_KINDS; k++)
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

	protected excess(value: number, limit: number): number {
		return value > limit ? value - limit : 0;
	}

	protected update(u: number, s: number, dir: 1 | -1): void {
		const m = this.m;
		const d = (s / m.P) | 0;
		const bit = 1 << (s - d * m.P);
		this.placed += dir;
		this.updateClass(u, m.uClass[u], s, d, bit, dir);
		this.updateTeacher(u, m.uTeacher[u], s, d, bit, dir);
		this.updateLesson(m.uLesson[u], s, d, bit, dir);
		const r = m.uRoom[u];
		if (r >= 0) this.updateRoom(r, s, dir);
	}

	/** rooms: the periods of a slot needing a type beyond the school's rooms of it */
	private updateRoom(r: number, s: number, dir: 1 | -1): void {
		const i = r * this.m.S + s;
		const n = this.rOcc[i];
		const rooms = this.m.rCount[r];
		this.rOcc[i] = n + dir;
		this.amount[K_ROOMS] += this.excess(n + dir, rooms) - this.excess(n, rooms);
	}

	protected updateClass(
		u: number,
		c: number,
		s: number,
		d: number,
		bit: number,
		dir: 1 | -1
	): void {
		const m = this.m;
		const { S, D } = m;
		const amount = this.amount;
		const ci = c * S + s;
		const cBefore = this.cOcc[ci];
		this.cOcc[ci] = cBefore + dir;
		if (dir > 0) {
			if (cBefore >= 1) amount[K_CLASSCLASH]++;
			this.grid[ci] = u;
		} else {
			if (cBefore > 1) amount[K_CLASSCLASH]--;
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
			if (m.enabled[K_CLASSGAPS]) {
				const delta = this.excess(ng, m.classMaxGaps) - this.excess(g, m.classMaxGaps);
				amount[K_CLASSGAPS] += delta;
				if (m.hard[K_CLASSGAPS]) this.weighted += delta * this.cWeight[c];
			}
		}
	}

	protected updateTeacher(
		u: number,
		t: number,
		s: number,
		d: number,
		bit: number,
		dir: 1 | -1
	): void {
		const m = this.m;
		const { S, D } = m;
		const amount = this.amount;
		const ti = t * S + s;
		const tBefore = this.tOcc[ti];
		this.tOcc[ti] = tBefore + dir;
		if (dir > 0) this.teacherGrid[ti] = u;
		else if (this.teacherGrid[ti] === u)
			this.teacherGrid[ti] = tBefore > 1 ? this.otherOfTeacher(u, t, s) : -1;
		if (dir > 0 ? tBefore >= 1 : tBefore > 1) {
			amount[K_TEACHERCLASH] += dir;
			this.tPenalty[t] += dir;
			this.weighted += dir * this.tWeight[t];
		}
		if (m.tUnavailable[ti]) {
			amount[K_UNAVAILABLE] += dir;
			this.tPenalty[t] += dir;
			this.weighted += dir * this.tWeight[t];
		}
		const td = t * D + d;
		if ((tBefore === 0) !== (this.tOcc[ti] === 0)) {
			const old = this.tMask[td];
			const nw = old ^ bit;
			this.tMask[td] = nw;
			const g = this.tGaps[t];
			const ng = g + GAPS[nw] - GAPS[old];
			this.tGaps[t] = ng;
			if (m.enabled[K_TEACHERGAPS])
				amount[K_TEACHERGAPS] +=
					this.excess(ng, m.teacherMaxGaps) - this.excess(g, m.teacherMaxGaps);
		}
		const dayBefore = this.tDayCnt[td];
		this.tDayCnt[td] = dayBefore + dir;
		if ((dayBefore === 0) !== (this.tDayCnt[td] === 0)) {
			const limit = m.tMaxDays[t];
			const days = this.tDays[t];
			this.tDays[t] = days + dir;
			if (limit >= 0)
				amount[K_TEACHERDAYS] += this.excess(days + dir, limit) - this.excess(days, limit);
		}
		if (m.tMaxDays[t] >= 0 && (this.tDays[t] > m.tMaxDays[t] || this.tDaysSurrogate[t] > 0))
			this.updateDaysSurrogate(t);
	}

	protected updateLesson(l: number, s: number, d: number, bit: number, dir: 1 | -1): void {
		const m = this.m;
		const { S, D } = m;
		const amount = this.amount;
		const ld = l * D + d;
		const n = this.lDayCnt[ld];
		const n2 = n + dir;
		const mpd = m.lMaxPerDay[l];
		amount[K_MAXPERDAY] += this.excess(n2, mpd) - this.excess(n, mpd);
		if (m.lSpreads[l] && m.enabled[K_MINDAYS])
			amount[K_MINDAYS] += dir * this.pairCost(l, d, dir > 0 ? n : n2);
		this.lDayCnt[ld] = n2;
		const li = l * S + s;
		const lBefore = this.lOcc[li];
		this.lOcc[li] = lBefore + dir;
		if ((lBefore === 0) !== (this.lOcc[li] === 0)) {
			const old = this.lMask[ld];
			const nw = old ^ bit;
			this.lMask[ld] = nw;
			if (m.lConsecutive[l]) amount[K_CONSECUTIVE] += BROKEN[nw] - BROKEN[old];
		}
	}

	/** penalty of pairs between one period on day d and the lesson's other periods (sameDay of them on d) */
	protected pairCost(l: number, d: number, sameDay: number): number {
		const { minDays, D } = this.m;
		if (minDays <= 0) return 0;
		let cost = sameDay * minDays;
		for (let k = 1; k < minDays; k++) {
			if (d - k >= 0) cost += this.lDayCnt[l * D + d - k] * (minDays - k);
			if (d + k < D) cost += this.lDayCnt[l * D + d + k] * (minDays - k);
		}
		return cost;
	}

	protected otherOfTeacher(u: number, t: number, s: number): number {
		for (const v of this.tUnits[t]) if (v !== u && this.slotOf[v] === s) return v;
		return -1;
	}

	protected otherInSlot(u: number, c: number, s: number): number {
		for (const v of this.m.cUnits[c]) if (v !== u && this.slotOf[v] === s) return v;
		return -1;
	}
}
