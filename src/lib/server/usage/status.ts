import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db';
import type { Database, PlatformStatus } from '../db/schema';
import { refreshSchoolSummaries } from '../rollout/summary';
import { todayIso } from '../../dates';
import { ADOPTION_DAYS, DEFAULT_THRESHOLD, RECENT_DAYS, windowStart } from '../../usage/adoption';
import { withRetry } from './retry';

/**
 * The rollout status follows adoption: `deployed` becomes `in_use` when the share of teachers
 * active in the last 30 days reaches the department's threshold, and falls back below it. Set-based:
 * one statement judges every pair in scope (adoptionChanges), one statement applies a batch of its
 * changes and writes their history rows (applyAdoptionChanges). An event batch evaluates the pairs
 * it touched in its own transaction (evaluateAdoption); the daily run judges every pair and applies
 * the changes in short transactions of at most `batchSize` pairs (recomputeAdoption).
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

/** Which pairs to judge: the given pairs, one department's or some schools' pairs, or all (null). */
export type AdoptionScope =
	SchoolPlatformKey[] | { departmentId: number } | { schoolIds: number[] } | null;

type Tx = Kysely<Database>;

/** Teaching staff: the denominator of every share (active staff other than non-teaching staff). */
export function teachingStaff(alias: string) {
	return sql`${sql.ref(`${alias}.active`)} and ${sql.ref(`${alias}.position`)} <> 'staff'`;
}

function scopeFilter(scope: AdoptionScope) {
	if (scope === null) return sql``;
	if (Array.isArray(scope))
		return sql`and (sp.school_id, sp.platform_id) in (select * from unnest(
				${scope.map((p) => p.schoolId)}::int[], ${scope.map((p) => p.platformId)}::int[]))`;
	if ('departmentId' in scope)
		return sql`and sp.school_id in (select id from schools where department_id = ${scope.departmentId})`;
	return sql`and sp.school_id = any(${scope.schoolIds}::int[])`;
}

const isEmpty = (scope: AdoptionScope) =>
	scope !== null &&
	(Array.isArray(scope) ? !scope.length : 'schoolIds' in scope && !scope.schoolIds.length);

/** Sources of a status that a person declared: the adoption evaluation never takes them back. */
export const DECLARED_SOURCES = ['manual', 'import'] as const;
const DECLARED = sql.raw(`(${DECLARED_SOURCES.map((s) => `'${s}'`).join(', ')})`);

/** The status the shares ask for (nextStatus() in $lib/usage/adoption.ts), or null. */
const JUDGE = sql`case
	when status = 'deployed' and teachers > 0 and active * 100 >= threshold * teachers
		then 'in_use'
	when status = 'in_use' and status_source not in ${DECLARED}
		and not (teachers > 0 and active * 100 >= threshold * teachers)
		then 'deployed' end`;

/**
 * The share of teachers active in the window for every pair of `k` (a CTE named k with
 * school_id, platform_id), as CTEs teachers, active, shares.
 */
function sharesSql(k: RawBuilder<unknown>, from: string, from7: string) {
	return sql`with k as (${k}),
		teachers as (
			select t.school_id, count(*)::int as n from staff t
			where t.school_id in (select school_id from k) and ${teachingStaff('t')}
			group by t.school_id),
		active as (
			-- per pair through the primary key ('offset 0' keeps the planner from scanning it all)
			select k.school_id, k.platform_id, count(*)::int as n,
				(count(*) filter (where tp.last_on >= ${from7}))::int as n7
			from k cross join lateral (
				select tp.staff_id, tp.last_on from usage_teacher_platform tp
				where tp.school_id = k.school_id and tp.platform_id = k.platform_id
					and tp.last_on >= ${from} offset 0) tp
			join staff t on t.id = tp.staff_id
			where ${teachingStaff('t')}
			group by k.school_id, k.platform_id),
		shares as (
			select k.*,
				coalesce(st.in_use_threshold, ${DEFAULT_THRESHOLD}) as threshold,
				coalesce(te.n, 0) as teachers, coalesce(a.n, 0) as active,
				coalesce(a.n7, 0) as active7
			from k join schools s on s.id = k.school_id
			left join usage_settings st on st.department_id = s.department_id
			left join teachers te on te.school_id = k.school_id
			left join active a on a.school_id = k.school_id and a.platform_id = k.platform_id)`;
}

