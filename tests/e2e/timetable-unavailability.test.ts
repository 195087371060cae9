import { expect, test } from '@playwright/test';
import { addTeacherWithAccount, signIn } from './helpers';

/**
 * Teacher unavailability on a 360 px phone without JavaScript: the admin of THCS Quang Trung adds a
 * teacher, opens "Giờ giáo viên bận" from the weekly periods page, ticks two slots, saves, sees
 * them kept; a stale form is a 409 and hostile values a 400, never a 500.
 */
test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });

test("the admin taps a teacher's unavailable slots", async ({ page, baseURL }) => {
	test.setTimeout(90_000);
	await signIn(page, 'quangtrung.admin@demo.example');
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	const tag = Date.now().toString(36).slice(-5).toUpperCase();
	const teacher = {
		code: `GB${tag}`,
		name: `Giáo viên Giờ Bận ${tag}`,
		email: `gb.${tag.toLowerCase()}@e2e.example`
	};
	await addTeacherWithAccount(page, teacher);

	await page.goto(`${base}/timetable/requirements`);
	await page.getByRole('link', { name: 'Giờ giáo viên bận' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Giờ giáo viên bận' })).toBeVisible();
	const option = page.locator('select[name="teacher"] option', { hasText: teacher.name });
	await page.locator('select[name="teacher"]').selectOption((await option.getAttribute('value'))!);
	await page.getByRole('button', { name: 'Xem' }).click();
	await expect(page.getByRole('table', { name: `Giờ bận của ${teacher.name}` })).toBeVisible();

	const monday1 = page.getByRole('checkbox', { name: 'Thứ 2 tiết 1: bận' });
	const tuesday3 = page.getByRole('checkbox', { name: 'Thứ 3 tiết 3: bận' });
	await monday1.check();
	await tuesday3.check();
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu giờ bận.' })).toBeVisible();
	await page.goto(page.url());
	await expect(monday1).toBeChecked();
	await expect(tuesday3).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Thứ 2 tiết 2: bận' })).not.toBeChecked();
	await expect(page.getByTestId('unavailable-summary')).toContainText(teacher.name);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);

	// a stale form (version 0 again), hostile values: 409 / 400, nothing saved
	const staffId = (await page.locator('input[name="staffId"]').getAttribute('value'))!;
	const post = (form: string) =>
		page.request.post(`${base}/timetable/requirements/unavailable`, {
			data: form,
			headers: {
				accept: 'text/html',
				origin: baseURL!,
				'content-type': 'application/x-www-form-urlencoded'
			}
		});
	expect((await post(`staffId=${staffId}&version=0&slot=0-1`)).status()).toBe(409);
	for (const bad of [
		`staffId=${staffId}&version=1&slot=${'x'.repeat(100_000)}`,
		`staffId=${staffId}%00&version=1`,
		`staffId=${'9'.repeat(400)}&version=1`,
		`staffId=${staffId}&version=1&slot=9-99`,
		`staffId=${staffId}&version=1${'&slot=0-1'.repeat(200)}`
	])
		expect((await post(bad)).status(), bad.slice(0, 40)).toBe(400);
	await page.goto(page.url());
	await expect(monday1).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Thứ 2 tiết 2: bận' })).not.toBeChecked();
});
