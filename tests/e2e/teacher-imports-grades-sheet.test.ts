import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * The demo teacher downloads a semester II gradebook as XLSX, marks one TX1 cell in the file "v" (absent, make-up pending)
 * (exceljs plays Excel), uploads it on the import page without JavaScript, sees the preview (the
 * changed cell old → new, no error), confirms, and finds the new value in the gradebook. TX1 of
 * the last pupil of the last semester II gradebook: no other journey writes there.
 */
test.use({ javaScriptEnabled: false });

test('a subject teacher exports the gradebook, edits one cell in the XLSX and imports it', async ({
	page
}) => {
	test.setTimeout(90_000);
	await signIn(page, 'quangtrung.gv@demo.example');
	await page.goto('/teacher/grades');
	await page.locator('tbody tr[data-semester="2"]').last().getByRole('link').click();
	await expect(page).toHaveURL(/\/teacher\/grades\/\d+\/\d+\/\d+$/);
	const bookUrl = new URL(page.url()).pathname;

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Tải sổ điểm (XLSX)' }).click();
	const file = await (await download).path();
	expect((await download).suggestedFilename()).toMatch(/^so-diem-\d+-\d+-hk2\.xlsx$/);

	const book = new ExcelJS.Workbook();
	await book.xlsx.load((await readFile(file)).buffer as ArrayBuffer);
	const sheet = book.worksheets[0];
	const header = sheet.getRow(1).values as unknown[];
	expect(header.slice(1, 3)).toEqual(['Mã HS', 'Họ và tên']);
	const tx1 = header.indexOf('TX1');
	const last = sheet.getRow(sheet.rowCount);
	const name = String(last.getCell(2).value);
	// "V" (absent, make-up pending) is valid in a scored and in a comment subject alike
	const next = last.getCell(tx1).value === 'V' ? 'M' : 'V';
	last.getCell(tx1).value = next.toLowerCase();
	// the comment column travels too (a unique text, so reruns always change it)
	const comment = `Tiến bộ rõ, giữ nhịp học tập (${Date.now() % 100000}).`;
	last.getCell(header.indexOf('Nhận xét')).value = comment;
	const edited = Buffer.from(await book.xlsx.writeBuffer());
	const typed = next;

	await page.getByRole('link', { name: 'Nhập điểm từ tệp XLSX' }).click();
	await expect(page.getByRole('heading', { name: 'Nhập điểm từ tệp XLSX' })).toBeVisible();
	await page.getByLabel('Tệp sổ điểm').setInputFiles({
		name: 'so-diem.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: edited
	});
	await page.getByRole('button', { name: 'Xem trước' }).click();
	await expect(page).toHaveURL(/\/import\?batch=[0-9a-f-]{36}$/);
	await expect(page.getByText('2 ô thay đổi, 0 lỗi.')).toBeVisible();
	const change = page.locator('tbody tr', { hasText: name }).filter({ hasText: 'TX1' });
	await expect(change.locator('strong')).toHaveText(typed);
	const noted = page.locator('tbody tr', { hasText: name }).filter({ hasText: 'Nhận xét' });
	await expect(noted.locator('strong')).toHaveText(comment);

	await page.getByRole('button', { name: 'Xác nhận và lưu tất cả' }).click();
	await expect(page).toHaveURL(new RegExp(`${bookUrl}\\?saved=1$`));
	await expect(page.getByText('Đã lưu sổ điểm.')).toBeVisible();
	await expect(page.getByLabel(`Đánh giá thường xuyên 1 của ${name}`, { exact: true })).toHaveValue(
		typed
	);
	await expect(page.getByLabel(`Nhận xét môn học của ${name}`, { exact: true })).toHaveValue(
		comment
	);

	// the same (now stale) file again: the changed row is refused in the preview, nothing saved
	await page.goto(`${bookUrl}/import`);
	await page.getByLabel('Tệp sổ điểm').setInputFiles({
		name: 'so-diem.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: edited
	});
	await page.getByRole('button', { name: 'Xem trước' }).click();
	await expect(
		page.getByText('Dòng này đã được sửa sau khi xuất tệp.', { exact: false })
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Xác nhận và lưu tất cả' })).toHaveCount(0);

	// a hostile upload (not a spreadsheet: NUL bytes and 100k characters): a clear 400 at the form
	await page.goto(`${bookUrl}/import`);
	await page.getByLabel('Tệp sổ điểm').setInputFiles({
		name: 'so-diem.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: Buffer.from(`\u0000${'x'.repeat(100_000)}`)
	});
	const [answer] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Xem trước' }).click()
	]);
	expect(answer.status()).toBe(400);
	await expect(page.getByRole('alert')).toContainText('Không đọc được tệp.');
});
