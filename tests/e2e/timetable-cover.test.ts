import { expect, test } from '@playwright/test';
import { addTeacherWithAccount, signIn } from './helpers';

/**
 * Cover for an absent teacher, without JavaScript: the admin of THCS Quang Trung adds a teacher,
 * records an absence of the teacher of the seeded absence (later days of the coming week), assigns
 * the new teacher to one lesson (through "another teacher") and a proposed substitute to another
 * with one click, removes that one, and is refused a busy teacher and a lesson already taken; the
 * new teacher then sees the cover on their week. Hostile values get a 4xx, never a 500.
 */
test.use({ javaScriptEnabled: false });

const vietnamToday = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const addDays = (iso: string, n: number) =>
	new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

test('the admin records an absence, assigns cover, and the substitute sees it', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'quangtrung.admin@demo.example');
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	const tag = Date.now().toString(36).slice(-5).toUpperCase();
	const substitute = {
		code: `DT${tag}`,
		name: `Giáo viên Dạy Thay ${tag}`,
		email: `dt.${tag.toLowerCase()}@e2e.example`
	};
	const password = await addTeacherWithAccount(page, substitute);

	await page.goto(`${base}/timetable`);
	await page.getByRole('link', { name: 'Giáo viên nghỉ và dạy thay' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dạy thay' })).toBeVisible();
	const seeded = page.locator('li[data-testid^="absence-"]').first();
	const absentName = (await seeded.locator('strong').textContent())!.trim();
	await page.setViewportSize({ width: 360, height: 800 });

	const option = page.locator('#f-staffId option', { hasText: absentName }).first();
	const absentId = (await option.getAttribute('value'))!;
	await page.locator('#f-staffId').selectOption(absentId);
	const today = vietnamToday();
	await page.getByLabel('Từ ngày').fill(addDays(today, 3));
	await page.getByLabel('Đến ngày').fill(addDays(today, 6));
	await page.getByLabel('Lí do').fill('Ốm (e2e)');
	await page.getByRole('button', { name: 'Ghi nhận và xem các tiết' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Dạy thay cho ${absentName}` })
	).toBeVisible();
	const detail = page.url();

	// "another teacher": the new teacher (no lesson of their own) for the first lesson
	const lessonSelect = page.getByLabel('Tiết cần dạy thay');
	const first = (await lessonSelect.locator('option').first().getAttribute('value'))!;
	await lessonSelect.selectOption(first);
	await page
		.getByLabel('Người dạy thay')
		.selectOption({ label: `${substitute.name} (${substitute.code})` });
	await page.getByRole('button', { name: 'Phân công', exact: true }).last().click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Đã phân công dạy thay.' })
	).toBeVisible();
	const firstCard = page.getByTestId(`lesson-${first}`);
	await expect(firstCard).toContainText(`Dạy thay: ${substitute.name}`);

	// the same lesson again (another admin's stale page): taken, 409
	const post = (action: string, form: Record<string, string>) =>
		page.request.post(`${detail}?/${action}`, {
			form,
			headers: { accept: 'text/html', origin: baseURL! }
		});
	const taken = await post('other', { lesson: first, staffId: absentId });
	expect(taken.status()).toBe(409);
	expect(await taken.text()).toContain('đã được phân công');

	// one click on a proposed substitute of another lesson, then remove it
	const proposed = page.locator('li[data-testid^="lesson-"]', {
		has: page.getByRole('button', { name: /^Phân công .* dạy thay$/ })
	});
	if ((await proposed.count()) > 0) {
		const card = proposed.first();
		const key = (await card.getAttribute('data-testid'))!.replace('lesson-', '');
		// the absent teacher for it: not free, said beside the lesson
		const busy = await post('other', { lesson: key, staffId: absentId });
		expect(busy.status()).toBe(400);
		expect(await busy.text()).toContain('không trống');
		await card
			.getByRole('button', { name: /^Phân công .* dạy thay$/ })
			.first()
			.click();
		// the page comes back (Post/Redirect/Get) with the banner and the lesson's cover
		await expect(
			page.getByRole('status').filter({ hasText: 'Đã phân công dạy thay.' })
		).toBeVisible();
		const again = page.getByTestId(`lesson-${key}`);
		await again.getByRole('button', { name: 'Bỏ phân công' }).click();
		await expect(page.getByText('Đã bỏ phân công dạy thay.')).toBeVisible();
		await expect(
			page.getByTestId(`lesson-${key}`).getByRole('button', { name: 'Bỏ phân công' })
		).toHaveCount(0);
	}

	// the month report counts the new teacher's cover
	await page.goto(`${base}/timetable/cover/report?month=${first.slice(0, 7)}`);
	await expect(page.getByRole('row', { name: new RegExp(substitute.name) })).toContainText('1');
	const csv = await page.request.get(
		`${base}/timetable/cover/report/export?month=${first.slice(0, 7)}&format=csv`
	);
	expect(csv.status()).toBe(200);
	expect(await csv.text()).toContain(substitute.name);

	// the substitute's week shows the cover
	const teacher = await browser.newContext({ javaScriptEnabled: false });
	const teacherPage = await teacher.newPage();
	await teacherPage.setViewportSize({ width: 360, height: 800 });
	await signIn(teacherPage, substitute.email, password);
	await teacherPage.goto('/teacher/timetable');
	await expect(teacherPage.getByTestId('cover-note').first()).toContainText(
		`dạy thay ${absentName}`
	);
	await teacher.close();
});

test('hostile values on the cover pages get a 4xx, never a 500', async ({ page, baseURL }) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	const headers = { accept: 'text/html', origin: baseURL! };
	const today = vietnamToday();
	const ok = { staffId: '1', startsOn: today, endsOn: today, reason: '' };
	const hostile: Record<string, string>[] = [
		{ staffId: '99999999999' },
		{ staffId: '2147483647' },
		{ reason: 'x'.repeat(100_000) },
		{ reason: 'Ốm\u0000' },
		{ startsOn: '9999-12-31', endsOn: '9999-12-31' },
		{ startsOn: '2100-01-01', endsOn: '2100-01-02' },
		{ startsOn: today, endsOn: addDays(today, -1) },
		{ periods: '99' }
	];
	for (const bad of hostile) {
		const res = await page.request.post(`${base}/timetable/cover`, {
			form: { ...ok, ...bad },
			headers
		});
		expect(res.status(), JSON.stringify(bad).slice(0, 60)).toBe(400);
	}
	await page.goto(`${base}/timetable/cover`);
	const absence = (await page
		.locator('li[data-testid^="absence-"]')
		.first()
		.getAttribute('data-testid'))!.replace('absence-', '');
	const detail = `${base}/timetable/cover/${absence}`;
	for (const [action, form] of [
		['assign', { day: today, period: '3', classId: '99999999999', staffId: '1' }],
		['assign', { day: '2026-02-30', period: '3', classId: '1', staffId: '1' }],
		['assign', { day: today, period: '1e400', classId: '1', staffId: '1' }],
		['other', { lesson: 'x'.repeat(100_000), staffId: '1' }],
		['other', { lesson: `${today}|3|1\u0000`, staffId: '1' }],
		['remove', { coverId: '-1' }],
		['delete', { absenceId: '2147483647' }]
	] as const) {
		const res = await page.request.post(`${detail}?/${action}`, { form, headers });
		expect(res.status(), `${action} ${JSON.stringify(form).slice(0, 40)}`).toBe(400);
	}
	// a lesson the absence does not have, a cover already gone: clear answers
	const none = await page.request.post(`${detail}?/assign`, {
		form: { day: '2030-01-07', period: '0', classId: '1', staffId: '1' },
		headers
	});
	expect(none.status()).toBe(400);
	const gone = await page.request.post(`${detail}?/remove`, {
		form: { coverId: '2147483647' },
		headers
	});
	expect(gone.status()).toBe(409);
	for (const path of ['/timetable/cover/99999999999', '/timetable/cover/2147483647'])
		expect((await page.request.get(`${base}${path}`)).status()).toBe(404);
	const report = await page.request.get(`${base}/timetable/cover/report?month=9999-99%00`);
	expect(report.status()).toBe(200);
});
