import { expect, test, type Browser, type Page } from '@playwright/test';
import http from 'node:http';
import { signIn } from './helpers';

/**
 * The province's big tables (the adoption heat map of 123 schools × 12 platforms, the dashboard's
 * school × platform matrix) come a page at a time: every page under 100 kB of HTML, paging links
 * that work without JavaScript and keep the filters, columns named by platform, the colour key
 * above the table on a 360 px phone, and the figures beside them still those of the whole province.
 */
const BUDGET = 100 * 1024;
const SCHOOLS = 123; // active schools of the demo province

async function noJs(browser: Browser, width = 1280): Promise<Page> {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width, height: 800 }
	});
	const page = await context.newPage();
	await signIn(page, 'so@demo.example');
	return page;
}

/** The uncompressed bytes of a page's HTML as the server sends it. */
function htmlBytes(url: string, cookie: string): Promise<number> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers: { cookie } }, (res) => {
				let n = 0;
				res.on('data', (c: Buffer) => (n += c.length));
				res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(res.statusCode)));
			})
			.on('error', reject);
	});
}

const heatRows = (page: Page) => page.locator('.heat tbody tr');
const ranking = (page: Page) =>
	page.getByRole('region', { name: 'Xếp hạng nền tảng' }).locator('table').innerText();

test('the big pages of the department stay under 100 kB of HTML', async ({ browser, baseURL }) => {
	const page = await noJs(browser);
	const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	for (const path of [
		'/department',
		'/department?mpage=3',
		'/department/adoption',
		`/department/adoption?page=${Math.ceil(SCHOOLS / 20)}`
	]) {
		expect(await htmlBytes(`${baseURL}${path}`, cookie), path).toBeLessThan(BUDGET);
	}
	await page.context().close();
});

test('the heat map pages without JavaScript, keeps the filter, and the ranking stays the province’s', async ({
	browser
}) => {
	const page = await noJs(browser);
	await page.goto('/department/adoption');
	await expect(heatRows(page)).toHaveCount(20);
	await expect(page.getByText(`Trường 1–20 trong tổng số ${SCHOOLS} trường`)).toBeVisible();
	// columns are named: a short label with the platform's full name as its title
	const head = page.locator('.heat thead abbr[title="Sổ điểm điện tử, học bạ số"]');
	await expect(head).toHaveText('Sổ điểm');
	const firstRanking = await ranking(page);
	const firstSchool = await heatRows(page).first().locator('th').innerText();

	const pager = page.getByRole('navigation', { name: 'Các trang của bản đồ nhiệt' });
	await pager.getByRole('link', { name: 'Sau' }).click();
	await expect(page).toHaveURL(/[?&]page=2/);
	await expect(page.getByText(`Trường 21–40 trong tổng số ${SCHOOLS} trường`)).toBeVisible();
	await expect(heatRows(page)).toHaveCount(20);
	expect(await heatRows(page).first().locator('th').innerText()).not.toBe(firstSchool);
	expect(await ranking(page)).toBe(firstRanking);

	const last = Math.ceil(SCHOOLS / 20);
	await page.goto(`/department/adoption?page=${last}`);
	await expect(heatRows(page)).toHaveCount(SCHOOLS - (last - 1) * 20);
	await expect(pager.getByRole('link', { name: 'Sau' })).toHaveCount(0);
	await pager.getByRole('link', { name: 'Trước' }).click();
	await expect(page).toHaveURL(new RegExp(`[?&]page=${last - 1}`));

	// a filter by platform is kept by the paging links
	await page.goto('/department/adoption?platform=lms');
	await pager.getByRole('link', { name: 'Sau' }).click();
	await expect(page).toHaveURL(/platform=lms/);
	await expect(page).toHaveURL(/page=2/);

	// hostile page numbers fall back to a page that exists
	for (const bad of ['abc', '0', '-1', '1e9', '99999999999', '%00']) {
		const res = await page.goto(`/department/adoption?page=${bad}`);
		expect(res!.status(), bad).toBe(200);
		await expect(heatRows(page).first()).toBeVisible();
	}
	await page.context().close();
});

test('the dashboard’s school matrix pages without JavaScript; the headline stays the province’s', async ({
	browser
}) => {
	const page = await noJs(browser);
	await page.goto('/department');
	const matrix = page.getByRole('figure', { name: 'Ma trận trường × nền tảng' });
	await expect(matrix.locator('thead abbr[title="Thư viện số"]')).toHaveText('Thư viện');
	const headline = await page.locator('.headline').innerText();
	const first = await matrix.locator('tbody tr').first().innerText();
	await matrix.getByRole('link', { name: 'Sau' }).click();
	await expect(page).toHaveURL(/mpage=2/);
	expect(await matrix.locator('tbody tr').first().innerText()).not.toBe(first);
	expect(await page.locator('.headline').innerText()).toBe(headline);
	await page.context().close();
});

test('on a 360 px phone the colour keys are above the tables and the page does not overflow', async ({
	browser
}) => {
	const page = await noJs(browser, 360);
	for (const [path, key] of [
		['/department/adoption', 'Chú giải tỷ lệ'],
		['/department', 'Chú giải trạng thái']
	]) {
		await page.goto(path);
		const legend = page.getByLabel(key);
		await expect(legend).toBeVisible();
		const table = path.endsWith('adoption')
			? page.locator('.heat table')
			: page.locator('table.matrix');
		const [keyBox, tableBox] = [await legend.boundingBox(), await table.boundingBox()];
		expect(keyBox!.y, path).toBeLessThan(tableBox!.y);
		expect(keyBox!.x + keyBox!.width, path).toBeLessThanOrEqual(360);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width, path).toBeLessThanOrEqual(360);
	}
	await page.context().close();
});
