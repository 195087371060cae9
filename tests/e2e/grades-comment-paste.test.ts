import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * The demo teacher's semester I gradebook (the last one of the list: teacher-enters-grades takes
 * the first): the comment column (nhận xét) without JavaScript on a 360 px phone, saved and shown
 * again after the redirect; then, with JavaScript, a column pasted from a spreadsheet fills the
 * cells below, each checked at once with its error beside it, and nothing is saved until Save.
 */
async function openGradebook(page: Page) {
	await signIn(page, 'quangtrung.gv@demo.example');
	await page.goto('/teacher/grades');
	await page
		.locator('tbody tr[data-semester="1"]:not([data-filled="0"])')
		.last()
		.getByRole('link')
		.click();
	await expect(page).toHaveURL(/\/teacher\/grades\/\d+\/\d+\/\d+$/);
	return page.locator('tbody th[scope="row"]').allInnerTexts();
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

	test('a subject teacher writes a pupil’s comment on a phone and finds it after saving', async ({
		page
	}) => {
		const names = await openGradebook(page);
		const pupil = names[names.length - 1];
		const comment = page.getByLabel(`Nhận xét môn học của ${pupil}`, { exact: true });
		const text = `Chăm chỉ, cần luyện thêm phần hình học (${Date.now() % 10_000}).`;
		await comment.fill(text);
		await page.getByRole('button', { name: 'Lưu sổ điểm' }).click();
		await expect(page).toHaveURL(/\?saved=1$/);
		await expect(page.getByText('Đã lưu sổ điểm.')).toBeVisible();
		await expect(comment).toHaveValue(text);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(360);
	});
});

test.describe('with JavaScript', () => {
	test('a column pasted from a spreadsheet fills the cells below, errors beside them', async ({
		page
	}) => {
		await openGradebook(page);
		await expectAccessible(page);
		const first = page.locator('input[data-row="0"][data-col="tx1"]');
		const before = await page.locator('input[data-row="1"][data-col="tx1"]').inputValue();
		await first.focus();
		await first.evaluate((el) => {
			const data = new DataTransfer();
			data.setData('text/plain', '8\r\n11\r\n7,25\r\nV\r\n');
			el.dispatchEvent(
				new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
			);
		});
		const cell = (row: number) => page.locator(`input[data-row="${row}"][data-col="tx1"]`);
		await expect(cell(0)).toHaveValue('8');
		await expect(cell(1)).toHaveValue('11');
		await expect(cell(3)).toHaveValue('V');
		const td = (row: number) =>
			page
				.locator('tbody tr')
				.nth(row)
				.locator('td', { has: cell(row) });
		await expect(td(1)).toContainText('Điểm phải từ 0 đến 10.');
		await expect(td(2)).toContainText('Điểm chỉ có tối đa một chữ số thập phân.');
		await expect(td(0)).not.toHaveClass(/invalid/);
		await expect(
			page.getByRole('status').filter({ hasText: 'Đã dán 4 ô, 2 ô có lỗi' })
		).toBeVisible();
		// typing over a refused value clears its error; nothing was saved by the paste
		await cell(1).fill('9');
		await expect(td(1)).not.toContainText('Điểm phải từ 0 đến 10.');
		await page.reload();
		await expect(cell(1)).toHaveValue(before);
	});
});
