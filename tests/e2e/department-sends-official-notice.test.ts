import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * Issue 13, official notices: the department sends a notice to THCS Quang Trung only; its admin,
 * on a 360 px phone, sees the unread count on the school's home, opens the notice, and the
 * department's read figures count the school as read.
 */
const PHONE = { width: 360, height: 740 };

test('the department sends a notice, the school admin reads it on a phone, it counts as read', async ({
	browser
}) => {
	const adminCtx = await browser.newContext({ viewport: PHONE });
	const deptCtx = await browser.newContext();
	const admin = await adminCtx.newPage();
	const dept = await deptCtx.newPage();
	const title = `Công văn về rà soát thiết bị dạy học ${Date.now()}`;

	await signIn(admin, 'quangtrung.admin@demo.example');
	const home = /\/schools\/\d+/.exec(admin.url())![0];
	const code = (await admin.locator('dl.props dd').first().textContent())!.trim();
	const card = admin.locator('[data-official-unread]');
	const before = Number(await card.getAttribute('data-official-unread'));

	await signIn(dept, 'so@demo.example');
	await dept.goto('/department/notices/new');
	await dept.getByLabel('Tiêu đề').fill(title);
	await dept
		.getByLabel('Nội dung')
		.fill('Kính gửi Hiệu trưởng,\nĐề nghị nhà trường báo cáo trước ngày 20/12.');
	await dept.getByLabel(/Chỉ gửi các trường/).fill(code);
	await dept.getByRole('button', { name: 'Gửi thông báo' }).click();
	await expect(dept.getByText('Đã gửi thông báo tới 1 trường.')).toBeVisible();
	await expect(dept.locator('[data-figure="read"] .value')).toHaveText('0');
	await expect(dept.locator('[data-school][data-read="no"]')).toHaveCount(1);
	const figuresUrl = dept.url().split('?')[0];

	await admin.goto(home);
	await expect(card).toHaveAttribute('data-official-unread', String(before + 1));
	await card.click();
	const entry = admin.locator('li.card').filter({ hasText: title });
	await expect(entry.getByText('Mới')).toBeVisible();
	await entry.getByRole('link').click();
	await expect(admin.getByText('Đề nghị nhà trường báo cáo trước ngày 20/12.')).toBeVisible();
	const width = await admin.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(PHONE.width);
	await expectAccessible(admin);
	await admin.goto(home);
	await expect(card).toHaveAttribute('data-official-unread', String(before));

	await dept.goto(figuresUrl);
	await expect(dept.locator('[data-figure="read"] .value')).toHaveText('1');
	await expect(dept.locator('[data-figure="unread"] .value')).toHaveText('0');
	await expect(dept.locator('[data-school][data-read="yes"]')).toHaveCount(1);
	await expectAccessible(dept);

	await adminCtx.close();
	await deptCtx.close();
});
