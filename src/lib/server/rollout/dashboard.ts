import { sql } from 'kysely';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { listVisibleAreas } from '../org/schools';
import type { RolloutFilters } from '../../schemas/rollout';
import {
	headline,
	progressByArea,
	progressOverTime,
	summaryBase,
	wavePlan,
	type DashboardFilters
} from './dashboard-queries';
import {
	adoptionByPlatform,
	awaitingReviewSchools,
	platformMatrix,
	schoolsAtRisk
} from './dashboard-lists';
import { listWaves, officialDepartmentIds } from './waves';

export const MATRIX_PAGE = 40;
export const RISK_PAGE = 20;

export function toDashboardFilters(f: RolloutFilters): DashboardFilters {
	return { areaId: f.area ?? null, level: f.level ?? null, waveId: f.wave ?? null };
}

/** Students and classes of the schools in view (the foundation's totals, kept on the dashboard). */
async function enrolment(db: DB, principal: Principal, f: DashboardFilters) {
	return summaryBase(db, principal, f)
		.innerJoin('schools', 'schools.id', 's.school_id')
		.select([
			sql<number>`coalesce(sum(schools.student_count), 0)::int`.as('students'),
			sql<number>`coalesce(sum(schools.class_count), 0)::int`.as('classes')
		])
		.executeTakeFirstOrThrow();
}

/** Everything the rollout dashboard shows, for the caller's scope and the GET filters. */
export async function loadDashboard(
	db: DB,
	principal: Principal,
	filters: RolloutFilters,
	today: string
) {
	const f = toDashboardFilters(filters);
	const mpage = filters.mpage ?? 1;
	const rpage = filters.rpage ?? 1;
	const [areas, waves, head, totals, byArea, plan, adoption, matrix, atRisk, awaiting] =
		await Promise.all([
			listVisibleAreas(db, principal),
			listWaves(db, officialDepartmentIds(principal)),
			headline(db, principal, f, today),
			enrolment(db, principal, f),
			progressByArea(db, principal, f, today),
			wavePlan(db, principal, f, today),
			adoptionByPlatform(db, principal, f),
			platformMatrix(db, principal, f, mpage, MATRIX_PAGE),
			schoolsAtRisk(db, principal, f, today, rpage, RISK_PAGE),
			awaitingReviewSchools(db, principal, f)
		]);
	const progress = await progressOverTime(db, principal, f, plan, today);
	return {
		filters,
		today,
		areas,
		waves: waves.map((w) => ({ id: w.id, name: w.name, ordinal: w.ordinal })),
		headline: { ...head, ...totals },
		byArea,
		plan,
		progress,
		adoption,
		matrix: {
			page: mpage,
			pages: Math.max(1, Math.ceil(head.schools / MATRIX_PAGE)),
			platforms: adoption.map((p) => ({
				id: p.id,
				code: p.code,
				name_vi: p.name_vi,
				name_en: p.name_en
			})),
			schools: matrix.schools.map((s) => ({
				id: s.id,
				name: s.name,
				area: s.area_name,
				statuses: adoption.map((p) => matrix.statuses.get(s.id)?.get(p.id) ?? null)
			}))
		},
		atRisk: {
			page: rpage,
			pages: Math.max(1, Math.ceil(head.atRisk / RISK_PAGE)),
			rows: atRisk
		},
		awaiting
	};
}
export type DashboardData = Awaited<ReturnType<typeof loadDashboard>>;
