import { displayPhone, normalisePhone } from '$lib/phone';
import type { DB } from '../db';
import { notFound, requireSchool, studentWhere } from '../auth/access';
import { writeAuditMany, type Actor, type AuditEntry } from '../audit';
import { DomainError, writeTransaction } from '../errors';
import { addRoles, isOwnedBySchool, isUnusedHere } from '../roster/accounts';
import { requestGuardianLink } from './link-requests';
import type { Tx } from '../roster/context';
import { codeHasher, issueCode, issueDecoy, type CodeHasher } from './codes';

/**
 * Invitations of guardians (issue 13): the school admin invites the guardians of a class or of the
 * whole school at once; each gets an account (reached by the phone number or e-mail the school
 * has for them) and a one-time activation code printed on a slip. The homeroom teacher or the
 * admin issues a new code to a guardian who lost it or forgot the password.
 *
 * Guardians who share a phone number (or e-mail) at this school share one account: it is linked to
 * every such guardian row and sees all their children. An account that already exists in any
 * other way (activated, or tied to another school, or holding a staff or official role) is never
 * linked by an invitation: its owner gets a link request to accept (`link-requests.ts`), and the
 * guardian gets a slip like any other, whose code is a decoy kept on the request (`issueDecoy`):
 * the school's answer, slips and counts are the same whoever has an account (issue 8, item 10;
 * DEVELOPERS.md, "Parents' accounts").
 */
export interface Slip {
	guardianId: number;
	guardianName: string;
	login: string;
	children: { name: string; className: string | null }[];
	code: string;
	expiresAt: Date;
}

export interface InviteResult {
	slips: Slip[];
	/** Already signed in with a password: nothing to print. */
	active: number;
	/** Neither a usable phone number nor an e-mail on file. */
	noContact: number;
}

interface GuardianRow {
	id: number;
	full_name: string;
	phone: string | null;
	email: string | null;
	user_id: number | null;
	children: { name: string; className: string | null }[];
}

async function guardiansOf(
	trx: Tx,
	schoolId: number,
	classId: number | null,
	guardianId: number | null = null
) {
	const rows = await trx
		.selectFrom('guardians as g')
		.innerJoin('student_guardians as sg', 'sg.guardian_id', 'g.id')
		.innerJoin('students as s', 's.id', 'sg.student_id')
		.leftJoin('classes as c', 'c.id', 's.class_id')
		.select(['g.id', 'g.full_name', 'g.phone', 'g.email', 'g.user_id'])
		.select(['s.full_name as child', 'c.name as class_name'])
		.where('g.school_id', '=', schoolId)
		.where('g.active', '=', true)
		.where('s.active', '=', true)
		.$if(classId !== null, (q) => q.where('s.class_id', '=', classId!))
		.$if(guardianId !== null, (q) => q.where('g.id', '=', guardianId!))
		.orderBy('c.grade')
		.orderBy('c.name_sort')
		.orderBy('s.name_sort')
		.orderBy('g.id')
		.execute();
	const byId = new Map<number, GuardianRow>();
	for (const r of rows) {
		const g = byId.get(r.id) ?? { ...r, children: [] };
		g.children.push({ name: r.child, className: r.class_name });
		byId.set(r.id, g);
	}
	return [...byId.values()];
}

/** An account that holds no role but parent and has no tie to another school. */
async function isParentHereAlone(trx: Tx, userId: number, schoolId: number) {
	const other = await trx
		.selectFrom('role_assignments')
		.select('id')
		.where('user_id', '=', userId)
		.where('role', '<>', 'parent')
		.executeTakeFirst();
	return !other && (await isOwnedBySchool(trx, userId, schoolId));
}

type Outcome =
	| { kind: 'skip'; reason: 'active' | 'noContact' }
	| { kind: 'invite'; userId: number; login: string; audit?: 'account.create' | 'account.link' }
	| { kind: 'ask'; userIds: number[]; login: string };

