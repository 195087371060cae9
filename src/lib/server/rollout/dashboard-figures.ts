import type { DB } from '../db';
import { expectedDone } from '../../rollout/risk';

/** One row of the dashboard's grouping-sets scan (see dashboard-queries.ts). */
export interface FigureRow {
	gArea: number;
	gWave: number;
	gMonth: number;
	area_id: number | null;
	wave_id: number | null;
	month: string | null;
	schools: number;
	allInUse: number;
	allMeasuredInUse: number;
	approved: number;
	completed: number;
	inProgress: number;
	awaitingReview: number;
	atRisk: number;
	late: number;
	mandatoryOverdue: number;
	t1: number;
	t2: number;
	t3: number;
	m1: number;
	m2: number;
	m3: number;
	platformsInUse: number;
	platformsMeasuredInUse: number;
	platformsTotal: number;
	avgChecklist: number;
	studentsDeclared: number;
	classesDeclared: number;
	undeclared: number;
	studentsListed: number;
	classesListed: number;
}

export interface KnownWave {
	id: number;
	ordinal: number;
	name: string;
	starts_on: string;
	target_on: string;
}

/**
 * Per wave: size, plan (expected done by today), actual done, late. The waves the caller already
 * read (the filter's options) are used as they are; only others are read.
 */
async function wavePlan(db: DB, rows: FigureRow[], today: string, known: KnownWave[] = []) {
	const byWave = rows.filter((r) => !r.gWave && r.wave_id !== null);
	if (!byWave.length) return [];
	const have = new Map(known.map((w) => [w.id, w]));
	const missing = byWave.map((r) => r.wave_id!).filter((id) => !have.has(id));
	const read = missing.length
		? await db
				.selectFrom('rollout_waves')
				.select(['id', 'ordinal', 'name', 'starts_on', 'target_on'])
				.where('id', 'in', missing)
				.execute()
		: [];
	const waves = [...byWave.flatMap((r) => have.get(r.wave_id!) ?? []), ...read];
	const of = new Map(byWave.map((r) => [r.wave_id!, r]));
	return waves
		.sort((a, b) => a.ordinal - b.ordinal)
		.map((w) => {
			const r = of.get(w.id)!;
			return {
				id: w.id,
				ordinal: w.ordinal,
				name: w.name,
				startsOn: w.starts_on,
				targetOn: w.target_on,
				schools: r.schools,
				expected: expectedDone(r.schools, w.target_on, today),
				done: r.completed,
				late: r.late
			};
		});
}
export type WavePlanRow = Awaited<ReturnType<typeof wavePlan>>[number];

/**
 * Cumulative schools done by month against the plan (every school of a wave due by its target
 * month). Months run from the first wave's start to the later of today and the last target.
 */
function monthly(rows: FigureRow[], waves: WavePlanRow[], today: string) {
	const done = rows.filter((r) => !r.gMonth && r.month !== null);
	const starts = [...waves.map((w) => w.startsOn.slice(0, 7)), ...done.map((d) => d.month!)];
	if (!starts.length) return [];
	const first = starts.sort()[0];
	const last = [today.slice(0, 7), ...waves.map((w) => w.targetOn.slice(0, 7))].sort().pop()!;
	const doneBy = new Map(done.map((d) => [d.month!, d.completed]));
	const planBy = new Map<string, number>();
	for (const w of waves)
		planBy.set(w.targetOn.slice(0, 7), (planBy.get(w.targetOn.slice(0, 7)) ?? 0) + w.schools);
	const months: { month: string; done: number | null; planned: number }[] = [];
	let [y, m] = first.split('-').map(Number);
	let cumDone = 0;
	let cumPlan = 0;
	const now = today.slice(0, 7);
	for (;;) {
		const key = `${y}-${String(m).padStart(2, '0')}`;
		cumDone += doneBy.get(key) ?? 0;
		cumPlan += planBy.get(key) ?? 0;
		months.push({ month: key, done: key <= now ? cumDone : null, planned: cumPlan });
		if (key >= last) break;
		m += 1;
		if (m > 12) [y, m] = [y + 1, 1];
	}
	return months;
}

export async function buildProgress(db: DB, rows: FigureRow[], today: string, known?: KnownWave[]) {
	const plan = await wavePlan(db, rows, today, known);
	return { plan, progress: monthly(rows, plan, today) };
}
