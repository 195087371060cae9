import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { schoolWhere } from '../auth/access';
import { grantsWith } from '$lib/auth/permissions';
import { buildProgress, type FigureRow, type KnownWave } from './dashboard-figures';

/**
 * The dashboard's figures, all read from school_rollout_summary (one narrow row per school, kept
 * up to date on write) with the caller's scope and the filters, in ONE scan: grouping sets give
 * the totals, the rows per area, per wave and per month of completion together, which keeps the
 * province view fast at 50,000 schools. The at-risk predicate mirrors riskReasons() in
 * $lib/rollout/risk.ts.
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

const count = (predicate: RawBuilder<unknown>) =>
	sql<number>`count(*) filter (where ${predicate})::int`;
const MONTH = sql`to_char(s.completed_on, 'YYYY-MM')`;

async function figureRows(db: DB, principal: Principal, f: DashboardFilters, today: string) {
	return summaryBase(db, principal, f)
		.select([
			sql<number>`grouping(s.area_id)`.as('gArea'),
			sql<number>`grouping(s.wave_id)`.as('gWave'),
			sql<number>`grouping(${MONTH})`.as('gMonth'),
			's.area_id',
			's.wave_id',
			sql<string | null>`${MONTH}`.as('month'),
			sql<number>`count(*)::int`.as('schools'),
			count(sql`s.platforms_total > 0 and s.platforms_in_use = s.platforms_total`).as('allInUse'),
			count(sql`s.platforms_total > 0 and s.platforms_measured_in_use = s.platforms_total`).as(
				'allMeasuredInUse'
			),
			count(sql`s.checklist_status = 'approved'`).as('approved'),
			count(sql`s.completed_on is not null`).as('completed'),
			count(sql`s.completed_on is null and (s.platforms_in_use > 0 or s.checklist_done > 0)`).as(
				'inProgress'
			),
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
			sql<number>`coalesce(sum(s.platforms_measured_in_use), 0)::int`.as('platformsMeasuredInUse'),
			sql<number>`coalesce(sum(s.platforms_total), 0)::int`.as('platformsTotal'),
			sql<number>`coalesce(round(avg(s.checklist_percent), 1), 0)`.as('avgChecklist'),
			// Issue 9, point 1: totals add up what the schools declare (a roster being built never
			// moves them); what the rosters list is summed beside it.
			sql<number>`coalesce(sum(s.declared_student_count), 0)::int`.as('studentsDeclared'),
			sql<number>`coalesce(sum(s.declared_class_count), 0)::int`.as('classesDeclared'),
			count(sql`s.declared_student_count is null`).as('undeclared'),
			sql<number>`coalesce(sum(s.student_count), 0)::int`.as('studentsListed'),
			sql<number>`coalesce(sum(s.class_count), 0)::int`.as('classesListed')
		])
		.groupBy(sql`grouping sets ((), (s.area_id), (s.wave_id), (${MONTH}))`)
		.execute();
}

/**
 * The same rows from rollout_rollup (0321: the sums kept per group of schools on write), for
 * callers whose scope is departments and areas: a few thousand rows instead of every school.
 */
async function rollupRows(db: DB, principal: Principal, f: DashboardFilters, today: string) {
	const sum = (column: string) => sql<number>`coalesce(sum(${sql.ref(`s.${column}`)}), 0)::int`;
	const schoolsWhere = (predicate: RawBuilder<unknown>) =>
		sql<number>`coalesce(sum(s.schools) filter (where ${predicate}), 0)::int`;
	const late = sql`(s.month is null and s.wave_target_on < ${today})`;
	const overdue = sql`s.mandatory_due_on < ${today}`;
	let q = db
		.selectFrom('rollout_rollup as s')
		.where(schoolWhere(principal, 'rollout.view', 's'))
		.where('s.schools', '>', 0);
	if (f.areaId) q = q.where('s.area_id', '=', f.areaId);
	if (f.level) q = q.where('s.level', '=', f.level);
	if (f.waveId) q = q.where('s.wave_id', '=', f.waveId);
	return q
		.select([
			sql<number>`grouping(s.area_id)`.as('gArea'),
			sql<number>`grouping(s.wave_id)`.as('gWave'),
			sql<number>`grouping(s.month)`.as('gMonth'),
			's.area_id',
			's.wave_id',
			's.month',
			sum('schools').as('schools'),
			sum('all_in_use').as('allInUse'),
			sum('all_measured_in_use').as('allMeasuredInUse'),
			sum('approved').as('approved'),
			schoolsWhere(sql`s.month is not null`).as('completed'),
			sum('in_progress').as('inProgress'),
			sum('awaiting_review').as('awaitingReview'),
			schoolsWhere(sql`${late} or ${overdue}`).as('atRisk'),
			schoolsWhere(late).as('late'),
			schoolsWhere(overdue).as('mandatoryOverdue'),
			sum('t1').as('t1'),
			sum('t2').as('t2'),
			sum('t3').as('t3'),
			sum('m1').as('m1'),
			sum('m2').as('m2'),
			sum('m3').as('m3'),
			sum('platforms_in_use').as('platformsInUse'),
			sum('platforms_measured_in_use').as('platformsMeasuredInUse'),
			sum('platforms_total').as('platformsTotal'),
			sql<number>`coalesce(round(sum(s.checklist_percent) / nullif(sum(s.schools), 0), 1), 0)`.as(
				'avgChecklist'
			),
			sum('students_declared').as('studentsDeclared'),
			sum('classes_declared').as('classesDeclared'),
			sum('undeclared').as('undeclared'),
			sum('students_listed').as('studentsListed'),
			sum('classes_listed').as('classesListed')
		])
		.groupBy(sql`grouping sets ((), (s.area_id), (s.wave_id), (s.month))`)
		.execute();
}

