import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema';
import { classKeyName } from '../../usage/events';

/**
 * The summary tables (migrations/0022) follow the events in the same transaction: one set-based
 * statement per table, rows in key order so that concurrent batches lock them in the same order.
 * Removing events (a teacher deletes or edits an entry) applies the same facts with sign -1.
 */
export interface UsageFact {
	schoolId: number;
	platformId: number;
	staffId: number;
	day: string;
	minutes: number | null;
	classKeys: string[];
}

type Tx = Kysely<Database>;
type Sign = 1 | -1;

/** Class keys of an event: 'c<id>' for roster classes, 'n:<name>' for a class only named. */
export function classKeysOf(classIds: number[], className: string | null): string[] {
	if (classIds.length) return classIds.map((id) => `c${id}`);
	const name = className ? classKeyName(className) : '';
	return name ? [`n:${name}`] : [];
}

function factsRelation(facts: UsageFact[]): RawBuilder<unknown> {
	return sql`(select * from unnest(
		${facts.map((f) => f.schoolId)}::int[], ${facts.map((f) => f.platformId)}::int[],
		${facts.map((f) => f.staffId)}::int[], ${facts.map((f) => f.day)}::date[],
		${facts.map((f) => f.minutes)}::int[]
	) as f(school_id, platform_id, staff_id, day, minutes))`;
}

export async function applyFacts(trx: Tx, facts: UsageFact[], sign: Sign): Promise<void> {
	if (!facts.length) return;
	const src = factsRelation(facts);
	await applyDaily(trx, src, sign);
	await applyClassFacts(trx, facts, sign);
	await applyWeekly(trx, src, sign);
	if (sign === 1) await extendTeacherPlatform(trx, src);
	else {
		await recomputeTeacherPlatform(trx, src);
		await deleteEmptyRows(trx, src);
	}
}

async function applyDaily(trx: Tx, src: RawBuilder<unknown>, sign: Sign) {
	await sql`insert into usage_daily as u (school_id, platform_id, day, sessions, minutes)
		select school_id, platform_id, day, ${sign} * count(*), ${sign} * coalesce(sum(minutes), 0)
		from ${src} f group by 1, 2, 3 order by 1, 2, 3
		on conflict (school_id, platform_id, day) do update
		set sessions = u.sessions + excluded.sessions, minutes = u.minutes + excluded.minutes`.execute(trx);
	await sql`insert into usage_daily_teacher as u (school_id, staff_id, platform_id, day, sessions, minutes)
		select school_id, staff_id, platform_id, day, ${sign} * count(*), ${sign} * coalesce(sum(minutes), 0)
		from ${src} f group by 1, 2, 3, 4 order by 1, 2, 3, 4
		on conflict (school_id, staff_id, platform_id, day) do update
		set sessions = u.sessions + excluded.sessions, minutes = u.minutes + excluded.minutes`.execute(trx);
}

async function applyWeekly(trx: Tx, src: RawBuilder<unknown>, sign: Sign) {
	// The weekly row is locked (upserted) before its teachers are counted: a concurrent batch of the
	// same week then counts after this one commits, and no active teacher is lost.
	await sql`insert into usage_weekly as u (school_id, platform_id, week, sessions, minutes)
		select school_id, platform_id, date_trunc('week', day)::date, ${sign} * count(*),
			${sign} * coalesce(sum(minutes), 0)
		from ${src} f group by 1, 2, 3 order by 1, 2, 3
		on conflict (school_id, platform_id, week) do update
		set sessions = u.sessions + excluded.sessions, minutes = u.minutes + excluded.minutes`.execute(trx);
	await sql`insert into usage_weekly_teacher as u (school_id, platform_id, week, staff_id, sessions)
		select school_id, platform_id, date_trunc('week', day)::date, staff_id, ${sign} * count(*)
		from ${src} f group by 1, 2, 3, 4 order by 1, 2, 3, 4
		on conflict (school_id, platform_id, week, staff_id) do update
		set sessions = u.sessions + excluded.sessions`.execute(trx);
	await sql`update usage_weekly w set active_teachers = (
			select count(*) from usage_weekly_teacher wt
			where wt.school_id = w.school_id and wt.platform_id = w.platform_id
				and wt.week = w.week and wt.sessions > 0)
		from (select distinct school_id, platform_id, date_trunc('week', day)::date as week
			from ${src} f) k
		where w.school_id = k.school_id and w.platform_id = k.platform_id and w.week = k.week`.execute(trx);
}

