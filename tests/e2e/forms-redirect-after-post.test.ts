import { expect, test, type Browser } from '@playwright/test';
import { signIn } from './helpers';

/**
 * Issue 9, item 10: without JavaScript a successful form post is answered with 303 to a GET
 * (`?answer=`), so a reload never sends the form again: not a usage entry twice, not a second API
 * token. The mechanism is one hook for every form of the portal (server/http/post-answers.ts);
 * these journeys prove it on forms of three modules, and that a failed post stays a 400 page.
 */
async function withoutJs(browser: Browser) {
	const context = await browser.newContext({
		viewport: { width: 360, height: 740 },
		javaScriptEnabled: false
	});
	return { context, page: await context.newPage() };
}

test('logging a use, then reloading, stores one entry', async ({ browser }) => {
	const { context, page } = await withoutJs(browser);
	await signIn(page, 'quangtrung.gv@demo.example');
	await page.goto('/teacher/usage');
	// Minutes no other entry of the demo teacher has: the entry is found by them.
	const minutes = 200 + (Date.now() % 200);
	const entries = page.getByText(`${minutes} phút`, { exact: true });
	await expect(entries).toHaveCount(0);
	await page.getByLabel('Nền tảng').selectOption({ label: 'Phòng thí nghiệm ảo' });
	await page.getByLabel('Số phút').fill(String(minutes));
	const posted = page.waitForResponse((r) => r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
	expect((await posted).status()).toBe(303);
	await expect(page).toHaveURL(/\/teacher\/usage\?answer=[\w-]{22}$/);
	await expect(page.getByRole('status').filter({ hasText: 'Đã ghi nhận' })).toBeVisible();
	await expect(entries).toHaveCount(1);
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'Đã ghi nhận' })).toBeVisible();
	await page.goto('/teacher/usage');
	await expect(entries).toHaveCount(1);

	// A failed post is answered as it is (400, errors beside the fields), not redirected.
	await page.getByLabel('Số tiết').fill('');
	await page.getByLabel('Số phút').fill('');
	const failed = page.waitForResponse((r) => r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
	expect((await failed).status()).toBe(400);
	await expect(page.locator('#log-periods-error')).toHaveText('Nhập số tiết hoặc số phút.');
	await context.close();
});

test('a new API token shows once per post: a reload shows the same token and creates none', async ({
	browser
}) => {
	const { context, page } = await withoutJs(browser);
	await signIn(page, 'quangtrung.admin@demo.example');
	const schoolId = /\/schools\/(\d+)/.exec(page.url())![1];
	await page.goto(`/schools/${schoolId}/api-tokens`);
	const name = `Tải lại ${Date.now().toString(36)}`;
	await page.getByLabel('Tên gợi nhớ').fill(name);
	await page.getByRole('button', { name: 'Tạo mã' }).click();
	await expect(page).toHaveURL(/\?answer=[\w-]{22}$/);
	const secret = await page.locator('#new-token').inputValue();
	expect(secret).toMatch(/^trs_[a-z2-7]{32}$/);
	await page.reload();
	await expect(page.locator('#new-token')).toHaveValue(secret);
	await page.goto(`/schools/${schoolId}/api-tokens`);
	await expect(page.locator('#new-token')).toHaveCount(0);
	await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(1);

	// The kept answer belongs to the session that posted: another session gets the page as it is.
	const answer = new URL(page.url()).search;
	const other = await withoutJs(browser);
	await signIn(other.page, 'quangtrung.admin@demo.example');
	await other.page.goto(`/schools/${schoolId}/api-tokens${answer}`);
	await expect(other.page.locator('#new-token')).toHaveCount(0);
	await other.context.close();
	await context.close();
});

test('saving a class without JavaScript redirects, and the page shows the saved value', async ({
	browser
}) => {
	const { context, page } = await withoutJs(browser);
	await signIn(page, 'quangtrung.admin@demo.example');
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	const run = Date.now().toString(36).slice(-4).toUpperCase();
	await page.goto(`${base}/classes/new`);
	await page.getByLabel('Khối').selectOption('9');
	await page.getByLabel('Tên lớp').fill(`9R${run}`);
	await page.getByRole('button', { name: 'Thêm mới' }).click();
	await page.getByLabel('Tên lớp').fill(`9S${run}`);
	const posted = page.waitForResponse((r) => r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	expect((await posted).status()).toBe(303);
	await expect(page).toHaveURL(/answer=[\w-]{22}$/);
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' }).first()).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Tên lớp')).toHaveValue(`9S${run}`);
	await context.close();
});
