import { expect, test, type Page } from '@playwright/test';
import { semesterAverage } from '../../src/lib/grades/secondary';
import { signIn } from './helpers';

/**
 * The demo teacher (homeroom 8A, THCS Quang Trung) opens a semester I gradebook of a subject they
 * teach, whose TX and GK columns the demo seed filled, and enters end-of-term scores in the plain
 * form without JavaScript: the averages appear; an invalid score is refused beside its cell with
 * every other typed value kept, and nothing is saved.
 */
test.use({ javaScriptEnabled: false });

const score = (text: string) => Number(text.replace(',', '.'));

async function rowScores(page: Page, row: number) {
	const inputs = page.locator('tbody tr').nth(row).locator('input[type="text"], input:not([type])');
	const values = await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
	const names = await inputs.evaluateAll((els) =>
		els.map((e) => (e as HTMLInputElement).dataset.col)
	);
	return Object.fromEntries(names.map((n, i) => [n!, values[i]]));
}

test('a subject teacher enters end-of-term scores without JavaScript and sees the averages', async ({
	page
}) => {
	test.setTimeout(90_000);
	await signIn(page, 'quangtrung.gv@demo.example');
	await page.goto('/teacher/grades');
	await expect(page.getByRole('heading', { name: 'Sổ điểm của tôi' })).toBeVisible();
	// a semester I gradebook the seed has started (some cells entered)
	const semesterOne = page.locator('tbody tr[data-semester="1"]:not([data-filled="0"])').first();
	await semesterOne.getByRole('link').click();
	await expect(page).toHaveURL(/\/teacher\/grades\/\d+\/\d+\/\d+$/);
	const url = page.url();

	const names = await page.locator('tbody th[scope="row"]').allInnerTexts();
	expect(names.length).toBeGreaterThan(3);
	const ck = (i: number) => page.getByLabel(`Đánh giá cuối kì của ${names[i]}`, { exact: true });
	// the seed entered TX and GK; CK is open, so there is no average yet, only what is missing
	await expect(ck(0)).toHaveValue('');
	await expect(page.locator('tbody tr').first()).toContainText('Còn thiếu: CK');

	await ck(0).fill('8,5');
	await ck(1).fill('7');
	await page.getByRole('button', { name: 'Lưu sổ điểm' }).click();
	await expect(page).toHaveURL(/\?saved=1$/);
	await expect(page.getByText('Đã lưu sổ điểm.')).toBeVisible();
	const cells = await rowScores(page, 0);
	const regular = Object.keys(cells)
		.filter((c) => c.startsWith('tx'))
		.map((c) => score(cells[c]));
	const expected = semesterAverage({ regular, midterm: score(cells.gk), final: 8.5 });
	const average = expected.toFixed(1).replace('.', ',');
	await expect(page.locator('tbody tr').first().locator('td:not(.comment-col)').last()).toHaveText(
		average
	);

	// an invalid score: refused beside its cell, the other typed values kept, nothing saved
	await ck(2).fill('11');
	await ck(3).fill('6,5');
	await ck(0).fill('9');
	await page.getByRole('button', { name: 'Lưu sổ điểm' }).click();
	await expect(page.getByRole('alert')).toContainText('Chưa lưu: 1 ô có lỗi');
	const cell = page
		.locator('tbody tr')
		.nth(2)
		.locator('td', { has: ck(2) });
	await expect(cell).toContainText('Điểm phải từ 0 đến 10.');
	await expect(ck(2)).toHaveAttribute('aria-invalid', 'true');
	await expect(ck(2)).toHaveValue('11');
	await expect(ck(3)).toHaveValue('6,5');
	await expect(ck(0)).toHaveValue('9');
	await page.goto(url);
	await expect(ck(0)).toHaveValue('8,5');
	await expect(ck(3)).toHaveValue('');
});

test('the gradebook scrolls inside its box on a 360 px phone', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await signIn(page, 'quangtrung.gv@demo.example');
	await page.goto('/teacher/grades');
	await page.locator('tbody tr').first().getByRole('link').click();
	await expect(page.locator('.grid table')).toBeVisible();
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(360);
});
