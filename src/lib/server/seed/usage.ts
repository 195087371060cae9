import { measureAndRefresh } from '../usage/status';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema';
import { addDays, daysBetween, todayIso } from '../../dates';
import { DEFAULT_THRESHOLD } from '../../usage/adoption';
import { summariseRelation } from '../usage/summaries';
import type { SeedContext } from './index';

/**
 * Demo usage for a school year, consistent with the rollout statuses already seeded:
 * - `in_use`: at least the threshold of the school's teachers used the platform in the last 30 days
 *   (every adopter has a session in the last 10 days), more and more often in the pilot schools;
 * - `deployed`: a few teachers, always fewer than the threshold;
 * - `not_started` / `deploying`: no usage.
 * So the adoption recompute after seeding keeps every status. Set-based and deterministic (md5 of
 * ids, no clock except the seed date). To keep the first start fast, the daily and weekly summaries
 * cover the whole school year while raw events are kept for the last RAW_DAYS days only
 * (summaries and raw events agree on those days). Pilot teachers' events are their own entries
 * ('manual', editable for 7 days); other schools' staff have no accounts ('seed').
 */
export const RAW_DAYS = 14;

export interface UsageSeedOptions {
	today: string;
	yearStart: string;
	pilotIds: number[];
	/** Only these schools (tests); all schools by default. */
	schoolIds?: number[];
}

/** A deterministic number in [0, 1) from the parts. */
function rnd(...parts: RawBuilder<unknown>[]): RawBuilder<number> {
	return sql<number>`(('x' || substr(md5(concat_ws(':', ${sql.join(parts)})), 1, 8))::bit(32)::bigint / 4294967296.0)`;
}
const col = (name: string) => sql.ref(name);
const lit = (text: string) => sql.lit(text);

/** The span of demo usage: the school year so far, or the last 12 weeks outside a school year. */
export function seedSpan(today: string, yearStart: string): { from: string; to: string } {
	const age = daysBetween(yearStart, today);
	return { from: age >= 27 && age <= 300 ? yearStart : addDays(today, -83), to: today };
}

async function createAdopters(
	trx: Kysely<Database>,
	o: UsageSeedOptions,
	from: string,
	threshold: number
) {
	const schools = o.schoolIds ? sql`and sp.school_id = any(${o.schoolIds}::int[])` : sql``;
	const thr = sql`${threshold}::numeric`;
	const r = (tag: string) => rnd(col('r.school_id'), col('r.platform_id'), lit(tag));
	await sql`create temp table seed_usage_adopters on commit drop as
		with pairs as (
			select sp.school_id, sp.platform_id, sp.status, p.group_code,
				greatest(coalesce(case when sp.go_live_on <= ${o.today}::date then sp.go_live_on end,
					${from}::date), ${from}::date) as usable_from,
				sp.school_id = any(${o.pilotIds}::int[]) as pilot,
				avg(case when sp.status in ('deployed', 'in_use') then 1.0 else 0.0 end)
					over (partition by sp.school_id) as maturity
			from school_platforms sp join platforms p on p.id = sp.platform_id and p.retired_at is null
			where true ${schools}),
		staffed as (
			select t.id as staff_id, t.school_id, count(*) over (partition by t.school_id) as n
			from staff t where t.active and t.position <> 'staff'),
		ranked as (
			select pr.*, s.staff_id, s.n, row_number() over (partition by pr.school_id, pr.platform_id
				order by md5(concat_ws(':', s.staff_id, pr.platform_id, 'rank'))) as rank
			from pairs pr join staffed s on s.school_id = pr.school_id
			where pr.status in ('deployed', 'in_use'))
		select r.school_id, r.platform_id, r.staff_id, r.status, r.group_code, r.pilot, r.usable_from,
			(case when r.status = 'deployed' then 0.03 + 0.07 * ${rnd(col('r.staff_id'), col('r.platform_id'), lit('f'))}
				when r.pilot then 0.30 + 0.35 * ${rnd(col('r.staff_id'), col('r.platform_id'), lit('f'))}
				else 0.06 + 0.20 * r.maturity * ${rnd(col('r.staff_id'), col('r.platform_id'), lit('f'))} end)
				* (case when r.group_code = 'management' then 0.6 else 1 end) as freq,
			r.usable_from + floor(${rnd(col('r.staff_id'), col('r.platform_id'), lit('s'))}
				* greatest(0, least(28, ${o.today}::date - 14 - r.usable_from)))::int as starts_on
		from ranked r
		where r.rank <= case
			when r.status = 'in_use' then least(r.n, greatest(ceil(${thr} * r.n / 100),
				ceil(r.n * least(0.97, case when r.pilot then 0.80 + 0.15 * ${r('t')}
					else ${thr} / 100 + 0.05 + 0.30 * r.maturity * ${r('t')} end))))
			else least(floor(r.n * (0.10 + 0.30 * ${r('t')})), ceil(${thr} * r.n / 100) - 1) end`.execute(trx);
}

