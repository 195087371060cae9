import { createECDH, randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { addTeacherWithAccount, expectAccessible, signIn } from './helpers';

/**
 * Web Push settings on /account/notifications (migration 0310), on a teacher the test creates
 * (own settings change): without JavaScript the page says push needs it and the push categories
 * still save; with JavaScript the browser button shows, and the JSON endpoint keeps a
 * subscription of a known push service and refuses anything else with a 400.
 */
const PHONE = { width: 360, height: 740 };

const keys = () => {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return {
		p256dh: ecdh.getPublicKey().toString('base64url'),
		auth: randomBytes(16).toString('base64url')
	};
};

/** POSTs JSON from the page (same origin, the session cookie), answers status and body. */
const postJson = (page: Page, body: unknown) =>
	page.evaluate(async (payload) => {
		const response = await fetch('/account/notifications/push', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(payload)
		});
		return { status: response.status, body: await response.json() };
	}, body);

test('a teacher chooses push notifications, with and without JavaScript', async ({
	page,
	browser
}) => {
	// two browsers, two sign-ins and an accessibility check: over a minute on a loaded machine
	test.setTimeout(120_000);
	await signIn(page, 'quangtrung.admin@demo.example');
	// a retry adds a teacher of its own (the first attempt's is already there)
	const attempt = test.info().retry ? `-${test.info().retry}` : '';
	const email = `push.e2e${attempt}@demo.example`;
	const password = await addTeacherWithAccount(page, {
		code: `GV-E2E-PUSH${attempt}`,
		name: 'Lò Văn Đẩy',
		email
	});

	const plain = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
	const noJs = await plain.newPage();
	await signIn(noJs, email, password);
	await noJs.goto('/account/notifications');
	await expect(noJs.getByTestId('push-needs-js')).toContainText('cần bật JavaScript');
	const push = noJs.getByRole('group', { name: 'Thông báo đẩy trên trình duyệt (Web Push) cho' });
	await push.getByLabel('Thông báo của nhà trường').check();
	await noJs.getByRole('button', { name: 'Lưu' }).click();
	await expect(noJs.getByText('Đã lưu cách nhận thông báo.')).toBeVisible();
	await expect(push.getByLabel('Thông báo của nhà trường')).toBeChecked();
	await expect(push.getByLabel('Tin nhắn mới')).not.toBeChecked();
	const mail = noJs.getByRole('group', { name: 'Gửi thêm e-mail khi có' });
	await expect(mail.getByLabel('Thông báo của nhà trường')).not.toBeChecked();
	await plain.close();

	const scripted = await browser.newContext({ viewport: PHONE });
	const js = await scripted.newPage();
	await signIn(js, email, password);
	await js.goto('/account/notifications');
	await expect(js.getByTestId('push-needs-js')).toHaveCount(0);
	await expect(js.getByTestId('push-browser')).not.toHaveAttribute('data-state', 'nojs');
	await expectAccessible(js);

	const endpoint = `https://fcm.googleapis.com/fcm/send/e2e-${Date.now()}`;
	for (const bad of [
		'http://fcm.googleapis.com/fcm/send/x',
		'https://evil.example/push',
		'https://fcm.googleapis.com/\u0000',
		`https://fcm.googleapis.com/${'a'.repeat(100_000)}`
	]) {
		const answer = await postJson(js, {
			action: 'subscribe',
			subscription: { endpoint: bad, keys: keys() }
		});
		expect(answer.status).toBe(400);
	}
	const sub = { endpoint, keys: keys() };
	const answers = await Promise.all(
		[1, 2, 3].map(() => postJson(js, { action: 'subscribe', subscription: sub }))
	);
	expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
	await js.reload();
	await expect(js.getByText('Đang nhận trên 1 trình duyệt.')).toBeVisible();
	expect((await postJson(js, { action: 'unsubscribe', endpoint })).status).toBe(200);
	await js.reload();
	await expect(js.getByText('Đang nhận trên')).toHaveCount(0);
	await scripted.close();
});
