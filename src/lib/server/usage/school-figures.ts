import { sql } from 'kysely';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { requireSchool } from '../auth/access';
import { todayIso } from '../../dates';
import { ADOPTION_DAYS, adoptionShare, meetsThreshold, windowStart } from '../../usage/adoption';
import {
	activePlatforms,
	measuredPairs,
	teacherCounts,
	thresholdOfSchool,
	trendWeeks,
	markPartialWeeks
} from './figures-common';

/**
 * A school's adoption dashboard: per platform, active teachers in the last 7 and 30 days (count and
 * share of the school's teachers), sessions, minutes and classes reached in 30 days, the weekly
 * trend, and the teachers with no usage in 30 days. Only summaries are read.
 */
/** Sessions, minutes (usage_daily) and classes reached (usage_daily_class) per platform since `from`. */
function windowTotals(db: DB, schoolId: number, from: string, today: string) {
	return Promise.all([
		db
			.selectFrom('usage_daily')
			.select((eb) => [
				'platform_id',
				eb.fn.sum<number>('sessions').as('sessions'),
				eb.fn.sum<number>('minutes').as('minutes')
			])
			.where('school_id', '=', schoolId)
			.where('day', '>=', from)
			.where('day', '<=', today)
			.groupBy('platform_id')
			.execute(),
		db
			.selectFrom('usage_daily_class')
			.select(['platform_id', sql<number>`count(distinct class_key)`.as('n')])
			.where('school_id', '=', schoolId)
			.where('day', '>=', from)
			.where('day', '<=', today)
			.groupBy('platform_id')
			.execute()
	]);
}

export async function schoolAdoption(
	db: DB,
	principal: Principal,
	schoolId: number,
	now = new Date()
) {
	const school = await requireSchool(db, principal, schoolId, 'usage.view');
	const today = todayIso(now);
	const from30 = windowStart(today, ADOPTION_DAYS);
	const [threshold, platforms, statuses, teachers, [daily, classes], weeks] = await Promise.all([
		thresholdOfSchool(db, school.department_id),
		activePlatforms(db),
		measuredPairs(db).where('school_id', '=', schoolId).execute(),
		teacherCounts(db, [schoolId]),
		windowTotals(db, schoolId, from30, today),
		trendWeeks(db, today)
	]);
	const n = teachers.get(schoolId) ?? 0;
	const rows = platforms.map((p) => {
		const d = daily.find((r) => r.platform_id === p.id);
		const status = statuses.find((s) => s.platform_id === p.id);
		const [active7, active30] = [Number(status?.active7 ?? 0), Number(status?.active30 ?? 0)];
		return {
			...p,
			status: status?.status ?? 'not_started',
			statusSource: status?.status_source ?? null,
			active7,
			active30,
			share7: adoptionShare(active7, n),
			share30: adoptionShare(active30, n),
			meets: meetsThreshold(active30, n, threshold),
			sessions30: Number(d?.sessions ?? 0),
			minutes30: Number(d?.minutes ?? 0),
			classes30: Number(classes.find((c) => c.platform_id === p.id)?.n ?? 0)
		};
	});
	const [trend, inactive] = await Promise.all([
		schoolTrend(db, schoolId, weeks, n, platforms.length).then((t) => markPartialWeeks(t, today)),
		inactiveTeachers(db, schoolId, from30)
	]);
	return { school, today, threshold, teachers: n, platforms: rows, trend, inactive };
}

/** Per week: sessions, and teachers active on at least one platform (share of the teachers). */
async function schoolTrend(
	db: DB,
	schoolId: number,
	weeks: string[],
	teachers: number,
	platformCount: number
) {
	if (!weeks.length) return [];
	const rows = await db
		.selectFrom('usage_weekly_teacher')
		.select([
			'week',
			sql<number>`sum(sessions)`.as('sessions'),
			sql<number>`count(distinct staff_id)`.as('teachers'),
			sql<number>`count(*)`.as('pairs')
		])
		.where('school_id', '=', schoolId)
		.where('week', '>=', weeks[0])
		.where('sessions', '>', 0)
		.groupBy('week')
		.execute();
	return weeks.map((week) => {
		const r = rows.find((x) => x.week === week);
		const active = Number(r?.teachers ?? 0);
		return {
			week,
			sessions: Number(r?.sessions ?? 0),
			activeTeachers: active,
			share: adoptionShare(active, teachers),
			/** average share over the platforms (teacher-platform pairs active / possible) */
			averageShare: adoptionShare(Number(r?.pairs ?? 0), teachers * platformCount)
		};
	});
}

/** Teachers without any usage in the last 30 days, with their last day of use (or never). */
async function inactiveTeachers(db: DB, schoolId: number, from30: string) {
	const rows = await db
		.selectFrom('staff')
		.leftJoin('usage_teacher_platform as tp', (join) =>
			join.onRef('tp.staff_id', '=', 'staff.id').onRef('tp.school_id', '=', 'staff.school_id')
		)
		.select((eb) => [
			'staff.id',
			'staff.full_name',
			'staff.code',
			'staff.position',
			eb.fn.max('tp.last_on').as('last_on')
		])
		.where('staff.school_id', '=', schoolId)
		.where('staff.active', '=', true)
		.where('staff.position', '<>', 'staff')
		.groupBy(['staff.id', 'staff.full_name', 'staff.code', 'staff.position', 'staff.name_sort'])
		.having((eb) =>
			eb.or([eb(eb.fn.max('tp.last_on'), 'is', null), eb(eb.fn.max('tp.last_on'), '<', from30)])
		)
		.orderBy('staff.name_sort')
		.execute();
	return rows.map((r) => ({ ...r, last_on: (r.last_on as string | null) ?? null }));
}
