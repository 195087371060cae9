import { expect, test } from '@playwright/test';
import { addTeacherWithAccount, signIn } from './helpers';

/**
 * The timetable outside the portal: a teacher makes their private calendar link on "my week"
 * (without JavaScript), a calendar app fetches it with no session (text/calendar), the link is
 * remade (the old one stops working) and revoked; the admin downloads a class's week as a PDF
 * from the version page and reads the same week through the JSON API.
 */
test.use({ javaScriptEnabled: false });

test('a teacher gets a private calendar link, remakes and revokes it', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'quangtrung.admin@demo.example');
	const tag = Date.now().toString(36).slice(-5).toUpperCase();
	const teacher = {
		code: `LC${tag}`,
		name: `Giáo viên Lịch ${tag}`,
		email: `lc.${tag.toLowerCase()}@e2e.example`
	};
	const password = await addTeacherWithAccount(page, teacher);

	const context = await browser.newContext();
	const own = await context.newPage();
	await signIn(own, teacher.email, password);
	await own.setViewportSize({ width: 360, height: 800 });
	await own.goto('/teacher/timetable');
	const section = own.getByRole('region', { name: 'Lịch trên điện thoại và máy tính' });
	await expect(section.getByText('Bạn chưa có liên kết lịch.')).toBeVisible();
	await section.getByRole('button', { name: 'Tạo liên kết lịch' }).click();
	const url = await own.getByTestId('feed-url').inputValue();
	expect(url).toMatch(/^http:\/\/localhost:\d+\/feeds\/timetable\/ttf_[a-z2-7]{32}\.ics$/);

	// a calendar app: no cookie at all
	const anonymous = await browser.newContext();
	const feed = await anonymous.request.get(url);
	expect(feed.status()).toBe(200);
	expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	const text = await feed.text();
	expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
	expect(text).toContain(`X-WR-CALNAME:Thời khóa biểu của ${teacher.name}`);

	await own.goto('/teacher/timetable');
	await expect(section.getByText(/Bạn đã tạo liên kết lịch ngày/)).toBeVisible();
	await section
		.getByRole('button', { name: 'Tạo liên kết mới (liên kết cũ ngừng hoạt động)' })
		.click();
	const second = await own.getByTestId('feed-url').inputValue();
	expect(second).not.toBe(url);
	expect((await anonymous.request.get(url)).status()).toBe(404);
	expect((await anonymous.request.get(second)).status()).toBe(200);
	// someone else's class through one's own link: not found; a bad class: 400
	expect((await anonymous.request.get(`${second}?class=2147483647`)).status()).toBe(404);
	expect((await anonymous.request.get(`${second}?class=abc`)).status()).toBe(400);
	expect(
		(await anonymous.request.get(`${baseURL}/feeds/timetable/${'x'.repeat(5000)}`)).status()
	).toBe(404);

	await section.getByRole('button', { name: 'Thu hồi liên kết' }).click();
	await expect(
		own.getByText('Đã thu hồi liên kết lịch; liên kết cũ không còn hoạt động.')
	).toBeVisible();
	await expect(section.getByText('Bạn chưa có liên kết lịch.')).toBeVisible();
	expect((await anonymous.request.get(second)).status()).toBe(404);
	await anonymous.close();
	await context.close();
});

test("the admin downloads a class's week as PDF and reads it through the API", async ({ page }) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	const school = /^\/schools\/(\d+)/.exec(new URL(page.url()).pathname)![1];
	await page.goto(`/schools/${school}/timetable`);
	const version = await page
		.locator('[data-testid^="version-"][data-status="published"]')
		.first()
		.getAttribute('data-testid');
	const versionId = version!.replace('version-', '');
	await page.goto(`/schools/${school}/timetable/${versionId}`);
	await page.getByLabel('Theo lớp').selectOption({ label: '8A' });
	await page.getByRole('button', { name: 'Xem' }).first().click();
	const href = await page.getByTestId('timetable-pdf').getAttribute('href');
	expect(href).toMatch(/\/pdf\?class=\d+$/);
	const pdf = await page.request.get(href!);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect(pdf.headers()['content-disposition']).toContain(
		encodeURIComponent('Thời khóa biểu lớp 8A')
	);
	expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect((await page.request.get(`/schools/${school}/timetable/${versionId}/pdf`)).status()).toBe(
		404
	);

	const classId = /class=(\d+)/.exec(href!)![1];
	const api = await page.request.get(`/api/v1/schools/${school}/timetable?class=${classId}`);
	expect(api.status()).toBe(200);
	const body = await api.json();
	expect(body.version.id).toBe(Number(versionId));
	expect(body.lessons.length).toBeGreaterThan(20);
	expect(body.lessons.every((l: { className: string }) => l.className === '8A')).toBe(true);
	for (const bad of [
		'class=abc',
		'class=1&teacher=2',
		'week=2026-13-01',
		`week=${'9'.repeat(5000)}`
	])
		expect((await page.request.get(`/api/v1/schools/${school}/timetable?${bad}`)).status()).toBe(
			400
		);
});

test("a parent gets a calendar link of their child's class, then revokes it", async ({
	page,
	browser
}) => {
	await signIn(page, 'quangtrung.ph@demo.example');
	const href = await page.locator('a[href^="/parent/timetable/"]').first().getAttribute('href');
	await page.goto(href!);
	const section = page.getByRole('region', { name: 'Lịch trên điện thoại và máy tính' });
	await section.getByRole('button', { name: /Tạo liên kết/ }).click();
	const link = section.getByRole('textbox', { name: /^Lịch lớp / });
	const url = await link.inputValue();
	expect(url).toMatch(/\/feeds\/timetable\/ttf_[a-z2-7]{32}\.ics\?class=\d+$/);
	await expect(page.getByTestId('feed-url')).toHaveCount(0);
	const anonymous = await browser.newContext();
	const feed = await anonymous.request.get(url);
	expect(feed.status()).toBe(200);
	const text = await feed.text();
	expect(text).toContain('X-WR-CALNAME:Thời khóa biểu lớp');
	expect(text).toContain('BEGIN:VEVENT');
	await section.getByRole('button', { name: 'Thu hồi liên kết' }).click();
	expect((await anonymous.request.get(url)).status()).toBe(404);
	await anonymous.close();
});
