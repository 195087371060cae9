import { sql } from 'kysely';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { linkRequestWhere, notFound } from '../auth/access';
import { writeAuditMany, type Actor } from '../audit';
import { writeTransaction } from '../errors';
import { addRoles } from '../roster/accounts';
import type { Tx } from '../roster/context';

/**
 * A school's request to link an existing account as a guardian (issue 8, item 10). The school
 * never attaches an account that someone already uses: it asks, and the account's owner accepts or
 * refuses after signing in (`/account/links`). The school is told the same thing whether or not
 * such an account exists ("a request was sent to the account's owner, if there is one"), and never
 * sees the account's name, roles or schools. Only the owner reads and answers a request
 * (`linkRequestWhere`); anyone else gets a 404.
 */
export interface LinkRequestView {
	id: number;
	schoolName: string;
	guardianName: string;
	children: { name: string; className: string | null }[];
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
	userId: number
) {
	const { rows } = await sql<{ id: number }>`insert into guardian_link_requests
			(school_id, guardian_id, user_id, created_by)
		values (${schoolId}, ${guardianId}, ${userId}, ${actor.principal.userId})
		on conflict (guardian_id, user_id) do update
			set status = 'pending', created_at = now(), answered_at = null,
				created_by = excluded.created_by
			where guardian_link_requests.status in ('accepted', 'cancelled')
		returning id`.execute(trx);
	if (!rows.length) return;
	await writeAuditMany(trx, [
		{
			actorUserId: actor.principal.userId,
			action: 'account.link_request',
			entity: 'user',
			entityId: userId,
			schoolId,
			after: { guardian_id: guardianId, request_id: rows[0].id },
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

/** The open requests sent to the signed-in user, with the school and the children they are about. */
export async function pendingLinkRequests(
	db: DB,
	principal: Principal
): Promise<LinkRequestView[]> {
	const rows = await db
		.selectFrom('guardian_link_requests as r')
		.innerJoin('schools as sc', 'sc.id', 'r.school_id')
		.innerJoin('guardians as g', 'g.id', 'r.guardian_id')
		.leftJoin('student_guardians as sg', 'sg.guardian_id', 'g.id')
		.leftJoin('students as s', (j) =>
			j.onRef('s.id', '=', 'sg.student_id').on('s.active', '=', true)
		)
		.leftJoin('classes as c', 'c.id', 's.class_id')
		.select(['r.id', 'r.created_at', 'sc.name as school_name', 'g.full_name as guardian_name'])
		.select(['s.full_name as child', 'c.name as class_name'])
		.where(linkRequestWhere(principal, 'r'))
		.where('r.status', '=', 'pending')
		.where('g.active', '=', true)
		.orderBy('r.created_at')
		.orderBy('r.id')
		.orderBy('s.name_sort')
		.execute();
	const byId = new Map<number, LinkRequestView>();
	for (const r of rows) {
		const view = byId.get(r.id) ?? {
			id: r.id,
			schoolName: r.school_name,
			guardianName: r.guardian_name,
			children: [],
			createdAt: new Date(r.created_at)
		};
		if (r.child) view.children.push({ name: r.child, className: r.class_name });
		byId.set(r.id, view);
	}
	return [...byId.values()];
}

export type LinkAnswer = 'accepted' | 'refused' | 'stale';

/**
 * The owner's answer. Acceptance links the account to the guardian row and gives it the parent
 * role, in one transaction that locks the guardian row (two owners accepting the same row at once:
 * the second finds it taken). A row linked otherwise meanwhile, or no longer active, makes the
 * request stale: it is cancelled and nothing is linked. Someone else's request is a 404.
 */
export async function answerLinkRequest(
	db: DB,
	actor: Actor,
	requestId: number,
	accept: boolean
): Promise<LinkAnswer> {
	const { principal } = actor;
	return writeTransaction(db, async (trx) => {
		const request = await trx
			.selectFrom('guardian_link_requests as r')
			.select(['r.id', 'r.school_id', 'r.guardian_id', 'r.user_id'])
			.where('r.id', '=', requestId)
			.where(linkRequestWhere(principal, 'r'))
			.where('r.status', '=', 'pending')
			.forUpdate()
			.executeTakeFirst();
		if (!request) notFound();
		const guardian = await trx
			.selectFrom('guardians')
			.select(['user_id', 'active'])
			.where('id', '=', request.guardian_id)
			.forUpdate()
			.executeTakeFirstOrThrow();
		const taken = guardian.user_id !== null && guardian.user_id !== request.user_id;
		const answer: LinkAnswer = !accept
			? 'refused'
			: taken || !guardian.active
				? 'stale'
				: 'accepted';
		const status = answer === 'stale' ? 'cancelled' : answer;
		await trx
			.updateTable('guardian_link_requests')
			.set({ status, answered_at: new Date() })
			.where('id', '=', request.id)
			.execute();
		if (answer === 'accepted') await linkAccepted(trx, actor, request);
		await writeAuditMany(trx, [
			{
				actorUserId: principal.userId,
				action: answer === 'accepted' ? 'account.link' : `account.link_${status}`,
				entity: 'user',
				entityId: request.user_id,
				schoolId: request.school_id,
				after: { guardian_id: request.guardian_id, request_id: request.id, consent: accept },
				requestId: actor.requestId
			}
		]);
		return answer;
	});
}

async function linkAccepted(
	trx: Tx,
	actor: Actor,
	request: { id: number; guardian_id: number; user_id: number }
) {
	await trx
		.updateTable('guardians')
		.set({ user_id: request.user_id })
		.where('id', '=', request.guardian_id)
		.execute();
	await addRoles(trx, actor, request.user_id, ['parent'], null);
	// Requests to other accounts for the same guardian row have nothing left to link.
	await trx
		.updateTable('guardian_link_requests')
		.set({ status: 'cancelled', answered_at: new Date() })
		.where('guardian_id', '=', request.guardian_id)
		.where('status', '=', 'pending')
		.where('id', '<>', request.id)
		.execute();
}
