import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import { tokenAllowsPlatform, type ApiTokenScope } from '../auth/access';
import { todayIso } from '../../dates';
import { usageEventSchema, type UsageEventParsed } from '../../schemas/usage';
import {
	checkOccurredAt,
	classKeyName,
	errorCodeOf,
	eventError,
	type EventErrorCode
} from '../../usage/events';
import { applyFacts, classKeysOf, type UsageFact } from './summaries';
import { classesByName, platformIds, teachersByEmail } from './lookups';
import { evaluateAdoption } from './status';

/**
 * Events reported by platforms: validated one by one (valid events are kept even when others in
 * the batch are rejected), matched to a teacher of a school in scope by e-mail, stored once per
 * source event id (per token for the API, per school and platform for imported files) and summed
 * into the summaries in the same transaction. The API and the file import share all of it.
 */
export type IngestTarget =
	| { kind: 'api'; token: ApiTokenScope }
	| { kind: 'import'; schoolId: number; platformId: number; batchId: string; userId: number };

export interface ResolvedEvent {
	index: number;
	sourceId: string;
	schoolId: number;
	platformId: number;
	staffId: number;
	on: string;
	at: Date | null;
	minutes: number | null;
	students: number | null;
	className: string | null;
	classId: number | null;
}

export interface Rejection {
	index: number;
	errors: string[];
}

type Parsed = { index: number; event: UsageEventParsed };

function parseAll(raws: unknown[], now: Date) {
	const parsed: Parsed[] = [];
	const rejected: Rejection[] = [];
	raws.forEach((raw, index) => {
		const result = usageEventSchema.safeParse(raw);
		if (!result.success) {
			const errors = result.error.issues.map((i) =>
				eventError(String(i.path[0] ?? 'event'), errorCodeOf(i.message))
			);
			rejected.push({ index, errors: [...new Set(errors)] });
			return;
		}
		const when = checkOccurredAt(result.data.occurredAt, now);
		if (when) rejected.push({ index, errors: [eventError('occurredAt', when)] });
		else parsed.push({ index, event: result.data });
	});
	return { parsed, rejected };
}

function platformError(
	target: IngestTarget,
	platformId: number | undefined
): EventErrorCode | null {
	if (platformId === undefined) return 'unknown_platform';
	if (target.kind === 'api' && !tokenAllowsPlatform(target.token, platformId))
		return 'platform_out_of_scope';
	if (target.kind === 'import' && target.platformId !== platformId) return 'platform_out_of_scope';
	return null;
}

type Matched = Parsed & { platformId: number; staffId: number; schoolId: number };

/** Platform and teacher of each parsed event; the others go to `rejected` with their reasons. */
function match(
	target: IngestTarget,
	parsed: Parsed[],
	platforms: Map<string, number>,
	teachers: Map<string, { id: number; schoolId: number }[]>,
	rejected: Rejection[]
): Matched[] {
	const matched: Matched[] = [];
	for (const p of parsed) {
		const errors: string[] = [];
		const platformId = platforms.get(p.event.platform);
		const pErr = platformError(target, platformId);
		if (pErr) errors.push(eventError('platform', pErr));
		const staff = teachers.get(p.event.teacherEmail) ?? [];
		if (staff.length !== 1)
			errors.push(
				eventError('teacherEmail', staff.length ? 'ambiguous_teacher' : 'unknown_teacher')
			);
		if (errors.length) rejected.push({ index: p.index, errors });
		else
			matched.push({
				...p,
				platformId: platformId!,
				staffId: staff[0].id,
				schoolId: staff[0].schoolId
			});
	}
	return matched;
}

