import { expect, test, type Page } from '@playwright/test';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { createKysely, createPool, type DB } from '../../src/lib/server/db/connect';
import { MAX_ATTEMPTS } from '../../src/lib/server/messages/delivery';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../helpers/database';
import { signIn } from './helpers';
import { startOwnPortal, type OwnPortal } from './own-portal';

/**
 * Issue 13, "e-mail arrives in the test SMTP server" and "dead letters visible to the admin", in
 * Chromium on a 360 px phone, in Vietnamese. A portal of its own (port E2E_PORT + 7) on a
 * throwaway demo database sends e-mail through an SMTP server run here (`smtp-server`). The demo
 * parent signs in with the phone number, asks for e-mail on new messages and writes to the
 * homeroom teacher; the teacher answers. The SMTP server refuses the parent's mailbox (550): the
 * e-mail fails, and after its last attempt (the test moves the row's attempts to the last one
 * through its own connection to the database, instead of waiting 15 minutes of backoff) it is
 * dead. The school admin sees the row (who, channel, kind, when, first line of the error, never
 * the text), the SMTP server accepts again, the admin presses "Gửi lại" and the e-mail arrives.
 */
test.describe.configure({ mode: 'serial', timeout: 300_000 });

const PORT = Number(process.env.E2E_PORT ?? 4173) + 7;
const BASE = `http://localhost:${PORT}`;
const PHONE = { width: 360, height: 740 };
const PARENT_EMAIL = 'quangtrung.ph@demo.example';

interface Arrived {
	to: string[];
	raw: string;
}

let database: ThrowawayDatabase;
let db: DB;
let portal: OwnPortal;
let smtp: SMTPServer;
let refuse = true;
const arrived: Arrived[] = [];

function startSmtp(): Promise<number> {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onRcptTo(address, _session, done) {
			if (!refuse) return done();
			const err = Object.assign(new Error('Mailbox unavailable: hộp thư tạm ngừng nhận'), {
				responseCode: 550
			});
			done(err);
		},
		onData(stream, session, done) {
			let raw = '';
			stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
			stream.on('end', () => {
				arrived.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
				done();
			});
		}
	});
	return new Promise((resolve) =>
		smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as { port: number }).port))
	);
}

test.beforeAll(async () => {
	test.setTimeout(300_000); // seeding a throwaway demo database and starting a portal
	const smtpPort = await startSmtp();
	database = await createThrowawayDatabase('trs_mail', { seed: 'this-year' });
	db = createKysely(createPool(database.url, 2));
	portal = await startOwnPortal(PORT, database.url, {
		SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
		JOBS_POLL_MS: '200'
	});
});

test.afterAll(async () => {
	test.setTimeout(60_000);
	await portal?.stop();
	await db?.destroy();
	await database?.drop();
	await new Promise((resolve) => (smtp ? smtp.close(() => resolve(null)) : resolve(null)));
});

async function fitsPhone(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(PHONE.width);
}

/** The parent's e-mail rows of the outbox (the test's own view of the database). */
const parentRows = () =>
	db
		.selectFrom('delivery_outbox as o')
		.innerJoin('users as u', 'u.id', 'o.user_id')
		.select(['o.id', 'o.status', 'o.attempts', 'o.last_error'])
		.where('u.email', '=', PARENT_EMAIL)
		.orderBy('o.id')
		.execute();

