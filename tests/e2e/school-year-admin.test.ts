import { expect, test } from '@playwright/test';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../helpers/database';
import { signIn } from './helpers';
import { startOwnPortal, type OwnPortal } from './own-portal';

/**
 * Issue 11, sessions 12–13: the department adds a school year with its semesters and their
 * teaching weeks (18 + 17 offered), without JavaScript, in Vietnamese, on a 360 px phone: a
 * malformed name, overlapping semesters and too many weeks are refused together, each beside its
 * field, then a duplicate; the new year is listed with its weeks, its dates and weeks can be changed
 * (a stale form is refused), a year added by mistake is deleted, and it is offered by the year switch, which then makes it current. A new later year
 * (and a switch) would change "next year" for every other test of the shared e2e server, so this
 * runs a portal of its own (port E2E_PORT + 11) on a throwaway demo database.
 */
test.describe.configure({ mode: 'serial', timeout: 300_000 });
test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

const PORT = Number(process.env.E2E_PORT ?? 4173) + 11;
const BASE = `http://localhost:${PORT}`;

let database: ThrowawayDatabase;
let portal: OwnPortal;

test.beforeAll(async () => {
	test.setTimeout(300_000); // seeding a throwaway demo database and starting a portal
	database = await createThrowawayDatabase('trs_year_admin', { seed: 'this-year' });
	portal = await startOwnPortal(PORT, database.url);
});

test.afterAll(async () => {
	test.setTimeout(60_000);
	await portal?.stop();
	await database?.drop();
});

const YEAR = {
	startsOn: '2027-09-01',
	endsOn: '2028-05-31',
	s1Start: '2027-09-05',
	s1End: '2028-01-15',
	s2Start: '2028-01-17',
	s2End: '2028-05-25'
};

test('the department adds a school year, edits its dates and makes it current', async ({
	browser
}) => {
	const ctx = await browser.newContext({ baseURL: BASE, viewport: { width: 360, height: 740 } });
	const page = await ctx.newPage();
	await signIn(page, 'so@demo.example');
	await page.goto('/department/school-year');
	await expect(page.getByText('Không có năm học nào bắt đầu sau năm học hiện tại.')).toBeVisible();
	const add = page.getByTestId('school-year');
	const fill = async (values: Record<string, string>) => {
		for (const [name, value] of Object.entries(values))
			await add.locator(`input[name="${name}"]`).fill(value);
	};

	// the teaching weeks offer MOET's 18 + 17
	await expect(add.locator('input[name="s1Weeks"]')).toHaveValue('18');
	await expect(add.locator('input[name="s2Weeks"]')).toHaveValue('17');

	// a name that is not two consecutive years, overlapping semesters and more teaching weeks than
	// semester I spans: every error at once, each beside its field, what was typed kept
	await fill({ name: '2027-2029', ...YEAR, s2Start: '2028-01-10', s1Weeks: '20' });
	await add.getByRole('button', { name: 'Thêm năm học' }).click();
	await expect(add.locator('#school-year-name-error')).toHaveText(
		'Tên năm học phải gồm hai năm liền nhau, ví dụ 2027-2028.'
	);
	await expect(add.locator('#school-year-s2Start-error')).toHaveText(
		'Học kì II phải bắt đầu sau khi học kì I kết thúc.'
	);
	await expect(add.locator('#school-year-s1Weeks-error')).toContainText('chỉ có 19 tuần');
	await expect(add.locator('.field .error')).toHaveCount(3);
	await expect(add.getByLabel('Tên năm học')).toHaveValue('2027-2029');
	await expect(add.locator('input[name="s2Start"]')).toHaveValue('2028-01-10');
	await expect(add.locator('input[name="s1Weeks"]')).toHaveValue('20');
	// a week count zod refuses (0) and a date rule broken: both shown together
	await fill({ name: '2027-2028', s1Weeks: '0' });
	await add.getByRole('button', { name: 'Thêm năm học' }).click();
	await expect(add.locator('#school-year-s1Weeks-error')).toBeVisible();
	await expect(add.locator('#school-year-s2Start-error')).toBeVisible();
	await expect(add.locator('#school-year-name-error')).toHaveCount(0);
	// the current year's name again: already exists
	await fill({ name: '2026-2027', s2Start: '2028-01-17', s1Weeks: '16', s2Weeks: '16' });
	await add.getByRole('button', { name: 'Thêm năm học' }).click();
	await expect(page.getByText('Giá trị này đã tồn tại.')).toBeVisible();

	await fill({ name: '2027-2028' });
	await add.getByRole('button', { name: 'Thêm năm học' }).click();
	await expect(page.getByText('Đã thêm năm học.')).toBeVisible();
	const row = page.getByTestId('school-years').getByRole('row', { name: /2027-2028/ });
	await expect(row).toContainText('01/09/2027 – 31/05/2028');
	await expect(row).toContainText('17/01/2028 – 25/05/2028');
	await expect(row).toContainText('16 + 16 tuần');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

	// edit the dates of the new year; the same form again is stale (409), nothing changes
	await row.getByRole('link', { name: 'Sửa ngày' }).click();
	const edit = page.getByTestId('school-year-edit');
	const stale = Object.fromEntries(
		await edit
			.locator('input')
			.evaluateAll((inputs) =>
				inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])
			)
	) as Record<string, string>;
	await expect(edit.locator('input[name="s2Weeks"]')).toHaveValue('16');
	await edit.locator('input[name="s2End"]').fill('2028-05-28');
	await edit.locator('input[name="s2Weeks"]').fill('17');
	await edit.getByRole('button', { name: 'Lưu ngày' }).click();
	await expect(page.getByText('Đã lưu ngày của năm học.')).toBeVisible();
	const edited = page.getByTestId('school-years').getByRole('row', { name: /2027-2028/ });
	await expect(edited).toContainText('17/01/2028 – 28/05/2028');
	await expect(edited).toContainText('16 + 17 tuần');
	const answer = await page.request.post(`/department/school-year?/update&edit=${stale.yearId}`, {
		form: { ...stale, s2End: '2028-05-20' },
		headers: { accept: 'text/html', origin: BASE },
		maxRedirects: 0
	});
	expect(answer.status()).toBe(409);

	// a year added by mistake is deleted from its row; the same button of an older page is
	// refused (the year is gone), and the other years stay
	await page.goto('/department/school-year');
	await fill({
		name: '2028-2029',
		startsOn: '2028-09-01',
		endsOn: '2029-05-31',
		s1Start: '2028-09-05',
		s1End: '2029-01-15',
		s2Start: '2029-01-17',
		s2End: '2029-05-25',
		s1Weeks: '18',
		s2Weeks: '17'
	});
	await add.getByRole('button', { name: 'Thêm năm học' }).click();
	await expect(page.getByText('Đã thêm năm học.')).toBeVisible();
	const years = page.getByTestId('school-years');
	const mistake = years.getByRole('row', { name: /2028-2029/ });
	const oldButton = Object.fromEntries(
		await mistake
			.locator('form input')
			.evaluateAll((inputs) =>
				inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])
			)
	) as Record<string, string>;
	await mistake.getByRole('button', { name: 'Xóa năm học 2028-2029' }).click();
	await expect(page.getByText('Đã xóa năm học.')).toBeVisible();
	await expect(years.getByRole('row', { name: /2028-2029/ })).toHaveCount(0);
	await expect(years.getByRole('row', { name: /2027-2028/ })).toHaveCount(1);
	const gone = await page.request.post('/department/school-year?/delete', {
		form: oldButton,
		headers: { accept: 'text/html', origin: BASE },
		maxRedirects: 0
	});
	expect(gone.status()).toBe(400);

	// the switch offers it and makes it current (no pupil has a class in it yet: nobody moves)
	await page.goto('/department/school-year');
	await page.getByLabel('Năm học mới').selectOption({ label: '2027-2028' });
	await page.getByRole('button', { name: 'Xem trước' }).click();
	await page.getByRole('button', { name: 'Đặt 2027-2028 làm năm học hiện tại' }).click();
	await expect(page.getByTestId('current-year')).toHaveText('Năm học hiện tại: 2027-2028');
	// the current year's dates can no longer be edited
	await expect(
		page
			.getByTestId('school-years')
			.getByRole('row', { name: /2027-2028/ })
			.getByRole('link')
	).toHaveCount(0);
	await ctx.close();
});