/**
 * One statement: the shares of every deployed or in-use pair in scope and the status they ask for
 * (the rule of nextStatus() in $lib/usage/adoption.ts: integer comparison, `active * 100 >=
 * threshold * teachers`), only the pairs that change, in key order. Nothing is written. An
 * "in use" that a person declared (DECLARED_SOURCES) is never taken back: the measurement is
 * shown beside it instead (issue 9, point 4).
 */
export async function adoptionChanges(
	db: Tx,
	scope: AdoptionScope,
	today: string
): Promise<StatusChangeMade[]> {
	if (isEmpty(scope)) return [];
	const from = windowStart(today, ADOPTION_DAYS);
	const k = sql`select sp.school_id, sp.platform_id, sp.status, sp.status_source
		from school_platforms sp
		join platforms p on p.id = sp.platform_id and p.retired_at is null
		where sp.status in ('deployed', 'in_use') ${scopeFilter(scope)}`;
	const { rows } = await sql<{
		school_id: number;
		platform_id: number;
		status: PlatformStatus;
		to_status: PlatformStatus;
		threshold: number;
		teachers: number;
		active: number;
	}>`${sharesSql(k, from, windowStart(today, RECENT_DAYS))},
		judged as (select *, ${JUDGE} as to_status from shares)
		select * from judged where to_status is not null
		order by school_id, platform_id`.execute(db);
	return rows.map((r) => ({
		schoolId: r.school_id,
		platformId: r.platform_id,
		from: r.status,
		to: r.to_status,
		active: Number(r.active),
		teachers: Number(r.teachers),
		threshold: Number(r.threshold)
	}));
}

/**
 * The measured use of a pair as school_platforms stores it (the adoption pages read it, so they
 * count no usage rows per request), written only where a figure changed. `measured_on` is the day
 * of the last change; the daily run re-measures every pair (the windows slide at midnight).
 */
const measuredSet = (today: string) => sql`measured_active = sh.active,
	measured_active7 = sh.active7, measured_teachers = sh.teachers,
	measured_threshold = sh.threshold, measured_on = ${today}`;
const MEASURED_CHANGED = sql`sp.school_id = sh.school_id and sp.platform_id = sh.platform_id
	and (sp.measured_active, sp.measured_active7, sp.measured_teachers, sp.measured_threshold)
		is distinct from (sh.active, sh.active7, sh.teachers, sh.threshold)`;

/**
 * Writes the measured use (active teachers, teachers, threshold) of every active platform of the
 * schools in scope, whatever their declared status, in one statement: only rows whose figures
 * changed are written. Returns the schools whose measurement changed (their summaries need a
 * refresh).
 */
export async function recordMeasurements(
	db: Tx,
	scope: AdoptionScope,
	today: string
): Promise<number[]> {
	if (isEmpty(scope)) return [];
	const k = sql`select sp.school_id, sp.platform_id from school_platforms sp
		join platforms p on p.id = sp.platform_id and p.retired_at is null
		where true ${scopeFilter(scope)}`;
	const { rows } = await sql<{
		school_id: number;
	}>`${sharesSql(k, windowStart(today, ADOPTION_DAYS), windowStart(today, RECENT_DAYS))},
		u as (
			update school_platforms sp set ${measuredSet(today)}
			from shares sh
			where ${MEASURED_CHANGED}
			returning sp.school_id)
		select distinct school_id from u`.execute(db);
	return rows.map((r) => r.school_id);
}

const noteOf = (c: StatusChangeMade) =>
	`Dữ liệu sử dụng: ${c.active}/${c.teachers} giáo viên dùng trong ${ADOPTION_DAYS} ngày (ngưỡng ${c.threshold}%)`;

/**
 * Applies judged changes in one statement: each pair's status is set only if it is still the one
 * judged (a change made meanwhile, by hand or by another evaluation, wins and the pair is skipped);
 * the history rows of the changed pairs are written by the same statement, and the schools'
 * rollout summaries are refreshed. Run it inside the caller's transaction. Returns what changed.
 */
