import { sql } from 'kysely';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { schoolWhere } from '../auth/access';
import { todayIso } from '../../dates';
import {
	ADOPTION_DAYS,
	DEFAULT_THRESHOLD,
	adoptionShare,
	meetsThreshold,
	windowStart
} from '../../usage/adoption';
import {
	activePlatforms,
	measuredPairs,
	pairKey,
	teacherCounts,
	thresholdOfSchool,
	trendWeeks,
	markPartialWeeks,
	type SchoolSet
} from './figures-common';

/**
 * The department's (and an area official's) adoption view over the schools in scope: a heat map of
 * schools x platforms by share of active teachers in 30 days, the ranking of platforms and the weekly
 * trend. Only summaries are read; every query filters by the caller's scope (access.ts).
 */
export interface DepartmentFilters {
	areaId?: number;
	platformCode?: string;
}

/** The schools of the caller's scope (access.ts), optionally one area, as a subquery of ids. */
function scopeSchoolIds(db: DB, principal: Principal, areaId?: number) {
	let q = db
		.selectFrom('schools')
		.select('schools.id')
		.where(schoolWhere(principal, 'usage.view'))
		.where('schools.active', '=', true);
	if (areaId) q = q.where('schools.area_id', '=', areaId);
	return q;
}

/** The schools of the caller's scope (access.ts), optionally one area. */
function scopeSchools(db: DB, principal: Principal, areaId?: number) {
	let q = db
		.selectFrom('schools')
		.innerJoin('areas', 'areas.id', 'schools.area_id')
		.select([
			'schools.id',
			'schools.code',
			'schools.name',
			'schools.department_id',
			'areas.id as area_id',
			'areas.name as area_name'
		])
		.where(schoolWhere(principal, 'usage.view'))
		.where('schools.active', '=', true);
	if (areaId) q = q.where('schools.area_id', '=', areaId);
	return q.orderBy('areas.code').orderBy('schools.code').execute();
}

type Platforms = Awaited<ReturnType<typeof activePlatforms>>;

function heatRows(
	schools: Awaited<ReturnType<typeof scopeSchools>>,
	platforms: Platforms,
	figures: {
		teachers: Map<number, number>;
		status: Map<string, string>;
		active: Map<string, { active7: number; active30: number }>;
		threshold: number;
	}
) {
	return schools.map((s) => {
		const n = figures.teachers.get(s.id) ?? 0;
		const cells = platforms.map((p) => {
			const a = figures.active.get(pairKey(s.id, p.id));
			const active30 = Number(a?.active30 ?? 0);
			return {
				platformId: p.id,
				status: figures.status.get(pairKey(s.id, p.id)) ?? 'not_started',
				active7: Number(a?.active7 ?? 0),
				active30,
				share30: adoptionShare(active30, n),
				meets: meetsThreshold(active30, n, figures.threshold)
			};
		});
		return { ...s, teachers: n, cells };
	});
}

function rankPlatforms(
	rows: ReturnType<typeof heatRows>,
	platforms: Platforms,
	sessions: { platform_id: number; sessions: number }[]
) {
	const teachers = rows.reduce((t, r) => t + r.teachers, 0);
	return platforms
		.map((p, i) => {
			const active30 = rows.reduce((t, r) => t + r.cells[i].active30, 0);
			return {
				...p,
				active30,
				share30: adoptionShare(active30, teachers),
				schoolsInUse: rows.filter((r) => r.cells[i].status === 'in_use').length,
				schoolsMeeting: rows.filter((r) => r.cells[i].meets).length,
				sessions30: Number(sessions.find((x) => x.platform_id === p.id)?.sessions ?? 0)
			};
		})
		.sort((a, b) => (b.share30 ?? 0) - (a.share30 ?? 0) || b.sessions30 - a.sessions30);
}