test('hostile school-year forms get a 4xx, never a 500', async ({ browser }) => {
	const ctx = await browser.newContext({ baseURL: BASE });
	const page = await ctx.newPage();
	await signIn(page, 'so@demo.example');
	const headers = { accept: 'text/html', origin: BASE };
	const post = (action: string, form: Record<string, string>) =>
		page.request.post(`/department/school-year?/${action}`, { form, headers, maxRedirects: 0 });
	for (const form of [
		{ name: '2030-2031\u0000', ...YEAR },
		{ name: 'x'.repeat(100_000), ...YEAR },
		{ name: '2030-2031', ...YEAR, startsOn: '99999999999999999999' },
		{ name: '2030-2031', ...YEAR, endsOn: '\u0001' },
		{ name: '9999-10000', ...YEAR },
		{ name: '2030-2031', ...YEAR, s1Weeks: '99999999999999999999' },
		{ name: '2030-2031', ...YEAR, s2Weeks: '1e400' },
		{ name: '2030-2031', ...YEAR, s1Weeks: '17.5\u0000' }
	]) {
		const answer = await post('create', form);
		expect(answer.status(), JSON.stringify(form).slice(0, 60)).toBeGreaterThanOrEqual(400);
		expect(answer.status()).toBeLessThan(500);
	}
	for (const form of [
		{ yearId: '1\u0000', version: '1', ...YEAR },
		{ yearId: '99999999999999999999', version: '1', ...YEAR },
		{ yearId: '2147483647', version: '1', ...YEAR },
		{ yearId: '1', version: '1e400', ...YEAR }
	]) {
		const answer = await post('update', form);
		expect(answer.status(), JSON.stringify(form).slice(0, 60)).toBeGreaterThanOrEqual(400);
		expect(answer.status()).toBeLessThan(500);
	}
	for (const form of [
		{ yearId: '1\u0000', version: '1' },
		{ yearId: '99999999999999999999', version: '1' },
		{ yearId: '2147483647', version: '1' },
		{ yearId: '1', version: '1e400' },
		{ yearId: 'x'.repeat(100_000), version: '1' }
	]) {
		const answer = await post('delete', form);
		expect(answer.status(), JSON.stringify(form).slice(0, 60)).toBe(400);
	}
	// a teacher has no such page
	await ctx.clearCookies();
	await signIn(page, 'quangtrung.admin@demo.example');
	expect((await page.request.get('/department/school-year')).status()).toBe(404);
	await ctx.close();
});
