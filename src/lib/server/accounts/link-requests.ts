import { sql } from 'kysely';
import type { DB } from '../db';
import type { Role } from '../db/schema';
import type { Principal } from '../auth/session';
import { linkRequestWhere, notFound } from '../auth/access';
import { writeAuditMany, type Actor } from '../audit';
import { writeTransaction } from '../errors';
import { addRoles } from '../roster/accounts';
import type { Tx } from '../roster/context';

/**
 * A school's request to link an existing account as a guardian or as a staff member (issue 8,
 * item 10). The school never attaches an account that someone already uses: it asks, and the
 * account's owner accepts or refuses after signing in (`/account/links`). The school is told the
 * same thing whether or not such an account exists ("a request was sent to the account's owner, if
 * there is one"), and never sees the account's name, roles or schools. Only the owner reads and
 * answers a request (`linkRequestWhere`); anyone else gets a 404. One table for both kinds
 * (`guardian_link_requests`, migrations 0150 and 0151): exactly one of `guardian_id`/`staff_id`.
 */
export type LinkKind = 'guardian' | 'staff';
export type StaffRole = 'teacher' | 'school_admin';

/**
 * `email`: the address the school typed (its pages show it while the request waits). `withheld`:
 * a request its addressee never sees (an official's account), kept so that the school's page
 * reads as for any other invitation.
 */
export interface RequestOptions {
	email?: string | null;
	status?: 'pending' | 'withheld';
}

export interface LinkRequestView {
	id: number;
	kind: LinkKind;
	schoolName: string;
	/** The name in the school's guardian or staff record. */
	name: string;
	children: { name: string; className: string | null }[];
	/** Staff: the roles offered at the school. */
	roles: StaffRole[];
	createdAt: Date;
}

/**
 * Asks the owner of `userId` to become the guardian of the row. At most one request per guardian
 * row and account: asking again while it is open changes nothing, and a refusal stays refused.
 */
export async function requestGuardianLink(
	trx: Tx,
	actor: Actor,
	schoolId: number,
	guardianId: number,
	userId: number,
	opts: RequestOptions = {}
) {
	const { email = null, status = 'pending' } = opts;
	const { rows } = await sql<{ id: number }>`insert into guardian_link_requests
			(school_id, guardian_id, user_id, created_by, email, status)
		values (${schoolId}, ${guardianId}, ${userId}, ${actor.principal.userId}, ${email}, ${status})
		on conflict (guardian_id, user_id) do update
			set status = excluded.status, created_at = now(), answered_at = null,
				created_by = excluded.created_by, email = excluded.email
			where guardian_link_requests.status in ('accepted', 'cancelled')
		returning id`.execute(trx);
	await auditRequest(trx, actor, schoolId, userId, rows[0]?.id, { guardian_id: guardianId });
}

/**
 * Asks the owner of `userId` to join the school's staff as the row, with `roles` at the school.
 * Same rules as a guardian request; a request reopened after it was accepted (the school removed
 * the access since) or cancelled offers the roles asked now.
 */
export async function requestStaffLink(
	trx: Tx,
	actor: Actor,
	schoolId: number,
	staffId: number,
	userId: number,
	roles: StaffRole[],
	opts: RequestOptions = {}
) {
	const { email = null, status = 'pending' } = opts;
	const { rows } = await sql<{ id: number }>`insert into guardian_link_requests
			(school_id, staff_id, user_id, roles, created_by, email, status)
		values (${schoolId}, ${staffId}, ${userId}, ${roles}::text[], ${actor.principal.userId},
			${email}, ${status})
		on conflict (staff_id, user_id) do update
			set status = excluded.status, created_at = now(), answered_at = null,
				created_by = excluded.created_by, roles = excluded.roles, email = excluded.email
			where guardian_link_requests.status in ('accepted', 'cancelled')
		returning id`.execute(trx);
	await auditRequest(trx, actor, schoolId, userId, rows[0]?.id, { staff_id: staffId, roles });
}

async function auditRequest(
	trx: Tx,
	actor: Actor,
	schoolId: number,
	userId: number,
	requestId: number | undefined,
	about: Record<string, unknown>
) {
	if (requestId === undefined) return;
	await writeAuditMany(trx, [
		{
			actorUserId: actor.principal.userId,
			action: 'account.link_request',
			entity: 'user',
			entityId: userId,
			schoolId,
			after: { ...about, request_id: requestId },
			requestId: actor.requestId
		}
	]);
}

