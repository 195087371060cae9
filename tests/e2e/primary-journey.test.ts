import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * The primary teacher of TH&THCS Đông Cuông (Circular 27) enters levels and test scores for one
 * pupil of 4A on a 360 px phone: a test score of 0 is refused beside its cell and what was typed
 * stays; then the save goes through. The grid also saves without JavaScript. The demo parent sees
 * only the published mid-term I of their own child, never end of term I (entered, not published).
 * The journey writes only end-of-term-I cells of the last pupils of 4A (not seeded, not published).
 */
test.use({ viewport: { width: 360, height: 740 } });

async function openEnd1(page: Page) {
	await page.goto('/teacher/primary');
	await expect(page.getByRole('heading', { name: 'Lớp 4A' })).toBeVisible();
	const links = page.locator('a[href$="/end1"]');
	const href = (await links.nth(1).getAttribute('href'))!;
	await page.goto(href);
	return href;
}

test('the primary teacher enters one pupil’s levels and scores on a phone', async ({ page }) => {
	test.slow(); // two accessibility scans of a long grid
	await signIn(page, 'dongcuong.gv@demo.example');
	const href = await openEnd1(page);
	await expect(page.getByRole('heading', { name: /Lớp 4A · Cuối học kì I/ })).toBeVisible();
	await expectAccessible(page);

	const pupilLinks = page.locator(`a[href^="${href}?pupil="]`);
	const last = pupilLinks.last();
	const name = (await last.textContent())!.trim();
	await last.click();
	await expect(page.getByRole('heading', { name })).toBeVisible();
	await expectAccessible(page);
	const noHorizontalScroll = await page.evaluate(
		() => document.documentElement.scrollWidth <= window.innerWidth + 1
	);
	expect(noHorizontalScroll).toBe(true);

	await page.getByLabel('Tiếng Việt · Mức đạt được').selectOption('T');
	await page.getByLabel('Tiếng Việt · Điểm KTĐK').fill('0');
	await page.getByLabel('Toán · Mức đạt được').selectOption('H');
	await page.getByLabel('Toán · Điểm KTĐK').fill('8');
	await page.getByRole('button', { name: 'Lưu đánh giá' }).click();
	await expect(page.getByText('không cho điểm 0')).toBeVisible();
	await expect(page.getByLabel('Tiếng Việt · Điểm KTĐK')).toHaveValue('0');
	await expect(page.getByLabel('Toán · Điểm KTĐK')).toHaveValue('8');
	await expectAccessible(page);

	await page.getByLabel('Tiếng Việt · Điểm KTĐK').fill('9');
	await page.getByRole('button', { name: 'Lưu đánh giá' }).click();
	await expect(page.getByText(/Đã lưu \d+ ô/)).toBeVisible();
	await expect(page.getByLabel('Tiếng Việt · Điểm KTĐK')).toHaveValue('9');
	await expect(page.getByLabel('Toán · Mức đạt được')).toHaveValue('H');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the grid refuses 7.5 beside its cell and keeps the rest', async ({ page }) => {
		await signIn(page, 'dongcuong.gv@demo.example');
		await openEnd1(page);
		const rows = page.locator('tbody tr');
		const pupil = rows.nth((await rows.count()) - 2);
		const name = (await pupil.locator('th').textContent())!.trim();
		await page.getByLabel(`${name} · Toán · Điểm KTĐK`).fill('7.5');
		await page.getByLabel(`${name} · Khoa học · Mức đạt được`).selectOption('T');
		await page.getByRole('button', { name: 'Lưu đánh giá' }).click();
		await expect(page.getByText('không cho điểm thập phân')).toBeVisible();
		await expect(page.getByLabel(`${name} · Toán · Điểm KTĐK`)).toHaveValue('7.5');
		await expect(page.getByLabel(`${name} · Khoa học · Mức đạt được`)).toHaveValue('T');
	});
});

test('the parent sees only the published checkpoint of their own child', async ({ page }) => {
	await signIn(page, 'dongcuong.ph@demo.example');
	await page.goto('/parent');
	await page.locator('a[href$="/grades"]').first().click();
	await expect(page.getByRole('heading', { name: 'Đánh giá theo Thông tư 27' })).toBeVisible();
	await expect(page.getByTestId('cp-mid1')).toBeVisible();
	await expect(page.getByTestId('cp-end1')).toHaveCount(0);
	await expect(page.getByText('Cuối học kì I')).toHaveCount(0);
	await expect(page.getByTestId('cp-mid1').getByRole('row')).not.toHaveCount(0);
	await expect(page.getByText(/trung bình của lớp|xếp hạng/i)).toHaveCount(0);
	await expectAccessible(page);
});
