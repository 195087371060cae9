import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * The homeroom teacher writes the term's comments (nhận xét của GVCN) on a 360 px phone without
 * JavaScript: a text saved and shown again, a second save from a stale page refused without losing
 * what was typed. Semester II comments of the first pupil of 8A are this file's own rows.
 */
test.use({ viewport: { width: 360, height: 740 } });

test('a homeroom teacher writes a pupil’s semester II comment on a phone, without JavaScript', async ({
	page: jsPage,
	browser
}) => {
	let page = jsPage;
	test.setTimeout(120_000);
	await signIn(page, 'quangtrung.gv@demo.example');
	await page.goto('/teacher/homeroom');
	await page.getByRole('link', { name: 'Tổng hợp lớp 8A' }).click();
	await page.getByRole('link', { name: 'Nhận xét của GVCN' }).click();
	await page.getByLabel('Kì đánh giá').selectOption({ label: 'Học kì II' });
	await page.getByRole('button', { name: 'Xem' }).click();
	await expect(page.getByRole('heading', { name: 'Học kì II' })).toBeVisible();
	await expectAccessible(page);
	// from here on without JavaScript: the plain form does the whole job
	const url = page.url();
	const plain = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 360, height: 740 }
	});
	await plain.addCookies(await page.context().cookies());
	page = await plain.newPage();
	await page.goto(url);

	const box = page.locator('textarea').first();
	const name = await page.locator('li.field label').first().innerText();
	const text = `Chăm ngoan, tiến bộ rõ ở môn Toán (${Date.now() % 100000}).`;
	await box.fill(text);
	const stale = await plain.newPage();
	await stale.goto(url);
	await page.getByRole('button', { name: 'Lưu nhận xét' }).click();
	await expect(page.getByText('Đã lưu nhận xét (1 thay đổi).')).toBeVisible();
	await expect(page.getByLabel(name, { exact: true })).toHaveValue(text);
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(360);

	// the page loaded before that save: refused, and what was typed there stays
	await stale.locator('textarea').first().fill('Ghi đè từ trang cũ');
	await stale.getByRole('button', { name: 'Lưu nhận xét' }).click();
	await expect(stale.getByRole('alert')).toContainText('đã được người khác sửa');
	await expect(stale.locator('textarea').first()).toHaveValue('Ghi đè từ trang cũ');
	await stale.close();
	await page.reload();
	await expect(page.getByLabel(name, { exact: true })).toHaveValue(text);
	await plain.close();
});
