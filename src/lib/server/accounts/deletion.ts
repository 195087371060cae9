import { sql } from 'kysely';
import type { AskDeletionInput, HandleDeletionInput } from '$lib/schemas/deletion';
import { writeAudit, type Actor } from '../audit';
import { notFound } from '../auth/access';
import type { DB } from '../db';
import { ConflictError, DomainError } from '../errors';

/**
 * Requests to delete one's personal data (issue 13, privacy; Law 91/2025). A signed-in user asks
 * at /account/deletion: one request per school that holds their data (a staff row, a guardian row
 * or a role at the school); a second ask while one is open adds nothing. The school's
 * administrator ('privacy.deletion') records the outcome, done or refused with a note; the user
 * sees it. Both steps are audited. The deletion itself is the school's work (a guardian's row, a
 * staff row, messages): the portal keeps the request and what was answered.
 */
export const PAGE_SIZE = 50;

/** The schools that hold the user's data, as a SELECT of `school_id`. */
const schoolsOf = (userId: number) => sql`
	select school_id from staff where user_id = ${userId}
	union select school_id from guardians where user_id = ${userId}
	union select school_id from role_assignments where user_id = ${userId} and school_id is not null`;

/** Asks every school of the user; answers how many new requests were opened (0: all were open). */
export async function askDeletion(db: DB, actor: Actor, input: AskDeletionInput): Promise<number> {
	const userId = actor.principal.userId;
	return db.transaction().execute(async (trx) => {
		const { rows: schools } = await sql<{ n: number }>`select count(*)::int as n
			from (${schoolsOf(userId)}) s`.execute(trx);
		if (schools[0].n === 0) throw new DomainError('deletion_no_school');
		const { rows } = await sql<{ id: number; school_id: number }>`
			insert into data_deletion_requests (user_id, school_id, reason)
			select ${userId}::int, s.school_id, ${input.reason} from (${schoolsOf(userId)}) s
			on conflict (user_id, school_id) where status = 'pending' do nothing
			returning id, school_id`.execute(trx);
		for (const r of rows)
			await writeAudit(trx, {
				actorUserId: userId,
				action: 'account.deletion_request',
				entity: 'data_deletion_request',
				entityId: r.id,
				schoolId: r.school_id,
				after: { reason: input.reason !== null },
				requestId: actor.requestId
			});
		return rows.length;
	});
}

export interface OwnDeletionRequest {
	id: number;
	school: string;
	status: 'pending' | 'done' | 'refused';
	outcome: string | null;
	created_at: Date;
	handled_at: Date | null;
}

/** The user's own requests, newest first. */
export async function ownDeletionRequests(db: DB, userId: number): Promise<OwnDeletionRequest[]> {
	return db
		.selectFrom('data_deletion_requests as r')
		.innerJoin('schools as s', 's.id', 'r.school_id')
		.select(['r.id', 's.name as school', 'r.status', 'r.outcome', 'r.created_at', 'r.handled_at'])
		.where('r.user_id', '=', userId)
		.orderBy('r.created_at', 'desc')
		.orderBy('r.id', 'desc')
		.limit(100)
		.execute();
}

export interface SchoolDeletionRequest extends OwnDeletionRequest {
	user_name: string;
	login: string | null;
	reason: string | null;
	version: number;
}

/** The school's requests (the caller proved 'privacy.deletion'), open first, newest first. */
export async function schoolDeletionRequests(
	db: DB,
	schoolId: number,
	page = 1
): Promise<SchoolDeletionRequest[]> {
	return db
		.selectFrom('data_deletion_requests as r')
		.innerJoin('schools as s', 's.id', 'r.school_id')
		.innerJoin('users as u', 'u.id', 'r.user_id')
		.select([
			'r.id',
			's.name as school',
			'r.status',
			'r.outcome',
			'r.reason',
			'r.version',
			'r.created_at',
			'r.handled_at',
			'u.name as user_name',
			sql<string | null>`coalesce(u.email, u.login_phone)`.as('login')
		])
		.where('r.school_id', '=', schoolId)
		.orderBy(sql`r.status = 'pending'`, 'desc')
		.orderBy('r.created_at', 'desc')
		.orderBy('r.id', 'desc')
		.limit(PAGE_SIZE + 1)
		.offset((page - 1) * PAGE_SIZE)
		.execute();
}

/** Records the outcome of an open request of the school (else 404); a stale version is 409. */
export async function handleDeletion(
	db: DB,
	actor: Actor,
	schoolId: number,
	input: HandleDeletionInput
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('data_deletion_requests')
			.select(['id', 'status', 'version'])
			.where('id', '=', input.request)
			.where('school_id', '=', schoolId)
			.forUpdate()
			.executeTakeFirst();
		if (!row) notFound();
		if (row.version !== input.version) throw new ConflictError('data_deletion_request', row.id);
		if (row.status !== 'pending') throw new DomainError('deletion_not_pending');
		await trx
			.updateTable('data_deletion_requests')
			.set({
				status: input.status,
				outcome: input.outcome,
				handled_by: actor.principal.userId,
				handled_at: sql`now()`,
				version: sql`version + 1`
			})
			.where('id', '=', row.id)
			.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'account.deletion_handled',
			entity: 'data_deletion_request',
			entityId: row.id,
			schoolId,
			before: { status: 'pending' },
			after: { status: input.status },
			requestId: actor.requestId
		});
	});
}
