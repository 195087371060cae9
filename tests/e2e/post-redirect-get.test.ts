import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

/**
 * Post/Redirect/Get (issue 9, item 10): without JavaScript a successful form POST answers a 303 to
 * a GET page that shows the success text, so a reload sends nothing again; a POST that must show a
 * one-time value (a new API token) is idempotent by its form key instead.
 */
test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	/** The methods of the requests a step sends to the portal. */
	async function methodsOf(page: Page, step: () => Promise<unknown>) {
		const methods: string[] = [];
		const listen = (r: { method(): string; resourceType(): string }) => {
			if (r.resourceType() === 'document') methods.push(r.method());
		};
		page.on('request', listen);
		await step();
		page.off('request', listen);
		return methods;
	}

	test('a saved form redirects to a page that says so; a reload only reads it again', async ({
		page
	}) => {
		await signIn(page, 'quangtrung.admin@demo.example');
		const base = new URL(page.url()).pathname;
		await page.goto(`${base}/classes`);
		await page.getByRole('link', { name: '9E', exact: true }).click();
		const editUrl = new URL(page.url()).pathname;
		const name = page.getByLabel('Tên lớp');
		const before = await name.inputValue();
		await name.fill(before);
		await page.getByRole('button', { name: 'Lưu' }).click();

		await expect(page).toHaveURL(new RegExp(`${editUrl}\\?saved=saved$`));
		await expect(page.getByRole('status').filter({ hasText: 'Đã lưu.' })).toBeVisible();
		const methods = await methodsOf(page, () => page.reload());
		expect(methods).toEqual(['GET']);
		await expect(page.getByRole('status').filter({ hasText: 'Đã lưu.' })).toBeVisible();

		// The banner speaks the user's language, and an unknown key shows nothing.
		await page.goto(`${editUrl}?saved=not_a_key`);
		await expect(page.locator('.saved-banner')).toHaveCount(0);
	});

	test('a new API token: the same form key twice shows the same token and creates one', async ({
		page
	}) => {
		await signIn(page, 'quangtrung.admin@demo.example');
		const schoolId = /\/schools\/(\d+)/.exec(page.url())![1];
		await page.goto(`/schools/${schoolId}/api-tokens`);
		const label = `PRG ${Date.now()}`;
		await page.getByLabel('Tên gợi nhớ').fill(label);
		await page.getByLabel('Phạm vi nền tảng').selectOption({ label: 'Thư viện số' });
		const formKey = await page.locator('input[name="formKey"]').inputValue();
		const platformId = await page.getByLabel('Phạm vi nền tảng').inputValue();
		await page.getByRole('button', { name: 'Tạo mã' }).click();
		const secret = await page.locator('#new-token').inputValue();
		expect(secret).toMatch(/^trs_[a-z2-7]{32}$/);

		// What a reload of the answer does: the same body again.
		const again = await page.request.post(`/schools/${schoolId}/api-tokens?/create`, {
			form: { name: label, platformId, formKey },
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
		});
		expect(again.status()).toBe(200);
		const html = await again.text();
		expect(html).toContain(secret);
		expect(html).toContain('không có gì được tạo thêm');

		await page.goto(`/schools/${schoolId}/api-tokens`);
		await expect(page.getByRole('row', { name: new RegExp(label) })).toHaveCount(1);

		// A form key that is not one is refused (4xx), never a 500.
		for (const bad of ['', 'x'.repeat(100_000), 'a\u0000b'.repeat(10)]) {
			const res = await page.request.post(`/schools/${schoolId}/api-tokens?/create`, {
				form: { name: label, platformId, formKey: bad },
				headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
			});
			expect(res.status()).toBe(400);
		}
	});
});
