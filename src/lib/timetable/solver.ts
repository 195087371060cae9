/**
 * The timetable generator: plain data in, plain data out, a progress callback and an AbortSignal,
 * so that a worker thread can run it as is. With a seed and an iteration limit (and no time
 * limit) a run is reproducible: the only randomness is the seeded PRNG and the clock is read only
 * to enforce a time limit and to report times.
 */
import { construct, stripViolations } from './construct';
import { evaluate, type Evaluation } from './evaluate';
import type { Instance, Slot, Solution } from './format';
import { compileModel, type LockedCells } from './model';
import { findProblems, periodsToLeaveOut, type Problem } from './presolve';
import { createRandom } from './random';
import { Search } from './search';
import { TimetableState } from './state';

export interface SolveProgress {
	phase: 'construct' | 'repair' | 'improve';
	iteration: number;
	placedPeriods: number;
	totalPeriods: number;
	hardViolations: number;
	softPenalty: number;
	elapsedMs: number;
}

export interface SolveOptions {
	seed?: number;
	/** stop after this long (default 10 s when no iteration limit is given) */
	timeLimitMs?: number;
	maxIterations?: number;
	/** cells kept where they are (re-solving after an admin locked them) */
	locked?: LockedCells[];
	/** a previous timetable to start from */
	initial?: Solution;
	signal?: AbortSignal;
	onProgress?: (progress: SolveProgress) => void;
	/** iterations between two progress reports */
	progressEvery?: number;
	solverName?: string;
	/**
	 * When the pre-solve check proves that no complete timetable exists, the solver leaves out the
	 * periods it names and, by default, searches only briefly for the rest; with this set it uses
	 * the whole time or iteration limit to place everything else.
	 */
	searchWhenInfeasible?: boolean;
	/**
	 * Milliseconds for the time limit and the reported times (default: wall time). The bench
	 * passes CPU time so that figures on a shared machine mean something.
	 */
	clock?: () => number;
}

export interface SolveResult {
	/** feasible: every period placed, no hard rule broken; partial: some periods left out */
	status: 'feasible' | 'partial';
	solution: Solution;
	unplaced: { lesson: string; periods: number }[];
	/** why the instance cannot be solved, found before searching ([] when none) */
	problems: Problem[];
	evaluation: Evaluation;
	cancelled: boolean;
	iterations: number;
	firstFeasibleMs: number | null;
	firstFeasibleIteration: number | null;
	elapsedMs: number;
}

/** when the pre-solve check already proves infeasibility, search only this long for a good partial */
const PARTIAL_ITERATIONS = 20_000;
const CLOCK_EVERY = 128;
const T_START = 0.6;
const T_END = 0.02;
/** annealing steps between two perturbations (search.ts perturbStep) */
const PERTURB_EVERY = 30;
/**
 * Iterations without a better timetable before the search goes back to the best one and ruins and
 * recreates part of it (search.ts ruin); the wait grows by RUIN_GROWTH after each ruin that found
 * nothing better (long walks on a plateau also find improvements) and is reset by an improvement.
 */
const RUIN_STALL = 50_000;
const RUIN_GROWTH = 1.5;
/** repair iterations a ruined timetable gets to break no hard rule again, else the best comes back */
const RUIN_REPAIR = 20_000;

function toSolution(st: TimetableState, name: string): Solution {
	const m = st.m;
	return {
		instance: m.inst.name,
		solver: name,
		assignments: m.inst.lessons.map((l, li) => ({
			lesson: l.id,
			slots: m.lUnits[li]
				.map((u) => st.slotOf[u])
				.filter((s) => s >= 0)
				.sort((a, b) => a - b)
				.map((s): Slot => [Math.floor(s / m.P), s % m.P])
		}))
	};
}

/** puts the timetable back to `slots`, moving only the periods that differ */
function restore(st: TimetableState, slots: Int32Array): void {
	const n = st.m.nU;
	for (let u = 0; u < n; u++) if (st.slotOf[u] !== slots[u]) st.move(u, -1);
	for (let u = 0; u < n; u++) if (st.slotOf[u] !== slots[u]) st.move(u, slots[u]);
}

const STRIP_ROUNDS = 5;
const STRIP_REPAIR_ITERATIONS = 3000;

/**
 * Takes periods out until no hard rule is broken, letting the tabu search close the gaps that
 * the removals open in between (a fixed number of steps, so the result stays reproducible).
 */
function leaveOutViolations(st: TimetableState, search: Search): void {
	stripViolations(st);
	for (let round = 0; round < STRIP_ROUNDS && st.hardTotal() > 0; round++) {
		for (let i = 0; i < STRIP_REPAIR_ITERATIONS && st.hardTotal() > 0; i++)
			search.repairStep(st.hardTotal());
		stripViolations(st);
	}
	stripViolations(st, true);
}

