import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * The department's grade figures (issue 11): from the menu, per school and grade, the share of pupils
 * at each learning and conduct level; the filter is said in words; the area office sees its own
 * schools only; no pupil names. Without JavaScript, in Vietnamese.
 */
test.use({ javaScriptEnabled: false });

test('the department opens the grade figures from the menu and filters them', async ({ page }) => {
	await signIn(page, 'so@demo.example');
	await page.getByRole('link', { name: 'Kết quả học tập' }).first().click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Kết quả học tập và rèn luyện' })
	).toBeVisible();
	await expect(page.getByTestId('scope')).toContainText('Toàn tỉnh, mọi khối · Cả năm');
	const row = page.getByRole('row', { name: /Trường THCS Quang Trung/ }).first();
	await expect(row).toBeVisible();
	await page.getByLabel('Khối').selectOption({ label: 'Khối 8' });
	await page.getByLabel('Kì').selectOption({ label: 'Học kì I' });
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Kết quả học tập và rèn luyện: Khối 8' })
	).toBeVisible();
	await expect(page.getByTestId('scope')).toContainText('Đang lọc: Khối 8 · Học kì I');
	await expect(page.getByRole('columnheader', { name: 'Lên lớp' })).toHaveCount(0);
	const qt = page.getByRole('row', { name: /Trường THCS Quang Trung/ });
	await expect(qt).toHaveCount(1);
	await expect(qt.locator('td').first()).toHaveText('8');
	await expect(page.getByText('Phạm Đức Đạt')).toHaveCount(0);
	await expect(page.getByTestId('total')).toBeVisible();
});

test('the area office sees its own schools only', async ({ page }) => {
	await signIn(page, 'vanyen@demo.example');
	await page.goto('/department/grades');
	await expect(page.getByTestId('scope')).toContainText('Toàn bộ các trường của phòng');
	await expect(page.getByLabel('Phòng GD&ĐT')).toHaveCount(0);
	await expect(page.getByRole('row', { name: /Trường THCS Quang Trung/ })).toHaveCount(0);
});

test('hostile filters and checkpoints get a page or a 404, never a 500', async ({ page }) => {
	await signIn(page, 'so@demo.example');
	const long = 'x'.repeat(100_000);
	for (const query of [
		`area=1e309&grade=99999999999999999999&term=${long}`,
		'area=%00%01&grade=-1&term=%00',
		`area=${long}&page=1e309`
	]) {
		const res = await page.request.get(`/department/grades?${query}`);
		expect(res.status(), query.slice(0, 40)).toBeLessThan(500);
	}
	const parent = await page.request.get('/parent/children/1/grades/report-card/%00year');
	expect(parent.status()).toBe(404);
	const pdf = await page.request.get(`/schools/1/grades/report-cards/1/${'y'.repeat(5000)}/pdf`);
	expect([404, 414, 431]).toContain(pdf.status());
});
