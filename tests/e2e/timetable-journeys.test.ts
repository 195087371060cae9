import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * Timetable journeys without JavaScript: the admin of THPT Chuyên Nguyễn Tất Thành generates a
 * timetable (the page reloads itself while the job runs), opens the draft and publishes it; the
 * demo teacher of Quang Trung sees their week on a 360 px phone; the demo parent sees their own
 * child's class timetable and nobody else's.
 */
test.use({ javaScriptEnabled: false });

test('the school admin generates a timetable, opens the draft and publishes it', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'nguyentatthanh.admin@demo.example');
	await page.getByRole('link', { name: 'Thời khóa biểu' }).first().click();
	await expect(page.getByRole('heading', { name: 'Thời khóa biểu', level: 1 })).toBeVisible();
	await expect(page.getByText('Không thấy trở ngại nào')).toBeVisible();
	const before = await page.locator('tr[data-status]').count();

	await page.getByLabel('Thời gian tối đa').selectOption('10');
	await page.getByRole('button', { name: 'Xếp thời khóa biểu' }).click();
	// while it runs the row says so; the page reloads itself until the draft is stored. The
	// editor's journey adds draft copies at the same school meanwhile: follow this run's row by id.
	await expect.poll(() => page.locator('tr[data-status]').count()).toBeGreaterThan(before);
	const running = page.locator('tbody tr[data-status="generating"]').first();
	const rowId =
		(await running.count()) > 0
			? await running.getAttribute('data-testid')
			: await page.locator('tbody tr[data-status]').first().getAttribute('data-testid');
	const newest = page.getByTestId(rowId!);
	await expect(newest).toHaveAttribute('data-status', 'draft', { timeout: 60_000 });
	await expect(newest).toContainText(/Đã xếp (\d+)\/\1 tiết/);

	await newest.getByRole('link', { name: 'Xem' }).click();
	await expect(page.getByRole('heading', { name: /Thời khóa biểu số \d+/ })).toBeVisible();
	await expect(page.locator('caption')).toContainText('Lớp 10');
	await expect(page.locator('td.filled').first()).toBeVisible();
	await expect(page.getByText('Chào cờ').first()).toBeVisible();
	await page.getByLabel('Theo giáo viên').selectOption({ index: 0 });
	await page.getByRole('button', { name: 'Xem' }).nth(1).click();
	await expect(page.locator('caption')).toContainText('Giáo viên');

	await page.goBack();
	await page.goBack();
	await page.reload();
	// this run's draft, by id (the editor's journey has a draft of its own here meanwhile)
	await newest.getByRole('button', { name: 'Công bố' }).click();
	await expect(page.getByText('Đã công bố thời khóa biểu.')).toBeVisible();
	await expect(page.getByTestId(rowId!)).toHaveAttribute('data-status', 'published');
});

test('hostile values in the forms get a 400, never a 500', async ({ page, baseURL }) => {
	await signIn(page, 'nguyentatthanh.admin@demo.example');
	await page.getByRole('link', { name: 'Thời khóa biểu' }).first().click();
	const res = await page.request.post(`${page.url()}?/settings`, {
		form: { days: '6', sessions: 'both\u0000', periodsPerSession: '1e400', version: '1' },
		headers: { accept: 'text/html', origin: baseURL! }
	});
	expect(res.status()).toBe(400);
	const huge = await page.request.post(`${page.url()}?/generate`, {
		form: { seed: '9'.repeat(100_000), timeLimitSeconds: '30' },
		headers: { accept: 'text/html', origin: baseURL! }
	});
	expect(huge.status()).toBe(400);
});

test("a teacher sees their week on a phone, today's day first", async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await signIn(page, 'quangtrung.gv@demo.example');
	await page.goto('/teacher/timetable');
	await expect(page.getByRole('heading', { name: 'Lịch dạy tuần này' })).toBeVisible();
	const days = page.locator('section[data-testid^="day-"]');
	await expect(days).toHaveCount(6);
	const weekday = await page.evaluate(() => (new Date().getDay() + 6) % 7);
	const first = await days.first().getAttribute('data-testid');
	expect(first).toBe(`day-${weekday === 6 ? 0 : weekday}`);
	// the homeroom teacher of 8A holds Chào cờ on Monday's first period
	await expect(page.getByTestId('day-0')).toContainText('Chào cờ');
	await expect(page.getByTestId('day-0')).toContainText('8A');
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
});

test("a parent sees their own child's class timetable and no one else's", async ({
	page,
	browser
}) => {
	await signIn(page, 'quangtrung.ph@demo.example');
	await page.goto('/parent');
	const children = (
		await page
			.locator('a[href^="/parent/timetable/"]')
			.evaluateAll((as) => as.map((a) => a.getAttribute('href')))
	).map((h) => Number(h!.split('/').pop()));
	const link = page.getByRole('link', { name: /Xem thời khóa biểu lớp/ }).first();
	await expect(link).toBeVisible();
	const className = (await link.innerText()).replace('Xem thời khóa biểu lớp ', '').trim();
	await link.click();
	await expect(page.getByRole('heading', { name: /Thời khóa biểu của/ })).toBeVisible();
	await expect(page.locator('caption')).toHaveText(`Lớp ${className}`);
	await expect(page.locator('strong:visible', { hasText: 'Chào cờ' }).first()).toBeVisible();
	expect(children).toContain(Number(page.url().split('/').pop()));

	// a pupil of the same school who is not the parent's child
	const admin = await browser.newPage();
	await signIn(admin, 'quangtrung.admin@demo.example');
	await admin.goto('/');
	const school = /\/schools\/(\d+)/.exec(
		(await admin.getByRole('link', { name: 'Học sinh' }).first().getAttribute('href')) ?? ''
	)![1];
	const html = await (await admin.request.get(`/schools/${school}/students`)).text();
	const others = [...html.matchAll(/\/students\/(\d+)"/g)].map((m) => Number(m[1]));
	const stranger = others.find((id) => !children.includes(id))!;
	await admin.close();
	const res = await page.request.get(`/parent/timetable/${stranger}`);
	expect(res.status()).toBe(404);
});
