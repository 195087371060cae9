import { sql } from 'kysely';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import type { PlatformStatus } from '../db/schema';
import { isAtRisk } from '../../rollout/risk';
import { measuredShare, measurementOf } from '../../rollout/measured';
import { atRiskSql, summaryBase, type DashboardFilters } from './dashboard-queries';

/**
 * The rollout report: one row per school with its platform statuses, checklist totals and 4725
 * levels, for the export (CSV, XLSX) and the JSON API. Same scope and filters as the dashboard.
 */
export interface ReportOptions {
	atRiskOnly?: boolean;
	page?: number;
	pageSize?: number;
}

export async function countReportSchools(
	db: DB,
	principal: Principal,
	f: DashboardFilters,
	today: string,
	o: ReportOptions = {}
) {
	let q = summaryBase(db, principal, f);
	if (o.atRiskOnly) q = q.where(atRiskSql(today));
	const row = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
	return row.n;
}

export async function reportRows(
	db: DB,
	principal: Principal,
	f: DashboardFilters,
	today: string,
	o: ReportOptions = {}
) {
	let q = summaryBase(db, principal, f)
		.innerJoin('schools', 'schools.id', 's.school_id')
		.innerJoin('areas', 'areas.id', 's.area_id')
		.leftJoin('rollout_waves as w', 'w.id', 's.wave_id')
		.selectAll('s')
		.select([
			'schools.code',
			'schools.name',
			'areas.name as area_name',
			'areas.code as area_code',
			'w.name as wave_name',
			'w.ordinal as wave_ordinal'
		])
		.orderBy('schools.code');
	if (o.atRiskOnly) q = q.where(atRiskSql(today));
	if (o.pageSize) q = q.limit(o.pageSize).offset(((o.page ?? 1) - 1) * o.pageSize);
	const rows = await q.execute();
	const statuses = await platformStatuses(
		db,
		rows.map((r) => r.school_id)
	);
	return rows.map((r) => ({
		...r,
		byCode: statuses.get(r.school_id)?.status ?? {},
		measuredByCode: statuses.get(r.school_id)?.measured ?? {},
		atRisk: isAtRisk(
			{
				completedOn: r.completed_on,
				waveTargetOn: r.wave_target_on,
				mandatoryDueOn: r.mandatory_due_on
			},
			today
		)
	}));
}
export type ReportRow = Awaited<ReturnType<typeof reportRows>>[number];

/**
 * Declared status and measured share (percent of teachers, null: not measured) by platform code
 * for each school (active platforms), fetched in chunks.
 */
async function platformStatuses(db: DB, schoolIds: number[]) {
	type Codes = { status: Record<string, PlatformStatus>; measured: Record<string, number | null> };
	const out = new Map<number, Codes>();
	for (let i = 0; i < schoolIds.length; i += 5000) {
		const rows = await db
			.selectFrom('school_platforms as sp')
			.innerJoin('platforms as p', 'p.id', 'sp.platform_id')
			.select([
				'sp.school_id',
				'p.code',
				'sp.status',
				'sp.measured_active',
				'sp.measured_teachers',
				'sp.measured_threshold'
			])
			.where('sp.school_id', 'in', schoolIds.slice(i, i + 5000))
			.where('p.retired_at', 'is', null)
			.execute();
		for (const r of rows) {
			if (!out.has(r.school_id)) out.set(r.school_id, { status: {}, measured: {} });
			const codes = out.get(r.school_id)!;
			codes.status[r.code] = r.status;
			codes.measured[r.code] = measuredShare(measurementOf(r));
		}
	}
	return out;
}

export async function activePlatforms(db: DB) {
	return db
		.selectFrom('platforms')
		.select(['id', 'code', 'name_vi', 'name_en'])
		.where('retired_at', 'is', null)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
}