export async function applyAdoptionChanges(
	trx: Tx,
	changes: StatusChangeMade[]
): Promise<StatusChangeMade[]> {
	if (!changes.length) return [];
	const { rows } = await sql<{ school_id: number; platform_id: number }>`
		with c as (
			select * from unnest(${changes.map((c) => c.schoolId)}::int[],
				${changes.map((c) => c.platformId)}::int[], ${changes.map((c) => c.from)}::text[],
				${changes.map((c) => c.to)}::text[], ${changes.map(noteOf)}::text[])
				as c(school_id, platform_id, from_status, to_status, note)),
		u as (
			update school_platforms sp set status = c.to_status, status_source = 'usage',
				updated_at = now(), updated_by = null, version = sp.version + 1
			from c
			where sp.school_id = c.school_id and sp.platform_id = c.platform_id
				and sp.status = c.from_status
				and (c.to_status = 'in_use' or sp.status_source not in ${DECLARED})
			returning sp.school_id, sp.platform_id, c.from_status, c.to_status, c.note)
		insert into school_platform_history
			(school_id, platform_id, actor_user_id, from_status, to_status, source, note)
		select school_id, platform_id, null, from_status, to_status, 'usage', note from u
		returning school_id, platform_id`.execute(trx);
	const made = new Set(rows.map((r) => `${r.school_id}/${r.platform_id}`));
	const applied = changes.filter((c) => made.has(`${c.schoolId}/${c.platformId}`));
	const schoolIds = [...new Set(applied.map((c) => c.schoolId))];
	await refreshSchoolSummaries(trx, { schoolIds });
	return applied;
}

/**
 * recordMeasurements and adoptionChanges in one statement, the shares computed once: writes the
 * measured use of every active platform in scope and returns the schools whose measurement changed
 * and the pairs whose status the shares ask to change (both read one snapshot, as the two
 * statements did one after the other: the measurement never changes a status).
 */
async function measureAndJudge(trx: Tx, scope: AdoptionScope, today: string) {
	if (isEmpty(scope)) return { measured: [] as number[], changes: [] as StatusChangeMade[] };
	const k = sql`select sp.school_id, sp.platform_id, sp.status, sp.status_source
		from school_platforms sp
		join platforms p on p.id = sp.platform_id and p.retired_at is null
		where true ${scopeFilter(scope)}`;
	const { rows } = await sql<{
		kind: 'measured' | 'change';
		school_id: number;
		platform_id: number | null;
		status: PlatformStatus | null;
		to_status: PlatformStatus | null;
		threshold: number | null;
		teachers: number | null;
		active: number | null;
	}>`${sharesSql(k, windowStart(today, ADOPTION_DAYS), windowStart(today, RECENT_DAYS))},
		u as (
			update school_platforms sp set ${measuredSet(today)}
			from shares sh
			where ${MEASURED_CHANGED}
			returning sp.school_id),
		judged as (
			select *, ${JUDGE} as to_status from shares where status in ('deployed', 'in_use'))
		select 'measured' as kind, school_id, null::int as platform_id, null::text as status,
			null::text as to_status, null::int as threshold, null::int as teachers, null::int as active
		from (select distinct school_id from u) m
		union all
		(select 'change', school_id, platform_id, status, to_status, threshold, teachers, active
		from judged where to_status is not null order by school_id, platform_id)`.execute(trx);
	return {
		measured: rows.filter((r) => r.kind === 'measured').map((r) => r.school_id),
		changes: rows
			.filter((r) => r.kind === 'change')
			.map((r) => ({
				schoolId: r.school_id,
				platformId: r.platform_id!,
				from: r.status!,
				to: r.to_status!,
				active: Number(r.active),
				teachers: Number(r.teachers),
				threshold: Number(r.threshold)
			}))
	};
}

/**
 * Locks the pairs of some pairs or schools, in key order, before they are measured. Two event
 * batches of one pair from different teachers in different weeks share no summary row: without this
 * lock each counted from a snapshot without the other's teacher, and the second's update was skipped
 * as unchanged (one active teacher short until the daily run). The lock is taken by a statement of
 * its own so that the measurement's snapshot, taken after it, sees what the other batch committed.
 * A department's or every pair (the threshold, the daily run) is measured without it.
 */
