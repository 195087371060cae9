import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * "Học sinh Tiêu biểu" (Circular 27, Art. 13) at TH&THCS Đông Cuông: the primary teacher enters
 * the year levels (all T, tests 8) and qualities (all Tốt) of the last pupil of 1A, so the year
 * result is Hoàn thành tốt; nominates the pupil for Toán with a reason on the year summary; the
 * school admin confirms; the summary then lists the pupil as Học sinh Tiêu biểu. Only the year
 * checkpoint of that one pupil is written (no other e2e reads 1A's year).
 */
async function yearOf1A(page: Page) {
	await page.goto('/teacher/primary');
	const section = page.locator('li', { has: page.getByRole('heading', { name: 'Lớp 1A' }) });
	return (await section.locator('a[href$="/year"]').first().getAttribute('href'))!;
}

test('the teacher nominates a pupil at Hoàn thành tốt and the admin confirms', async ({
	page,
	browser
}) => {
	test.slow(); // a long journey: two accounts, four pages saved, two accessibility scans
	await signIn(page, 'dongcuong.gv@demo.example');
	const href = await yearOf1A(page);
	await page.goto(href);
	const last = page.locator(`a[href^="${href}?pupil="]`).last();
	const name = (await last.textContent())!.trim();
	const pupilId = /pupil=(\d+)/.exec((await last.getAttribute('href'))!)![1];
	await last.click();
	await expect(page.getByRole('heading', { name })).toBeVisible();
	for (const select of await page.locator('select[name^="l_"]').all())
		await select.selectOption('T');
	for (const input of await page.locator('input[name^="t_"]').all()) await input.fill('8');
	await page.getByRole('button', { name: 'Lưu đánh giá' }).click();
	// Wait for the saved banner: navigating on at once could cancel the post.
	await expect(page.locator('.alert.success')).toBeVisible();
	await expect(page.locator('.cell-msg')).toHaveCount(0);

	await page.goto(`${href}/qualities`);
	for (const select of await page.locator(`select[name^="q_${pupilId}_"]`).all())
		await select.selectOption('tot');
	await page.getByRole('button', { name: 'Lưu phẩm chất, năng lực' }).click();
	await expect(page.locator('.alert.success')).toBeVisible();

	await page.goto(`${href}/summary`);
	await page.getByRole('combobox', { name: 'Học sinh', exact: true }).selectOption({ label: name });
	await page.getByLabel('Lĩnh vực nổi trội').selectOption({ label: 'Môn học: Toán' });
	await page.getByLabel('Lý do').fill('Giải Nhì cuộc thi Toán tuổi thơ cấp huyện');
	await page.getByRole('button', { name: 'Đề nghị «Học sinh Tiêu biểu»' }).click();
	const row = page.getByTestId('award-nominations').getByRole('row', { name: new RegExp(name) });
	await expect(row).toContainText('Chờ Hiệu trưởng quyết định');
	await expect(page.getByTestId('summary-tieu-bieu')).toHaveCount(0);
	await expectAccessible(page);

	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await signIn(admin, 'dongcuong.admin@demo.example');
	const base = /^\/schools\/\d+/.exec(new URL(admin.url()).pathname)![0];
	await admin.goto(`${base}/grades`);
	await admin.getByRole('link', { name: 'Khen thưởng Học sinh Tiêu biểu (tiểu học)' }).click();
	await admin.getByRole('button', { name: `Công nhận đề nghị cho ${name}`, exact: true }).click();
	await expect(
		admin.getByTestId('award-nominations').getByRole('row', { name: new RegExp(name) })
	).toContainText('Đã công nhận');
	await expectAccessible(admin);
	await adminContext.close();

	await page.reload();
	await expect(page.getByTestId('summary-tieu-bieu')).toContainText(
		`${name} — Giải Nhì cuộc thi Toán tuổi thơ cấp huyện`
	);
	await expect(row).toContainText('Đã công nhận');
});