/** The rollup holds whole departments and areas: usable when every grant of the caller is one. */
export function rollupServes(principal: Principal): boolean {
	const grants = grantsWith(principal.roles, 'rollout.view');
	return grants.length > 0 && grants.every((g) => g.role === 'department' || g.role === 'area');
}

function headlineOf(row: FigureRow | undefined) {
	const r = row ?? ({} as Partial<FigureRow>);
	const n = (v: number | undefined) => Number(v ?? 0);
	const levels = (a: number, b: number, c: number) => ({
		1: a,
		2: b,
		3: c,
		none: n(r.schools) - a - b - c
	});
	return {
		schools: n(r.schools),
		students: {
			declared: n(r.studentsDeclared),
			listed: n(r.studentsListed),
			undeclared: n(r.undeclared)
		},
		classes: { declared: n(r.classesDeclared), listed: n(r.classesListed) },
		allInUse: n(r.allInUse),
		allMeasuredInUse: n(r.allMeasuredInUse),
		approved: n(r.approved),
		completed: n(r.completed),
		awaitingReview: n(r.awaitingReview),
		atRisk: n(r.atRisk),
		late: n(r.late),
		mandatoryOverdue: n(r.mandatoryOverdue),
		platformsInUse: n(r.platformsInUse),
		platformsMeasuredInUse: n(r.platformsMeasuredInUse),
		platformsTotal: n(r.platformsTotal),
		avgChecklistPercent: n(r.avgChecklist),
		dti: {
			teaching: levels(n(r.t1), n(r.t2), n(r.t3)),
			management: levels(n(r.m1), n(r.m2), n(r.m3))
		}
	};
}
export type Headline = ReturnType<typeof headlineOf>;

/** Rows per area, named from the areas the caller already read; only others are read. */
async function areaRows(db: DB, rows: FigureRow[], known: { id: number; name: string }[] = []) {
	if (!rows.length) return [];
	const name = new Map(known.map((a) => [a.id, a.name]));
	const missing = rows.map((r) => r.area_id!).filter((id) => !name.has(id));
	if (missing.length)
		for (const a of await db
			.selectFrom('areas')
			.select(['id', 'name'])
			.where('id', 'in', missing)
			.execute())
			name.set(a.id, a.name);
	return rows
		.map((r) => ({
			areaId: r.area_id!,
			name: name.get(r.area_id!) ?? '',
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

/**
 * Headline, rows per area, plan against actual per wave and progress by month, in one query: from
 * the rollup for department and area officials, from the schools' rows for anyone else. Names of
 * areas and waves come from `known` (what the page reads anyway for its filters) when given.
 */
export async function rolloutFigures(
	db: DB,
	principal: Principal,
	f: DashboardFilters,
	today: string,
	known?: Promise<{ areas: { id: number; name: string }[]; waves: KnownWave[] }>
) {
	const [rows, names] = await Promise.all([
		(rollupServes(principal)
			? rollupRows(db, principal, f, today)
			: figureRows(db, principal, f, today)) as Promise<FigureRow[]>,
		known
	]);
	const total = rows.find((r) => r.gArea && r.gWave && r.gMonth);
	const [byArea, { plan, progress }] = await Promise.all([
		areaRows(
			db,
			rows.filter((r) => !r.gArea),
			names?.areas
		),
		buildProgress(db, rows, today, names?.waves)
	]);
	return { headline: headlineOf(total), byArea, plan, progress };
}

/** Both ways of reading the figures, for the test that holds them equal. */
export const figureSources = { scan: figureRows, rollup: rollupRows };
