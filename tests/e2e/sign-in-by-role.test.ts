import { expect, test } from '@playwright/test';
import { addTeacherWithAccount, expectAccessible, signIn, signInWithForm } from './helpers';

const homes = [
	{ email: 'so@demo.example', path: /\/department$/, heading: 'Tổng quan toàn tỉnh' },
	{ email: 'vanyen@demo.example', path: /\/department$/, heading: 'Tổng quan khu vực' },
	{
		email: 'quangtrung.admin@demo.example',
		path: /\/schools\/\d+$/,
		heading: 'Trường THCS Quang Trung'
	},
	{
		email: 'nguyentatthanh.admin@demo.example',
		path: /\/schools\/\d+$/,
		heading: 'Trường THPT Chuyên Nguyễn Tất Thành'
	},
	{ email: 'quangtrung.gv@demo.example', path: /\/teacher$/, heading: 'Việc của tôi' },
	{ email: 'nguyentatthanh.gv@demo.example', path: /\/teacher$/, heading: 'Việc của tôi' },
	{ email: 'quangtrung.ph@demo.example', path: /\/parent$/, heading: 'Con của tôi' }
];

test('the sign-in page is accessible and in Vietnamese', async ({ page }) => {
	await page.goto('/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
	await expectAccessible(page);
});

for (const home of homes) {
	test(`${home.email} signs in and lands on their home`, async ({ page }) => {
		await signInWithForm(page, home.email);
		await expect(page).toHaveURL(home.path);
		await expect(page.getByRole('heading', { level: 1, name: home.heading })).toBeVisible();
		await expectAccessible(page);
	});
}

test('a wrong password shows the error beside the form, without JavaScript too', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('Số điện thoại hoặc email').fill('so@demo.example');
	await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page.getByRole('alert')).toHaveText('Số điện thoại/email hoặc mật khẩu không đúng.');
	await expect(page.getByLabel('Mật khẩu')).toHaveValue('');
	await page.getByLabel('Số điện thoại hoặc email').fill('');
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page.locator('#f-login-error')).toHaveText('Vui lòng nhập thông tin này.');
	await context.close();
});

test('the language switch turns the portal to English and is remembered for the user', async ({
	page,
	browser
}) => {
	// A teacher of its own: other tests sign in as the demo teachers at the same time.
	const admin = await browser.newContext();
	const adminPage = await admin.newPage();
	await signIn(adminPage, 'nguyentatthanh.admin@demo.example');
	const email = 'ngon.ngu.e2e@demo.example';
	const password = await addTeacherWithAccount(adminPage, {
		code: 'GV-E2E-LANG',
		name: 'Hà Thị Ngôn',
		email
	});
	await admin.close();

	await signIn(page, email, password);
	await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'My work' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	// A new browser (no cookie) gets English after signing in: the choice is on the account.
	const other = await browser.newContext();
	const page2 = await other.newPage();
	await signInWithForm(page2, email, password);
	await expect(page2.getByRole('heading', { level: 1, name: 'My work' })).toBeVisible();
	await page2.getByRole('button', { name: 'Switch to Vietnamese' }).click();
	await expect(page2.getByRole('heading', { level: 1, name: 'Việc của tôi' })).toBeVisible();
	await other.close();
});

test('signing out ends the session', async ({ page }) => {
	await signIn(page, 'so@demo.example');
	await page.getByRole('button', { name: 'Đăng xuất' }).click();
	await expect(page).toHaveURL(/\/login/);
	await page.goto('/department');
	await expect(page).toHaveURL(/\/login\?next=%2Fdepartment/);
});
