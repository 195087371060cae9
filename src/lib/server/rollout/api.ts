import type { z } from 'zod';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import type {
	rolloutQuerySchema,
	rolloutSchoolSchema,
	rolloutSummaryQuerySchema,
	rolloutSummarySchema
} from '../api/paths/rollout';
import { rolloutFigures, type DashboardFilters } from './dashboard-queries';
import { countReportSchools, reportRows, type ReportRow } from './report';

/** The JSON API's answers, built by the same queries as the dashboard and the export. */
const filtersOf = (q: { areaId?: number; level?: string; waveId?: number }): DashboardFilters => ({
	areaId: q.areaId ?? null,
	level: q.level ?? null,
	waveId: q.waveId ?? null
});

const num = (v: number | null) => (v === null ? null : Number(v));

function toApiSchool(r: ReportRow): z.infer<typeof rolloutSchoolSchema> {
	return {
		id: r.school_id,
		code: r.code,
		name: r.name,
		area: { id: r.area_id, name: r.area_name },
		wave: r.wave_id ? { id: r.wave_id, name: r.wave_name ?? '', targetOn: r.wave_target_on } : null,
		platforms: {
			total: r.platforms_total,
			deployed: r.platforms_deployed + r.platforms_in_use,
			inUse: r.platforms_in_use,
			byCode: r.byCode
		},
		checklist: {
			status: r.checklist_status,
			completed: r.checklist_done,
			total: r.checklist_total,
			percent: Number(r.checklist_percent)
		},
		dti: {
			teaching: { score: num(r.teaching_score), level: r.teaching_level },
			management: { score: num(r.management_score), level: r.management_level }
		},
		atRisk: r.atRisk
	};
}

export async function apiRolloutSchools(
	db: DB,
	principal: Principal,
	q: z.infer<typeof rolloutQuerySchema>,
	today: string
) {
	const f = filtersOf(q);
	const options = { atRiskOnly: q.atRisk === 'true', page: q.page, pageSize: q.pageSize };
	const [rows, total] = await Promise.all([
		reportRows(db, principal, f, today, options),
		countReportSchools(db, principal, f, today, options)
	]);
	const schools = rows.map(toApiSchool);
	return { body: { schools }, total };
}

export async function apiRolloutSummary(
	db: DB,
	principal: Principal,
	q: z.infer<typeof rolloutSummaryQuerySchema>,
	today: string
): Promise<z.infer<typeof rolloutSummarySchema>> {
	const f = filtersOf(q);
	const { headline: h, plan: waves } = await rolloutFigures(db, principal, f, today);
	const levels = (l: { 1: number; 2: number; 3: number; none: number }) => ({
		level1: l[1],
		level2: l[2],
		level3: l[3],
		notAssessed: l.none
	});
	return {
		asOf: today,
		schools: h.schools,
		allPlatformsInUse: h.allInUse,
		allPlatformsMeasuredInUse: h.allMeasuredInUse,
		checklistsApproved: h.approved,
		completed: h.completed,
		awaitingReview: h.awaitingReview,
		atRisk: h.atRisk,
		late: h.late,
		mandatoryOverdue: h.mandatoryOverdue,
		averageChecklistPercent: h.avgChecklistPercent,
		dtiLevels: { teaching: levels(h.dti.teaching), management: levels(h.dti.management) },
		waves: waves.map((w) => ({
			id: w.id,
			name: w.name,
			startsOn: w.startsOn,
			targetOn: w.targetOn,
			schools: w.schools,
			expectedDone: w.expected,
			done: w.done,
			late: w.late
		}))
	};
}