async function applyClassFacts(trx: Tx, facts: UsageFact[], sign: Sign) {
	const rows = facts.flatMap((f) => f.classKeys.map((key) => ({ ...f, key })));
	if (!rows.length) return;
	await sql`insert into usage_daily_class as u (school_id, platform_id, day, class_key, sessions)
		select school_id, platform_id, day, class_key, ${sign} * count(*)
		from unnest(${rows.map((r) => r.schoolId)}::int[], ${rows.map((r) => r.platformId)}::int[],
			${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.key)}::text[])
			as f(school_id, platform_id, day, class_key)
		group by 1, 2, 3, 4 order by 1, 2, 3, 4
		on conflict (school_id, platform_id, day, class_key) do update
		set sessions = u.sessions + excluded.sessions`.execute(trx);
	if (sign === -1) {
		await sql`delete from usage_daily_class where sessions <= 0
			and school_id = any(${[...new Set(rows.map((r) => r.schoolId))]}::int[])
			and day = any(${[...new Set(rows.map((r) => r.day))]}::date[])`.execute(trx);
	}
}

async function extendTeacherPlatform(trx: Tx, src: RawBuilder<unknown>) {
	await sql`insert into usage_teacher_platform as u (school_id, platform_id, staff_id, first_on, last_on)
		select school_id, platform_id, staff_id, min(day), max(day)
		from ${src} f group by 1, 2, 3 order by 1, 2, 3
		on conflict (school_id, platform_id, staff_id) do update
		set first_on = least(u.first_on, excluded.first_on),
			last_on = greatest(u.last_on, excluded.last_on)`.execute(trx);
}

/** After removing events: first and last day again from the teacher's remaining days. */
async function recomputeTeacherPlatform(trx: Tx, src: RawBuilder<unknown>) {
	await sql`with k as (select distinct school_id, platform_id, staff_id from ${src} f),
		agg as (
			select k.school_id, k.platform_id, k.staff_id, min(d.day) as first_on, max(d.day) as last_on
			from k left join usage_daily_teacher d on d.school_id = k.school_id
				and d.staff_id = k.staff_id and d.platform_id = k.platform_id and d.sessions > 0
			group by 1, 2, 3),
		upd as (
			update usage_teacher_platform u set first_on = agg.first_on, last_on = agg.last_on
			from agg where u.school_id = agg.school_id and u.platform_id = agg.platform_id
				and u.staff_id = agg.staff_id and agg.last_on is not null)
		delete from usage_teacher_platform u using agg
		where u.school_id = agg.school_id and u.platform_id = agg.platform_id
			and u.staff_id = agg.staff_id and agg.last_on is null`.execute(trx);
}

async function deleteEmptyRows(trx: Tx, src: RawBuilder<unknown>) {
	await sql`delete from usage_daily u using ${src} f where u.sessions <= 0
		and u.school_id = f.school_id and u.platform_id = f.platform_id and u.day = f.day`.execute(trx);
	await sql`delete from usage_daily_teacher u using ${src} f where u.sessions <= 0
		and u.school_id = f.school_id and u.staff_id = f.staff_id
		and u.platform_id = f.platform_id and u.day = f.day`.execute(trx);
	await sql`delete from usage_weekly_teacher u using ${src} f where u.sessions <= 0
		and u.school_id = f.school_id and u.platform_id = f.platform_id
		and u.week = date_trunc('week', f.day)::date and u.staff_id = f.staff_id`.execute(trx);
	await sql`delete from usage_weekly u using ${src} f where u.sessions <= 0
		and u.school_id = f.school_id and u.platform_id = f.platform_id
		and u.week = date_trunc('week', f.day)::date`.execute(trx);
}