async function lockPairs(trx: Tx, scope: AdoptionScope) {
	if (scope === null || isEmpty(scope) || (!Array.isArray(scope) && 'departmentId' in scope))
		return;
	await sql`select 1 from school_platforms sp where true ${scopeFilter(scope)}
		order by sp.school_id, sp.platform_id for update of sp`.execute(trx);
}

/** Judges and applies the pairs in scope inside the caller's transaction (an event batch). */
export async function evaluateAdoption(
	trx: Tx,
	scope: AdoptionScope,
	today: string
): Promise<StatusChangeMade[]> {
	await lockPairs(trx, scope);
	const { measured, changes } = await measureAndJudge(trx, scope, today);
	const applied = await applyAdoptionChanges(trx, changes);
	const refreshed = new Set(applied.map((c) => c.schoolId));
	await refreshSchoolSummaries(trx, { schoolIds: measured.filter((id) => !refreshed.has(id)) });
	return applied;
}

/**
 * After a change of a school's teaching staff (a teacher added, deactivated, made non-teaching
 * staff, imported): the school's shares have a new denominator, so its pairs are measured and
 * judged again in the caller's transaction, and the adoption pages (which read the stored
 * measurement) stay equal to the rollout's.
 */
export async function staffChanged(trx: Tx, schoolId: number, now = new Date()) {
	await evaluateAdoption(trx, { schoolIds: [schoolId] }, todayIso(now));
}

/** Records the measurements in scope and refreshes the summaries of the schools that changed. */
export async function measureAndRefresh(trx: Tx, scope: AdoptionScope, today: string) {
	await refreshSchoolSummaries(trx, { schoolIds: await recordMeasurements(trx, scope, today) });
}

export interface RecomputeOptions {
	now?: Date;
	/** Only these pairs (default: every school and platform). */
	scope?: AdoptionScope;
	/** Pairs per transaction (default 2000): each batch holds its row locks for a moment only. */
	batchSize?: number;
	/** Stops between batches (shutdown, a cancelled job); what was applied stays applied. */
	signal?: AbortSignal;
	/** Called after every batch. */
	onBatch?: (done: number, total: number) => unknown;
}

export interface RecomputeResult {
	promoted: number;
	demoted: number;
	changes: StatusChangeMade[];
	/** Pairs judged to change (applied or skipped because they changed meanwhile). */
	judged: number;
	/** True when the signal stopped the run before every batch was applied. */
	interrupted: boolean;
}

/** Every school and platform again (the daily job, `npm run usage:recompute`). */
export async function recomputeAdoption(
	db: DB,
	options: RecomputeOptions = {}
): Promise<RecomputeResult> {
	const today = todayIso(options.now ?? new Date());
	const size = Math.max(1, options.batchSize ?? 2000);
	const scope = options.scope ?? null;
	await withRetry(() =>
		db.isTransaction
			? measureAndRefresh(db, scope, today)
			: db.transaction().execute((trx) => measureAndRefresh(trx, scope, today))
	);
	const judged = await withRetry(() => adoptionChanges(db, options.scope ?? null, today));
	const changes: StatusChangeMade[] = [];
	let interrupted = false;
	for (let i = 0; i < judged.length; i += size) {
		if (options.signal?.aborted) {
			interrupted = true;
			break;
		}
		const batch = judged.slice(i, i + size);
		// A caller's transaction (tests) is used as it is; otherwise one short transaction per batch.
		const applied = await withRetry(() =>
			db.isTransaction
				? applyAdoptionChanges(db, batch)
				: db.transaction().execute((trx) => applyAdoptionChanges(trx, batch))
		);
		changes.push(...applied);
		await options.onBatch?.(i + batch.length, judged.length);
	}
	return {
		promoted: changes.filter((c) => c.to === 'in_use').length,
		demoted: changes.filter((c) => c.to === 'deployed').length,
		changes,
		judged: judged.length,
		interrupted
	};
}
