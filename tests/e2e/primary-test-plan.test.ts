import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * The school admin's table of primary periodic tests (Circular 27, Art. 7), without JavaScript on a
 * 360 px phone: TH&THCS Đông Cuông's admin gives Đạo đức of grade 2 (the school has no grade 2
 * class, so no other test sees it) an end-of-term test, sees it marked as not the default, and
 * takes it back. A stale form (loaded before the first save) is refused with nothing saved.
 */
test.use({ viewport: { width: 360, height: 740 } });

test('the table is accessible and fits a phone', async ({ page }) => {
	await signIn(page, 'dongcuong.admin@demo.example');
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	await page.goto(`${base}/grades/primary-tests`);
	await expect(page.getByLabel('Toán, khối 4: kiểm tra giữa học kì I và II')).toBeChecked();
	await expectAccessible(page);
	const fits = await page.evaluate(
		() => document.documentElement.scrollWidth <= window.innerWidth + 1
	);
	expect(fits).toBe(true);
});

test.describe('without JavaScript', () => {
	// axe runs in the page: the accessibility scan is the test above, with JavaScript
	test.use({ javaScriptEnabled: false });

	test('the admin edits which primary subjects have periodic tests', async ({ page, browser }) => {
		await signIn(page, 'dongcuong.admin@demo.example');
		const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
		await page.goto(`${base}/grades`);
		await page.getByRole('link', { name: 'Bài kiểm tra định kì tiểu học' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Bài kiểm tra định kì tiểu học' })
		).toBeVisible();
		const end = page.getByLabel('Đạo đức, khối 2: kiểm tra cuối học kì I và cuối năm');
		await expect(end).not.toBeChecked();
		await expect(page.getByLabel('Toán, khối 4: kiểm tra giữa học kì I và II')).toBeChecked();

		// a second tab loads the table before the first save
		const stale = await (
			await browser.newContext({
				javaScriptEnabled: false,
				storageState: await page.context().storageState()
			})
		).newPage();
		await stale.goto(page.url());

		await end.check();
		await page.getByRole('button', { name: 'Lưu bảng kiểm tra' }).click();
		await expect(page.getByText('Đã lưu 1 dòng.')).toBeVisible();
		await expect(end).toBeChecked();
		const row = page.getByRole('row', { name: /Đạo đức/ }).filter({ has: end });
		await expect(row).toContainText('khác mặc định');

		await stale.getByLabel('Đạo đức, khối 2: kiểm tra giữa học kì I và II').check();
		await stale.getByRole('button', { name: 'Lưu bảng kiểm tra' }).click();
		await expect(stale.getByText(/Bảng vừa được người khác sửa/)).toBeVisible();
		await stale.context().close();

		await page.reload();
		await expect(
			page.getByLabel('Đạo đức, khối 2: kiểm tra giữa học kì I và II')
		).not.toBeChecked();
		await end.uncheck();
		await page.getByRole('button', { name: 'Lưu bảng kiểm tra' }).click();
		await expect(page.getByText('Đã lưu 1 dòng.')).toBeVisible();
		await expect(end).not.toBeChecked();
	});
});
