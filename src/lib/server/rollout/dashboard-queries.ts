import { sql, type SqlBool } from 'kysely';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { schoolWhere } from '../auth/access';
import { expectedDone } from '../../rollout/risk';

/**
 * The dashboard's figures, all read from school_rollout_summary (one narrow row per school,
 * kept up to date on write) with the caller's scope and the filters: a few aggregate scans that
 * stay fast at 50,000 schools. The at-risk predicate mirrors riskReasons() in $lib/rollout/risk.ts.
 */
export interface DashboardFilters {
	areaId?: number | null;
	level?: string | null;
	waveId?: number | null;
}

export const atRiskSql = (today: string) =>
	sql<SqlBool>`((s.completed_on is null and s.wave_target_on < ${today}) or s.mandatory_due_on < ${today})`;
export const lateSql = (today: string) =>
	sql<SqlBool>`(s.completed_on is null and s.wave_target_on < ${today})`;

/** Summary rows of active schools in the caller's scope, filtered. */
export function summaryBase(db: DB, principal: Principal, f: DashboardFilters) {
	let q = db
		.selectFrom('school_rollout_summary as s')
		.where(schoolWhere(principal, 'rollout.view', 's', 'school_id'))
		.where('s.active', '=', true);
	if (f.areaId) q = q.where('s.area_id', '=', f.areaId);
	if (f.level) q = q.where('s.level', '=', f.level);
	if (f.waveId) q = q.where('s.wave_id', '=', f.waveId);
	return q;
}

const count = (predicate: ReturnType<typeof sql>) =>
	sql<number>`count(*) filter (where ${predicate})::int`;

export async function headline(db: DB, principal: Principal, f: DashboardFilters, today: string) {
	const row = await summaryBase(db, principal, f)
		.select([
			sql<number>`count(*)::int`.as('schools'),
			count(sql`s.platforms_total > 0 and s.platforms_in_use = s.platforms_total`).as('allInUse'),
			count(sql`s.checklist_status = 'approved'`).as('approved'),
			count(sql`s.completed_on is not null`).as('completed'),
			count(sql`s.awaiting_review`).as('awaitingReview'),
			count(atRiskSql(today)).as('atRisk'),
			count(lateSql(today)).as('late'),
			count(sql`s.mandatory_due_on < ${today}`).as('mandatoryOverdue'),
			count(sql`s.teaching_level = 1`).as('t1'),
			count(sql`s.teaching_level = 2`).as('t2'),
			count(sql`s.teaching_level = 3`).as('t3'),
			count(sql`s.management_level = 1`).as('m1'),
			count(sql`s.management_level = 2`).as('m2'),
			count(sql`s.management_level = 3`).as('m3'),
			sql<number>`coalesce(sum(s.platforms_in_use), 0)::int`.as('platformsInUse'),
			sql<number>`coalesce(sum(s.platforms_total), 0)::int`.as('platformsTotal'),
			sql<number>`coalesce(round(avg(s.checklist_percent), 1), 0)`.as('avgChecklist')
		])
		.executeTakeFirstOrThrow();
	const levels = (a: number, b: number, c: number) => ({
		1: a,
		2: b,
		3: c,
		none: row.schools - a - b - c
	});
	return {
		schools: row.schools,
		allInUse: row.allInUse,
		approved: row.approved,
		completed: row.completed,
		awaitingReview: row.awaitingReview,
		atRisk: row.atRisk,
		late: row.late,
		mandatoryOverdue: row.mandatoryOverdue,
		platformsInUse: row.platformsInUse,
		platformsTotal: row.platformsTotal,
		avgChecklistPercent: Number(row.avgChecklist),
		dti: { teaching: levels(row.t1, row.t2, row.t3), management: levels(row.m1, row.m2, row.m3) }
	};
}
export type Headline = Awaited<ReturnType<typeof headline>>;

