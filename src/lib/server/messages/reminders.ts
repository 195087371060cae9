import { sql, type Kysely } from 'kysely';
import * as m from '$lib/paraglide/messages';
import { writeAudit, type Actor } from '../audit';
import { notFound, officialScopeWhere } from '../auth/access';
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
 * Reminds the target schools of an official notice of the caller's scope (else 404) that have not
 * read it: their administrators (the readers whose read counts) get the reminder.
 */
export async function remindOfficialNotice(
	db: DB,
	actor: Actor,
	noticeId: number
): Promise<number> {
	const principal = actor.principal;
	return db.transaction().execute(async (trx) => {
		const { rows } = await sql<{ id: number; title: string; last_reminded_at: Date | null }>`
			select n.id, n.title, n.last_reminded_at from official_notices n
			where n.id = ${noticeId} and ${officialScopeWhere(principal, 'official_notices.send', 'n')}
			for update`.execute(trx);
		const notice = rows[0] ?? notFound();
		tooSoon(notice.last_reminded_at, await transactionNow(trx));
		const result = await trx
			.updateTable('official_notice_schools')
			.set({ reminded_at: NOW })
			.where('notice_id', '=', noticeId)
			.where('read_at', 'is', null)
			.executeTakeFirst();
		const schools = Number(result.numUpdatedRows);
		if (schools === 0) throw new DomainError('notices_nobody_to_remind');
		const counted = await trx
			.updateTable('official_notices')
			.set({ last_reminded_at: NOW, remind_count: sql`remind_count + 1` })
			.where('id', '=', noticeId)
			.returning('remind_count')
			.executeTakeFirstOrThrow();
		await enqueueDelivery(trx, {
			batchKey: `official-notice-remind:${noticeId}:${counted.remind_count}`,
			kind: 'notice',
			recipients: sql`select ra.user_id from role_assignments ra
				join official_notice_schools ons on ons.school_id = ra.school_id
				where ons.notice_id = ${noticeId} and ons.reminded_at = now()
					and ra.role = 'school_admin'`,
			subject: m.nremind_outbox_subject({ title: notice.title }, { locale: 'vi' }),
			text: m.nremind_outbox_body({ title: notice.title }, { locale: 'vi' }),
			path: '/'
		});
		await writeAudit(trx, {
			actorUserId: principal.userId,
			action: 'official_notice.remind',
			entity: 'official_notice',
			entityId: noticeId,
			after: { schools, remindCount: counted.remind_count },
			requestId: actor.requestId
		});
		return schools;
	});
}

/** When the next reminder may be sent (null: now), for the figures pages. */
export function nextReminderAt(last: Date | null, now = new Date()): Date | null {
	if (!last) return null;
	const next = new Date(last.getTime() + REMIND_INTERVAL_MINUTES * 60_000);
	return next > now ? next : null;
}
