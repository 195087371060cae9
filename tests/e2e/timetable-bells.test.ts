import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * The admin of THPT Nguyễn Tất Thành changes the school's bell times in the browser: a period
 * that starts before the previous one ends is refused beside its field, a stale form is a
 * conflict, hostile values a 400; then the first period starts at 06:50 and periods last 40
 * minutes, and the teacher's week shows the new times.
 */
const clock = (m: number) =>
	`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

test('the admin sets the bells and the teacher sees the new times', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	await signIn(page, 'nguyentatthanh.admin@demo.example');
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	await page.goto(`${base}/timetable`);
	const form = page.getByTestId('bells-form');
	await expect(page.getByRole('heading', { name: 'Giờ vào tiết' })).toBeVisible();
	const fields = form.locator('input[type="time"]');
	const count = await fields.count();
	expect(count).toBeGreaterThanOrEqual(3);
	const starts: number[] = [];
	for (let i = 0; i < count; i++) starts.push(minutes(await fields.nth(i).inputValue()));
	const version = await form.locator('input[name="version"]').inputValue();

	// the second period before the first one ends: refused beside its field, nothing saved
	await form.locator('input[name="bell_1"]').fill(clock(starts[0] + 10));
	await form.getByRole('button', { name: 'Lưu giờ vào tiết' }).click();
	await expect(form.getByText(/Tiết này phải bắt đầu sau khi tiết trước kết thúc/)).toBeVisible();
	await expect(page.getByRole('alert').first()).toBeVisible();

	// hostile values and a stale version, posted directly
	const headers = { accept: 'text/html', origin: baseURL! };
	const ok: Record<string, string> = { version, periodMinutes: '45' };
	starts.forEach((s, i) => (ok[`bell_${i}`] = clock(s)));
	const hostile: Record<string, string>[] = [
		{ bell_0: '07:00\u0000' },
		{ bell_1: 'x'.repeat(100_000) },
		{ periodMinutes: '99999999999999999999' },
		{ version: '-1' },
		{ bell_0: '25:00' },
		{ bell_0: '04:30' }
	];
	for (const bad of hostile) {
		const res = await page.request.post(`${base}/timetable?/bells`, {
			form: { ...ok, ...bad },
			headers
		});
		expect(res.status(), JSON.stringify(bad).slice(0, 60)).toBe(400);
	}

	// the admin's change: 06:50 first, 40-minute periods
	await page.goto(`${base}/timetable`);
	await form.locator('input[name="bell_0"]').fill('06:50');
	await form.locator('input[name="periodMinutes"]').fill('40');
	await form.getByRole('button', { name: 'Lưu giờ vào tiết' }).click();
	await expect(page.getByText('Đã lưu giờ vào tiết.')).toBeVisible();
	await expect(form.locator('input[name="bell_0"]')).toHaveValue('06:50');
	await expect(page.getByTestId('bells-default')).toHaveCount(0);
	const stale = await page.request.post(`${base}/timetable?/bells`, { form: ok, headers });
	expect(stale.status()).toBe(409);

	// the teacher's week: every period shown with the school's new times
	const expected = new Set([410, ...starts.slice(1)].map((s) => `${clock(s)}–${clock(s + 40)}`));
	const teacher = await browser.newContext();
	const teacherPage = await teacher.newPage();
	await signIn(teacherPage, 'nguyentatthanh.gv@demo.example');
	await teacherPage.goto('/teacher/timetable');
	const times = teacherPage.getByTestId('period-time');
	await expect(times.first()).toBeVisible();
	const shown = await times.allTextContents();
	expect(shown.length).toBeGreaterThan(0);
	for (const t of shown) expect(expected, t).toContain(t.trim());
	await teacher.close();
});
