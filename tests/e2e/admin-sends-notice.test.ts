import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * Issue 13, announcements: on a 360 px phone, the school admin sends a notice to the families of
 * class 8A asking for confirmation; the demo parent reads and confirms it; the admin sees the counts
 * and the families who have not confirmed, and reminds them.
 */
const PHONE = { width: 360, height: 740 };

test('an admin sends a notice requiring confirmation, a parent confirms, the admin reminds the rest', async ({
	browser
}) => {
	const adminCtx = await browser.newContext({ viewport: PHONE });
	const parentCtx = await browser.newContext({ viewport: PHONE });
	const admin = await adminCtx.newPage();
	const parent = await parentCtx.newPage();
	const title = `Xác nhận tham gia hội khỏe Phù Đổng ${Date.now()}`;

	await signIn(admin, 'quangtrung.admin@demo.example');
	const school = /\/schools\/\d+/.exec(admin.url())![0];
	await admin.goto(`${school}/notices/new`);
	await admin.getByLabel('Tiêu đề').fill(title);
	await admin
		.getByLabel('Nội dung')
		.fill('Kính gửi phụ huynh lớp 8A,\nXin xác nhận cho con tham gia.');
	await admin.getByLabel('Phụ huynh các lớp').check();
	await admin.getByLabel('Lớp', { exact: true }).selectOption({ label: '8A' });
	await admin.getByLabel('Yêu cầu phụ huynh xác nhận').check();
	await admin.getByLabel('Hạn xác nhận').fill('2027-06-30');
	await admin.getByRole('button', { name: 'Gửi thông báo' }).click();
	await expect(admin.getByText(/Đã gửi thông báo đến \d+ người nhận/)).toBeVisible();
	const delivered = Number(await admin.locator('[data-count="delivered"]').textContent());
	expect(delivered).toBeGreaterThanOrEqual(2);
	await expect(admin.locator('[data-count="confirmed"]')).toHaveText('0');
	await expect(admin.getByRole('heading', { name: `Chưa xác nhận (${delivered})` })).toBeVisible();
	const reportUrl = admin.url().split('?')[0];

	await signIn(parent, 'quangtrung.ph@demo.example');
	await parent.goto('/parent/notices');
	const entry = parent.locator('li.card').filter({ hasText: title });
	await expect(entry.getByText('Chưa đọc')).toBeVisible();
	await entry.getByRole('link').click();
	await expect(parent.getByText('Xin xác nhận cho con tham gia.')).toBeVisible();
	await parent.getByRole('button', { name: 'Tôi đã đọc và xác nhận' }).click();
	await expect(parent.getByText('Cảm ơn, nhà trường đã nhận được xác nhận của bạn.')).toBeVisible();
	await expect(parent.getByText(/Đã xác nhận lúc/)).toBeVisible();
	const width = await parent.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(PHONE.width);
	await expectAccessible(parent);

	await admin.goto(reportUrl);
	await expect(admin.locator('[data-count="confirmed"]')).toHaveText('1');
	await expect(admin.locator('[data-count="read"]')).toHaveText('1');
	const pending = admin.getByRole('heading', { name: `Chưa xác nhận (${delivered - 1})` });
	await expect(pending).toBeVisible();
	await expect(admin.locator('tbody tr')).toHaveCount(delivered - 1);
	await admin.getByRole('button', { name: 'Nhắc những người chưa xác nhận' }).click();
	await expect(admin.getByText(`Đã nhắc ${delivered - 1} người nhận.`)).toBeVisible();
	await expect(admin.getByText(/Đã nhắc 1 lần/)).toBeVisible();
	await expectAccessible(admin);

	await adminCtx.close();
	await parentCtx.close();
});
