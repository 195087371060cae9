import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * Without JavaScript: the admin of THCS Quang Trung opens the published timetable as one
 * whole-school grid and downloads it (CSV, XLSX); on the seeded absence a lesson is left to the
 * class as self-study, shown as such, then taken back. Hostile values get a 400, never a 500.
 */
test.use({ javaScriptEnabled: false });

test('whole-school grid, export, and a lesson left to self-study', async ({ page, baseURL }) => {
	test.setTimeout(90_000);
	await signIn(page, 'quangtrung.admin@demo.example');
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	await page.goto(`${base}/timetable`);
	const published = page.locator('tr[data-status="published"]').first();
	await published.getByRole('link', { name: 'Xem' }).first().click();
	await page.getByRole('link', { name: 'Cả trường' }).click();
	const grid = page.getByRole('table', { name: /^Thời khóa biểu toàn trường/ });
	await expect(grid).toBeVisible();
	await expect(grid.getByRole('columnheader', { name: '8A' })).toBeVisible();
	await expect(grid.getByText(/^Chào cờ \(/).first()).toBeVisible();

	const version = /timetable\/(\d+)/.exec(page.url())![1];
	const csv = await page.request.get(`${base}/timetable/${version}/export?format=csv`);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(await csv.text()).toContain('8A');
	const xlsx = await page.request.get(`${base}/timetable/${version}/export?format=xlsx`);
	expect(xlsx.status()).toBe(200);
	expect(xlsx.headers()['content-disposition']).toContain('.xlsx');

	// the seeded absence: one open lesson left to self-study, then taken back
	await page.goto(`${base}/timetable/cover`);
	await page.locator('li[data-testid^="absence-"] a').first().click();
	const detail = page.url();
	const open = page.locator('li[data-testid^="lesson-"]', {
		has: page.getByRole('button', { name: 'Cho lớp tự học' })
	});
	if ((await open.count()) > 0) {
		const key = (await open.first().getAttribute('data-testid'))!.replace('lesson-', '');
		await open.first().getByRole('button', { name: 'Cho lớp tự học' }).click();
		const card = page.getByTestId(`lesson-${key}`);
		await expect(card.getByRole('status')).toHaveText('Đã ghi nhận cách xử lí tiết này.');
		await expect(card).toContainText('Lớp tự học');
		const [day, period, classId] = key.split('|');
		const post = (form: Record<string, string>) =>
			page.request.post(`${detail}?/alone`, {
				form,
				headers: { accept: 'text/html', origin: baseURL! }
			});
		expect((await post({ day, period, classId, kind: 'self_study' })).status()).toBe(409);
		const hostile: Record<string, string>[] = [
			{ day, period, classId, kind: 'nap' },
			{ day: `${day}\u0000`, period, classId, kind: 'self_study' },
			{ day, period: '99999999999999999999', classId, kind: 'self_study' },
			{ day, period, classId: 'x'.repeat(100_000), kind: 'self_study' },
			{ day, period, classId, kind: 'merged', mergedClassId: '2000000000' }
		];
		for (const bad of hostile)
			expect((await post(bad)).status(), JSON.stringify(bad).slice(0, 60)).toBeLessThan(500);
		expect(
			(await post({ day, period, classId, kind: 'merged', mergedClassId: '-1' })).status()
		).toBe(400);
		await card.getByRole('button', { name: 'Bỏ phân công' }).click();
		await expect(page.getByText('Đã bỏ phân công dạy thay.')).toBeVisible();
	}
});
