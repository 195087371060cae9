// npm run bench:timetable: the generator on the sample schools of ../shared/timetable, per school
// and seed: time to the first feasible timetable, final time, hard violations, soft penalty and
// teacher gaps, all figures from the evaluator (the rules of evaluate.py). One run at a time.
// Times are CPU seconds of the solver (the time limit too); wall-s is the whole run's wall time.
// Settings: TIMETABLE_SAMPLES (directory of *.json instances, default ../shared/timetable),
// BENCH_SEEDS (default 1,2,3), BENCH_TIME_LIMIT (CPU seconds per run, default 20),
// BENCH_OUT (a directory to write each solution to, for evaluate.py; default none).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeErrors, parseInstance } from '../src/lib/timetable/format';
import { solve } from '../src/lib/timetable/solver';

const dir = resolve(process.env.TIMETABLE_SAMPLES ?? '../shared/timetable');
const seeds = (process.env.BENCH_SEEDS ?? '1,2,3').split(',').map(Number);
const timeLimitMs = Number(process.env.BENCH_TIME_LIMIT ?? 20) * 1000;
const out = process.env.BENCH_OUT;

// CPU time of this process: on a machine shared with other work, wall time says little
const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};
const seconds = (ms: number | null) => (ms === null ? '-' : (ms / 1000).toFixed(2));
const pad = (s: string | number, n: number) => String(s).padStart(n);

function main() {
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort();
	if (!files.length) throw new Error(`no *.json instance in ${dir} (set TIMETABLE_SAMPLES)`);
	if (out) mkdirSync(out, { recursive: true });
	console.log(
		`samples: ${dir}; limit ${timeLimitMs / 1000} CPU s per run; seeds ${seeds.join(',')}; times in CPU s but wall-s`
	);
	console.log(
		'school                 seed  first-feasible-s  final-s  unplaced  hard  soft-penalty  teacher-gaps  wall-s'
	);
	for (const file of files) {
		const parsed = parseInstance(JSON.parse(readFileSync(join(dir, file), 'utf8')));
		if (!parsed.ok) {
			console.log(`${file}: not an instance\n${describeErrors(parsed.errors)}`);
			continue;
		}
		for (const seed of seeds) {
			const wall = performance.now();
			const r = solve(parsed.value, { seed, timeLimitMs, clock: cpuMs });
			const wallS = ((performance.now() - wall) / 1000).toFixed(1);
			const e = r.evaluation;
			console.log(
				[
					parsed.value.name.padEnd(22),
					pad(seed, 4),
					pad(seconds(r.firstFeasibleMs), 17),
					pad(seconds(r.elapsedMs), 8),
					pad(e.unplacedPeriods, 9),
					pad(e.hardTotal, 5),
					pad(e.softPenalty, 13),
					pad(e.stats.teacherGapsTotal, 13),
					pad(wallS, 7)
				].join(' ')
			);
			for (const p of r.problems) console.log(`    cannot be solved: ${p.message}`);
			if (out)
				writeFileSync(
					join(out, `${parsed.value.name}-seed${seed}.json`),
					JSON.stringify(r.solution)
				);
			// the problems do not depend on the seed: one run shows them
			if (r.problems.length) break;
		}
	}
}

main();
