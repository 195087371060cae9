import { expect, test, type Browser, type Page } from '@playwright/test';
import { activateWithCode, sendInvitation, signIn } from './helpers';

/**
 * Issue 8, item 10, last part: a school admin invites a new teacher and an existing account by
 * e-mail. The admin's answer, slip and page read the same for both (nothing tells which address
 * had an account); the new teacher activates the slip's code, chooses a password and signs in.
 * (The existing account's owner consents at /account/links: staff-link-consent.test.ts.)
 */
const run = Date.now().toString(36).slice(-5).toUpperCase();
const NAME = 'Trịnh Văn Mới';

async function phone(browser: Browser, javaScriptEnabled: boolean) {
	const context = await browser.newContext({
		viewport: { width: 360, height: 740 },
		javaScriptEnabled
	});
	return { context, page: await context.newPage() };
}

async function staffRow(page: Page, code: string) {
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	await page.goto(`${base}/staff/new`);
	await page.getByLabel('Mã giáo viên').fill(code);
	await page.getByLabel('Họ và tên').fill(NAME);
	await page.getByLabel('Toán').check();
	await page.getByRole('button', { name: 'Thêm mới' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Cán bộ: ${NAME}` })).toBeVisible();
	return page.url();
}

/** The account region's text with the address, the code and the dates taken out. */
async function accountText(page: Page, email: string) {
	const text = await page.getByRole('region', { name: 'Tài khoản đăng nhập' }).innerText();
	return text
		.replaceAll(email.toLowerCase(), '<email>')
		.replace(/[A-Z2-9]{5}-[A-Z2-9]{5}/g, '<code>')
		.replace(/\d{2}\/\d{2}\/\d{4}/g, '<date>');
}

test('a new teacher and an existing account get the same invitation; the new one activates', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const admin = await phone(browser, false);
	await signIn(admin.page, 'quangtrung.admin@demo.example');
	const fresh = `moi-${run.toLowerCase()}@demo.example`;
	const existing = 'nguyentatthanh.gv@demo.example';

	const newUrl = await staffRow(admin.page, `INV${run}A`);
	const code = await sendInvitation(admin.page, fresh);
	const answerNew = await accountText(admin.page, fresh);
	const width = await admin.page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(360);

	const oldUrl = await staffRow(admin.page, `INV${run}B`);
	await sendInvitation(admin.page, existing);
	const answerExisting = await accountText(admin.page, existing);
	expect(answerExisting).toBe(answerNew);
	await expect(admin.page.getByText('Nguyễn Tất Thành')).toHaveCount(0);

	// Later, the two pages read the same too: an invitation waiting for its answer.
	await admin.page.goto(newUrl);
	const pageNew = await accountText(admin.page, fresh);
	await admin.page.goto(oldUrl);
	expect(await accountText(admin.page, existing)).toBe(pageNew);
	expect(pageNew).toContain('Đã gửi lời mời tới <email> ngày <date>');

	// The new teacher: no password works before activation; the code sets one.
	const teacher = await phone(browser, true);
	await teacher.page.goto('/login');
	await teacher.page.getByLabel('Số điện thoại hoặc email').fill(fresh);
	await teacher.page.getByLabel('Mật khẩu').fill('doan-bua-123');
	await teacher.page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(teacher.page.getByRole('alert')).toBeVisible();
	await expect(teacher.page).toHaveURL(/\/login/);
	await activateWithCode(teacher.page, fresh, code.toLowerCase(), 'mat-khau-moi-2026');
	await expect(teacher.page.getByRole('heading', { level: 1, name: 'Việc của tôi' })).toBeVisible();
	await teacher.page.getByRole('button', { name: 'Đăng xuất' }).click();
	await signIn(teacher.page, fresh, 'mat-khau-moi-2026');
	await expect(teacher.page.getByRole('heading', { level: 1, name: 'Việc của tôi' })).toBeVisible();
	// The code works once.
	await teacher.page.getByRole('button', { name: 'Đăng xuất' }).click();
	await teacher.page.goto('/activate');
	await teacher.page.getByLabel('Số điện thoại hoặc email').fill(fresh);
	await teacher.page.getByLabel('Mã kích hoạt').fill(code);
	await teacher.page.locator('#f-password').fill('mat-khau-khac-2026');
	await teacher.page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-khac-2026');
	await teacher.page.getByLabel(/Tôi đã đọc và đồng ý/).check();
	await teacher.page.getByRole('button', { name: 'Kích hoạt và đăng nhập' }).click();
	await expect(teacher.page.getByRole('alert')).toContainText('mã kích hoạt không đúng');
	await teacher.context.close();

	// The school now sees the account linked with its staff row.
	await admin.page.goto(newUrl);
	const account = admin.page.getByRole('region', { name: 'Tài khoản đăng nhập' });
	await expect(account.getByText(fresh)).toBeVisible();
	await expect(account.getByText('Đang hoạt động')).toBeVisible();
	await admin.context.close();
});
