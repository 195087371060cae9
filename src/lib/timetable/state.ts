/**
 * The solver's timetable: the incrementally kept counters of state-base.ts, and what the search
 * asks of them: swaps of two slots of a class, Kempe chains, and which periods are in a violation.
 */
import { Kind } from './model';
import { BROKEN, StateCounters } from './state-base';

const {
	TeacherDays: K_TEACHERDAYS,
	ClassGaps: K_CLASSGAPS,
	TeacherGaps: K_TEACHERGAPS,
	MinDays: K_MINDAYS
} = Kind;

export class TimetableState extends StateCounters {
	/** swaps the contents of two slots of one class (either may be empty) */
	swap(c: number, s1: number, s2: number): void {
		const base = c * this.m.S;
		const u1 = this.grid[base + s1];
		const u2 = this.grid[base + s2];
		if (u1 >= 0) this.move(u1, -1);
		if (u2 >= 0) this.move(u2, s1);
		if (u1 >= 0) this.move(u1, s2);
	}

	/**
	 * The Kempe chain of class c between slots s1 and s2: the classes whose periods at s1 and s2
	 * must swap together so that no teacher gains a clash. Returns its size (the classes are in
	 * chainClasses()), or 0 when a pinned period would have to move.
	 */
	kempeChain(c: number, s1: number, s2: number): number {
		const m = this.m;
		const S = m.S;
		const stamp = ++this.chainStamp;
		let n = 0;
		this.chain[n++] = c;
		this.chainMark[c] = stamp;
		for (let i = 0; i < n; i++) {
			const cl = this.chain[i];
			for (let k = 0; k < 2; k++) {
				const s = k ? s2 : s1;
				const v = this.grid[cl * S + s];
				if (v < 0) continue;
				if (m.uPinned[v] >= 0) return 0;
				const w = this.teacherGrid[m.uTeacher[v] * S + (k ? s1 : s2)];
				if (w < 0) continue;
				const wc = m.uClass[w];
				if (this.chainMark[wc] !== stamp) {
					this.chainMark[wc] = stamp;
					this.chain[n++] = wc;
				}
			}
		}
		return n;
	}

	/** swaps s1 and s2 in the first n classes of the last chain (its own inverse) */
	swapChain(n: number, s1: number, s2: number): void {
		for (let i = 0; i < n; i++) this.swap(this.chain[i], s1, s2);
	}

	/**
	 * Is unit u part of some hard violation (a candidate to move)? For a teacher over the day
	 * limit, the periods on the days to give up; `loose`: all of that teacher's periods, since
	 * room on the days kept is sometimes made by moving those first.
	 */
	isConflicted(u: number, loose = false): boolean {
		const s = this.slotOf[u];
		if (s < 0) return false;
		const m = this.m;
		const { S, D, P } = m;
		const t = m.uTeacher[u];
		const c = m.uClass[u];
		const l = m.uLesson[u];
		const d = (s / P) | 0;
		if (this.tOcc[t * S + s] > 1 || this.cOcc[c * S + s] > 1 || m.tUnavailable[t * S + s])
			return true;
		if (this.lDayCnt[l * D + d] > m.lMaxPerDay[l]) return true;
		const r = m.uRoom[u];
		if (r >= 0 && this.rOcc[r * S + s] > m.rCount[r]) return true;
		if (m.lConsecutive[l] && BROKEN[this.lMask[l * D + d]]) return true;
		if (m.hard[K_TEACHERDAYS] && m.tMaxDays[t] >= 0 && this.tDays[t] > m.tMaxDays[t])
			return loose || this.isOnDayToGiveUp(t, d);
		if (m.hard[K_CLASSGAPS] && m.enabled[K_CLASSGAPS] && this.cGaps[c] > m.classMaxGaps)
			return true;
		if (m.hard[K_TEACHERGAPS] && this.tGaps[t] > m.teacherMaxGaps) return true;
		if (m.hard[K_MINDAYS] && m.lSpreads[l] && m.enabled[K_MINDAYS])
			return this.lDayCnt[l * D + d] > 1;
		return false;
	}

	/** is day d one of the least busy days of a teacher over the day limit (one to clear)? */
	private isOnDayToGiveUp(t: number, d: number): boolean {
		const { D } = this.m;
		const forced = this.tForcedDays[t];
		if (forced & (1 << d)) return false;
		const mine = this.tDayCnt[t * D + d];
		let fewer = 0;
		for (let e = 0; e < D; e++) {
			const n = forced & (1 << e) ? 1 << 20 : this.tDayCnt[t * D + e];
			if (n > 0 && (n < mine || (n === mine && e < d))) fewer++;
		}
		return fewer < this.tDays[t] - this.m.tMaxDays[t];
	}

	/** periods of lesson l on day d */
	lessonOnDay(l: number, d: number): number {
		return this.lDayCnt[l * this.m.D + d];
	}

	teacherDays(t: number): number {
		return this.tDays[t];
	}
}
