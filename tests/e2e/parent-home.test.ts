import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

test('a parent sees each child with the class, whom to contact and the school’s apps, on a phone', async ({
	page
}) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await signIn(page, 'quangtrung.ph@demo.example');
	await expect(page.getByRole('heading', { name: 'Con của tôi' })).toBeVisible();
	const cards = page.locator('article.card');
	await expect(cards).toHaveCount(2);
	for (const card of await cards.all()) {
		await expect(card.getByText('THCS Quang Trung')).toBeVisible();
		await expect(card.getByRole('heading', { name: 'Liên hệ' })).toBeVisible();
		await expect(card.getByText('Giáo viên chủ nhiệm:')).toBeVisible();
		await expect(card.getByRole('heading', { name: 'Ứng dụng dành cho phụ huynh' })).toBeVisible();
		// The three platforms parents use themselves, each with its state at the school.
		await expect(card.locator('section').last().locator('li')).toHaveCount(3);
	}
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(360);
	await expectAccessible(page);
});

test('a parent gets “not found” for the school pages of their children’s school', async ({
	page
}) => {
	await signIn(page, 'quangtrung.ph@demo.example');
	const api = await page.request.get('/api/v1/schools?q=Quang%20Trung');
	const { schools } = (await api.json()) as { schools: { id: number }[] };
	expect(schools.length).toBeGreaterThan(0);
	const school = await page.request.get(`/schools/${schools[0].id}/students`, { maxRedirects: 0 });
	expect(school.status()).toBe(404);
	await page.goto('/parent');
	await expect(page.locator('article.card')).toHaveCount(2);
});
