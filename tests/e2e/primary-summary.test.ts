import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * The primary class summary of TH&THCS Đông Cuông's 4A at the seeded, published mid-term I, on a
 * 360 px phone: counts per level for every subject and quality, no average and
 * no rank. Nothing is written.
 */
test.use({ viewport: { width: 360, height: 740 } });

test('the homeroom teacher reads the class summary of mid-term I', async ({ page }) => {
	await signIn(page, 'dongcuong.gv@demo.example');
	await page.goto('/teacher/primary');
	const section = page.locator('li', { has: page.getByRole('heading', { name: 'Lớp 4A' }) });
	await section.getByRole('link', { name: 'Giữa học kì I', exact: true }).click();
	await page.getByRole('link', { name: 'Tổng hợp lớp' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Tổng hợp kết quả · Lớp 4A · Giữa học kì I' })
	).toBeVisible();
	const toan = page.getByTestId('summary-subjects').getByRole('row', { name: /^Toán/ });
	const counts = (await toan.locator('td').allTextContents()).map(Number);
	expect(counts).toHaveLength(4);
	expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
	await expect(page.getByText(/điểm trung bình|xếp hạng/i)).toHaveText(
		/không có điểm trung bình, không xếp hạng/
	);
	await expectAccessible(page);
	const fits = await page.evaluate(
		() => document.documentElement.scrollWidth <= window.innerWidth + 1
	);
	expect(fits).toBe(true);
});
