import { expect, test } from '@playwright/test';
import { addTeacherWithAccount, expectAccessible, signIn } from './helpers';

test('a school admin adds a teacher, gives them an account and resets its password', async ({
	page,
	browser
}) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	const password = await addTeacherWithAccount(page, {
		code: 'GV-E2E-1',
		name: 'Nông Thị Thanh Bình',
		email: 'binh.e2e@demo.example'
	});
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
