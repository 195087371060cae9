import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import { noticeSchema } from '../../src/lib/schemas/messages';
import {
	deadDeliveries,
	retryDelivery,
	type DeadDelivery
} from '../../src/lib/server/messages/dead-deliveries';
import { sendNotice } from '../../src/lib/server/messages/notices';
import { setMailTransport } from '../../src/lib/server/messages/outbox';
import { connectTestDb, principalOf } from '../helpers/context';
import { createTestSchool } from '../helpers/rollout';

/**
 * Dead deliveries for the school admin: the school's dead e-mails and push rows (who, channel,
 * kind, when, the error's first line; never the text), nobody else's; a retry puts one back to
 * pending with a deliver job, audited, once (a second or concurrent retry is refused).
 */
let db: DB;
let close: () => Promise<void>;
type School = Awaited<ReturnType<typeof createTestSchool>>;
let a1: School, a2: School;
let staff: Principal;
let noticeId: number;
let emailId: number;
let pushId: number;
const tag = `DD${process.pid % 1000}${Date.now() % 100000}`;
const actor = (principal: Principal) => ({ principal, requestId: 'dead-deliveries-test' });
const ERROR = '550 5.1.1 mailbox unavailable\n    at SMTPConnection._formatError (secret stack)';

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	setMailTransport({ async send() {} });
	a1 = await createTestSchool(db);
	a2 = await createTestSchool(db);
	const email = `staff.${tag.toLowerCase()}@test.example`;
	const user = await db
		.insertInto('users')
		.values({ email, name: 'Cô Lê Thị Hoa' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('staff')
		.values({ school_id: a1.schoolId, code: 'D1', full_name: 'Lê Thị Hoa', user_id: user.id })
		.execute();
	await db
		.insertInto('role_assignments')
		.values({ user_id: user.id, role: 'teacher', school_id: a1.schoolId })
		.execute();
	await db
		.insertInto('notification_preferences')
		.values({ user_id: user.id, email_kinds: ['notice'] })
		.execute();
	staff = await principalOf(db, email);
	noticeId = await sendNotice(
		db,
		actor(a1.admin),
		a1.schoolId,
		noticeSchema.parse({ title: 'Lịch trực Tết bí mật', body: 'Nội dung riêng', target: 'staff' })
	);
	const mail = await db
		.updateTable('delivery_outbox')
		.set({ status: 'dead', attempts: 5, last_error: ERROR })
		.where('batch_key', '=', `notice:${noticeId}`)
		.returning('id')
		.executeTakeFirstOrThrow();
	emailId = Number(mail.id);
	const sub = await db
		.insertInto('push_subscriptions')
		.values({
			user_id: staff.userId,
			endpoint: `https://fcm.googleapis.com/fcm/send/${tag}`,
			p256dh: 'k',
			auth: 'a'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const push = await db
		.insertInto('push_outbox')
		.values({
			batch_key: `notice:${noticeId}`,
			user_id: staff.userId,
			subscription_id: sub.id,
			kind: 'notice',
			title: 'Lịch trực Tết bí mật',
			body: 'Nội dung riêng',
			url: '/teacher/notices',
			status: 'dead',
			attempts: 5,
			last_error: '400 bad request'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	pushId = Number(push.id);
	// an activation e-mail of the same user is never listed (it carries a code)
	await db
		.insertInto('delivery_outbox')
		.values({
			batch_key: `activate:${tag}`,
			user_id: staff.userId,
			email,
			subject: 'Mã kích hoạt',
			body: 'Mã: 123456',
			status: 'dead',
			last_error: 'x'
		})
		.execute();
});
afterAll(async () => {
	setMailTransport(undefined);
	await close();
});

const mine = (rows: DeadDelivery[]) =>
	rows.filter((r) => (r.channel === 'email' ? r.id === emailId : r.id === pushId));

describe('dead deliveries', () => {
	it("lists the school's dead e-mail and push rows without their text, and not another school's", async () => {
		const rows = await deadDeliveries(db, a1.schoolId);
		expect(rows).toHaveLength(2);
		expect(rows.map((r) => [r.channel, r.user_name, r.kind, r.attempts, r.error]).sort()).toEqual([
			['email', 'Cô Lê Thị Hoa', 'notice', 5, '550 5.1.1 mailbox unavailable'],
			['push', 'Cô Lê Thị Hoa', 'notice', 5, '400 bad request']
		]);
		expect(JSON.stringify(rows)).not.toMatch(/bí mật|Nội dung riêng|secret|123456/);
		expect(mine(await deadDeliveries(db, a2.schoolId))).toEqual([]);
	});

	it('retries one row of the school once: pending again, a deliver job, an audit row', async () => {
		await expect(
			retryDelivery(db, actor(a2.admin), a2.schoolId, 'email', emailId)
		).rejects.toMatchObject({ status: 404 });
		const results = await Promise.allSettled([
			retryDelivery(db, actor(a1.admin), a1.schoolId, 'email', emailId),
			retryDelivery(db, actor(a1.admin), a1.schoolId, 'email', emailId)
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = results.find((r) => r.status === 'rejected');
		expect(refused?.status === 'rejected' && refused.reason).toMatchObject({
			code: 'deliveries_not_dead'
		});
		const row = await db
			.selectFrom('delivery_outbox')
			.select(['status', 'attempts'])
			.where('id', '=', emailId)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'pending', attempts: 0 });
		const { rows: jobs } = await sql<{ n: number }>`select count(*)::int as n from jobs
			where kind = 'messages.deliver' and key like ${`notice:${noticeId}@retry:email:${emailId}:%`}
				and payload->>'batchKey' = ${`notice:${noticeId}`}`.execute(db);
		expect(jobs[0].n).toBe(1);
		const audits = await db
			.selectFrom('audit_log')
			.select(['actor_user_id', 'school_id'])
			.where('action', '=', 'delivery.retry')
			.where('entity_id', '=', String(emailId))
			.execute();
		expect(audits).toEqual([{ actor_user_id: a1.admin.userId, school_id: a1.schoolId }]);
		expect((await deadDeliveries(db, a1.schoolId)).map((r) => r.channel)).toEqual(['push']);

		await retryDelivery(db, actor(a1.admin), a1.schoolId, 'push', pushId);
		expect(await deadDeliveries(db, a1.schoolId)).toEqual([]);
		await expect(
			retryDelivery(db, actor(a1.admin), a1.schoolId, 'push', 2 ** 31 - 1)
		).rejects.toMatchObject({ status: 404 });
	});
});
