import { expect, test, type Browser, type Page } from '@playwright/test';
import { addTeacherWithAccount, sendInvitation, signIn } from './helpers';

/**
 * Issue 8, item 10 for staff: a school admin types, on a staff member's account form, the e-mail
 * of an account someone already uses (a teacher of another school) or of the department. Nothing
 * is linked and the admin reads the same neutral words both times; the teacher signs in, sees the
 * banner, accepts, and only then reaches the school's pages.
 */
const run = Date.now().toString(36).slice(-5).toUpperCase();

async function newPage(browser: Browser) {
	const context = await browser.newContext({
		viewport: { width: 360, height: 740 },
		javaScriptEnabled: false
	});
	return { context, page: await context.newPage() };
}

/** As Quang Trung's admin: a new staff row without an account; returns the school's path. */
async function newStaffRow(page: Page, name: string) {
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	await page.goto(`${base}/staff/new`);
	await page.getByLabel('Mã giáo viên').fill(`SL${run}`);
	await page.getByLabel('Họ và tên').fill(name);
	await page.getByLabel('Toán').check();
	await page.getByRole('button', { name: 'Thêm mới' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Cán bộ: ${name}` })).toBeVisible();
	return base;
}

/** Types `email` on the account form: the same words whatever the account is, nothing linked. */
async function offerAccount(page: Page, email: string) {
	await sendInvitation(page, email);
	await expect(page.getByText('Giáo Viên Trường Bạn')).toHaveCount(0);
}

test('a teacher of another school accepts a school’s staff request and only then reaches it', async ({
	browser
}) => {
	test.setTimeout(240_000);
	// Nguyễn Tất Thành gives one of its teachers an account (a password of their own).
	const other = await newPage(browser);
	await signIn(other.page, 'nguyentatthanh.admin@demo.example');
	const email = `sl-${run.toLowerCase()}@demo.example`;
	const password = await addTeacherWithAccount(other.page, {
		code: `SLN${run}`,
		name: 'Giáo Viên Trường Bạn',
		email
	});
	await other.context.close();

	const admin = await newPage(browser);
	await signIn(admin.page, 'quangtrung.admin@demo.example');
	const base = await newStaffRow(admin.page, 'Đinh Thị Hoa');
	await offerAccount(admin.page, 'so@demo.example');
	await offerAccount(admin.page, email);

	// The teacher cannot reach Quang Trung before answering.
	const owner = await newPage(browser);
	await signIn(owner.page, email, password);
	expect((await owner.page.goto(`${base}/staff`))?.status()).toBe(404);
	await owner.page.goto('/teacher');
	await expect(
		owner.page.getByRole('status').filter({ hasText: '1 lời mời liên kết tài khoản' })
	).toBeVisible();
	await owner.page.getByRole('link', { name: 'Xem lời mời' }).click();
	await expect(
		owner.page.getByRole('heading', { level: 1, name: 'Lời mời liên kết tài khoản' })
	).toBeVisible();
	const request = owner.page.getByRole('region').filter({ hasText: 'Đinh Thị Hoa' });
	await expect(request).toContainText(
		'Trường THCS Quang Trung đề nghị liên kết bạn làm cán bộ, giáo viên của trường.'
	);
	await expect(request).toContainText('Vai trò được mời: Giáo viên');
	const width = await owner.page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(360);
	await request.getByRole('button', { name: 'Đồng ý liên kết' }).click();
	await expect(owner.page).toHaveURL(/\/account\/links\?done=staff$/);
	await expect(owner.page.getByRole('status')).toContainText(
		'Đã liên kết tài khoản của bạn với hồ sơ cán bộ của trường.'
	);
	await expect(owner.page.getByText('Không có lời mời liên kết nào đang chờ bạn.')).toBeVisible();

	// Now a teacher of Quang Trung too: its staff list opens (read-only, as for every teacher).
	expect((await owner.page.goto(`${base}/staff`))?.status()).toBe(200);
	await expect(owner.page.getByText('Bạn chỉ có quyền xem danh sách này.')).toBeVisible();
	await owner.context.close();

	// The school sees the account now linked with its staff row.
	await admin.page.reload();
	const account = admin.page.getByRole('region', { name: 'Tài khoản đăng nhập' });
	await expect(account.getByText(email, { exact: true })).toBeVisible();
	await admin.context.close();
});
