import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

/**
 * The school calendar: the department sets a day off for the province, a school admin adds a
 * closure of the school's own (storm), both with errors beside the fields and without
 * JavaScript; hostile posts get a 4xx, never a 500. Days near the end of the school year are
 * used, where no other test takes a roll.
 */
const lastDays = async (page: Page, back: number, length: number) => {
	const max = await page.locator('#day-off-end').getAttribute('max');
	const end = new Date(`${max}T00:00:00Z`);
	end.setUTCDate(end.getUTCDate() - back);
	const start = new Date(end);
	start.setUTCDate(start.getUTCDate() - (length - 1));
	return [start.toISOString().slice(0, 10), end.toISOString().slice(0, 10)] as const;
};

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a school admin adds a closure and removes it; bad input is refused beside the field', async ({
		page,
		baseURL
	}) => {
		test.setTimeout(90_000);
		await signIn(page, 'dongcuong.admin@demo.example');
		await page.getByRole('link', { name: 'Lịch năm học' }).first().click();
		await expect(page.getByRole('heading', { level: 1, name: /^Lịch năm học/ })).toBeVisible();
		const base = new URL(page.url()).pathname;
		const before = await page.getByTestId('school-days-count').innerText();

		const [from, to] = await lastDays(page, 3, 2);
		await page.getByLabel('Từ ngày').fill(to);
		await page.getByLabel('Đến ngày').fill(from);
		await page.getByLabel('Lý do').fill('Nghỉ do bão');
		await page.getByRole('button', { name: 'Thêm ngày trường nghỉ' }).click();
		await expect(page.getByText('Ngày kết thúc phải từ ngày bắt đầu trở đi.')).toBeVisible();
		await expect(page.getByLabel('Lý do')).toHaveValue('Nghỉ do bão');

		const name = `Nghỉ do bão ${Date.now().toString(36).slice(-4)}`;
		await page.getByLabel('Từ ngày').fill(from);
		await page.getByLabel('Đến ngày').fill(to);
		await page.getByLabel('Lý do').fill(name);
		await page.getByRole('button', { name: 'Thêm ngày trường nghỉ' }).click();
		await expect(page.getByText('Đã thêm ngày nghỉ.')).toBeVisible();
		const own = page.getByTestId('school-days-off');
		await expect(own).toContainText(name);
		const after = await page.getByTestId('school-days-count').innerText();
		const count = (s: string) => Number(/\d+/.exec(s)![0]);
		// two days off, of which at least one is a teaching weekday
		expect(count(after)).toBeLessThan(count(before));

		const headers = { accept: 'text/html', origin: baseURL! };
		const post = (action: string, form: Record<string, string>) =>
			page.request.post(`${base}?/${action}`, { form, headers, maxRedirects: 0 });
		for (const form of [
			{ startsOn: from, endsOn: to, name: 'a\u0000b' },
			{ startsOn: from, endsOn: to, name: 'x'.repeat(100_000) },
			{ startsOn: '9999-99-99', endsOn: to, name: 'x' },
			{ startsOn: '1900-01-01', endsOn: '1900-01-02', name: 'x' }
		])
			expect((await post('add', form)).status()).toBe(400);
		for (const dayOffId of ['0', '-1', 'abc', '99999999999999999999', '2147483647'])
			expect((await post('remove', { dayOffId })).status()).toBeLessThan(500);
		expect((await post('remove', { dayOffId: '2147483647' })).status()).toBe(404);

		await own
			.getByRole('row', { name: new RegExp(name) })
			.getByRole('button', { name: 'Xóa' })
			.click();
		await expect(page.getByText('Đã xóa ngày nghỉ.')).toBeVisible();
		await expect(
			page.getByTestId('school-days-off').or(page.getByText('Chưa có ngày nghỉ nào.').first())
		).not.toContainText(name);
	});
});

