import { expect, test, type Browser, type Page } from '@playwright/test';
import { addTeacherWithAccount, sendInvitation, signIn } from './helpers';

/**
 * Issue 8, item 10: a school admin types the e-mail of an account someone already uses as a
 * guardian's. Nothing is linked: the admin hears only that the owner was asked (if there is
 * one); the owner sees the request after signing in and accepts (then sees the child) or refuses;
 * nobody else can answer it.
 */
const run = Date.now().toString(36).slice(-5).toUpperCase();

async function newPage(browser: Browser, javaScriptEnabled = true) {
	const context = await browser.newContext({
		viewport: { width: 360, height: 740 },
		javaScriptEnabled
	});
	return { context, page: await context.newPage() };
}

/** As the admin: a pupil of 7A with one guardian; gives the guardian the e-mail `email`. */
async function guardianWithEmail(page: Page, child: string, guardian: string, email: string) {
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	await page.goto(`${base}/students/new`);
	await page.getByLabel('Mã học sinh').fill(`LK-${run}-${child.length}`);
	await page.getByLabel('Họ và tên').fill(child);
	await page.getByLabel('Ngày sinh').fill('05/04/2013');
	await page.getByLabel('Lớp').selectOption({ label: '7A' });
	await page.getByRole('button', { name: 'Thêm mới' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Học sinh: ${child}` })).toBeVisible();
	const add = page.locator('form[action="?/addGuardian"]');
	await add.getByLabel('Họ và tên').fill(guardian);
	await add.getByLabel('Quan hệ').selectOption({ label: 'Mẹ' });
	await add.getByRole('button', { name: 'Thêm phụ huynh mới' }).click();
	await page.getByRole('link', { name: guardian }).click();
	await sendInvitation(page, email);
	await expect(page.getByText('Vũ Thị Riêng')).toHaveCount(0);
}

test('the owner of an existing account accepts or refuses a school’s request; nobody else can', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const admin = await newPage(browser, false);
	await signIn(admin.page, 'quangtrung.admin@demo.example');
	// A teacher of the school who is also a parent: an account in use, with a password.
	const email = `lk-${run.toLowerCase()}@demo.example`;
	const password = await addTeacherWithAccount(admin.page, {
		code: `LK${run}`,
		name: 'Vũ Thị Riêng',
		email
	});
	await guardianWithEmail(admin.page, 'Phạm Gia Linh', 'Phạm Thu Hằng', email);
	await guardianWithEmail(admin.page, 'Phạm Minh Quân', 'P. T. Hằng', email);

	// The owner signs in (no JavaScript, a phone): every page says a request waits.
	const owner = await newPage(browser, false);
	await signIn(owner.page, email, password);
	await expect(
		owner.page.getByRole('status').filter({ hasText: '2 lời mời liên kết' })
	).toBeVisible();
	await owner.page.getByRole('link', { name: 'Xem lời mời' }).click();
	await expect(
		owner.page.getByRole('heading', { level: 1, name: 'Lời mời liên kết tài khoản' })
	).toBeVisible();
	const first = owner.page.getByRole('region').filter({ hasText: 'Phạm Gia Linh' });
	await expect(first).toContainText('Trường THCS Quang Trung đề nghị liên kết bạn làm phụ huynh');
	await expect(first).toContainText('7A');
	const second = owner.page.getByRole('region').filter({ hasText: 'Phạm Minh Quân' });
	const secondId = await second.locator('input[name="request"]').inputValue();

	// Someone else (the demo parent) cannot answer the owner's request.
	const other = await newPage(browser);
	await signIn(other.page, 'quangtrung.ph@demo.example');
	const forged = await other.page.request.post('/account/links', {
		form: { request: secondId, answer: 'accept' },
		headers: { origin: new URL(other.page.url()).origin },
		maxRedirects: 0
	});
	expect(forged.status()).toBe(404);
	await other.context.close();

	// Refuse the second, accept the first.
	await second.getByRole('button', { name: 'Từ chối' }).click();
	await expect(owner.page.getByRole('status')).toContainText('Đã từ chối lời mời');
	await owner.page.reload();
	await expect(owner.page.getByRole('region').filter({ hasText: 'Phạm Minh Quân' })).toHaveCount(0);
	await first.getByRole('button', { name: 'Đồng ý liên kết' }).click();
	await expect(owner.page).toHaveURL(/\/parent\?linked=1$/);
	await expect(owner.page.getByRole('status')).toContainText('Đã liên kết tài khoản của bạn');
	await expect(owner.page.getByText('Phạm Gia Linh')).toBeVisible();
	await expect(owner.page.getByText('Phạm Minh Quân')).toHaveCount(0);
	await owner.page.goto('/account/links');
	await expect(owner.page.getByText('Không có lời mời liên kết nào đang chờ bạn.')).toBeVisible();
	const width = await owner.page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(360);
	await owner.context.close();
	await admin.context.close();
});
