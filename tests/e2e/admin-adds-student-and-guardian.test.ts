import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

test('a school admin adds a pupil and links a new guardian', async ({ page }) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	await page.goto(page.url() + '/students');
	await expect(page.getByRole('heading', { level: 1, name: 'Học sinh' })).toBeVisible();
	await page.getByRole('link', { name: 'Thêm học sinh' }).click();

	await page.getByLabel('Mã học sinh').fill('E2E-HS-001');
	await page.getByLabel('Họ và tên').fill('Sùng Thị Mỷ');
	await page.getByLabel('Ngày sinh').fill('05/09/2014');
	await page.getByLabel('Giới tính').selectOption({ label: 'Nữ' });
	await page.getByLabel('Dân tộc').selectOption({ label: 'Mông' });
	await page.getByLabel('Lớp').selectOption({ label: '6A' });
	await page.getByRole('button', { name: 'Thêm mới' }).click();

	await expect(
		page.getByRole('heading', { level: 1, name: 'Học sinh: Sùng Thị Mỷ' })
	).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Đã thêm.' })).toBeVisible();
	await expect(page.getByText('Chưa có phụ huynh nào được liên kết.')).toBeVisible();

	const add = page.locator('form[action="?/addGuardian"]');
	await add.getByLabel('Họ và tên').fill('Sùng A Páo');
	await add.getByLabel('Quan hệ').selectOption({ label: 'Bố' });
	await add.getByLabel('Số điện thoại').fill('0912 345 678');
	await add.getByRole('button', { name: 'Thêm phụ huynh mới' }).click();

	const guardians = page.getByRole('region', { name: 'Phụ huynh của học sinh' });
	const row = guardians.getByRole('row', { name: /Sùng A Páo/ });
	await expect(row).toContainText('Bố');
	await expect(row).toContainText('0912345678');
	await expectAccessible(page);

	// The guardian's page lists the pupil; the list of pupils finds her without diacritics.
	await row.getByRole('link', { name: 'Sùng A Páo' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Phụ huynh: Sùng A Páo' })
	).toBeVisible();
	await expect(page.getByRole('region', { name: 'Học sinh được liên kết' })).toContainText(
		'Sùng Thị Mỷ'
	);
	const schoolBase = new URL(page.url()).pathname.split('/guardians')[0];
	await page.goto(`${schoolBase}/students?q=sung+thi+my`);
	await expect(page.getByRole('link', { name: 'Sùng Thị Mỷ' })).toBeVisible();
});

test('the roster pages fit a phone 360 px wide', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await signIn(page, 'quangtrung.admin@demo.example');
	const base = new URL(page.url()).pathname;
	for (const path of ['/students/new', '/staff', '/imports']) {
		await page.goto(base + path);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width, path).toBeLessThanOrEqual(360);
	}
	await context.close();
});
