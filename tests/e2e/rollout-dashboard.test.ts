import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/** The rollout dashboard and pages: phones, no JavaScript, print, scope. */
// Several sign-ins and accessibility scans per test: on a busy 2-core machine they need time.
test.describe.configure({ timeout: 90_000 });
const noSideways = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('the province dashboard draws its charts, each with a data table, on a 360 px phone', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await signIn(page, 'so@demo.example');
	await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan toàn tỉnh' })).toBeVisible();
	for (const title of [
		'Tiến độ theo thời gian so với kế hoạch',
		'Tiến độ theo khu vực',
		'Mức độ sử dụng theo nền tảng',
		'Ma trận trường × nền tảng'
	]) {
		const figure = page.getByRole('figure', { name: title });
		await expect(figure.locator('canvas')).toBeVisible();
		await figure.getByText('Bảng số liệu').click();
		await expect(figure.getByRole('table')).toBeVisible();
	}
	expect(await noSideways(page)).toBe(true);
	await expectAccessible(page);
	await context.close();
});

test('filters, tables and print work without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'so@demo.example');
	// Without JavaScript every chart's table is open (there is no chart to read).
	await expect(
		page.getByRole('figure', { name: 'Tiến độ theo khu vực' }).getByRole('table')
	).toBeVisible();
	await page.getByRole('combobox', { name: 'Cấp học' }).selectOption('THPT');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page).toHaveURL(/level=THPT/);
	const areas = page.getByRole('figure', { name: 'Tiến độ theo khu vực' }).getByRole('table');
	const rows = await areas.locator('tbody tr').count();
	expect(rows).toBeGreaterThan(0);
	await page.emulateMedia({ media: 'print' });
	await expect(areas).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeHidden();
	await context.close();
});

test('an area official sees the rollout of the area only', async ({ page }) => {
	await signIn(page, 'vanyen@demo.example');
	await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan khu vực' })).toBeVisible();
	await expect(page.getByRole('combobox', { name: 'Khu vực' })).toHaveCount(0);
	const matrix = page.getByRole('figure', { name: 'Ma trận trường × nền tảng' });
	await matrix.getByText('Bảng số liệu').click();
	await expect(matrix.locator('tbody tr')).toHaveCount(16);
	const summary = await (await page.request.get('/api/v1/rollout/summary')).json();
	expect(summary.schools).toBe(16);
	await expectAccessible(page);
});

test('a school admin’s rollout page and printable report fit a phone and are accessible', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await signIn(page, 'quangtrung.admin@demo.example');
	await page.getByRole('link', { name: 'Triển khai nền tảng' }).first().click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Triển khai chuyển đổi số' })
	).toBeVisible();
	await expect(page.getByText('12/12', { exact: true })).toBeVisible();
	expect(await noSideways(page)).toBe(true);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Báo cáo để in' }).first().click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Báo cáo triển khai chuyển đổi số' })
	).toBeVisible();
	expect(await noSideways(page)).toBe(true);
	await expectAccessible(page);
	await context.close();
});

test('the department manages the catalogue, templates and waves; the 4725 template is labelled unverified', async ({
	page
}) => {
	await signIn(page, 'so@demo.example');
	await page.getByRole('link', { name: 'Danh mục nền tảng' }).first().click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Danh mục nền tảng bắt buộc' })
	).toBeVisible();
	await expect(page.getByText('12 nền tảng đang áp dụng.')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Mẫu tiêu chí' }).first().click();
	const row = page.getByRole('row', { name: /QĐ 4725/ });
	await expect(row.getByText('Bản tham khảo, chưa kiểm chứng')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Đợt triển khai' }).first().click();
	await expect(page.getByRole('link', { name: 'Thí điểm (2022)' })).toBeVisible();
	await expectAccessible(page);
});