test('an e-mail that went dead is listed for the admin without its text, retried, and arrives', async ({
	browser
}) => {
	const parentCtx = await browser.newContext({ baseURL: BASE, viewport: PHONE });
	const teacherCtx = await browser.newContext({ baseURL: BASE, viewport: PHONE });
	const adminCtx = await browser.newContext({ baseURL: BASE, viewport: PHONE });
	const [parent, teacher, admin] = await Promise.all(
		[parentCtx, teacherCtx, adminCtx].map((c) => c.newPage())
	);
	const title = `Hỏi lịch thi ${Date.now()}`;
	const answer = 'Chào anh/chị, lịch thi sẽ có vào thứ Sáu.';

	// The demo parent signs in with the phone number and asks for e-mail on new messages.
	await signIn(parent, '0987 654 321');
	await parent.goto('/account/notifications');
	await expect(parent.getByText(`E-mail được gửi tới ${PARENT_EMAIL}.`)).toBeVisible();
	await parent
		.getByRole('group', { name: 'Gửi thêm e-mail khi có' })
		.getByLabel('Tin nhắn mới')
		.check();
	await parent.getByRole('button', { name: 'Lưu' }).click();
	await expect(parent.getByText('Đã lưu cách nhận thông báo.')).toBeVisible();
	await fitsPhone(parent);

	await parent.goto('/');
	const card = parent.locator('article.card').filter({ hasText: '8A' });
	await card.getByRole('link', { name: 'Nhắn giáo viên chủ nhiệm' }).click();
	await parent.getByLabel('Tiêu đề').fill(title);
	await parent.getByLabel('Nội dung').fill('Thưa cô, khi nào có lịch thi học kì?');
	await parent.getByRole('button', { name: 'Gửi' }).click();
	await expect(parent.getByRole('heading', { name: title })).toBeVisible();

	// The teacher answers; the SMTP server refuses the parent's mailbox.
	await signIn(teacher, 'quangtrung.gv@demo.example');
	await teacher.goto('/teacher/messages');
	await teacher.locator('li.card').filter({ hasText: title }).getByRole('link').click();
	await teacher.getByLabel('Tin nhắn trả lời').fill(answer);
	await teacher.getByRole('button', { name: 'Trả lời' }).click();
	await expect(teacher.locator('li.msg')).toHaveCount(2);

	await expect
		.poll(async () => (await parentRows()).map((r) => [r.status, r.attempts > 0, !!r.last_error]), {
			timeout: 60_000
		})
		.toEqual([['pending', true, true]]);
	// Instead of 15 minutes of backoff: the row's next attempt is its last, due now.
	const [row] = await parentRows();
	await sql`update delivery_outbox set attempts = ${MAX_ATTEMPTS - 1}, next_attempt_at = now()
		where id = ${row.id}`.execute(db);
	// The job that failed queues its follow-up after the row is marked (it sends the batch's push
	// notifications first): bring every queued follow-up forward on each poll, not once.
	await expect
		.poll(
			async () => {
				await sql`update jobs set run_at = now()
					where kind = 'messages.deliver' and status = 'queued' and run_at > now()`.execute(db);
				return (await parentRows()).map((r) => r.status);
			},
			{ timeout: 60_000 }
		)
		.toEqual(['dead']);
	expect(arrived).toEqual([]);

	// The school admin sees who, channel, kind, when and the error's first line, never the text.
	await signIn(admin, 'quangtrung.admin@demo.example');
	const school = /\/schools\/\d+/.exec(admin.url())![0];
	await admin.goto(`${school}/messages`);
	await admin.getByRole('link', { name: 'Lỗi gửi thư' }).click();
	const parentName = (await db
		.selectFrom('users')
		.select('name')
		.where('email', '=', PARENT_EMAIL)
		.executeTakeFirstOrThrow())!.name;
	const dead = admin.locator(`tr[data-dead="email:${row.id}"]`);
	await expect(dead).toBeVisible();
	const cells = dead.locator('td');
	await expect(cells.nth(0)).toHaveText(parentName);
	await expect(cells.nth(1)).toHaveText('Thư điện tử');
	await expect(cells.nth(2)).toHaveText('Tin nhắn');
	await expect(cells.nth(3)).toHaveText(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
	await expect(cells.nth(4)).toContainText('550');
	await expect(cells.nth(4)).toContainText('hộp thư tạm ngừng nhận');
	const html = await admin.content();
	expect(html).not.toContain(answer);
	expect(html).not.toContain(title);
	await fitsPhone(admin);

	// The mailbox works again: "Gửi lại" sends it, and it arrives in the SMTP server.
	refuse = false;
	await dead.getByRole('button', { name: /Gửi lại/ }).click();
	await expect(admin.getByText('Đã đưa vào hàng gửi lại.')).toBeVisible();
	await expect.poll(() => arrived.map((a) => a.to), { timeout: 60_000 }).toEqual([[PARENT_EMAIL]]);
	expect(arrived[0].raw).toContain(`<outbox-${row.id}@truong-so>`);
	await expect.poll(async () => (await parentRows()).map((r) => r.status)).toEqual(['sent']);
	await admin.reload();
	await expect(admin.locator(`tr[data-dead="email:${row.id}"]`)).toHaveCount(0);
	await expect(admin.getByText('Không có thư hay thông báo nào bị lỗi gửi.')).toBeVisible();

	await Promise.all([parentCtx, teacherCtx, adminCtx].map((c) => c.close()));
});