/** How many requests wait for the signed-in user (the banner of every page). */
export async function countPendingLinkRequests(db: DB, principal: Principal): Promise<number> {
	const row = await db
		.selectFrom('guardian_link_requests as r')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where(linkRequestWhere(principal, 'r'))
		.where('r.status', '=', 'pending')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The open requests sent to the signed-in user, with the school and the row they are about. */
export async function pendingLinkRequests(
	db: DB,
	principal: Principal
): Promise<LinkRequestView[]> {
	const rows = await db
		.selectFrom('guardian_link_requests as r')
		.innerJoin('schools as sc', 'sc.id', 'r.school_id')
		.leftJoin('guardians as g', 'g.id', 'r.guardian_id')
		.leftJoin('staff as st', 'st.id', 'r.staff_id')
		.leftJoin('student_guardians as sg', 'sg.guardian_id', 'g.id')
		.leftJoin('students as s', (j) =>
			j.onRef('s.id', '=', 'sg.student_id').on('s.active', '=', true)
		)
		.leftJoin('classes as c', 'c.id', 's.class_id')
		.select(['r.id', 'r.created_at', 'r.roles', 'r.staff_id', 'sc.name as school_name'])
		.select(['g.full_name as guardian_name', 'st.full_name as staff_name'])
		.select(['s.full_name as child', 'c.name as class_name'])
		.where(linkRequestWhere(principal, 'r'))
		.where('r.status', '=', 'pending')
		.where((eb) => eb.or([eb('g.active', '=', true), eb('st.active', '=', true)]))
		.orderBy('r.created_at')
		.orderBy('r.id')
		.orderBy('s.name_sort')
		.execute();
	const byId = new Map<number, LinkRequestView>();
	for (const r of rows) {
		const view = byId.get(r.id) ?? {
			id: r.id,
			kind: r.staff_id === null ? 'guardian' : 'staff',
			schoolName: r.school_name,
			name: r.staff_name ?? r.guardian_name ?? '',
			children: [],
			roles: r.roles.filter((x): x is StaffRole => x === 'teacher' || x === 'school_admin'),
			createdAt: new Date(r.created_at)
		};
		if (r.child) view.children.push({ name: r.child, className: r.class_name });
		byId.set(r.id, view);
	}
	return [...byId.values()];
}

export type LinkAnswer = 'accepted' | 'refused' | 'stale';

export interface PendingRequest {
	id: number;
	school_id: number;
	guardian_id: number | null;
	staff_id: number | null;
	user_id: number;
	roles: string[];
}

/**
 * The owner's answer. Acceptance links the account to the guardian row (and gives it the parent
 * role) or to the staff row (and gives it the offered roles at that school only), in one
 * transaction that locks the account and the row (two acceptances at once: the second finds the
 * request answered or the row taken). A row linked otherwise meanwhile or no longer active, or,
 * for a staff row, an account already linked with another staff row of the school, makes the
 * request stale: it is cancelled and nothing is linked. Someone else's request is a 404.
 */
export async function answerLinkRequest(
	db: DB,
	actor: Actor,
	requestId: number,
	accept: boolean
): Promise<{ answer: LinkAnswer; kind: LinkKind }> {
	const { principal } = actor;
	return writeTransaction(db, async (trx) => {
		const request = await trx
			.selectFrom('guardian_link_requests as r')
			.select(['r.id', 'r.school_id', 'r.guardian_id', 'r.staff_id', 'r.user_id', 'r.roles'])
			.where('r.id', '=', requestId)
			.where(linkRequestWhere(principal, 'r'))
			.where('r.status', '=', 'pending')
			.forUpdate()
			.executeTakeFirst();
		if (!request) notFound();
		return settleRequest(trx, actor, request, accept);
	});
}

/**
 * Answers a pending request (locked by the caller): the owner's answer at /account/links, or the
 * activation of a new account with the code printed for that invitation (accept).
 */
export async function settleRequest(
	trx: Tx,
	actor: Actor,
	request: PendingRequest,
	accept: boolean
): Promise<{ answer: LinkAnswer; kind: LinkKind }> {
	const { principal } = actor;
	const kind: LinkKind = request.staff_id === null ? 'guardian' : 'staff';
	const answer: LinkAnswer = !accept
		? 'refused'
		: (await linkable(trx, request))
			? 'accepted'
			: 'stale';
	const status = answer === 'stale' ? 'cancelled' : answer;
	await trx
		.updateTable('guardian_link_requests')
		.set({ status, answered_at: new Date() })
		.where('id', '=', request.id)
		.execute();
	if (answer === 'accepted') await linkAccepted(trx, actor, request);
	const about = kind === 'staff' ? { staff_id: request.staff_id, roles: request.roles } : {};
	await writeAuditMany(trx, [
		{
			actorUserId: principal.userId,
			action: answer === 'accepted' ? 'account.link' : `account.link_${status}`,
			entity: 'user',
			entityId: request.user_id,
			schoolId: request.school_id,
			after: {
				guardian_id: request.guardian_id ?? undefined,
				...about,
				request_id: request.id,
				consent: accept
			},
			requestId: actor.requestId
		}
	]);
	return { answer, kind };
}

/** Locks the account and the row; true when the row is still free for the account. */
async function linkable(trx: Tx, request: PendingRequest): Promise<boolean> {
	await trx
		.selectFrom('users')
		.select('id')
		.where('id', '=', request.user_id)
		.forUpdate()
		.execute();
	const table = request.staff_id === null ? 'guardians' : 'staff';
	const row = await trx
		.selectFrom(table)
		.select(['user_id', 'active'])
		.where('id', '=', (request.staff_id ?? request.guardian_id)!)
		.forUpdate()
		.executeTakeFirstOrThrow();
	if (!row.active || (row.user_id !== null && row.user_id !== request.user_id)) return false;
	if (request.staff_id === null) return true;
	// One staff row per account and school (as `createAccount` refuses a second one).
	const other = await trx
		.selectFrom('staff')
		.select('id')
		.where('school_id', '=', request.school_id)
		.where('user_id', '=', request.user_id)
		.where('id', '<>', request.staff_id)
		.executeTakeFirst();
	return !other;
}

async function linkAccepted(trx: Tx, actor: Actor, request: PendingRequest) {
	const staff = request.staff_id !== null;
	await trx
		.updateTable(staff ? 'staff' : 'guardians')
		.set({ user_id: request.user_id })
		.where('id', '=', (request.staff_id ?? request.guardian_id)!)
		.execute();
	const roles = staff ? (request.roles as Role[]) : (['parent'] as Role[]);
	await addRoles(trx, actor, request.user_id, roles, request.school_id);
	// Requests to other accounts for the same row have nothing left to link.
	await trx
		.updateTable('guardian_link_requests')
		.set({ status: 'cancelled', answered_at: new Date() })
		.where(staff ? 'staff_id' : 'guardian_id', '=', (request.staff_id ?? request.guardian_id)!)
		.where('status', '=', 'pending')
		.where('id', '<>', request.id)
		.execute();
}
