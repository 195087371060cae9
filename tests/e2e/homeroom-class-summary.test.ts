import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * The demo homeroom teacher's class summary of 8A: every subject's results, then conduct of
 * semester II entered for two pupils, seen in the summary; the same forms on a 360 px phone without
 * JavaScript; hostile posts (NUL, 100k strings, 1e309, concurrent duplicates) answered 4xx; the
 * parent sees no conduct while the school has not published the end of a term.
 * Semester II conduct and pupils 3-4's semester I conduct are this file's own rows.
 */
const TEACHER = 'quangtrung.gv@demo.example';

async function openClass(page: Page) {
	await page.goto('/teacher/homeroom');
	await page.getByRole('link', { name: 'Tổng hợp lớp 8A' }).click();
	await expect(page.getByRole('heading', { name: 'Tổng hợp kết quả lớp 8A' })).toBeVisible();
}

async function pupilIds(page: Page): Promise<number[]> {
	const names = await page
		.locator('input[type="hidden"][name^="v_"]')
		.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name));
	return names.map((n) => Number(n.slice(2)));
}

test('a homeroom teacher enters semester II conduct and sees it in the class summary', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signIn(page, TEACHER);
	await openClass(page);
	const table = page.getByRole('table');
	await expect(table.getByRole('columnheader', { name: 'Học tập' })).toBeVisible();
	await expect(table.getByRole('columnheader', { name: 'Kết quả cuối năm' })).toBeVisible();
	await expect(table.getByRole('columnheader', { name: 'Giáo dục công dân' })).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Nhập rèn luyện' }).click();
	await page.getByLabel('Kì đánh giá').selectOption({ label: 'Học kì II' });
	await page.getByRole('button', { name: 'Xem' }).click();
	const pupils = page.locator('fieldset');
	const names = await page.locator('fieldset legend').allInnerTexts();
	await pupils.nth(0).getByLabel('Tốt').check();
	await pupils.nth(1).getByLabel('Khá').check();
	await page.getByRole('button', { name: 'Lưu rèn luyện' }).click();
	await expect(page.getByText('Đã lưu rèn luyện (2 thay đổi).')).toBeVisible();
	await expect(pupils.nth(0).getByLabel('Tốt')).toBeChecked();
	await expectAccessible(page);

	await page.goto(page.url().replace(/\/conduct.*$/, '?view=2'));
	const row = (name: string) => page.locator('tbody tr', { hasText: name });
	await expect(row(names[0]).locator('[data-col="conduct"]')).toHaveText('Tốt');
	await expect(row(names[1]).locator('[data-col="conduct"]')).toHaveText('Khá');
	// semester II is not complete in any subject yet: no learning level
	await expect(row(names[0]).locator('[data-col="learning"]')).toHaveText('Chưa đủ');
});

test.describe('on a phone without JavaScript', () => {
	test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

	test('the summary and the conduct form fit a 360 px screen and save', async ({ page }) => {
		test.setTimeout(120_000);
		await signIn(page, TEACHER);
		await openClass(page);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await page.getByRole('link', { name: 'Nhập rèn luyện' }).click();
		const third = page.locator('fieldset').nth(2);
		await third.getByLabel('Đạt', { exact: true }).check();
		await page.getByRole('button', { name: 'Lưu rèn luyện' }).click();
		await expect(page.getByText(/Đã lưu rèn luyện \(\d+ thay đổi\)\./)).toBeVisible();
		await expect(page.locator('fieldset').nth(2).getByLabel('Đạt', { exact: true })).toBeChecked();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await page.getByRole('link', { name: '8A', exact: true }).click();
		await page.getByRole('link', { name: 'Kiểm tra lại trong hè' }).click();
		await expect(page.getByText('Không có học sinh nào phải kiểm tra lại.')).toBeVisible();
	});
});

test('hostile conduct and re-test posts are refused with a 4xx, concurrent duplicates with a 409', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signIn(page, TEACHER);
	await openClass(page);
	const base = new URL(page.url());
	await page.goto(`${base.pathname}/conduct?term=1`);
	const ids = await pupilIds(page);
	const pupil = ids[3];
	const post = (path: string, form: Record<string, string>) =>
		page.request.post(path, {
			form,
			headers: { accept: 'text/html', origin: base.origin },
			maxRedirects: 0
		});
	const conduct = `${base.pathname}/conduct`;
	const hostile: Array<Record<string, string>> = [
		{ term: '1', [`l_${pupil}`]: 'tot\u0000', [`v_${pupil}`]: '0' },
		{ term: '1', [`l_${pupil}`]: 'x'.repeat(100_000), [`v_${pupil}`]: '0' },
		{ term: '1', [`l_${pupil}`]: 'tot', [`v_${pupil}`]: '1e309' },
		{ term: '9', [`l_${pupil}`]: 'tot', [`v_${pupil}`]: '0' },
		{ term: '1', l_99999999999: 'tot', v_99999999999: '0' },
		{ term: '1', [`l_2147483647`]: 'tot', [`v_2147483647`]: '0' }
	];
	for (const form of hostile) {
		const res = await post(conduct, form);
		expect(res.status(), JSON.stringify(form).slice(0, 80)).toBeGreaterThanOrEqual(400);
		expect(res.status()).toBeLessThan(500);
	}
	// two saves of the same pupil from the same loaded version: one wins, the other is a conflict
	const same = { term: '1', [`l_${pupil}`]: 'kha', [`v_${pupil}`]: '0' };
	const statuses = (await Promise.all([post(conduct, same), post(conduct, same)]))
		.map((r) => r.status())
		.sort();
	expect(statuses).toEqual([303, 409]);
	// a stale save keeps what was typed and says why
	const stale = await post(conduct, { term: '1', [`l_${pupil}`]: 'tot', [`v_${pupil}`]: '0' });
	expect(stale.status()).toBe(409);

	const retests = `${base.pathname}/retests`;
	for (const form of [
		{},
		{ [`r_${pupil}_1`]: '5\u0000', [`v_${pupil}_1`]: '0' },
		{ [`r_${pupil}_1`]: 'x'.repeat(100_000), [`v_${pupil}_1`]: '0' },
		{ [`r_${pupil}_1`]: '1e309', [`v_${pupil}_1`]: '0' },
		{ [`r_${pupil}_1`]: '5', [`v_${pupil}_1`]: '1e309' }
	]) {
		const res = await post(retests, form);
		expect(res.status()).toBe(400);
	}
});

test('the parent sees no conduct while no end of term is published', async ({ page }) => {
	await signIn(page, 'quangtrung.ph@demo.example');
	await page.goto('/parent');
	const link = page.locator('article.card', { hasText: '8A' }).locator('a[href$="/grades"]');
	await page.goto((await link.first().getAttribute('href'))!);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByText('Rèn luyện:')).toHaveCount(0);
	await expect(page.getByText('Kết quả cuối năm:')).toHaveCount(0);
});
