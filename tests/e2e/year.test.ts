import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * School years (issue 11, session 11), without JavaScript: the demo parent finds last year's
 * (2025-2026) report card of their child from the child's page and it names last year's class; the
 * department's page to make a later year current shows the current year, and a forged or hostile
 * commit is refused (4xx, never 500) and changes nothing. The demo has no year after 2026-2027, and
 * a committed switch would move every pupil of the shared e2e server, so the switch itself is
 * tested on both databases in `tests/integration/year-switch.test.ts`.
 */
test.use({ javaScriptEnabled: false });

test("the parent opens last year's report card from the child's page", async ({ page }) => {
	await signIn(page, 'quangtrung.ph@demo.example');
	const hrefs = await page
		.locator('a[href^="/parent/children/"][href$="/grades"]')
		.evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href')!))]);
	expect(hrefs.length).toBeGreaterThan(0);
	let found = false;
	for (const href of hrefs) {
		await page.goto(href);
		const years = page.getByTestId('child-years');
		if (!(await years.getByText(/Năm học 2025-2026/).count())) continue;
		found = true;
		await expect(years.getByRole('heading', { name: 'Phiếu liên lạc các năm học' })).toBeVisible();
		const last = years.locator('li', { hasText: 'Năm học 2025-2026' });
		const className = (await last.locator('strong').innerText()).replace(/^.*lớp /, '').trim();
		await last.getByRole('link', { name: 'Cuối học kì II và cả năm' }).click();
		await expect(page).toHaveURL(/\/grades\/report-card\/year\?year=\d+$/);
		await expect(page.getByText('2025-2026').first()).toBeVisible();
		const classField = page
			.locator('dl.fields > div')
			.filter({ has: page.locator('dt', { hasText: /^Lớp$/ }) });
		await expect(classField.locator('dd')).toHaveText(className);
		// the PDF of that year answers a PDF
		const pdf = await page.request.get(
			`${new URL(page.url()).pathname}/pdf${new URL(page.url()).search}`
		);
		expect(pdf.status()).toBe(200);
		expect(pdf.headers()['content-type']).toContain('application/pdf');
		break;
	}
	expect(found).toBe(true);
});

test('another family’s child has no page, and no list of years', async ({ page }) => {
	await signIn(page, 'quangtrung.ph@demo.example');
	const own = await page
		.locator('a[href^="/parent/children/"][href$="/grades"]')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
	const ownIds = new Set(own.map((h) => Number(h.split('/')[3])));
	const other = [...ownIds].map((id) => id + 1).find((id) => !ownIds.has(id))!;
	const answer = await page.request.get(`/parent/children/${other}/grades`);
	expect(answer.status()).toBe(404);
	expect(await answer.text()).not.toContain('Phiếu liên lạc các năm học');
});

test('the department sees the current year; a forged or hostile switch changes nothing', async ({
	page,
	baseURL
}) => {
	await signIn(page, 'so@demo.example');
	await page.getByRole('link', { name: 'Năm học hiện tại' }).first().click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Chuyển sang năm học mới' })
	).toBeVisible();
	await expect(page.getByTestId('current-year')).toHaveText('Năm học hiện tại: 2026-2027');
	await expect(page.getByText('Không có năm học nào bắt đầu sau năm học hiện tại.')).toBeVisible();

	// a preview of an unknown year says so, in Vietnamese
	await page.goto('/department/school-year?year=2000000000');
	await expect(page.getByText('Không có năm học này.')).toBeVisible();

	const headers = { accept: 'text/html', origin: baseURL! };
	const post = (form: Record<string, string>) =>
		page.request.post('/department/school-year?/commit', { form, headers, maxRedirects: 0 });
	const sig = 'a'.repeat(32);
	for (const form of [
		{ yearId: '1\u0000', version: '1', signature: sig },
		{ yearId: '99999999999999999999', version: '1', signature: sig },
		{ yearId: '1', version: '1e400', signature: sig },
		{ yearId: '1', version: '1', signature: 'x'.repeat(100_000) },
		{ yearId: '-1', version: '-1', signature: '\u0001' }
	]) {
		const answer = await post(form);
		expect(answer.status(), JSON.stringify(form).slice(0, 80)).toBeGreaterThanOrEqual(400);
		expect(answer.status()).toBeLessThan(500);
	}
	// the current year itself, with a made-up signature: refused with the reason
	const current = await page.request.get('/department/school-year');
	expect(current.status()).toBe(200);
	for (const yearId of ['1', '2', '3']) {
		const answer = await post({ yearId, version: '1', signature: sig });
		expect(answer.status()).toBeGreaterThanOrEqual(400);
		expect(answer.status()).toBeLessThan(500);
	}
	await page.goto('/department/school-year');
	await expect(page.getByTestId('current-year')).toHaveText('Năm học hiện tại: 2026-2027');
});
