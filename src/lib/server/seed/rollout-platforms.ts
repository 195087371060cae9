import { sql, type Kysely } from 'kysely';
import type { Database, PlatformStatus } from '../db/schema';
import type { Random } from './random';
import { addDays, daysBetween } from '../../dates';
import { SEED_TODAY, type SchoolPlanSeed } from './rollout-plan';

export type StatusBySchool = Map<number, Map<string, PlatformStatus>>;

/** The demo school still has two platforms to bring into use (its two open checklist items). */
const DEMO_OPEN: Record<string, PlatformStatus> = {
	'digital-library': 'deploying',
	'virtual-lab': 'deployed'
};

function statusFor(rng: Random, plan: SchoolPlanSeed, code: string): PlatformStatus {
	if (plan.state === 'demo') return DEMO_OPEN[code] ?? 'in_use';
	if (plan.progress >= 1) return 'in_use';
	const r = rng.next();
	if (r < plan.progress) return 'in_use';
	if (r < plan.progress + 0.12) return 'deployed';
	if (r < plan.progress + 0.25) return 'deploying';
	return 'not_started';
}

/** When the status was reached: between the wave's start and the school's finish (or today). */
function dateFor(rng: Random, plan: SchoolPlanSeed): string {
	const end =
		plan.completedOn ?? (SEED_TODAY < plan.wave.targetOn ? SEED_TODAY : plan.wave.targetOn);
	const span = Math.max(1, daysBetween(plan.wave.startsOn, end));
	return addDays(plan.wave.startsOn, Math.min(span - 1, span * (0.2 + rng.next() * 0.8)));
}

/** Sets every school's platform statuses, vendors and go-live dates, with their history. Set-based. */
export async function seedPlatformProgress(
	db: Kysely<Database>,
	rng: Random,
	plans: SchoolPlanSeed[]
): Promise<StatusBySchool> {
	const platforms = await db
		.selectFrom('platforms')
		.select(['id', 'code', 'suggested_vendors'])
		.where('retired_at', 'is', null)
		.orderBy('sort_order')
		.execute();
	const out: StatusBySchool = new Map();
	const cols = {
		school: [] as number[],
		platform: [] as number[],
		status: [] as string[],
		at: [] as string[],
		vendor: [] as (string | null)[],
		goLive: [] as (string | null)[]
	};
	for (const plan of plans) {
		const statuses = new Map<string, PlatformStatus>();
		out.set(plan.schoolId, statuses);
		for (const p of platforms) {
			const status = statusFor(rng, plan, p.code);
			statuses.set(p.code, status);
			if (status === 'not_started') continue;
			const day = dateFor(rng, plan);
			cols.school.push(plan.schoolId);
			cols.platform.push(p.id);
			cols.status.push(status);
			cols.at.push(`${day}T09:00:00+07:00`);
			cols.vendor.push(rng.pick(p.suggested_vendors.split(', ')) || null);
			cols.goLive.push(status === 'in_use' ? day : null);
		}
	}
	if (!cols.school.length) return out;
	await sql`update school_platforms sp
		set status = v.status, status_source = 'seed', updated_at = v.at, vendor = v.vendor,
			go_live_on = v.go_live
		from unnest(${cols.school}::int[], ${cols.platform}::int[], ${cols.status}::text[],
			${cols.at}::timestamptz[], ${cols.vendor}::text[], ${cols.goLive}::date[])
			as v(school_id, platform_id, status, at, vendor, go_live)
		where sp.school_id = v.school_id and sp.platform_id = v.platform_id`.execute(db);
	await sql`insert into school_platform_history (school_id, platform_id, at, from_status, to_status, source)
		select v.school_id, v.platform_id, v.at, 'not_started', v.status, 'seed'
		from unnest(${cols.school}::int[], ${cols.platform}::int[], ${cols.status}::text[],
			${cols.at}::timestamptz[]) as v(school_id, platform_id, status, at)`.execute(db);
	return out;
}
