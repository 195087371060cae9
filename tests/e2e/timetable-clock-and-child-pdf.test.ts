import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * Clock times beyond the class grids, and the parent's PDF. The admin of THCS Quang Trung
 * saves the bell times (first period 06:55, 45 minutes); the whole-school grid gains a "Giờ"
 * column with them, its CSV export too, and the JSON API gives each lesson its start and end.
 * The demo parent of Quang Trung downloads their child's class week as a PDF from the child's
 * timetable; another pupil's PDF is a 404.
 */
test('the whole school grid, its export and the API show the saved bell times', async ({
	page
}) => {
	test.setTimeout(90_000);
	await signIn(page, 'quangtrung.admin@demo.example');
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	await page.goto(`${base}/timetable`);
	const form = page.getByTestId('bells-form');
	await form.locator('input[name="bell_0"]').fill('06:55');
	await form.locator('input[name="periodMinutes"]').fill('45');
	await form.getByRole('button', { name: 'Lưu giờ vào tiết' }).click();
	await expect(page.getByText('Đã lưu giờ vào tiết.')).toBeVisible();

	const html = await page.content();
	const version = /data-testid="version-(\d+)" data-status="published"/.exec(html);
	expect(version, 'a published timetable').not.toBeNull();
	await page.goto(`${base}/timetable/${version![1]}?view=school`);
	const grid = page.locator('.school-grid table');
	await expect(grid.getByRole('columnheader', { name: 'Giờ' })).toBeVisible();
	await expect(grid.locator('tbody tr').first().locator('td.time')).toHaveText('06:55–07:40');

	const csv = await page.request.get(`${base}/timetable/${version![1]}/export?format=csv`);
	expect(csv.status()).toBe(200);
	const lines = (await csv.text()).replace(/^\uFEFF/, '').split(/\r?\n/);
	expect(lines[0]).toMatch(/^Thứ[,;]Tiết[,;]Giờ[,;]/);
	expect(lines[1]).toContain('06:55–07:40');

	const schoolId = base.split('/')[2];
	const api = await page.request.get(`/api/v1/schools/${schoolId}/timetable`);
	expect(api.status()).toBe(200);
	const body = await api.json();
	expect(body.version.periodTimes[0]).toEqual({ start: '06:55', end: '07:40' });
	const first = body.lessons.find((l: { period: number }) => l.period === 0);
	expect(first).toMatchObject({ startTime: '06:55', endTime: '07:40' });
});

test("the parent downloads the child's timetable as a PDF, and no other pupil's", async ({
	page
}) => {
	await signIn(page, 'quangtrung.ph@demo.example');
	await page.goto('/parent');
	const links = page.locator('a[href^="/parent/timetable/"]');
	const own = new Set(
		(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).map((h) =>
			Number(h!.split('/')[3])
		)
	);
	const href = await links.first().getAttribute('href');
	await page.goto(href!);
	const pdfLink = page.getByTestId('child-timetable-pdf');
	await expect(pdfLink).toHaveText('Tải thời khóa biểu (PDF, khổ A4)');
	const pdf = await page.request.get((await pdfLink.getAttribute('href'))!);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	const childId = Number(href!.split('/')[3]);
	const others = [childId + 1, childId + 2, childId - 1, 2_147_483_647].filter(
		(id) => !own.has(id)
	);
	expect(others.length).toBeGreaterThan(1);
	for (const other of others)
		expect((await page.request.get(`/parent/timetable/${other}/pdf`)).status()).toBe(404);
	for (const bad of ['0', '-1', 'abc', '99999999999999999999', '1%00'])
		expect((await page.request.get(`/parent/timetable/${bad}/pdf`)).status()).toBe(404);
});