/** Validates and matches a batch; reads only (run it before the writing transaction). */
export async function resolveEvents(
	db: DB,
	target: IngestTarget,
	raws: unknown[],
	now = new Date()
): Promise<{ valid: ResolvedEvent[]; rejected: Rejection[] }> {
	const { parsed, rejected } = parseAll(raws, now);
	const [platforms, teachers] = await Promise.all([
		platformIds(db, [...new Set(parsed.map((p) => p.event.platform))]),
		teachersByEmail(db, target, [...new Set(parsed.map((p) => p.event.teacherEmail))])
	]);
	const matched = match(target, parsed, platforms, teachers, rejected);
	const classes = await classesByName(db, [
		...new Set(matched.filter((m) => m.event.className).map((m) => m.schoolId))
	]);
	const valid = matched.map((m) => {
		const className = m.event.className || null;
		return {
			index: m.index,
			sourceId: m.event.id,
			schoolId: m.schoolId,
			platformId: m.platformId,
			staffId: m.staffId,
			on: m.event.occurredAt.on,
			at: m.event.occurredAt.at,
			minutes: m.event.durationMinutes ?? null,
			students: m.event.students ?? null,
			className,
			classId: className ? (classes.get(`${m.schoolId}:${classKeyName(className)}`) ?? null) : null
		};
	});
	rejected.sort((a, b) => a.index - b.index);
	return { valid, rejected };
}

/** One statement for the batch; returns the rows actually stored (not the duplicates). */
async function insertEvents(trx: Kysely<Database>, target: IngestTarget, unique: ResolvedEvent[]) {
	const api = target.kind === 'api';
	const col = <T>(f: (e: ResolvedEvent) => T) => unique.map(f);
	const conflict = api
		? sql`(token_id, source_event_id) where token_id is not null`
		: sql`(school_id, platform_id, source_event_id) where source = 'import'`;
	const { rows } = await sql<{
		school_id: number;
		platform_id: number;
		staff_id: number;
		occurred_on: string;
		minutes: number | null;
		class_ids: number[];
		class_name: string | null;
	}>`insert into usage_events (school_id, platform_id, staff_id, occurred_on, occurred_at, minutes,
			students, class_ids, class_name, source, token_id, source_event_id, import_batch_id, created_by)
		select school_id, platform_id, staff_id, occurred_on, occurred_at, minutes, students,
			case when class_id is null then '{}'::int[] else array[class_id] end, class_name,
			${api ? 'api' : 'import'}, ${api ? target.token.tokenId : null}::int, source_event_id,
			${api ? null : target.batchId}::text, ${api ? null : target.userId}::int
		from unnest(${col((e) => e.schoolId)}::int[], ${col((e) => e.platformId)}::int[],
			${col((e) => e.staffId)}::int[], ${col((e) => e.on)}::date[],
			${col((e) => e.at?.toISOString() ?? null)}::timestamptz[], ${col((e) => e.minutes)}::int[],
			${col((e) => e.students)}::int[], ${col((e) => e.classId)}::int[],
			${col((e) => e.className)}::text[], ${col((e) => e.sourceId)}::text[])
			as e(school_id, platform_id, staff_id, occurred_on, occurred_at, minutes, students, class_id,
				class_name, source_event_id)
		on conflict ${conflict} do nothing
		returning school_id, platform_id, staff_id, occurred_on, minutes, class_ids, class_name`.execute(
		trx
	);
	return rows;
}

/**
 * Stores resolved events once each and updates the summaries and the rollout status of the
 * school/platform pairs touched. Run inside a transaction. Rows go in source id order, so that two
 * concurrent retries of one batch wait for each other instead of deadlocking.
 */
export async function storeEvents(
	trx: Kysely<Database>,
	target: IngestTarget,
	events: ResolvedEvent[],
	now = new Date()
): Promise<{ accepted: number; duplicates: number }> {
	const unique = [...new Map(events.map((e) => [e.sourceId, e])).values()].sort((a, b) =>
		a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0
	);
	if (!unique.length) return { accepted: 0, duplicates: events.length };
	const rows = await insertEvents(trx, target, unique);
	const facts: UsageFact[] = rows.map((r) => ({
		schoolId: r.school_id,
		platformId: r.platform_id,
		staffId: r.staff_id,
		day: r.occurred_on,
		minutes: r.minutes,
		classKeys: classKeysOf(r.class_ids, r.class_name)
	}));
	await applyFacts(trx, facts, 1);
	await evaluateAdoption(trx, distinctPairs(facts), todayIso(now));
	return { accepted: rows.length, duplicates: events.length - rows.length };
}

export function distinctPairs(facts: { schoolId: number; platformId: number }[]) {
	const keys = new Map(facts.map((f) => [`${f.schoolId}:${f.platformId}`, f]));
	return [...keys.values()].map((f) => ({ schoolId: f.schoolId, platformId: f.platformId }));
}