export function solve(inst: Instance, options: SolveOptions = {}): SolveResult {
	const clock = options.clock ?? (() => performance.now());
	const started = clock();
	const elapsed = () => clock() - started;
	const m = compileModel(inst, options.locked);
	const problems = findProblems(m);
	for (const u of periodsToLeaveOut(m, problems)) m.uExcluded[u] = 1;
	const rng = createRandom(options.seed ?? 1);
	const st = new TimetableState(m);
	const every = options.progressEvery ?? 5000;
	let maxIterations = options.maxIterations ?? Infinity;
	if (problems.length && !options.searchWhenInfeasible)
		maxIterations = Math.min(maxIterations, PARTIAL_ITERATIONS);
	const timeLimit =
		options.timeLimitMs ?? (options.maxIterations === undefined ? 10_000 : Infinity);
	const report = (phase: SolveProgress['phase'], placed = st.placed) =>
		options.onProgress?.({
			phase,
			iteration: search.iteration,
			placedPeriods: placed,
			totalPeriods: m.nU,
			hardViolations: st.hardTotal(),
			softPenalty: Math.round(st.softPenalty() * 1e4) / 1e4,
			elapsedMs: elapsed()
		});
	const search = new Search(st, rng);
	construct(st, rng, options.initial, (placed) => report('construct', placed));

	let bestHard = st.hardTotal();
	let bestSoft = st.softPenalty();
	let bestSlots = st.slotOf.slice();
	const isComplete = () => st.placed === m.nU && st.hardTotal() === 0;
	let firstFeasibleMs: number | null = isComplete() ? elapsed() : null;
	let firstFeasibleIteration: number | null = firstFeasibleMs === null ? null : 0;
	let cancelled = false;
	let timeFraction = 0;
	// a perturbation takes several iterations at once: the clock, the progress reports and the
	// perturbations go by counters, not by multiples of the iteration number
	let clockAt = 0;
	let reportAt = every;
	let annealSteps = 0;
	// iteration of the last better timetable, of the last ruin still being repaired (-1: none)
	let lastBestAt = 0;
	let ruinedAt = -1;
	let stall = RUIN_STALL;
	for (;;) {
		const it = search.iteration;
		if (options.signal?.aborted) {
			cancelled = true;
			break;
		}
		if (it >= maxIterations || (bestHard === 0 && bestSoft === 0)) break;
		if (it >= clockAt && timeLimit !== Infinity) {
			clockAt = it + CLOCK_EVERY;
			timeFraction = elapsed() / timeLimit;
			if (timeFraction >= 1) break;
		}
		const hard = st.hardTotal();
		if (ruinedAt >= 0 && (hard === 0 || it - ruinedAt > RUIN_REPAIR)) {
			// a ruin repaired goes on from there; one not repaired in time gives the best back
			if (hard > 0) restore(st, bestSlots);
			ruinedAt = -1;
			lastBestAt = it;
		}
		if (hard === 0 && firstFeasibleMs !== null && it - lastBestAt > stall) {
			restore(st, bestSlots);
			search.ruin();
			stall = Math.round(stall * RUIN_GROWTH);
			ruinedAt = search.iteration;
			lastBestAt = search.iteration;
			continue;
		}
		if (st.hardTotal() > 0) search.repairStep(bestHard);
		else {
			const fraction = Math.max(timeFraction, maxIterations === Infinity ? 0 : it / maxIterations);
			const temp = T_START * Math.pow(T_END / T_START, fraction);
			if (PERTURB_EVERY > 0 && ++annealSteps % PERTURB_EVERY === 0)
				search.perturbStep(temp, st.softPenalty());
			else search.improveStep(temp, st.softPenalty());
		}
		const h = st.hardTotal();
		if (h < bestHard || (h === bestHard && h === 0 && st.softPenalty() < bestSoft - 1e-9)) {
			bestHard = h;
			bestSoft = st.softPenalty();
			bestSlots = st.slotOf.slice();
			lastBestAt = search.iteration;
			stall = RUIN_STALL;
			if (firstFeasibleMs === null && isComplete()) {
				firstFeasibleMs = elapsed();
				firstFeasibleIteration = search.iteration;
				report('improve');
			}
		}
		if (search.iteration >= reportAt) {
			reportAt = search.iteration + every;
			report(h > 0 ? 'repair' : 'improve');
		}
	}
	for (let u = 0; u < m.nU; u++) st.move(u, bestSlots[u]);
	leaveOutViolations(st, search);
	const solution = toSolution(st, options.solverName ?? 'truong-so');
	const evaluation = evaluate(inst, solution);
	const unplaced = inst.lessons
		.map((l, li) => ({
			lesson: l.id,
			periods: m.lUnits[li].filter((u) => st.slotOf[u] < 0).length
		}))
		.filter((x) => x.periods > 0);
	return {
		status: evaluation.feasible ? 'feasible' : 'partial',
		solution,
		unplaced,
		problems,
		evaluation,
		cancelled,
		iterations: search.iteration,
		firstFeasibleMs,
		firstFeasibleIteration,
		elapsedMs: elapsed()
	};
}