async function accountFor(
	trx: Tx,
	actor: Actor,
	schoolId: number,
	g: GuardianRow
): Promise<Outcome> {
	if (g.user_id !== null) {
		const user = await trx
			.selectFrom('users')
			.select(['password_hash', 'login_phone', 'email'])
			.where('id', '=', g.user_id)
			.executeTakeFirstOrThrow();
		if (user.password_hash !== null) return { kind: 'skip', reason: 'active' };
		return { kind: 'invite', userId: g.user_id, login: loginOf(user) };
	}
	const phone = normalisePhone(g.phone ?? '');
	const email = g.email?.trim().toLowerCase() || null;
	if (!phone && !email) return { kind: 'skip', reason: 'noContact' };
	const found = await trx
		.selectFrom('users')
		.select(['id', 'password_hash', 'login_phone', 'email'])
		.where((eb) =>
			eb.or([
				...(phone ? [eb('login_phone', '=', phone)] : []),
				...(email ? [eb(eb.fn('lower', ['email']), '=', email)] : [])
			])
		)
		.execute();
	if (found.length === 0) {
		const user = await trx
			.insertInto('users')
			.values({
				email,
				login_phone: phone,
				name: g.full_name,
				phone: g.phone,
				password_hash: null,
				created_by: actor.principal.userId,
				updated_by: actor.principal.userId
			})
			.returning(['id', 'login_phone', 'email'])
			.executeTakeFirstOrThrow();
		return { kind: 'invite', userId: user.id, login: loginOf(user), audit: 'account.create' };
	}
	const [user] = found;
	if (found.length === 1 && (await isUnusedHere(trx, user.id, schoolId)))
		return { kind: 'invite', userId: user.id, login: loginOf(user), audit: 'account.link' };
	// Someone uses this account (or the phone and the e-mail are two accounts): its owner is asked,
	// and the slip reads as a new account's would (the login the school has on file).
	for (const f of found) await requestGuardianLink(trx, actor, schoolId, g.id, f.id);
	const login = phone ? displayPhone(phone) : (email ?? '');
	return { kind: 'ask', userIds: found.map((f) => f.id), login };
}

const loginOf = (u: { login_phone: string | null; email: string | null }) =>
	u.login_phone ? displayPhone(u.login_phone) : (u.email ?? '');

async function inviteOne(
	trx: Tx,
	actor: Actor,
	hasher: CodeHasher,
	schoolId: number,
	g: GuardianRow,
	audit: AuditEntry[]
): Promise<Slip | Extract<Outcome, { kind: 'skip' }>['reason']> {
	const outcome = await accountFor(trx, actor, schoolId, g);
	if (outcome.kind === 'skip') return outcome.reason;
	const slip = { guardianId: g.id, guardianName: g.full_name, children: g.children };
	if (outcome.kind === 'ask') {
		const decoy = await issueDecoy(trx, hasher, { guardianId: g.id, userIds: outcome.userIds });
		return { ...slip, login: outcome.login, ...decoy };
	}
	const base = { actorUserId: actor.principal.userId, entity: 'user', entityId: outcome.userId };
	const meta = { schoolId, requestId: actor.requestId };
	if (outcome.audit) {
		await addRoles(trx, actor, outcome.userId, ['parent'], null);
		await trx
			.updateTable('guardians')
			.set({ user_id: outcome.userId })
			.where('id', '=', g.id)
			.execute();
		audit.push({
			...base,
			...meta,
			action: outcome.audit,
			after: { guardian_id: g.id, roles: ['parent'] }
		});
	}
	const issued = await issueCode(trx, hasher, {
		userId: outcome.userId,
		schoolId,
		guardianId: g.id,
		actorId: actor.principal.userId
	});
	audit.push({ ...base, ...meta, action: 'account.code_issue', after: { guardian_id: g.id } });
	return { ...slip, login: outcome.login, ...issued };
}