/**
 * Builds every summary table from a relation of events in one pass (the demo seed and the
 * benchmark generate events set-based). `source` must have the columns school_id, platform_id,
 * staff_id, occurred_on, minutes, class_key (null when no class). Additive: existing rows add up.
 */
export async function summariseRelation(trx: Tx, source: RawBuilder<unknown>): Promise<void> {
	// Large groupings (a year of events): let them hash in memory rather than spill to disk.
	await sql`set local work_mem = '64MB'`.execute(trx);
	const ev = sql`(select school_id, platform_id, staff_id, occurred_on as day, minutes, class_key,
		date_trunc('week', occurred_on)::date as week from ${source} s0)`;
	await sql`insert into usage_daily as u (school_id, platform_id, day, sessions, minutes)
		select school_id, platform_id, day, count(*), coalesce(sum(minutes), 0) from ${ev} e
		group by 1, 2, 3 order by 1, 2, 3 on conflict (school_id, platform_id, day) do update
		set sessions = u.sessions + excluded.sessions, minutes = u.minutes + excluded.minutes`.execute(trx);
	await sql`insert into usage_daily_teacher as u (school_id, staff_id, platform_id, day, sessions, minutes)
		select school_id, staff_id, platform_id, day, count(*), coalesce(sum(minutes), 0) from ${ev} e
		group by 1, 2, 3, 4 order by 1, 2, 3, 4
		on conflict (school_id, staff_id, platform_id, day) do update
		set sessions = u.sessions + excluded.sessions, minutes = u.minutes + excluded.minutes`.execute(trx);
	await sql`insert into usage_daily_class as u (school_id, platform_id, day, class_key, sessions)
		select school_id, platform_id, day, class_key, count(*) from ${ev} e where class_key is not null
		group by 1, 2, 3, 4 order by 1, 2, 3, 4 on conflict (school_id, platform_id, day, class_key) do update
		set sessions = u.sessions + excluded.sessions`.execute(trx);
	await summariseWeeks(trx, ev);
}

/** The per-teacher and weekly part of summariseRelation. */
async function summariseWeeks(trx: Tx, ev: RawBuilder<unknown>) {
	await sql`insert into usage_teacher_platform as u (school_id, platform_id, staff_id, first_on, last_on)
		select school_id, platform_id, staff_id, min(day), max(day) from ${ev} e group by 1, 2, 3 order by 1, 2, 3
		on conflict (school_id, platform_id, staff_id) do update
		set first_on = least(u.first_on, excluded.first_on), last_on = greatest(u.last_on, excluded.last_on)`.execute(
		trx
	);
	await sql`insert into usage_weekly_teacher as u (school_id, platform_id, week, staff_id, sessions)
		select school_id, platform_id, week, staff_id, count(*) from ${ev} e group by 1, 2, 3, 4 order by 1, 2, 3, 4
		on conflict (school_id, platform_id, week, staff_id) do update
		set sessions = u.sessions + excluded.sessions`.execute(trx);
	await sql`insert into usage_weekly as u (school_id, platform_id, week, sessions, minutes, active_teachers)
		select school_id, platform_id, week, count(*), coalesce(sum(minutes), 0), 0 from ${ev} e
		group by 1, 2, 3 order by 1, 2, 3 on conflict (school_id, platform_id, week) do update
		set sessions = u.sessions + excluded.sessions, minutes = u.minutes + excluded.minutes`.execute(trx);
	await sql`update usage_weekly w set active_teachers = c.n
		from (select school_id, platform_id, week, count(*) as n from usage_weekly_teacher
			where sessions > 0 group by 1, 2, 3) c
		where w.school_id = c.school_id and w.platform_id = c.platform_id and w.week = c.week
			and w.active_teachers <> c.n`.execute(trx);
}
