import { sql, type Kysely } from 'kysely';
import * as m from '$lib/paraglide/messages';
import { writeAudit, type Actor } from '../audit';
import { notFound, officialScopeWhere } from '../auth/access';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import { DomainError } from '../errors';
import { enqueueDelivery } from './outbox';

/**
 * "Remind those who have not" (issue 13), for a school's notices and for official notices. One
 * transaction locks the notice's row, refuses a second reminder within `REMIND_INTERVAL_MINUTES`
 * (a double click or two concurrent posts remind once; the second is told when it may remind
 * again), marks the recipients who have not read (or not confirmed, when the notice asks for it),
 * queues their e-mails and push notifications through the outbox, and writes the audit row.
 */
export const REMIND_INTERVAL_MINUTES = 15;

/** The reminded rows carry the transaction's `now()`: the delivery's recipients are exactly them. */
const NOW = sql<Date>`now()`;

/** Refuses a reminder too soon after the last one: the minutes left, rounded up. */
function tooSoon(last: Date | null, now: Date) {
	if (!last) return;
	const left = last.getTime() + REMIND_INTERVAL_MINUTES * 60_000 - now.getTime();
	if (left > 0)
		throw new DomainError('notices_remind_too_soon', {
			minutes: Math.max(1, Math.ceil(left / 60_000))
		});
}

async function transactionNow(trx: Kysely<Database>): Promise<Date> {
	const { rows } = await sql<{ now: Date }>`select now() as now`.execute(trx);
	return rows[0].now;
}

/** Reminds the recipients of a school's notice who have not read (or confirmed) it. */
export async function remindSchoolNotice(
	db: DB,
	actor: Actor,
	schoolId: number,
	noticeId: number
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const notice = await trx
			.selectFrom('notices')
			.select([
				'id',
				'title',
				'audience',
				'requires_confirmation',
				'confirm_by',
				'last_reminded_at'
			])
			.where('id', '=', noticeId)
			.where('school_id', '=', schoolId)
			.forUpdate()
			.executeTakeFirst();
		if (!notice) notFound();
		const now = await transactionNow(trx);
		if (notice.requires_confirmation && notice.confirm_by && notice.confirm_by <= now)
			throw new DomainError('notices_remind_closed');
		tooSoon(notice.last_reminded_at, now);
		const result = await trx
			.updateTable('notice_recipients')
			.set({ reminded_at: NOW })
			.where('notice_id', '=', noticeId)
			.where(notice.requires_confirmation ? 'confirmed_at' : 'read_at', 'is', null)
			.executeTakeFirst();
		const reminded = Number(result.numUpdatedRows);
		if (reminded === 0) throw new DomainError('notices_nobody_to_remind');
		const counted = await trx
			.updateTable('notices')
			.set({ last_reminded_at: NOW, remind_count: sql`remind_count + 1` })
			.where('id', '=', noticeId)
			.returning('remind_count')
			.executeTakeFirstOrThrow();
		const side = notice.audience === 'staff' ? 'teacher' : 'parent';
		await enqueueDelivery(trx, {
			batchKey: `notice-remind:${noticeId}:${counted.remind_count}`,
			kind: 'notice',
			recipients: sql`select user_id from notice_recipients
				where notice_id = ${noticeId} and reminded_at = now()`,
			subject: m.nremind_outbox_subject({ title: notice.title }, { locale: 'vi' }),
			text: m.nremind_outbox_body({ title: notice.title }, { locale: 'vi' }),
			path: `/${side}/notices/${noticeId}`
		});
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'notice.remind',
			entity: 'notice',
			entityId: noticeId,
			schoolId,
			after: { reminded, remindCount: counted.remind_count },
			requestId: actor.requestId
		});
		return reminded;
	});
}

/**
 * The recipients of an official notice who have not opened it at their school: the target
 * schools' administrators and, when the notice includes them, their teachers (the readers of
 * `send.ts`), minus each one's own read (`official_notice_reads`). As for a school's notice, the
 * reminder goes to each recipient who has not read, not to a school: a second administrator of a
 * school whose principal has read is still reminded, a teacher who has read is not.
 */
