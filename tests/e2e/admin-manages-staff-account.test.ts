import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

test('a school admin adds a teacher, gives them an account and resets its password', async ({
	page,
	browser
}) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	const base = new URL(page.url()).pathname;
	await page.goto(`${base}/staff/new`);
	await page.getByLabel('Mã giáo viên').fill('GV-E2E-1');
	await page.getByLabel('Họ và tên').fill('Nông Thị Thanh Bình');
	await page.getByLabel('Email').fill('binh.e2e@demo.example');
	await page.getByLabel('Toán').check();
	await page.getByRole('button', { name: 'Thêm mới' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Cán bộ: Nông Thị Thanh Bình' })
	).toBeVisible();
	await expect(page.getByLabel('Toán')).toBeChecked();

	const account = page.getByRole('region', { name: 'Tài khoản đăng nhập' });
	await expect(account.getByLabel('Email đăng nhập')).toHaveValue('binh.e2e@demo.example');
	await account.getByRole('button', { name: 'Tạo tài khoản' }).click();
	const shown = account.getByRole('status').filter({ hasText: 'Mật khẩu:' });
	await expect(shown).toBeVisible();
	const password = /Mật khẩu: ([a-z2-9-]+)\./.exec((await shown.textContent()) ?? '')![1];
	await expectAccessible(page);

	// The teacher signs in with the password given once.
	const teacher = await browser.newContext();
	const teacherPage = await teacher.newPage();
	await signIn(teacherPage, 'binh.e2e@demo.example', password);
	await expect(teacherPage.getByRole('heading', { level: 1, name: 'Việc của tôi' })).toBeVisible();

	// A reset with a typed password ends the teacher's session.
	await page.reload();
	const reset = page.locator('form[action="?/resetPassword"]');
	await reset.getByLabel('Tự nhập').check();
	await reset.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-moi-2026');
	await reset.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
	await expect(page.getByText('Đã đặt lại mật khẩu; mọi phiên đăng nhập')).toBeVisible();
	await teacherPage.reload();
	await expect(teacherPage).toHaveURL(/\/login/);
	await signIn(teacherPage, 'binh.e2e@demo.example', 'mat-khau-moi-2026');
	await expect(teacherPage.getByRole('heading', { level: 1, name: 'Việc của tôi' })).toBeVisible();
	await teacher.close();
});
