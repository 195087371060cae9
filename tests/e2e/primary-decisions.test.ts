import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * The principal's decision at Chưa hoàn thành (Circular 27, Art. 11) at TH&THCS Đông Cuông. The
 * demo has no such pupil, so the primary teacher makes one as at the end of a year: the first pupil
 * of 1A gets "C" in one subject at the year checkpoint (every other input entered), so the year
 * result is Chưa hoàn thành. The school admin opens the decision page from the grades page and,
 * without JavaScript, decides "ở lại lớp" with a note, sees the saved banner and the decision after
 * a reload. A decision sent from a tab loaded before it (stale, with JavaScript) and forged posts
 * (NUL, 100,000 characters, unknown decision, blank note, huge version) are refused with a 4xx and
 * a clear text, and the stored decision stays. Only the year checkpoint of that one pupil is
 * written (primary-tieu-bieu writes the last pupil of 1A; no other test reads 1A's year).
 */
async function yearOf1A(page: Page) {
	await page.goto('/teacher/primary');
	const section = page.locator('li', { has: page.getByRole('heading', { name: 'Lớp 1A' }) });
	return (await section.locator('a[href$="/year"]').first().getAttribute('href'))!;
}

/** As the primary teacher: the first pupil of 1A ends the year Chưa hoàn thành; their name and id. */
async function makeNotCompleted(page: Page) {
	await signIn(page, 'dongcuong.gv@demo.example');
	const href = await yearOf1A(page);
	await page.goto(href);
	const first = page.locator(`a[href^="${href}?pupil="]`).first();
	const name = (await first.textContent())!.trim();
	const pupilId = /pupil=(\d+)/.exec((await first.getAttribute('href'))!)![1];
	await first.click();
	await expect(page.getByRole('heading', { name })).toBeVisible();
	const levels = await page.locator('select[name^="l_"]').all();
	expect(levels.length).toBeGreaterThan(1);
	await levels[0].selectOption('C');
	for (const select of levels.slice(1)) await select.selectOption('H');
	for (const input of await page.locator('input[name^="t_"]').all()) await input.fill('6');
	await page.getByRole('button', { name: 'Lưu đánh giá' }).click();
	await expect(page.locator('.alert.success')).toBeVisible();
	await expect(page.locator('.cell-msg')).toHaveCount(0);

	await page.goto(`${href}/qualities`);
	for (const select of await page.locator(`select[name^="q_${pupilId}_"]`).all())
		await select.selectOption('dat');
	await page.getByRole('button', { name: 'Lưu phẩm chất, năng lực' }).click();
	await expect(page.locator('.alert.success')).toBeVisible();
	return { name, pupilId };
}

async function openDecisions(page: Page) {
	await page.goto('/');
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	await page.goto(`${base}/grades`);
	await page.getByRole('link', { name: 'Quyết định lên lớp (tiểu học)' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Quyết định lên lớp/ })).toBeVisible();
	return base;
}

test('the principal decides for a pupil at Chưa hoàn thành; stale and forged decisions are refused', async ({
	page,
	browser,
	baseURL
}) => {
	test.slow(); // two accounts, a whole year's levels and qualities entered through the pages
	const { name, pupilId } = await makeNotCompleted(page);

	// the admin opens the page with JavaScript first: this tab goes stale below
	const jsContext = await browser.newContext();
	const stale = await jsContext.newPage();
	await signIn(stale, 'dongcuong.admin@demo.example');
	await openDecisions(stale);
	const staleCard = stale.getByTestId(`decision-${pupilId}`);
	await expect(staleCard.getByRole('heading', { name: new RegExp(name) })).toBeVisible();
	await expect(staleCard).toContainText('Lớp 1A');
	await expect(staleCard).toContainText('Chờ quyết định');
	await expectAccessible(stale);

	// and decides in another browser without JavaScript: plain POSTs answered by a redirect
	const adminContext = await browser.newContext({ javaScriptEnabled: false });
	const admin = await adminContext.newPage();
	await signIn(admin, 'dongcuong.admin@demo.example');
	const base = await openDecisions(admin);
	const card = admin.getByTestId(`decision-${pupilId}`);
	await expect(card).toContainText('Chờ quyết định');
	await card.getByLabel('Ở lại lớp').check();
	await card
		.getByLabel('Ghi chú (kết quả hỗ trợ trong hè)')
		.fill('Chưa đọc thông viết thạo sau hè');
	await card.getByRole('button', { name: 'Lưu quyết định' }).click();
	await expect(admin.getByText('Đã lưu quyết định của hiệu trưởng.')).toBeVisible();
	await admin.reload();
	await expect(card.locator('.badge')).toHaveText('Ở lại lớp');
	await expect(card.getByLabel('Ở lại lớp')).toBeChecked();
	await expect(card.getByLabel('Ghi chú (kết quả hỗ trợ trong hè)')).toHaveValue(
		'Chưa đọc thông viết thạo sau hè'
	);
	await expect(card).toContainText('Quyết định lúc');

	// the stale tab still holds version 0: refused, the stored decision stays
	await staleCard.getByLabel('Lên lớp').check();
	await staleCard.getByLabel('Ghi chú (kết quả hỗ trợ trong hè)').fill('Cho lên lớp');
	await staleCard.getByRole('button', { name: 'Lưu quyết định' }).click();
	await expect(stale.getByRole('alert')).toContainText('đã được người khác sửa');
	await jsContext.close();

	// forged posts: a clear 4xx, never a 500, and nothing changes
	const yearId = await card.locator('input[name="yearId"]').inputValue();
	const version = await card.locator('input[name="version"]').inputValue();
	const headers = { accept: 'text/html', origin: baseURL! };
	const forged = [
		{ decision: 'promote', note: 'a\u0000b' },
		{ decision: 'promote', note: 'x'.repeat(100_000) },
		{ decision: 'skip', note: 'Lên hai lớp' },
		{ decision: 'promote', note: '   ' }
	];
	for (const fields of forged) {
		const answer = await admin.request.post(`${base}/grades/primary-decisions?/decide`, {
			form: { studentId: pupilId, yearId, version, ...fields },
			headers,
			maxRedirects: 0
		});
		expect(answer.status(), fields.decision + fields.note.slice(0, 10)).toBe(400);
		expect(await answer.text()).toContain('Biểu mẫu có lỗi');
	}
	const tooBig = await admin.request.post(`${base}/grades/primary-decisions?/decide`, {
		form: { studentId: pupilId, yearId, version: '99999999999999999999', decision: 'promote' },
		headers,
		maxRedirects: 0
	});
	expect(tooBig.status()).toBe(400);

	await admin.reload();
	await expect(card.locator('.badge')).toHaveText('Ở lại lớp');
	await expect(card.getByLabel('Ghi chú (kết quả hỗ trợ trong hè)')).toHaveValue(
		'Chưa đọc thông viết thạo sau hè'
	);
	await adminContext.close();
});
