import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a staff form posted without JavaScript shows the errors beside the fields', async ({
		page
	}) => {
		await signIn(page, 'quangtrung.admin@demo.example');
		const base = new URL(page.url()).pathname;
		await page.goto(`${base}/staff/new`);
		await page.getByLabel('Mã giáo viên').fill('GV 01');
		await page.getByLabel('Họ và tên').fill('Trần Thị Thu Hà');
		await page.getByLabel('Email').fill('thu-ha@');
		await page.getByLabel('Số điện thoại').fill('12345');
		await page.getByRole('button', { name: 'Thêm mới' }).click();

		await expect(page.locator('#f-email-error')).toHaveText('Địa chỉ email không hợp lệ.');
		await expect(page.locator('#f-phone-error')).toHaveText(
			'Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0).'
		);
		await expect(page.locator('#f-code-error')).toHaveText(
			'Mã chỉ gồm chữ, số, dấu chấm, gạch ngang hoặc gạch dưới (tối đa 30 ký tự).'
		);
		await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
		// What the user typed is still there.
		await expect(page.getByLabel('Họ và tên')).toHaveValue('Trần Thị Thu Hà');

		// A code already used at the school: a server-side check, shown beside the field too.
		await page.getByLabel('Mã giáo viên').fill('GV001');
		await page.getByLabel('Email').fill('');
		await page.getByLabel('Số điện thoại').fill('');
		await page.getByRole('button', { name: 'Thêm mới' }).click();
		await expect(page.locator('#f-code-error')).toHaveText('Mã này đã được dùng.');
	});

	test('a second save of the same version gives the conflict message and keeps the first', async ({
		browser
	}) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const first = await context.newPage();
		await signIn(first, 'quangtrung.admin@demo.example');
		const base = new URL(first.url()).pathname;
		await first.goto(`${base}/classes`);
		await first.getByRole('link', { name: '9E', exact: true }).click();
		const editUrl = first.url();
		const second = await context.newPage();
		await second.goto(editUrl);

		await first.getByLabel('Tên lớp').fill('9E1');
		await first.getByRole('button', { name: 'Lưu' }).click();
		await expect(first.getByRole('status').filter({ hasText: 'Đã lưu.' })).toBeVisible();

		await second.getByLabel('Tên lớp').fill('9E2');
		await second.getByRole('button', { name: 'Lưu' }).click();
		await expect(second.getByRole('alert')).toHaveText(
			'Bản ghi đã được người khác sửa trong lúc bạn đang sửa. Hãy tải lại trang, xem thay đổi mới nhất rồi sửa lại.'
		);
		await second.goto(editUrl);
		await expect(second.getByLabel('Tên lớp')).toHaveValue('9E1');
		await context.close();
	});
});
