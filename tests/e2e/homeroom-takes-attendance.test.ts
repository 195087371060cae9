import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * The demo homeroom teacher takes a morning roll of 8A on a 360 px phone without JavaScript: the
 * whole class is present by default, two pupils are marked absent (one excused, one not) and the
 * saved roll shows them; the page never scrolls sideways. A day still to come is refused.
 */
test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

test('a homeroom teacher marks two absences of a session on a phone, without JavaScript', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'quangtrung.gv@demo.example');
	await page.goto('/teacher/attendance');
	await page.getByRole('link', { name: 'Điểm danh lớp 8A' }).click();
	// a past afternoon no other test uses
	await page.getByLabel('Ngày').fill('2026-11-02');
	await page.getByLabel('Buổi').selectOption({ label: 'Chiều' });
	await page.getByRole('button', { name: 'Xem' }).click();
	await expect(page.getByText(/Chưa điểm danh buổi này/)).toBeVisible();
	const pupils = page.locator('fieldset');
	expect(await pupils.count()).toBeGreaterThan(3);
	for (const fieldset of (await pupils.all()).slice(0, 3))
		await expect(fieldset.getByLabel('Có mặt')).toBeChecked();
	const names = await page.locator('fieldset legend').allInnerTexts();
	await pupils.nth(0).getByLabel('Vắng có phép').check();
	await pupils.nth(2).getByLabel('Vắng không phép').check();
	await page.getByRole('button', { name: 'Lưu điểm danh' }).click();
	await expect(page.getByText('Đã lưu điểm danh: 2 học sinh vắng.')).toBeVisible();
	await expect(
		page.locator('fieldset', { hasText: names[0] }).getByLabel('Vắng có phép')
	).toBeChecked();
	await expect(
		page.locator('fieldset', { hasText: names[2] }).getByLabel('Vắng không phép')
	).toBeChecked();
	await expect(page.locator('fieldset', { hasText: names[1] }).getByLabel('Có mặt')).toBeChecked();
	await expect(page.getByText(/Đã điểm danh lúc/)).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

	// a day still to come: refused, nothing saved
	const url = new URL(page.url());
	const res = await page.request.post(url.pathname, {
		form: { day: '2099-01-01', session: 'morning', version: '0' },
		headers: { accept: 'text/html', origin: url.origin },
		maxRedirects: 0
	});
	expect(res.status()).toBe(400);
	expect(await res.text()).toContain('Không điểm danh trước cho ngày chưa tới.');
});