export async function departmentAdoption(
	db: DB,
	principal: Principal,
	filters: DepartmentFilters = {},
	now = new Date()
) {
	const today = todayIso(now);
	const from30 = windowStart(today, ADOPTION_DAYS);
	// every figure reads the scope's schools through one subquery (never a list of ids: a whole
	// country's department holds 50,000 schools), so all of them start at once
	const scope = scopeSchoolIds(db, principal, filters.areaId);
	const platformsRead = activePlatforms(db);
	const schoolsRead = scopeSchools(db, principal, filters.areaId);
	const trendRead = Promise.all([trendWeeks(db, today), platformsRead]).then(
		async ([weeks, platforms]) => {
			const platform = platforms.find((p) => p.code === filters.platformCode) ?? null;
			return { weeks, rows: await weeklyRows(db, scope, weeks, platform?.id ?? null) };
		}
	);
	const [schools, platforms, threshold, statuses, teachers, sessions, trendRows] =
		await Promise.all([
			schoolsRead,
			platformsRead,
			schoolsRead.then((schools) =>
				schools.length ? thresholdOfSchool(db, schools[0].department_id) : DEFAULT_THRESHOLD
			),
			measuredPairs(db).where('school_id', 'in', scope).execute(),
			teacherCounts(db, scope),
			db
				.selectFrom('usage_daily')
				.select((eb) => ['platform_id', eb.fn.sum<number>('sessions').as('sessions')])
				.where('day', '>=', from30)
				.where('day', '<=', today)
				.where('school_id', 'in', scope)
				.groupBy('platform_id')
				.execute(),
			trendRead
		]);
	const platform = platforms.find((p) => p.code === filters.platformCode) ?? null;
	const rows = heatRows(schools, platforms, {
		teachers,
		threshold,
		status: new Map(statuses.map((s) => [pairKey(s.school_id, s.platform_id), s.status])),
		active: new Map(statuses.map((a) => [pairKey(a.school_id, a.platform_id), a]))
	});
	const totalTeachers = rows.reduce((t, r) => t + r.teachers, 0);
	const trend = markPartialWeeks(
		trendOf(trendRows.weeks, trendRows.rows, {
			teachers: totalTeachers,
			platforms: platform ? 1 : platforms.length
		}),
		today
	);
	const ranking = rankPlatforms(rows, platforms, sessions);
	return { today, threshold, platforms, platform, schools: rows, ranking, trend, totalTeachers };
}

/** Sessions and active teachers per week since the first week, one platform or all. */
async function weeklyRows(
	db: DB,
	schoolIds: SchoolSet,
	weeks: string[],
	platformId: number | null
) {
	if (!weeks.length) return [];
	let q = db
		.selectFrom('usage_weekly')
		.select([
			'week',
			sql<number>`sum(sessions)`.as('sessions'),
			sql<number>`sum(active_teachers)`.as('active')
		])
		.where('week', '>=', weeks[0])
		.where('school_id', 'in', schoolIds)
		.groupBy('week');
	if (platformId) q = q.where('platform_id', '=', platformId);
	return q.execute();
}

/**
 * Per week: sessions and the share of teachers active on the chosen platform, or (all platforms)
 * the average share over the platforms. Shares use today's teacher counts.
 */
function trendOf(
	weeks: string[],
	rows: Awaited<ReturnType<typeof weeklyRows>>,
	denominators: { teachers: number; platforms: number }
) {
	return weeks.map((week) => {
		const r = rows.find((x) => x.week === week);
		const active = Number(r?.active ?? 0);
		return {
			week,
			sessions: Number(r?.sessions ?? 0),
			active,
			share: adoptionShare(active, denominators.teachers * denominators.platforms)
		};
	});
}

/** Schools per page of the heat map: 20 × 12 cells keep the page far under 100 kB of HTML. */
export const HEAT_MAP_PAGE = 20;

/**
 * One page of the heat map (`?page=`, past the last page shows the last), with what it needs and
 * no more; the ranking and trend stay computed over every school of the scope.
 */
export function heatMapView(
	data: Awaited<ReturnType<typeof departmentAdoption>>,
	page = 1,
	pageSize = HEAT_MAP_PAGE
) {
	const total = data.schools.length;
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const current = Math.min(Math.max(1, page), pages);
	const start = (current - 1) * pageSize;
	const rows = data.schools.slice(start, start + pageSize).map((s) => ({
		id: s.id,
		name: s.name,
		area_name: s.area_name,
		cells: s.cells.map((c) => ({
			status: c.status,
			share30: c.share30 === null ? null : Math.round(c.share30),
			meets: c.meets
		}))
	}));
	return {
		rows,
		page: current,
		pages,
		total,
		from: total ? start + 1 : 0,
		to: start + rows.length
	};
}
