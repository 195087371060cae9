import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/** The department checks the background jobs: the daily recompute, its last and next run. */
test('the department sees the daily recompute among the background jobs', async ({ page }) => {
	await signIn(page, 'so@demo.example');
	await page.getByRole('link', { name: 'Tác vụ nền' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Tác vụ nền' })).toBeVisible();
	const kinds = page.getByRole('table', {
		name: 'Lần chạy gần nhất và lần chạy tiếp theo của từng loại tác vụ'
	});
	await expect(kinds.getByRole('columnheader', { name: 'Lần chạy tiếp theo' })).toBeVisible();
	await expect(
		kinds.getByRole('rowheader', { name: /Tính lại mức độ sử dụng hằng ngày/ })
	).toBeVisible();
	await expectAccessible(page);
});
