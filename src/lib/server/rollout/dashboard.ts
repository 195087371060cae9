import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { listVisibleAreas } from '../org/schools';
import type { RolloutFilters } from '../../schemas/rollout';
import { rolloutFigures, type DashboardFilters } from './dashboard-queries';
import {
	adoptionByPlatform,
	awaitingReviewSchools,
	platformMatrix,
	schoolsAtRisk
} from './dashboard-lists';
import { listWaveOptions, officialDepartmentIds } from './waves';

export const MATRIX_PAGE = 20;
export const RISK_PAGE = 20;
export const AREA_PAGE = 25;

export function toDashboardFilters(f: RolloutFilters): DashboardFilters {
	return { areaId: f.area ?? null, level: f.level ?? null, waveId: f.wave ?? null };
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
	const apage = filters.apage ?? 1;
	const areasRead = listVisibleAreas(db, principal);
	const wavesRead = listWaveOptions(db, officialDepartmentIds(principal));
	const [areas, waves, figures, adoption, matrix, atRisk, awaiting, unverified] = await Promise.all(
		[
			areasRead,
			wavesRead,
			rolloutFigures(
				db,
				principal,
				f,
				today,
				Promise.all([areasRead, wavesRead]).then(([areas, waves]) => ({ areas, waves }))
			),
			adoptionByPlatform(db, principal, f),
			platformMatrix(db, principal, f, mpage, MATRIX_PAGE),
			schoolsAtRisk(db, principal, f, today, rpage, RISK_PAGE),
			awaitingReviewSchools(db, principal, f),
			unverifiedLevelTemplates(db, officialDepartmentIds(principal))
		]
	);
	const { headline: head, byArea, plan, progress } = figures;
	return {
		filters,
		today,
		areas,
		waves,
		headline: head,
		byArea: {
			page: apage,
			pages: Math.max(1, Math.ceil(byArea.length / AREA_PAGE)),
			rows: byArea.slice((apage - 1) * AREA_PAGE, apage * AREA_PAGE)
		},
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
		awaiting,
		/** published 4725 templates not verified yet: their levels feed the level table */
		unverifiedLevels: unverified
	};
}

/** Names of the caller's published, unverified 4725 templates (issue 9, point 3). */
export async function unverifiedLevelTemplates(db: DB, departmentIds: number[]) {
	if (!departmentIds.length) return [];
	return db
		.selectFrom('checklist_templates')
		.select(['id', 'name_vi', 'name_en'])
		.where('department_id', 'in', departmentIds)
		.where('kind', '=', 'dti')
		.where('status', '=', 'published')
		.where('is_verified', '=', false)
		.orderBy('id')
		.execute();
}
export type DashboardData = Awaited<ReturnType<typeof loadDashboard>>;
