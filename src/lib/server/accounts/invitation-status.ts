import { sql } from 'kysely';
import { normalisePhone } from '$lib/phone';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { classWhere, notFound } from '../auth/access';

/**
 * The state of guardians' accounts after invitations (`invitations.ts`): per class for the
 * homeroom teacher and the admin, and the school's figures per class.
 */
export type AccountState = 'none' | 'invited' | 'expired' | 'active';

export interface GuardianAccount {
	guardianId: number;
	guardianName: string;
	children: string[];
	hasContact: boolean;
	state: AccountState;
	codeExpiresAt: Date | null;
}

/** The guardians of a class's pupils and the state of their accounts (homeroom teacher, admin). */
export async function classGuardianAccounts(
	db: DB,
	principal: Principal,
	schoolId: number,
	classId: number
) {
	const cls = await db
		.selectFrom('classes as c')
		.select(['c.id', 'c.name'])
		.where('c.id', '=', classId)
		.where('c.school_id', '=', schoolId)
		.where(classWhere(principal, 'class.homeroom', 'c'))
		.executeTakeFirst();
	if (!cls) notFound();
	const rows = await db
		.selectFrom('students as s')
		.innerJoin('student_guardians as sg', 'sg.student_id', 's.id')
		.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
		.leftJoin('users as u', 'u.id', 'g.user_id')
		.select(['g.id', 'g.full_name', 'g.phone', 'g.email', 'g.user_id', 's.full_name as child'])
		.select((eb) => [
			eb('u.password_hash', 'is not', null).as('has_password'),
			eb
				.selectFrom('activation_codes as a')
				.select((e) => e.fn.max('a.expires_at').as('x'))
				.whereRef('a.guardian_id', '=', 'g.id')
				.where('a.used_at', 'is', null)
				.where('a.revoked_at', 'is', null)
				.where('a.expires_at', '>', sql<Date>`now()`)
				.as('code_expires_at'),
			// The decoy of an existing account's slip reads as a code (issue 8, item 10).
			eb
				.selectFrom('guardian_link_requests as q')
				.select((e) => e.fn.max('q.code_expires_at').as('x'))
				.whereRef('q.guardian_id', '=', 'g.id')
				.where('q.code_hash', 'is not', null)
				.where('q.status', 'in', ['pending', 'withheld', 'refused'])
				.as('decoy_expires_at')
		])
		.where('s.class_id', '=', classId)
		.where('s.active', '=', true)
		.where('g.active', '=', true)
		.orderBy('s.name_sort')
		.orderBy('g.id')
		.execute();
	const byId = new Map<number, GuardianAccount>();
	for (const r of rows) {
		const known = byId.get(r.id);
		if (known) {
			known.children.push(r.child);
			continue;
		}
		const decoy = r.decoy_expires_at ? new Date(r.decoy_expires_at) : null;
		const open = decoy && decoy > new Date() ? decoy : null;
		const expires = r.code_expires_at ? new Date(r.code_expires_at) : open;
		const state: AccountState =
			r.user_id === null
				? open
					? 'invited'
					: decoy
						? 'expired'
						: 'none'
				: r.has_password
					? 'active'
					: expires
						? 'invited'
						: 'expired';
		byId.set(r.id, {
			guardianId: r.id,
			guardianName: r.full_name,
			children: [r.child],
			hasContact: !!(normalisePhone(r.phone ?? '') || r.email),
			state,
			codeExpiresAt: expires
		});
	}
	return { cls, guardians: [...byId.values()] };
}

/**
 * Per class of the school: guardians, and how many have activated or hold an open code (a decoy
 * of an asked account counts as a code: the figures do not tell which contacts had accounts).
 */
export async function schoolInvitationSummary(db: DB, schoolId: number) {
	const { rows } = await sql<{
		id: number;
		name: string;
		guardians: number;
		active: number;
		invited: number;
	}>`select c.id, c.name,
			count(distinct g.id)::int as guardians,
			count(distinct g.id) filter (where u.password_hash is not null)::int as active,
			count(distinct g.id) filter (where u.password_hash is null and (exists (
				select 1 from activation_codes a where a.guardian_id = g.id and a.used_at is null
				and a.revoked_at is null and a.expires_at > now()) or exists (
				select 1 from guardian_link_requests q where q.guardian_id = g.id
				and q.code_hash is not null and q.code_expires_at > now()
				and q.status in ('pending', 'withheld', 'refused'))))::int as invited
		from classes c
		join school_years y on y.id = c.school_year_id and y.is_current
		left join students s on s.class_id = c.id and s.active
		left join student_guardians sg on sg.student_id = s.id
		left join guardians g on g.id = sg.guardian_id and g.active
		left join users u on u.id = g.user_id
		where c.school_id = ${schoolId} and c.active
		group by c.id, c.name, c.grade
		order by c.grade, c.name`.execute(db);
	return rows;
}
