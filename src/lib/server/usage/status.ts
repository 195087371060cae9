import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';
import type { Database, PlatformStatus } from '../db/schema';
import { setSchoolPlatformStatus } from '../rollout/platforms';
import { todayIso } from '../../dates';
import { ADOPTION_DAYS, DEFAULT_THRESHOLD, nextStatus, windowStart } from '../../usage/adoption';
import { withRetry } from './retry';

/**
 * The rollout status follows adoption: `deployed` becomes `in_use` when the share of teachers
 * active in the last 30 days reaches the department's threshold, and falls back below it
 * (setSchoolPlatformStatus records each change in the history, source 'usage'). Run for the pairs an
 * event batch touched, in its transaction, and for every pair once a day (recomputeAdoption).
 */
export interface SchoolPlatformKey {
	schoolId: number;
	platformId: number;
}

export interface StatusChangeMade extends SchoolPlatformKey {
	from: PlatformStatus;
	to: PlatformStatus;
	active: number;
	teachers: number;
	threshold: number;
}

type Tx = Kysely<Database>;

/** Teaching staff: the denominator of every share (active staff other than non-teaching staff). */
export function teachingStaff(alias: string) {
	return sql`${sql.ref(`${alias}.active`)} and ${sql.ref(`${alias}.position`)} <> 'staff'`;
}

export async function evaluateAdoption(
	trx: Tx,
	pairs: SchoolPlatformKey[] | null,
	today: string
): Promise<StatusChangeMade[]> {
	if (pairs && !pairs.length) return [];
	const filter = pairs
		? sql`and (sp.school_id, sp.platform_id) in (select * from unnest(
				${pairs.map((p) => p.schoolId)}::int[], ${pairs.map((p) => p.platformId)}::int[]))`
		: sql``;
	const from = windowStart(today, ADOPTION_DAYS);
	// Grouped once (not per pair): a batch touches a school per event, the daily run every pair.
	const { rows } = await sql<{
		school_id: number;
		platform_id: number;
		status: PlatformStatus;
		threshold: number;
		teachers: number;
		active: number;
	}>`with k as (
			select sp.school_id, sp.platform_id, sp.status from school_platforms sp
			join platforms p on p.id = sp.platform_id and p.retired_at is null
			where sp.status in ('deployed', 'in_use') ${filter}),
		teachers as (
			select t.school_id, count(*) as n from staff t
			where t.school_id in (select school_id from k) and ${teachingStaff('t')}
			group by t.school_id),
		active as (
			-- per pair through the primary key ('offset 0' keeps the planner from scanning it all)
			select k.school_id, k.platform_id, count(*) as n
			from k cross join lateral (
				select tp.staff_id from usage_teacher_platform tp
				where tp.school_id = k.school_id and tp.platform_id = k.platform_id
					and tp.last_on >= ${from} offset 0) tp
			join staff t on t.id = tp.staff_id
			where ${teachingStaff('t')}
			group by k.school_id, k.platform_id)
		select k.school_id, k.platform_id, k.status,
			coalesce(st.in_use_threshold, ${DEFAULT_THRESHOLD}) as threshold,
			coalesce(te.n, 0) as teachers, coalesce(a.n, 0) as active
		from k join schools s on s.id = k.school_id
		left join usage_settings st on st.department_id = s.department_id
		left join teachers te on te.school_id = k.school_id
		left join active a on a.school_id = k.school_id and a.platform_id = k.platform_id
		order by k.school_id, k.platform_id`.execute(trx);
	const changes: StatusChangeMade[] = [];
	for (const r of rows) {
		const to = nextStatus(r.status, Number(r.active), Number(r.teachers), r.threshold);
		if (!to) continue;
		const share = `${r.active}/${r.teachers}`;
		const result = await setSchoolPlatformStatus(trx, {
			schoolId: r.school_id,
			platformId: r.platform_id,
			status: to,
			source: 'usage',
			actorUserId: null,
			onlyFrom: r.status,
			note: `Dữ liệu sử dụng: ${share} giáo viên dùng trong ${ADOPTION_DAYS} ngày (ngưỡng ${r.threshold}%)`
		});
		if (result.changed)
			changes.push({
				schoolId: r.school_id,
				platformId: r.platform_id,
				from: r.status,
				to,
				active: Number(r.active),
				teachers: Number(r.teachers),
				threshold: r.threshold
			});
	}
	return changes;
}

/** Every school and platform again (the daily job, `npm run usage:recompute`, a threshold change). */
export async function recomputeAdoption(
	db: DB,
	options: { now?: Date } = {}
): Promise<{ promoted: number; demoted: number; changes: StatusChangeMade[] }> {
	const today = todayIso(options.now ?? new Date());
	const changes = await withRetry(() =>
		db.transaction().execute((trx) => evaluateAdoption(trx, null, today))
	);
	return {
		promoted: changes.filter((c) => c.to === 'in_use').length,
		demoted: changes.filter((c) => c.to === 'deployed').length,
		changes
	};
}
