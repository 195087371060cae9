import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/** Issue 9, items 11 and 13: words of empty lists, selects, the not-found page, small journeys. */

/** A Vietnam calendar day, `days` from today. */
const vietnamDay = (days: number) =>
	new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

test('one not-found page, in the user’s language with a way home, for an unknown address and a missing row', async ({
	page
}) => {
	// signed out: an unknown address asks to sign in first (no list of the pages that exist)
	const first = await page.goto('/khong-co-trang-nay');
	expect(first?.status()).toBe(200);
	await expect(page).toHaveURL(/\/login\?next=%2Fkhong-co-trang-nay/);
	// an unknown API address keeps its JSON answer
	const api = await page.request.get('/api/v1/khong-co');
	expect(api.status()).toBe(401);
	expect(api.headers()['content-type'] ?? '').toContain('application/json');

	await signIn(page, 'quangtrung.admin@demo.example');
	for (const url of [
		'/khong-co-trang-nay',
		'/a/b/c',
		'/schools/abc/staff',
		'/schools/2000000000/staff',
		// a page outside the user's roles answers as if it did not exist, with the same page
		'/department'
	]) {
		const answer = await page.goto(url);
		expect(answer?.status()).toBe(404);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' })
		).toBeVisible();
		// inside the app: the menu, the hint pointing to it, and the user's own header
		await expect(page.getByText('Hãy chọn trang cần đến trong trình đơn')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Trang chủ' }).first()).toBeVisible();
	}
	// the menu works from the not-found page (hydrated, client-side navigation), also when the
	// page is one outside the user's roles
	await page.setViewportSize({ width: 1280, height: 800 });
	for (const url of ['/khong-co-trang-nay', '/department']) {
		await page.goto(url);
		const nav = page.getByRole('navigation', { name: 'Điều hướng chính' }).last();
		await expect(nav).toBeVisible();
		const link = nav.getByRole('link').nth(1);
		const href = (await link.getAttribute('href'))!;
		await link.click();
		await expect(page).toHaveURL(new RegExp(`${href}$`));
		await expect(page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' })).toHaveCount(
			0
		);
	}
	// a POST to an unknown address is not found either, never a 405 or 500
	const origin = new URL(page.url()).origin;
	const post = await page.request.post('/khong-co-trang-nay', {
		form: { a: '1' },
		headers: { origin }
	});
	expect(post.status()).toBe(404);
});

test('an empty filtered list says so and clears the filter; a select says "Chọn khối"', async ({
	page
}) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	await page.goto(`${base}/staff?q=zzqqxxkhongai`);
	await expect(page.getByText('Không có cán bộ, giáo viên nào khớp với bộ lọc.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Bỏ lọc để xem tất cả' })).toBeVisible();

	await page.goto(`${base}/classes/new`);
	await page.getByLabel('Tên lớp').fill('9Z');
	await page
		.locator('form')
		.evaluateAll((forms) => forms.forEach((f) => ((f as HTMLFormElement).noValidate = true)));
	await page.getByRole('button', { name: 'Thêm mới' }).click();
	await expect(page.getByText('Chọn khối.')).toBeVisible();
	await expect(page.getByText('trở lên')).toHaveCount(0);
});

test('a use logged for yesterday links to its week; days that cannot be logged say why', async ({
	page
}) => {
	await signIn(page, 'quangtrung.gv@demo.example');
	const yesterday = vietnamDay(-1);
	await page.goto('/teacher/usage');
	// (not the LMS: teacher-logs-usage counts the school's LMS sessions while it runs); filled
	// again when the page's hydration reset what was typed before it
	const cls = page.getByRole('checkbox', { name: '8A', exact: true });
	await expect(async () => {
		await page.getByLabel('Nền tảng').selectOption({ label: 'Kiểm tra, đánh giá trực tuyến' });
		await page.getByLabel('Ngày', { exact: true }).fill(yesterday);
		await cls.check();
		await page.getByLabel('Số tiết').fill('1');
		await expect(cls).toBeChecked();
		await expect(page.getByLabel('Ngày', { exact: true })).toHaveValue(yesterday);
	}).toPass({ timeout: 30_000 });
	await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
	const status = page.getByRole('status').filter({ hasText: `ngày ${ddmmyyyy(yesterday)}` });
	await expect(status).toBeVisible();
	await status.getByRole('link', { name: `Xem tuần có ngày ${ddmmyyyy(yesterday)}` }).click();
	await expect(page).toHaveURL(/\/teacher\/usage\/week\?week=/);
	const day = page.locator('ul.days li').filter({ hasText: ddmmyyyy(yesterday) });
	await expect(day).toContainText('Kiểm tra, đánh giá trực tuyến');

	await page.goto(`/teacher/usage/week?week=${vietnamDay(-21)}`);
	await expect(page.getByText('Đã qua: chỉ ghi được 7 ngày gần nhất.').first()).toBeVisible();
	if (new Date(Date.now() + 7 * 3600_000).getUTCDay() !== 0) {
		await page.goto('/teacher/usage/week');
		await expect(
			page.getByText('Chưa đến ngày này: chỉ ghi được ngày đã dạy.').first()
		).toBeVisible();
	}
});