async function createSessions(trx: Kysely<Database>, o: UsageSeedOptions, from: string) {
	// One draw per adopter and school day (about a million): integer mixing, cheaper than md5.
	const day = sql<number>`(((a.staff_id::bigint * 1000003 + a.platform_id * 7919
		+ (d.day - date '2000-01-01')) % 2147483647) * 16807 % 2147483647 * 16807 % 2147483647)
		/ 2147483647.0`;
	await sql`create temp table seed_usage_sessions on commit drop as
		with days as (
			select d::date as day, extract(isodow from d) as dow
			from generate_series(${from}::date, ${o.today}::date, interval '1 day') d
			-- Sundays, National Day, New Year and Teachers' Day (20/11) have no lessons
			where extract(isodow from d) <= 6 and to_char(d, 'MM-DD') not in ('09-02', '01-01', '11-20')),
		habitual as (
			select a.school_id, a.platform_id, a.staff_id, a.group_code, d.day
			from seed_usage_adopters a join days d on d.day >= a.starts_on
			where ${day} < a.freq * (case when d.dow = 6 then 0.4 else 1 end)),
		-- an in-use adopter with no use in the last 4 weeks gets one in the last 10 days
		picked as (
			select * from habitual
			union all
			select a.school_id, a.platform_id, a.staff_id, a.group_code,
				greatest(a.usable_from, ${o.today}::date
					- floor(${rnd(col('a.staff_id'), col('a.platform_id'), lit('g'))} * 10)::int)
			from seed_usage_adopters a
			where a.status = 'in_use' and not exists (
				select 1 from habitual n where n.staff_id = a.staff_id and n.platform_id = a.platform_id
					and n.day > ${o.today}::date - 28)),
		taught as (
			select x.staff_id, array_agg(distinct x.class_id order by x.class_id) as classes
			from (select homeroom_staff_id as staff_id, id as class_id from classes
					where homeroom_staff_id is not null and active
				union select staff_id, class_id from teaching_assignments) x
			join classes c on c.id = x.class_id
			join school_years y on y.id = c.school_year_id and y.is_current
			group by x.staff_id),
		sizes as (select class_id, count(*)::int as n from students where active group by class_id),
		shaped as (
			select p.*, s.level,
				case when p.group_code = 'teaching' and t.classes is not null
					then t.classes[1 + floor(${rnd(col('p.staff_id'), col('p.platform_id'), col('p.day'), lit('c'))}
						* cardinality(t.classes))::int] end as class_id,
				case when p.group_code = 'teaching'
					then 1 + (${rnd(col('p.staff_id'), col('p.day'), lit('p'))} < 0.3)::int end as periods,
				(${rnd(col('p.staff_id'), col('p.platform_id'), col('p.day'), lit('m'))}) as m
			from picked p join schools s on s.id = p.school_id
			left join taught t on t.staff_id = p.staff_id)
		select sh.school_id, sh.platform_id, sh.staff_id, sh.day as occurred_on, sh.periods,
			coalesce(sh.periods * (case when sh.level in ('MN', 'TH', 'PTDTBT_TH') then 35 else 45 end),
				10 + floor(sh.m * 50)::int) as minutes,
			sh.class_id, case when sh.class_id is not null then 'c' || sh.class_id end as class_key,
			sz.n as students, floor(sh.m * 9 * 60)::int as minute_of_day
		from shaped sh left join sizes sz on sz.class_id = sh.class_id`.execute(trx);
}

async function insertRawEvents(trx: Kysely<Database>, o: UsageSeedOptions) {
	const { rows } = await sql<{ n: number }>`with ins as (
		insert into usage_events (school_id, platform_id, staff_id, occurred_on, occurred_at, periods,
			minutes, students, class_ids, source, created_by, created_at)
		select s.school_id, s.platform_id, s.staff_id, s.occurred_on, at.t, s.periods, s.minutes,
			s.students,
			case when s.class_id is null then '{}'::int[] else array[s.class_id] end,
			case when t.user_id is null then 'seed' else 'manual' end, t.user_id,
			least(now(), at.t + interval '5 minutes')
		from seed_usage_sessions s join staff t on t.id = s.staff_id
		-- lessons between 07:00 and 16:00, Vietnam time (UTC+7)
		cross join lateral (select ((s.occurred_on + time '07:00') - interval '7 hours'
			+ s.minute_of_day * interval '1 minute') at time zone 'UTC' as t) at
		where s.occurred_on >= ${addDays(o.today, -(RAW_DAYS - 1))}::date
		order by s.occurred_on, s.staff_id
		returning 1)
		select count(*)::int as n from ins`.execute(trx);
	return rows[0].n;
}

/** Generates demo usage (see above); run inside a transaction (temporary tables). */
export async function generateUsage(db: Kysely<Database>, o: UsageSeedOptions) {
	const run = async (trx: Kysely<Database>) => {
		const { from } = seedSpan(o.today, o.yearStart);
		const setting = await trx
			.selectFrom('usage_settings')
			.select('in_use_threshold')
			.executeTakeFirst();
		await createAdopters(trx, o, from, setting?.in_use_threshold ?? DEFAULT_THRESHOLD);
		await createSessions(trx, o, from);
		const events = await insertRawEvents(trx, o);
		await summariseRelation(
			trx,
			sql`(select school_id, platform_id, staff_id, occurred_on, minutes, class_key from seed_usage_sessions)`
		);
		const { rows } = await sql<{
			n: number;
		}>`select count(*)::int as n from seed_usage_sessions`.execute(trx);
		await sql`drop table seed_usage_sessions`.execute(trx);
		await sql`drop table seed_usage_adopters`.execute(trx);
		return { sessions: rows[0].n, events };
	};
	return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** The module seed (MODULE_SEEDS): the demo province's school year up to today. */
export async function seedUsage(db: Kysely<Database>, ctx: SeedContext) {
	const year = await db
		.selectFrom('school_years')
		.select('starts_on')
		.where('id', '=', ctx.schoolYearId)
		.executeTakeFirstOrThrow();
	await generateUsage(db, {
		today: todayIso(),
		yearStart: year.starts_on,
		pilotIds: [ctx.pilots.quangTrung.schoolId, ctx.pilots.nguyenTatThanh.schoolId]
	});
	// The measured use beside every declared status, as the daily recompute would leave it.
	await (db.isTransaction
		? measureAndRefresh(db, null, todayIso())
		: db.transaction().execute((trx) => measureAndRefresh(trx, null, todayIso())));
}
