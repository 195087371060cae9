import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * The year rollover (issue 11), without JavaScript: the Quang Trung admin previews 7G of the
 * finished year 2025-2026 (seeded left to roll over), gets the missing target refused beside the
 * field, moves the promoted pupils into a new class 8G of this year and the repeater into this
 * year's 7A (a class tests may add pupils to), sees them there, and last year's report card still
 * names last year's 7G. The pupil in summer re-tests stays. One promoted pupil gets a class of his
 * own (8H, a class the test creates first); a class of the wrong grade for him is refused beside
 * his row, and a commit refused after the preview shows the page again with his class kept.
 */
test.use({ javaScriptEnabled: false });

test('the admin previews and commits a rollover; last year’s card keeps last year’s class', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'quangtrung.admin@demo.example');
	await page.getByRole('link', { name: 'Chuyển năm học' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Chuyển năm học' })).toBeVisible();
	const base = new URL(page.url()).pathname.replace(/\/rollover$/, '');
	// a class of this year for one pupil of his own
	await page.goto(`${base}/classes/new`);
	await page.getByLabel('Khối').selectOption('8');
	await page.getByLabel('Tên lớp').fill('8H');
	await page.getByRole('button', { name: 'Thêm mới' }).click();
	await expect(page).not.toHaveURL(/\/classes\/new/);
	await page.goto(`${base}/rollover`);

	await page.getByLabel('Lớp năm học kết thúc').selectOption({ label: '7G' });
	await page.getByRole('button', { name: 'Xem học sinh' }).click();
	await expect(page.getByRole('heading', { name: /Từ lớp 7G \(2025-2026\)/ })).toBeVisible();
	const son = page.getByRole('row', { name: /Nông Văn Sơn/ });
	await expect(son).toContainText('Chưa quyết định: chờ kiểm tra lại trong hè');
	await expect(son).toContainText('Chưa chuyển');

	// nothing chosen: the error beside the field, in Vietnamese
	await page.getByRole('button', { name: 'Xem trước' }).click();
	await expect(page.getByText('Chọn một lớp hoặc nhập tên lớp mới.').first()).toBeVisible();
	await expect(page.getByRole('button', { name: /^Chuyển \d+ học sinh$/ })).toHaveCount(0);

	await page.locator('input[name="promoteNew"]').fill('8G');
	await page.getByLabel('Lớp cho học sinh ở lại lớp (khối 7)').selectOption({ label: '7A' });
	await page.getByRole('button', { name: 'Xem trước' }).click();
	// a class of the wrong grade for a promoted pupil (a forged query): refused beside his row
	const bao = page.getByLabel('Lớp riêng: Lò Văn Bảo');
	const baoField = (await bao.getAttribute('name'))!;
	const sevenA = await page
		.getByLabel('Lớp cho học sinh ở lại lớp (khối 7)')
		.locator('option', { hasText: '7A' })
		.getAttribute('value');
	await page.goto(`${page.url()}&${baoField}=${sevenA}`);
	await expect(page.getByRole('row', { name: /Lò Văn Bảo/ })).toContainText(
		'Lớp không đúng khối: học sinh lên lớp vào khối trên, học sinh ở lại lớp vào cùng khối.'
	);
	await expect(page.getByRole('button', { name: /^Chuyển \d+ học sinh$/ })).toHaveCount(0);
	await bao.selectOption({ label: '8H' });
	await page.getByRole('button', { name: 'Xem trước' }).click();
	await expect(page.getByRole('row', { name: /Lò Văn Bảo/ })).toContainText('8H');
	await expect(page.getByRole('row', { name: /Hoàng Minh Anh/ })).toContainText('8G (lớp mới)');
	await expect(page.getByRole('row', { name: /Sùng Thị Mai/ })).toContainText('Ở lại lớp');
	// the new class's name emptied after the preview: the commit is refused beside the field, and
	// the page shows again with the admin's choices (his own class 8H, the repeaters' 7A)
	await page.locator('input[name="promoteNew"]').fill('');
	await page.getByRole('button', { name: 'Chuyển 5 học sinh' }).click();
	await expect(page.getByText('Chọn một lớp hoặc nhập tên lớp mới.').first()).toBeVisible();
	await expect(bao.locator('option:checked')).toHaveText('8H');
	await expect(
		page.getByLabel('Lớp cho học sinh ở lại lớp (khối 7)').locator('option:checked')
	).toHaveText('7A');
	await page.locator('input[name="promoteNew"]').fill('8G');
	await page.getByRole('button', { name: 'Xem trước' }).click();
	await expect(page.getByRole('row', { name: /Lò Văn Bảo/ })).toContainText('8H');
	await page.getByRole('button', { name: 'Chuyển 5 học sinh' }).click();

	await expect(page.getByText('Đã chuyển 5 học sinh sang năm học mới.')).toBeVisible();
	await expect(page.getByRole('row', { name: /Hoàng Minh Anh/ })).toContainText('Đã chuyển: 8G');
	await expect(page.getByRole('row', { name: /Nông Văn Sơn/ })).toContainText('Chưa chuyển');
	await expect(page.getByText('Không còn học sinh nào cần chuyển của lớp này.')).toBeVisible();

	// this year's 8G lists the promoted pupils
	await page.goto(`${base}/classes?q=8G`);
	await page.getByRole('link', { name: '8G', exact: true }).click();
	await page.getByRole('link', { name: 'Xem học sinh của lớp' }).click();
	for (const name of ['Hoàng Minh Anh', 'Đinh Thị Cúc', 'Vàng A Dình'])
		await expect(page.getByRole('cell', { name })).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Nông Văn Sơn' })).toHaveCount(0);
	await expect(page.getByRole('cell', { name: 'Lò Văn Bảo' })).toHaveCount(0);
	// and 8H the pupil placed on his own
	await page.goto(`${base}/classes?q=8H`);
	await page.getByRole('link', { name: '8H', exact: true }).click();
	await page.getByRole('link', { name: 'Xem học sinh của lớp' }).click();
	await expect(page.getByRole('cell', { name: 'Lò Văn Bảo' })).toBeVisible();

	// last year's report card: chosen by year and class, it names last year's class
	await page.goto(`${base}/grades/report-cards`);
	await page.getByLabel('Năm học').selectOption({ label: '2025-2026' });
	await page.getByRole('button', { name: 'Xem' }).click();
	await page.getByLabel('Lớp').selectOption({ label: '7G' });
	await page.getByRole('button', { name: 'Xem' }).click();
	const row = page.getByRole('row', { name: /Hoàng Minh Anh/ });
	await row.getByRole('link', { name: 'In phiếu' }).last().click();
	await expect(page).toHaveURL(/\/year\?year=\d+$/);
	await expect(page.getByText('2025-2026').first()).toBeVisible();
	const classField = page
		.locator('dl.fields > div')
		.filter({ has: page.locator('dt', { hasText: /^Lớp$/ }) });
	await expect(classField.locator('dd')).toHaveText('7G');
});

