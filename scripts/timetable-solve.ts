// npm run -s timetable:solve -- INSTANCE.json [--seed N] [--time-limit SECONDS] [--iterations N]
//   [--best-partial] > SOLUTION.json
// --best-partial: when the instance cannot be solved, spend the whole limit placing everything
// that can be (by default the solver explains and returns a quick partial timetable).
// Reads a vn-school-timetable/1 instance, writes only the solution JSON on stdout; progress, the
// time to the first feasible timetable, the final figures and any pre-solve explanation go to
// stderr. Exit status: 0 feasible, 1 bad input, 2 no feasible timetable (partial one written).
import { readFileSync } from 'node:fs';
import { describeErrors, parseInstance } from '../src/lib/timetable/format';
import { solve } from '../src/lib/timetable/solver';

function parseArgs(argv: string[]) {
	const args: {
		file?: string;
		seed?: number;
		timeLimitMs?: number;
		maxIterations?: number;
		searchWhenInfeasible?: boolean;
	} = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => {
			const v = Number(argv[++i]);
			if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a number`);
			return v;
		};
		if (a === '--seed') args.seed = value();
		else if (a === '--time-limit') args.timeLimitMs = value() * 1000;
		else if (a === '--iterations') args.maxIterations = value();
		else if (a === '--best-partial') args.searchWhenInfeasible = true;
		else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
		else args.file = a;
	}
	if (!args.file)
		throw new Error(
			'usage: timetable-solve INSTANCE.json [--seed N] [--time-limit S] [--iterations N] [--best-partial]'
		);
	return args;
}

function main(): number {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error((e as Error).message);
		return 1;
	}
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(args.file!, 'utf8'));
	} catch (e) {
		console.error(`${args.file}: ${(e as Error).message}`);
		return 1;
	}
	const parsed = parseInstance(json);
	if (!parsed.ok) {
		console.error(
			`${args.file}: not a valid vn-school-timetable/1 instance\n${describeErrors(parsed.errors)}`
		);
		return 1;
	}
	const result = solve(parsed.value, {
		seed: args.seed,
		timeLimitMs: args.timeLimitMs,
		maxIterations: args.maxIterations,
		searchWhenInfeasible: args.searchWhenInfeasible,
		progressEvery: 50_000,
		onProgress: (p) =>
			console.error(
				`[${(p.elapsedMs / 1000).toFixed(2)}s] ${p.phase} it=${p.iteration} placed=${p.placedPeriods}/${p.totalPeriods} hard=${p.hardViolations} soft=${p.softPenalty}`
			)
	});
	for (const p of result.problems) console.error(`cannot be solved: ${p.message}`);
	const e = result.evaluation;
	const first =
		result.firstFeasibleMs === null ? 'never' : `${(result.firstFeasibleMs / 1000).toFixed(2)}s`;
	console.error(
		`first feasible: ${first}; final: ${(result.elapsedMs / 1000).toFixed(2)}s, ${result.iterations} iterations; ` +
			`${e.feasible ? 'feasible' : 'NOT feasible'}, unplaced ${e.unplacedPeriods}, hard ${e.hardTotal}, ` +
			`soft penalty ${e.softPenalty}, teacher gaps ${e.stats.teacherGapsTotal}`
	);
	process.stdout.write(JSON.stringify(result.solution) + '\n');
	return result.status === 'feasible' ? 0 : 2;
}

process.exitCode = main();
