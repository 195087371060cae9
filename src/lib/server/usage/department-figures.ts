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
import { teachingStaff } from './status';

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

/** The schools of the caller's scope (access.ts), optionally one area, in heat map order. */
function scopeSchools(
	db: DB,
	principal: Principal,
	areaId: number | undefined,
	slice: { offset: number; limit: number } | null
) {
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
	q = q.orderBy('areas.code').orderBy('schools.code').orderBy('schools.id');
	if (slice) q = q.offset(slice.offset).limit(slice.limit);
	return q.execute();
}

type Platforms = Awaited<ReturnType<typeof activePlatforms>>;
type PairFigures = Awaited<ReturnType<ReturnType<typeof measuredPairs>['execute']>>;

function heatRows(
	schools: Awaited<ReturnType<typeof scopeSchools>>,
	platforms: Platforms,
	figures: { teachers: Map<number, number>; pairs: PairFigures; threshold: number }
) {
	const pairs = new Map(figures.pairs.map((a) => [pairKey(a.school_id, a.platform_id), a]));
	return schools.map((s) => {
		const n = figures.teachers.get(s.id) ?? 0;
		const cells = platforms.map((p) => {
			const a = pairs.get(pairKey(s.id, p.id));
			const active30 = Number(a?.active30 ?? 0);
			return {
				platformId: p.id,
				status: a?.status ?? 'not_started',
				active7: Number(a?.active7 ?? 0),
				active30,
				share30: adoptionShare(active30, n),
				meets: meetsThreshold(active30, n, figures.threshold)
			};
		});
		return { ...s, teachers: n, cells };
	});
}

/**
 * Per platform over every school of the scope, counted by the database (the heat map shows one
 * page of schools; a country's department holds 50,000): active teachers in 30 days (the stored
 * measurement, as in the heat map), schools where it is in use, schools at or above the threshold
 * (meetsThreshold's integer rule with today's teacher count and the department's threshold, as in
 * the heat map), and the teachers of the scope (the denominator of the shares). A pair never
 * measured counts 0 and never meets a threshold (at least 1 %). The scope goes in as a subquery, not
 * a CTE: the planner then knows its size (a CTE of 50,000 schools was planned as 200 rows and
 * joined by 50,000 index lookups, 1 s instead of 0.3 s).
 */
async function platformTotals(db: DB, scope: ReturnType<typeof scopeSchoolIds>) {
	const { rows } = await sql<{
		platform_id: number | null;
		active30: number;
		in_use: number;
		meeting: number;
		teachers: number;
	}>`with t as (
			select staff.school_id, count(*)::int as n,
				coalesce(min(st.in_use_threshold), ${DEFAULT_THRESHOLD})::int as threshold
			from staff join schools s on s.id = staff.school_id
			left join usage_settings st on st.department_id = s.department_id
			where staff.school_id in (${scope}) and ${teachingStaff('staff')}
			group by staff.school_id)
		select sp.platform_id,
			coalesce(sum(coalesce(sp.measured_active, 0)), 0)::int as active30,
			(count(*) filter (where sp.status = 'in_use'))::int as in_use,
			(count(*) filter (where t.n > 0
				and coalesce(sp.measured_active, 0) * 100 >= t.threshold * t.n))::int as meeting,
			0 as teachers
		from school_platforms sp left join t on t.school_id = sp.school_id
		where sp.school_id in (${scope})
		group by sp.platform_id
		union all
		select null, 0, 0, 0, coalesce(sum(n), 0)::int from t`.execute(db);
	const byPlatform = new Map(
		rows.filter((r) => r.platform_id !== null).map((r) => [r.platform_id!, r])
	);
	const teachers = Number(rows.find((r) => r.platform_id === null)?.teachers ?? 0);
	return { byPlatform, teachers };
}

function rankPlatforms(
	platforms: Platforms,
	totals: Awaited<ReturnType<typeof platformTotals>>,
	sessions: { platform_id: number; sessions: number }[]
) {
	return platforms
		.map((p) => {
			const t = totals.byPlatform.get(p.id);
			const active30 = Number(t?.active30 ?? 0);
			return {
				...p,
				active30,
				share30: adoptionShare(active30, totals.teachers),
				schoolsInUse: Number(t?.in_use ?? 0),
				schoolsMeeting: Number(t?.meeting ?? 0),
				sessions30: Number(sessions.find((x) => x.platform_id === p.id)?.sessions ?? 0)
			};
		})
		.sort((a, b) => (b.share30 ?? 0) - (a.share30 ?? 0) || b.sessions30 - a.sessions30);
}

