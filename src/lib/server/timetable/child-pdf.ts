import type { Kysely } from 'kysely';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';
import { timetablePdf } from './pdf';
import { childTimetable } from './views';

/**
 * A guardian's PDF of their own child's class week (the published timetable in force, with the
 * school's bell times): null for a pupil who is not their child, a child without a class, or a
 * class without a published timetable (the caller answers 404 for each, telling nothing).
 */
export async function childTimetablePdf(
	db: Kysely<Database>,
	principal: Principal,
	studentId: number
) {
	const found = await childTimetable(db, principal, studentId);
	if (!found?.grid || found.child.class_id === null) return null;
	const school = await db
		.selectFrom('classes as c')
		.innerJoin('schools as s', 's.id', 'c.school_id')
		.select('s.name')
		.where('c.id', '=', found.child.class_id)
		.executeTakeFirstOrThrow();
	const g = found.grid;
	return timetablePdf(
		db,
		school,
		{
			id: g.versionId,
			days: g.days,
			periodsPerDay: g.periodsPerDay,
			effectiveFrom: g.effectiveFrom
		},
		{ class: found.child.class_id }
	);
}