function unreadRecipients(noticeId: number, includeTeachers: boolean) {
	return sql`select ra.user_id, ra.school_id from role_assignments ra
		join official_notice_schools ons on ons.school_id = ra.school_id and ons.notice_id = ${noticeId}
		join users u on u.id = ra.user_id and u.active
		where (ra.role = 'school_admin' or (${includeTeachers}::boolean and ra.role = 'teacher'))
			and not exists (select 1 from official_notice_reads r where r.notice_id = ons.notice_id
				and r.school_id = ons.school_id and r.user_id = ra.user_id)`;
}

export interface OfficialReminder {
	/** recipients reminded (each person once, whatever their schools and roles) */
	people: number;
	/** target schools where someone was reminded (their inbox marks the notice "reminded") */
	schools: number;
}

/** How many recipients of an official notice (already proved in scope) have not opened it. */
export async function officialUnreadPeople(
	db: DB,
	noticeId: number,
	includeTeachers: boolean
): Promise<number> {
	const { rows } = await sql<{ n: number }>`select count(distinct x.user_id)::int as n
		from (${unreadRecipients(noticeId, includeTeachers)}) x`.execute(db);
	return rows[0].n;
}

/** The official notice of the caller's scope (else 404), locked for the reminder. */
async function lockOfficial(trx: Kysely<Database>, principal: Principal, noticeId: number) {
	const { rows } = await sql<{
		id: number;
		title: string;
		include_teachers: boolean;
		last_reminded_at: Date | null;
	}>`select n.id, n.title, n.include_teachers, n.last_reminded_at from official_notices n
		where n.id = ${noticeId} and ${officialScopeWhere(principal, 'official_notices.send', 'n')}
		for update`.execute(trx);
	return rows[0] ?? notFound();
}

/**
 * Reminds the recipients of an official notice of the caller's scope (else 404) who have not
 * opened it: in their school's inbox (the school's row is marked reminded) and by e-mail/push.
 */
export async function remindOfficialNotice(
	db: DB,
	actor: Actor,
	noticeId: number
): Promise<OfficialReminder> {
	const principal = actor.principal;
	return db.transaction().execute(async (trx) => {
		const notice = await lockOfficial(trx, principal, noticeId);
		tooSoon(notice.last_reminded_at, await transactionNow(trx));
		const unread = unreadRecipients(noticeId, notice.include_teachers);
		const counted = await sql<{ people: number; schools: number }>`
			select count(distinct x.user_id)::int as people, count(distinct x.school_id)::int as schools
			from (${unread}) x`.execute(trx);
		const { people, schools } = counted.rows[0];
		if (people === 0) throw new DomainError('notices_nobody_to_remind');
		await sql`update official_notice_schools set reminded_at = now()
			where notice_id = ${noticeId} and school_id in (select x.school_id from (${unread}) x)`.execute(
			trx
		);
		const notices = await trx
			.updateTable('official_notices')
			.set({ last_reminded_at: NOW, remind_count: sql`remind_count + 1` })
			.where('id', '=', noticeId)
			.returning('remind_count')
			.executeTakeFirstOrThrow();
		await enqueueDelivery(trx, {
			batchKey: `official-notice-remind:${noticeId}:${notices.remind_count}`,
			kind: 'notice',
			recipients: sql`select x.user_id from (${unread}) x`,
			subject: m.nremind_outbox_subject({ title: notice.title }, { locale: 'vi' }),
			text: m.nremind_outbox_body({ title: notice.title }, { locale: 'vi' }),
			path: '/'
		});
		await writeAudit(trx, {
			actorUserId: principal.userId,
			action: 'official_notice.remind',
			entity: 'official_notice',
			entityId: noticeId,
			after: { people, schools, remindCount: notices.remind_count },
			requestId: actor.requestId
		});
		return { people, schools };
	});
}

/** When the next reminder may be sent (null: now), for the figures pages. */
export function nextReminderAt(last: Date | null, now = new Date()): Date | null {
	if (!last) return null;
	const next = new Date(last.getTime() + REMIND_INTERVAL_MINUTES * 60_000);
	return next > now ? next : null;
}