/** Schools per page of the heat map: 20 × 12 cells keep the page far under 100 kB of HTML. */
export const HEAT_MAP_PAGE = 20;

/** Which schools of the heat map to read: one page (`page`, past the last shows the last), or all. */
export interface HeatMapSlice {
	page: number;
	pageSize?: number;
}

function paging(total: number, slice: HeatMapSlice) {
	const size = slice.pageSize ?? HEAT_MAP_PAGE;
	const pages = Math.max(1, Math.ceil(total / size));
	const page = Math.min(Math.max(1, slice.page), pages);
	return { page, pages, total, offset: (page - 1) * size, limit: size };
}

/**
 * The adoption figures of the caller's scope. The ranking, the trend and the totals always cover
 * every school of the scope; the heat map rows (`schools`) are every school (exports) or one page
 * of them (`slice`: only that page's schools and pairs are read).
 */
export async function departmentAdoption(
	db: DB,
	principal: Principal,
	filters: DepartmentFilters = {},
	now = new Date(),
	slice: HeatMapSlice | null = null
) {
	const today = todayIso(now);
	const from30 = windowStart(today, ADOPTION_DAYS);
	// every figure reads the scope's schools through one subquery (never a list of ids: a whole
	// country's department holds 50,000 schools), so all of them start at once
	const scope = scopeSchoolIds(db, principal, filters.areaId);
	const platformsRead = activePlatforms(db);
	const countRead = slice
		? scope
				.clearSelect()
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
				.then((r) => paging(Number(r.n), slice))
		: null;
	const schoolsRead = (countRead ?? Promise.resolve(null)).then((view) =>
		scopeSchools(db, principal, filters.areaId, view)
	);
	const thresholdRead = schoolsRead.then((schools) =>
		schools.length ? thresholdOfSchool(db, schools[0].department_id) : DEFAULT_THRESHOLD
	);
	const trendRead = Promise.all([trendWeeks(db, today), platformsRead]).then(
		async ([weeks, platforms]) => {
			const platform = platforms.find((p) => p.code === filters.platformCode) ?? null;
			return { weeks, rows: await weeklyRows(db, scope, weeks, platform?.id ?? null) };
		}
	);
	// the heat map's schools: their pairs and teachers only
	const shownRead = schoolsRead.then(async (schools) => {
		const ids = slice ? schools.map((s) => s.id) : scope;
		const none = Array.isArray(ids) && !ids.length;
		const [pairs, teachers]: [PairFigures, Map<number, number>] = await Promise.all([
			none ? [] : measuredPairs(db).where('school_id', 'in', ids).execute(),
			teacherCounts(db, ids)
		]);
		return { pairs, teachers };
	});
	const [schools, platforms, threshold, { pairs, teachers }, totals, sessions, trendRows, view] =
		await Promise.all([
			schoolsRead,
			platformsRead,
			thresholdRead,
			shownRead,
			platformTotals(db, scope),
			db
				.selectFrom('usage_daily')
				.select((eb) => ['platform_id', eb.fn.sum<number>('sessions').as('sessions')])
				.where('day', '>=', from30)
				.where('day', '<=', today)
				.where('school_id', 'in', scope)
				.groupBy('platform_id')
				.execute(),
			trendRead,
			countRead
		]);
	const platform = platforms.find((p) => p.code === filters.platformCode) ?? null;
	const rows = heatRows(schools, platforms, { teachers, threshold, pairs });
	const totalTeachers = totals.teachers;
	const trend = markPartialWeeks(
		trendOf(trendRows.weeks, trendRows.rows, {
			teachers: totalTeachers,
			platforms: platform ? 1 : platforms.length
		}),
		today
	);
	const ranking = rankPlatforms(platforms, totals, sessions);
	const total = view?.total ?? rows.length;
	const offset = view?.offset ?? 0;
	return {
		today,
		threshold,
		platforms,
		platform,
		schools: rows,
		heatMap: {
			page: view?.page ?? 1,
			pages: view?.pages ?? 1,
			total,
			from: rows.length ? offset + 1 : 0,
			to: offset + rows.length
		},
		ranking,
		trend,
		totalTeachers
	};
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

/** The heat map's rows as the page shows them (shares rounded), with its paging. */
export function heatMapView(data: Awaited<ReturnType<typeof departmentAdoption>>) {
	const rows = data.schools.map((s) => ({
		id: s.id,
		name: s.name,
		area_name: s.area_name,
		cells: s.cells.map((c) => ({
			status: c.status,
			share30: c.share30 === null ? null : Math.round(c.share30),
			meets: c.meets
		}))
	}));
	return { rows, ...data.heatMap };
}
