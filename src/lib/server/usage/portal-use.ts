import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { todayIso } from '../../dates';
import { distinctPairs } from './ingest';
import { evaluateAdoption } from './status';
import { applyFacts, classKeysOf } from './summaries';

/**
 * Work done in the portal's own modules counts as use of the platform it replaces, without the
 * teacher logging it by hand (issue 11): saving grades is use of the e-gradebook, taking the
 * class roll is use of the contact book (absences reach families through it). One event per
 * teacher, platform, day and class (`source = 'portal'`, unique in migration 0250), summed into
 * the summaries and the adoption measurement like any other event, in the caller's transaction.
 */
export type PortalActivity = 'grades' | 'attendance';

export const PORTAL_PLATFORM: Record<PortalActivity, string> = {
	grades: 'e-gradebook',
	attendance: 'contact-book'
};

export async function recordPortalUse(
	trx: Kysely<Database>,
	use: { userId: number; schoolId: number; classId: number; activity: PortalActivity },
	now = new Date()
): Promise<boolean> {
	// Only a member of the school's staff counts (an official's or a parent's work does not),
	// and only while the platform is in the catalogue.
	const { rows } = await sql<{
		school_id: number;
		platform_id: number;
		staff_id: number;
		occurred_on: string;
		class_ids: number[];
		class_name: string | null;
	}>`insert into usage_events (school_id, platform_id, staff_id, occurred_on, class_ids,
			class_name, source, source_event_id, created_by)
		select s.school_id, p.id, s.id, ${todayIso(now)}::date, array[c.id], c.name, 'portal',
			${`${use.activity}:${use.classId}`}, ${use.userId}::int
		from staff s
		join platforms p on p.code = ${PORTAL_PLATFORM[use.activity]} and p.retired_at is null
		join classes c on c.id = ${use.classId} and c.school_id = s.school_id
		where s.user_id = ${use.userId} and s.school_id = ${use.schoolId} and s.active
		order by s.id
		limit 1
		on conflict (staff_id, platform_id, occurred_on, source_event_id) where source = 'portal'
		do nothing
		returning school_id, platform_id, staff_id, occurred_on, class_ids, class_name`.execute(trx);
	if (!rows.length) return false;
	const facts = rows.map((r) => ({
		schoolId: r.school_id,
		platformId: r.platform_id,
		staffId: r.staff_id,
		day: r.occurred_on,
		minutes: null,
		classKeys: classKeysOf(r.class_ids, r.class_name)
	}));
	await applyFacts(trx, facts, 1);
	await evaluateAdoption(trx, distinctPairs(facts), todayIso(now));
	return true;
}