export async function progressByArea(
	db: DB,
	principal: Principal,
	f: DashboardFilters,
	today: string
) {
	const rows = await summaryBase(db, principal, f)
		.select([
			's.area_id',
			sql<number>`count(*)::int`.as('schools'),
			count(sql`s.completed_on is not null`).as('completed'),
			count(sql`s.platforms_total > 0 and s.platforms_in_use = s.platforms_total`).as('allInUse'),
			count(sql`s.completed_on is null and (s.platforms_in_use > 0 or s.checklist_done > 0)`).as(
				'inProgress'
			),
			count(atRiskSql(today)).as('atRisk'),
			sql<number>`round(avg(s.checklist_percent), 1)`.as('avgChecklist')
		])
		.groupBy('s.area_id')
		.execute();
	if (!rows.length) return [];
	const areas = await db
		.selectFrom('areas')
		.select(['id', 'name', 'code'])
		.where(
			'id',
			'in',
			rows.map((r) => r.area_id)
		)
		.execute();
	const byId = new Map(areas.map((a) => [a.id, a]));
	return rows
		.map((r) => ({
			areaId: r.area_id,
			name: byId.get(r.area_id)?.name ?? '',
			code: byId.get(r.area_id)?.code ?? '',
			schools: r.schools,
			completed: r.completed,
			allInUse: r.allInUse,
			inProgress: r.inProgress,
			notStarted: r.schools - r.completed - r.inProgress,
			atRisk: r.atRisk,
			avgChecklistPercent: Number(r.avgChecklist)
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Per wave: size, plan (expected done by today), actual done, late. */
export async function wavePlan(db: DB, principal: Principal, f: DashboardFilters, today: string) {
	const rows = await summaryBase(db, principal, f)
		.where('s.wave_id', 'is not', null)
		.select([
			's.wave_id',
			sql<number>`count(*)::int`.as('schools'),
			count(sql`s.completed_on is not null`).as('done'),
			count(lateSql(today)).as('late')
		])
		.groupBy('s.wave_id')
		.execute();
	if (!rows.length) return [];
	const waves = await db
		.selectFrom('rollout_waves')
		.select(['id', 'ordinal', 'name', 'starts_on', 'target_on'])
		.where(
			'id',
			'in',
			rows.map((r) => r.wave_id!)
		)
		.execute();
	const byId = new Map(rows.map((r) => [r.wave_id!, r]));
	return waves
		.sort((a, b) => a.ordinal - b.ordinal)
		.map((w) => {
			const r = byId.get(w.id)!;
			return {
				id: w.id,
				ordinal: w.ordinal,
				name: w.name,
				startsOn: w.starts_on,
				targetOn: w.target_on,
				schools: r.schools,
				expected: expectedDone(r.schools, w.target_on, today),
				done: r.done,
				late: r.late
			};
		});
}
export type WavePlanRow = Awaited<ReturnType<typeof wavePlan>>[number];

/**
 * Cumulative schools done by month against the plan (every school of a wave due by its target
 * month). Months run from the first wave's start to the later of today and the last target.
 */
export async function progressOverTime(
	db: DB,
	principal: Principal,
	f: DashboardFilters,
	waves: WavePlanRow[],
	today: string
) {
	const done = await summaryBase(db, principal, f)
		.where('s.completed_on', 'is not', null)
		.select([
			sql<string>`to_char(s.completed_on, 'YYYY-MM')`.as('month'),
			sql<number>`count(*)::int`.as('n')
		])
		.groupBy(sql`to_char(s.completed_on, 'YYYY-MM')`)
		.execute();
	const starts = [...waves.map((w) => w.startsOn.slice(0, 7)), ...done.map((d) => d.month)];
	if (!starts.length) return [];
	const first = starts.sort()[0];
	const last = [today.slice(0, 7), ...waves.map((w) => w.targetOn.slice(0, 7))].sort().pop()!;
	const doneBy = new Map(done.map((d) => [d.month, d.n]));
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
