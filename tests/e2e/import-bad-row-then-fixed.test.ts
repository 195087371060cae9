import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

const HEADER = '\uFEFFMã học sinh;Họ và tên;Ngày sinh;Giới tính;Dân tộc;Lớp';
const rows = (dob: string) =>
	[
		'E2E-IMP-1;Giàng A Sử;12/03/2013;Nam;Mông;7A',
		`E2E-IMP-2;Lường Thị Hạnh;${dob};Nữ;Thái;7A`,
		'E2E-IMP-3;Hoàng Văn Lộc;01/10/2013;Nam;Tày;7B'
	].join('\r\n');
const file = (dob: string) => ({
	name: 'hoc-sinh.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from(`${HEADER}\r\n${rows(dob)}\r\n`, 'utf8')
});

test.describe('without JavaScript', () => {
	// The whole flow works without JavaScript: plain multipart POST, preview page, confirm button.
	test.use({ javaScriptEnabled: false });

	test('an import with a bad row shows the error and writes nothing; the fixed file imports', async ({
		page
	}) => {
		await signIn(page, 'quangtrung.admin@demo.example');
		const base = new URL(page.url()).pathname;
		await page.goto(`${base}/imports`);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Nhập dữ liệu từ tệp' })
		).toBeVisible();

		await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Học sinh' });
		await page.getByLabel('Tệp dữ liệu').setInputFiles(file('30/02/2013'));
		await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();

		await expect(
			page.getByRole('heading', { level: 1, name: /Kiểm tra tệp: hoc-sinh\.csv/ })
		).toBeVisible();
		const errors = page.getByRole('region', { name: /Các lỗi cần sửa \(1\)/ });
		await expect(errors.getByRole('row', { name: /30\/02\/2013/ })).toContainText(
			'3Ngày sinh30/02/2013Ngày không hợp lệ (dd/mm/yyyy).'
		);
		await expect(page.getByRole('button', { name: 'Xác nhận và ghi' })).toHaveCount(0);

		await page.goto(`${base}/students?q=E2E-IMP`);
		await expect(page.getByText('0 kết quả')).toBeVisible();

		await page.goto(`${base}/imports`);
		await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Học sinh' });
		await page.getByLabel('Tệp dữ liệu').setInputFiles(file('28/02/2013'));
		await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
		await expect(page.getByText('Tệp hợp lệ.')).toBeVisible();
		await expect(page.getByText('Thêm mới: 3')).toBeVisible();
		await expect(page.getByRole('cell', { name: 'Lường Thị Hạnh' })).toBeVisible();
		await page.getByRole('button', { name: 'Xác nhận và ghi' }).click();
		await expect(page.getByText('Đã nhập xong: 3 thêm mới, 0 cập nhật.')).toBeVisible();

		await page.goto(`${base}/students?q=E2E-IMP`);
		await expect(page.getByText('3 kết quả')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Lường Thị Hạnh' })).toBeVisible();
	});
});

test('the import pages are accessible and the templates download in both formats', async ({
	page
}) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	const base = new URL(page.url()).pathname;
	await page.goto(`${base}/imports`);
	await expectAccessible(page);
	await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Học sinh' });
	await page.getByLabel('Tệp dữ liệu').setInputFiles({
		name: 'sai.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('Mã học sinh,Họ và tên\nX,Y\n', 'utf8')
	});
	await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
	await expect(page.getByText('Thiếu cột bắt buộc “Ngày sinh”.')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Hủy lần nhập này' }).click();
	await expect(page.getByText('Đã hủy lần nhập.')).toBeVisible();
	const csv = await page.request.get(`${base}/imports/template/students.csv`);
	expect(csv.status()).toBe(200);
	expect(await csv.text()).toContain('\uFEFFMã học sinh;Họ và tên;Ngày sinh;Giới tính;Dân tộc;Lớp');
	const xlsx = await page.request.get(`${base}/imports/template/guardians.xlsx`);
	expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
	expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
});
