import { sql } from 'kysely';
import type { DB } from '../db';
import { tokenSchoolWhere } from '../auth/access';
import { classKeyName } from '../../usage/events';
import type { IngestTarget } from './ingest';

/** The lookups of an event batch: platform codes, teachers by e-mail in scope, classes by name. */
export async function platformIds(db: DB, codes: string[]) {
	if (!codes.length) return new Map<string, number>();
	const rows = await db
		.selectFrom('platforms')
		.select(['id', 'code'])
		.where('code', 'in', codes)
		.where('retired_at', 'is', null)
		.execute();
	return new Map(rows.map((r) => [r.code, r.id]));
}

/** Staff (active, at a school in scope) by the e-mail of their staff record or their account. */
export async function teachersByEmail(db: DB, target: IngestTarget, emails: string[]) {
	const byEmail = new Map<string, { id: number; schoolId: number }[]>();
	if (!emails.length) return byEmail;
	const scope =
		target.kind === 'api'
			? tokenSchoolWhere(target.token, 'staff.school_id')
			: sql<boolean>`staff.school_id = ${target.schoolId}`;
	// The addresses as a relation joined to staff (and users) through their lower(email) indexes:
	// `= any(array)` would compare every staff row with every address of the batch.
	const { rows } = await sql<{ id: number; school_id: number; email: string }>`
		with e as (select distinct email from unnest(${emails}::text[]) as e(email))
		select staff.id, staff.school_id, e.email from e
		join staff on lower(staff.email) = e.email and staff.email is not null
		where staff.active and ${scope}
		union
		select staff.id, staff.school_id, e.email from e
		join users on lower(users.email) = e.email
		join staff on staff.user_id = users.id
		where staff.active and ${scope}`.execute(db);
	for (const r of rows) {
		const list = byEmail.get(r.email) ?? [];
		if (!list.some((s) => s.id === r.id)) list.push({ id: r.id, schoolId: r.school_id });
		byEmail.set(r.email, list);
	}
	return byEmail;
}

/** Classes of the current school year, by school and folded name. */
export async function classesByName(db: DB, schoolIds: number[]) {
	const map = new Map<string, number>();
	if (!schoolIds.length) return map;
	const rows = await db
		.selectFrom('classes')
		.innerJoin('school_years', 'school_years.id', 'classes.school_year_id')
		.select(['classes.id', 'classes.school_id', 'classes.name'])
		.where('school_years.is_current', '=', true)
		.where('classes.active', '=', true)
		.where('classes.school_id', 'in', schoolIds)
		.execute();
	for (const c of rows) map.set(`${c.school_id}:${classKeyName(c.name)}`, c.id);
	return map;
}
