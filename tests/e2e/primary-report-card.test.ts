import { expect, test } from '@playwright/test';
import { pdfTitle } from '../helpers/pdf';
import { expectAccessible, signIn } from './helpers';

/**
 * The primary report card (Circular 27) of TH&THCS Đông Cuông on a 360 px phone. The demo parent
 * opens their child's published mid-term I (levels, test scores, qualities; no average, no rank)
 * and downloads its PDF; end of term I (entered, not published) says so and its PDF is a 404;
 * another pupil's card is a 404. The homeroom teacher reaches every pupil's card of 4A from the
 * primary page, also without JavaScript. Nothing is written.
 */
test.use({ viewport: { width: 360, height: 740 } });

test('the parent prints their child’s published primary report card and downloads its PDF', async ({
	page
}) => {
	await signIn(page, 'dongcuong.ph@demo.example');
	await page.goto('/parent');
	await page.locator('a[href$="/grades"]').first().click();
	await page.waitForURL(/\/parent\/children\/\d+\/grades$/);
	const childUrl = new URL(page.url()).pathname;
	await page
		.getByRole('navigation', { name: 'Kết quả đánh giá (in hoặc tải PDF)' })
		.getByRole('link', { name: 'Giữa học kì I' })
		.click();
	await expect(
		page.getByRole('heading', {
			level: 1,
			name: 'Kết quả đánh giá học sinh tiểu học · Giữa học kì I'
		})
	).toBeVisible();
	await expect(page.getByRole('columnheader', { name: 'Giữa học kì I: điểm KTĐK' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Phẩm chất, năng lực' })).toBeVisible();
	await expect(page.getByTestId('section').getByRole('row')).toHaveCount(16);
	await expect(page.getByText(/không tính điểm trung bình/)).toBeVisible();
	await expect(page.getByText(/Điểm trung bình|Xếp hạng/)).toHaveCount(0);
	await expectAccessible(page);
	const fits = await page.evaluate(
		() => document.documentElement.scrollWidth <= window.innerWidth + 1
	);
	expect(fits).toBe(true);

	const href = await page.getByRole('link', { name: 'Tải PDF' }).getAttribute('href');
	const pdf = await page.request.get(href!);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect(pdf.headers()['content-disposition']).toContain('filename="danh-gia-tieu-hoc-');
	const title = pdfTitle(await pdf.body());
	expect(title).toMatch(/^Kết quả đánh giá của .+ · Giữa học kì I$/);

	await page.goto(`${childUrl}/report-card/end1`);
	await expect(page.getByTestId('not-published')).toContainText('Cuối học kì I');
	expect((await page.request.get(`${childUrl}/report-card/end1/pdf`)).status()).toBe(404);
	const id = Number(childUrl.split('/')[3]);
	const other = await page.request.get(`/parent/children/${id + 1}/grades/report-card/mid1`);
	expect(other.status()).toBe(404);
	const otherPdf = await page.request.get(`/parent/children/${id + 1}/grades/report-card/mid1/pdf`);
	expect(otherPdf.status()).toBe(404);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the homeroom teacher opens each pupil’s card of 4A from the primary page', async ({
		page
	}) => {
		await signIn(page, 'dongcuong.gv@demo.example');
		await page.goto('/teacher/primary');
		const section = page.locator('li', { has: page.getByRole('heading', { name: 'Lớp 4A' }) });
		await section.getByRole('link', { name: 'Phiếu kết quả từng học sinh' }).click();
		const rows = page.locator('tbody tr');
		expect(await rows.count()).toBeGreaterThan(1);
		const name = (await rows.nth(1).locator('th').textContent())!.trim();
		await rows.nth(1).getByRole('link', { name: 'In phiếu' }).first().click();
		await expect(
			page.getByRole('heading', {
				level: 1,
				name: 'Kết quả đánh giá học sinh tiểu học · Giữa học kì I'
			})
		).toBeVisible();
		await expect(page.getByText(name).first()).toBeVisible();
		const pdf = await page.request.get(
			(await page.getByRole('link', { name: 'Tải PDF' }).getAttribute('href'))!
		);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		expect(pdfTitle(await pdf.body())).toBe(`Kết quả đánh giá của ${name} · Giữa học kì I`);
	});
});
