import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/schema';
import type { DB } from '../db';
import { addDays, weekStart } from '../../dates';
import { getThreshold } from './settings';
import { partialWeekDays } from '../../usage/adoption';

/** Pieces shared by the school and the department dashboards. All read summaries, never events. */

/** Weeks of the trend: from the start of the school year (at most 26 weeks back) to this week. */
export async function trendWeeks(db: DB, today: string): Promise<string[]> {
	const year = await db
		.selectFrom('school_years')
		.select('starts_on')
		.where('is_current', '=', true)
		.executeTakeFirst();
	const last = weekStart(today);
	const earliest = addDays(last, -25 * 7);
	let first = weekStart(year && year.starts_on <= today ? year.starts_on : earliest);
	if (first < earliest) first = earliest;
	const weeks: string[] = [];
	for (let w = first; w <= last; w = addDays(w, 7)) weeks.push(w);
	return weeks;
}

/** The trend's weeks with the days elapsed of a week not over yet (null: a whole week). */
export function markPartialWeeks<T extends { week: string }>(weeks: T[], today: string) {
	return weeks.map((w) => ({ ...w, partialDays: partialWeekDays(w.week, today) }));
}

/**
 * Schools to read figures of: a list of ids, or a subquery of school ids (a department's or an
 * area's schools: the database joins it, however many schools there are).
 */
export type SchoolSet = number[] | SelectQueryBuilder<Database, 'schools', { id: number }>;

/** Active (teaching) staff per school: the denominator of every share. */
export async function teacherCounts(db: DB, schoolIds: SchoolSet): Promise<Map<number, number>> {
	if (Array.isArray(schoolIds) && !schoolIds.length) return new Map();
	const rows = await db
		.selectFrom('staff')
		.select(['school_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where('school_id', 'in', schoolIds)
		.where('active', '=', true)
		.where('position', '<>', 'staff')
		.groupBy('school_id')
		.execute();
	return new Map(rows.map((r) => [r.school_id, Number(r.n)]));
}

/**
 * Each pair's status and its active teachers in the last 7 and 30 days, as measured and stored
 * (school_platforms.measured_*: written with every event batch, logged lesson and staff change of
 * the pair's school, and by the daily run, so every page reads the same figures and none counts
 * usage rows per request). A pair never measured counts 0.
 */
export function measuredPairs(db: DB) {
	return db
		.selectFrom('school_platforms')
		.select([
			'school_id',
			'platform_id',
			'status',
			'status_source',
			sql<number>`coalesce(measured_active7, 0)`.as('active7'),
			sql<number>`coalesce(measured_active, 0)`.as('active30')
		]);
}

export async function thresholdOfSchool(db: DB, departmentId: number) {
	return (await getThreshold(db, departmentId)).threshold;
}

export async function activePlatforms(db: DB) {
	return db
		.selectFrom('platforms')
		.select(['id', 'code', 'name_vi', 'name_en', 'group_code'])
		.where('retired_at', 'is', null)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
}

export const pairKey = (schoolId: number, platformId: number) => `${schoolId}:${platformId}`;