test.describe('make-up days, without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a school admin declares a Sunday a make-up day, is refused a weekday, and removes it', async ({
		page,
		baseURL
	}) => {
		test.setTimeout(90_000);
		await signIn(page, 'dongcuong.admin@demo.example');
		await page.getByRole('link', { name: 'Lịch năm học' }).first().click();
		const base = new URL(page.url()).pathname;
		const count = async () =>
			Number(/\d+/.exec(await page.getByTestId('school-days-count').innerText())![0]);
		const before = await count();
		// the last Sunday and the Monday after the one before it, near the end of the school year
		const max = await page.locator('#make-up-day').getAttribute('max');
		const sunday = new Date(`${max}T00:00:00Z`);
		sunday.setUTCDate(sunday.getUTCDate() - 7 - sunday.getUTCDay());
		const monday = new Date(sunday);
		monday.setUTCDate(monday.getUTCDate() + 1);
		const iso = (d: Date) => d.toISOString().slice(0, 10);

		const name = `Học bù ${Date.now().toString(36).slice(-4)}`;
		await page.locator('#make-up-day').fill(iso(monday));
		await page.locator('#make-up-name').fill(name);
		await page.getByRole('button', { name: 'Thêm ngày học bù' }).click();
		await expect(
			page.getByText('Ngày này đã là ngày học: chỉ học bù vào ngày cuối tuần hoặc ngày nghỉ.')
		).toBeVisible();
		await expect(page.locator('#make-up-name')).toHaveValue(name);

		await page.locator('#make-up-day').fill(iso(sunday));
		await page.getByRole('button', { name: 'Thêm ngày học bù' }).click();
		await expect(page.getByText('Đã thêm ngày học bù.')).toBeVisible();
		const own = page.getByTestId('school-make-ups');
		await expect(own).toContainText(name);
		expect(await count()).toBe(before + 1);

		const headers = { accept: 'text/html', origin: baseURL! };
		const post = (action: string, form: Record<string, string>) =>
			page.request.post(`${base}?/${action}`, { form, headers, maxRedirects: 0 });
		for (const form of [
			{ day: iso(sunday), name: 'a\u0000b' },
			{ day: iso(sunday), name: 'x'.repeat(100_000) },
			{ day: '9999-99-99', name: 'x' }
		])
			expect((await post('addMakeUp', form)).status()).toBe(400);
		for (const makeUpId of ['0', '-1', 'abc', '99999999999999999999'])
			expect((await post('removeMakeUp', { makeUpId })).status()).toBeLessThan(500);
		expect((await post('removeMakeUp', { makeUpId: '2147483647' })).status()).toBe(404);

		await own
			.getByRole('row', { name: new RegExp(name) })
			.getByRole('button', { name: 'Xóa' })
			.click();
		await expect(page.getByText('Đã xóa ngày học bù.')).toBeVisible();
		expect(await count()).toBe(before);
	});
});

test('the department sets a day off that every school sees in its calendar', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	await signIn(page, 'so@demo.example');
	await page.goto('/department/calendar');
	await expect(page.getByRole('heading', { level: 1, name: /^Lịch năm học/ })).toBeVisible();
	const [from, to] = await lastDays(page, 10, 1);
	const name = `Nghỉ lễ ${Date.now().toString(36).slice(-4)}`;
	await page.getByLabel('Từ ngày').fill(from);
	await page.getByLabel('Đến ngày').fill(to);
	await page.getByLabel('Lý do').fill(name);
	await page.getByRole('button', { name: 'Thêm ngày nghỉ' }).click();
	await expect(page.getByTestId('department-days-off')).toContainText(name);

	const admin = await browser.newContext();
	const adminPage = await admin.newPage();
	await signIn(adminPage, 'quangtrung.admin@demo.example');
	const school = /^\/schools\/\d+/.exec(new URL(adminPage.url()).pathname)![0];
	await adminPage.goto(`${school}/calendar`);
	const shown = adminPage.getByTestId('department-days-off');
	await expect(shown).toContainText(name);
	// the school sees the department's day off but cannot remove it
	await expect(shown.getByRole('button')).toHaveCount(0);
	await admin.close();

	await page
		.getByTestId('department-days-off')
		.getByRole('row', { name: new RegExp(name) })
		.getByRole('button', { name: 'Xóa' })
		.click();
	await expect(page.getByText('Đã xóa ngày nghỉ.')).toBeVisible();
	await expect(page.getByText(name)).toHaveCount(0);
});