/** Invites every guardian of the class (or, with `classId` null, of the school). */
export async function inviteGuardians(
	db: DB,
	actor: Actor,
	schoolId: number,
	classId: number | null
): Promise<InviteResult> {
	const hasher = await codeHasher(db);
	return writeTransaction(db, async (trx) => {
		await requireSchool(trx, actor.principal, schoolId, 'roster.manage');
		if (classId !== null) {
			const cls = await trx
				.selectFrom('classes')
				.select('id')
				.where('id', '=', classId)
				.where('school_id', '=', schoolId)
				.executeTakeFirst();
			if (!cls) notFound();
		}
		const result: InviteResult = { slips: [], active: 0, noContact: 0 };
		const audit: AuditEntry[] = [];
		for (const g of await guardiansOf(trx, schoolId, classId)) {
			const r = await inviteOne(trx, actor, hasher, schoolId, g, audit);
			if (typeof r === 'string') result[r] += 1;
			else result.slips.push(r);
		}
		await writeAuditMany(trx, audit);
		return result;
	});
}

/**
 * A new code for one guardian (lost slip, forgotten password), by the homeroom teacher of one of
 * the guardian's children or the school admin. Only for an account of a parent of this school
 * alone: a staff member's or another school's parent's password is not reset from here.
 */
export async function reissueCode(
	db: DB,
	actor: Actor,
	schoolId: number,
	guardianId: number
): Promise<Slip> {
	const hasher = await codeHasher(db);
	return writeTransaction(db, async (trx) => {
		await requireSchool(trx, actor.principal, schoolId, 'roster.view');
		const [guardian] = await guardiansOf(trx, schoolId, null, guardianId);
		const mine = await trx
			.selectFrom('students as s')
			.innerJoin('student_guardians as sg', 'sg.student_id', 's.id')
			.select('s.id')
			.where('sg.guardian_id', '=', guardianId)
			.where('s.school_id', '=', schoolId)
			.where(studentWhere(actor.principal, 'class.homeroom', 's'))
			.executeTakeFirst();
		if (!guardian || !mine) notFound();
		if (guardian.user_id === null) return reissueDecoy(trx, hasher, guardian);
		if (!(await isParentHereAlone(trx, guardian.user_id, schoolId)))
			throw new DomainError('accounts_managed_elsewhere');
		const user = await trx
			.selectFrom('users')
			.select(['login_phone', 'email'])
			.where('id', '=', guardian.user_id)
			.executeTakeFirstOrThrow();
		const issued = await issueCode(trx, hasher, {
			userId: guardian.user_id,
			schoolId,
			guardianId,
			actorId: actor.principal.userId
		});
		await writeAuditMany(trx, [
			{
				actorUserId: actor.principal.userId,
				action: 'account.code_issue',
				entity: 'user',
				entityId: guardian.user_id,
				schoolId,
				after: { guardian_id: guardianId, reissue: true },
				requestId: actor.requestId
			}
		]);
		return {
			guardianId,
			guardianName: guardian.full_name,
			login: loginOf(user),
			children: guardian.children,
			...issued
		};
	});
}

/** A new slip for a guardian whose existing account was asked: a decoy, as in `accountFor`. */
async function reissueDecoy(trx: Tx, hasher: CodeHasher, guardian: GuardianRow): Promise<Slip> {
	const asked = await trx
		.selectFrom('guardian_link_requests')
		.select('user_id')
		.where('guardian_id', '=', guardian.id)
		.where('code_hash', 'is not', null)
		.where('status', 'in', ['pending', 'withheld', 'refused'])
		.execute();
	if (asked.length === 0) throw new DomainError('accounts_not_invited');
	const userIds = asked.map((a) => a.user_id);
	const decoy = await issueDecoy(trx, hasher, { guardianId: guardian.id, userIds });
	const phone = normalisePhone(guardian.phone ?? '');
	return {
		guardianId: guardian.id,
		guardianName: guardian.full_name,
		login: phone ? displayPhone(phone) : (guardian.email?.trim().toLowerCase() ?? ''),
		children: guardian.children,
		...decoy
	};
}