test('hostile rollover requests get a 4xx, never a 500, and move nobody', async ({
	page,
	baseURL
}) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	await page.getByRole('link', { name: 'Chuyển năm học' }).first().click();
	const base = new URL(page.url()).pathname;
	const headers = { accept: 'text/html', origin: baseURL! };
	const post = (form: Record<string, string>) =>
		page.request.post(`${base}?/commit`, { form, headers, maxRedirects: 0 });
	const sig = 'a'.repeat(32);
	const forms: Array<Record<string, string>> = [
		{ classId: '1\u0000', signature: sig },
		{ classId: '99999999999999999999', signature: sig },
		{ classId: '-5', signature: sig },
		{ classId: '1', signature: 'x'.repeat(100_000) },
		{ classId: '1', signature: sig, promoteNew: 'a\u0000b' },
		{ classId: '1', signature: sig, promoteNew: 'x'.repeat(100_000) },
		{ classId: '1', signature: sig, promoteTo: '1e400' },
		{ classId: '1', signature: sig, repeatTo: '99999999999999999999' },
		{ classId: '1', signature: sig, t_1: '1\u0000' },
		{ classId: '1', signature: sig, t_1: '99999999999999999999' },
		{ classId: '1', signature: sig, t_99999999999: '1' },
		{ classId: '1', signature: sig, t_1: 'x'.repeat(100_000) }
	];
	for (const form of forms) expect((await post(form)).status()).toBe(400);
	// a class id that is no class of this school: 404, as for a class of another school
	expect((await post({ classId: '2147483647', signature: sig })).status()).toBe(404);
	for (const query of [
		'?class=2147483647',
		'?class=abc',
		'?class=99999999999999999999',
		`?class=1&preview=1&promoteNew=${'x'.repeat(5000)}`,
		'?class=1&preview=1&promoteTo=%00&repeatTo=-1',
		'?class=1&preview=1&t_1=%00&t_99999999999=1',
		`?class=1&preview=1&t_1=${'9'.repeat(100_000)}`
	])
		expect((await page.request.get(`${base}${query}`, { headers })).status()).toBeLessThan(500);
});
