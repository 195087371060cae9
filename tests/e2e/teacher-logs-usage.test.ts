import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * A teacher of THCS Quang Trung logs a use of the LMS on a phone (360 px wide), and the school's
 * admin sees the school's adoption figures change.
 */
const PHONE = { width: 360, height: 740 };

async function adminView(browser: Browser) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'quangtrung.admin@demo.example');
	const schoolId = /\/schools\/(\d+)/.exec(page.url())![1];
	return { context, page, url: `/schools/${schoolId}/adoption` };
}

async function lmsFigures(page: Page, url: string) {
	await page.goto(url);
	const row = page.locator('tr[data-platform="lms"]');
	await expect(row).toBeVisible();
	const sessions = Number(
		(await row.locator('[data-col="sessions"]').innerText()).replace(/\D/g, '')
	);
	return { sessions, text: await row.innerText() };
}

async function noSidewaysScroll(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(PHONE.width);
}

test('a teacher logs usage on a phone and the school’s adoption figure changes', async ({
	browser
}) => {
	// two people, two sign-ins and two accessibility checks on a shared 2-core machine
	test.setTimeout(90_000);
	const admin = await adminView(browser);
	const before = await lmsFigures(admin.page, admin.url);
	await expect(
		admin.page.getByRole('heading', { level: 1, name: 'Mức độ sử dụng nền tảng' })
	).toBeVisible();

	const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
	const page = await phone.newPage();
	await signIn(page, 'quangtrung.gv@demo.example');
	await page.goto('/teacher/usage');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Ghi nhận sử dụng nền tảng' })
	).toBeVisible();
	await noSidewaysScroll(page);
	await expectAccessible(page);

	await page.getByLabel('Nền tảng').selectOption({ label: 'Hệ thống dạy học trực tuyến (LMS)' });
	await page.getByRole('checkbox', { name: '8A', exact: true }).check();
	await page.getByLabel('Số tiết').fill('2');
	await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã ghi nhận' })).toBeVisible();
	// the entry is in the teacher's recent entries, editable, and in their own figures
	const recent = page.locator('ul.entries li').first();
	await expect(recent).toContainText('Hệ thống dạy học trực tuyến (LMS)');
	await expect(recent).toContainText('2 tiết');
	await expect(recent.getByRole('link', { name: 'Sửa' })).toBeVisible();
	await noSidewaysScroll(page);

	const after = await lmsFigures(admin.page, admin.url);
	expect(after.sessions).toBe(before.sessions + 1);
	await expectAccessible(admin.page);
	await phone.close();
	await admin.context.close();
});

test('the quick-log card on the teacher’s home works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'quangtrung.gv@demo.example');
	await page.goto('/teacher');
	const card = page.getByRole('region', { name: 'Ghi nhận nhanh' });
	await card.getByLabel('Nền tảng').selectOption({ label: 'Thư viện số' });
	await card.getByLabel('Số tiết').fill('1');
	await card.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
	await expect(page).toHaveURL(/\/teacher\/usage\?logged=1$/);
	await expect(page.getByRole('status').filter({ hasText: 'Đã ghi nhận' })).toBeVisible();
	await expect(page.locator('ul.entries li').first()).toContainText('Thư viện số');
	// a form error is shown beside its field, without JavaScript too
	await page.getByLabel('Số tiết').fill('');
	await page.getByLabel('Số phút').fill('');
	await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
	await expect(page.locator('#log-periods-error')).toHaveText('Nhập số tiết hoặc số phút.');
	await context.close();
});

test('a teacher corrects an entry, then deletes it', async ({ page }) => {
	await signIn(page, 'quangtrung.gv@demo.example');
	await page.goto('/teacher/usage');
	await page.getByLabel('Nền tảng').selectOption({ label: 'Phòng thí nghiệm ảo' });
	await page.getByLabel('Số phút').fill('20');
	await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã ghi nhận' })).toBeVisible();
	await page.locator('ul.entries li').first().getByRole('link', { name: 'Sửa' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sửa bản ghi sử dụng' })).toBeVisible();
	await page.getByLabel('Số phút').fill('35');
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu thay đổi.' })).toBeVisible();
	await page.getByRole('button', { name: 'Xóa bản ghi này' }).click();
	await expect(page).toHaveURL(/\/teacher\/usage\/history$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Lịch sử ghi nhận' })).toBeVisible();
});
