import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * The review journey of a Văn Yên school: its admin fills the last two items of the model
 * checklist with evidence and submits; the area official returns one item with a reason; the
 * school fixes it and resubmits; the department sees the submission on the dashboard and in the
 * export.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const SCHOOL = 'Trường TH&THCS Đông Cuông';
const CHECKLIST = 'Mô hình trường học chuyển đổi số';
const REASON = 'Ảnh chụp chưa thấy tên trường, đề nghị bổ sung.';
const pdf = (text: string) => ({
	name: 'Kế hoạch thư viện số.pdf',
	mimeType: 'application/pdf',
	buffer: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`)
});

async function as(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

async function openChecklist(page: Page) {
	await page.getByRole('link', { name: 'Tiêu chí, minh chứng' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Danh mục tiêu chí' })).toBeVisible();
	await page.getByRole('link', { name: CHECKLIST }).click();
	await expect(page.getByRole('heading', { level: 1, name: CHECKLIST })).toBeVisible();
}

async function fillItem(page: Page, code: string, evidence: 'file' | 'link') {
	await page.getByRole('link', { name: new RegExp(`^${code.replace('.', '\\.')} · `) }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: new RegExp(`^${code.replace('.', '\\.')}`) })
	).toBeVisible();
	await page.getByRole('combobox', { name: 'Trạng thái' }).selectOption({ label: 'Đã đạt' });
	await page.getByLabel(/Điểm tự đánh giá/).fill('15');
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu.' })).toBeVisible();
	if (evidence === 'file') {
		await page.getByLabel('Tệp').setInputFiles(pdf(code));
		await page.getByRole('button', { name: 'Tải lên' }).click();
		await expect(page.getByRole('link', { name: 'Kế hoạch thư viện số.pdf' })).toBeVisible();
	} else {
		await page
			.getByLabel('Đường dẫn (https://…)')
			.fill('https://drive.example.vn/dong-cuong/phong-thi-nghiem-ao');
		await page.getByRole('button', { name: 'Thêm đường dẫn' }).click();
		await expect(page.getByRole('link', { name: /phong-thi-nghiem-ao/ })).toBeVisible();
	}
}

let evidenceUrl = '';

test('the school admin fills two items with evidence and submits the checklist', async ({
	browser
}) => {
	const page = await as(browser, 'dongcuong.admin@demo.example');
	await openChecklist(page);
	// Submitting with two items left is refused with the items named.
	await page.getByRole('button', { name: 'Nộp để duyệt' }).click();
	await expect(page.getByRole('alert')).toContainText('DH.04, DH.05');

	await fillItem(page, 'DH.04', 'file');
	evidenceUrl = (await page
		.getByRole('link', { name: 'Kế hoạch thư viện số.pdf' })
		.getAttribute('href'))!;
	await expectAccessible(page);
	await page.getByRole('link', { name: CHECKLIST }).click();
	await fillItem(page, 'DH.05', 'link');
	await page.getByRole('link', { name: CHECKLIST }).click();

	await page.getByRole('button', { name: 'Nộp để duyệt' }).click();
	await expect(page.getByRole('heading', { name: /Trạng thái/ })).toContainText(
		'Đã nộp, chờ duyệt'
	);
	await expectAccessible(page);
	await page.context().close();
});

test('evidence files are served to the school’s reviewers, not to other schools', async ({
	browser
}) => {
	const official = await as(browser, 'vanyen@demo.example');
	const ok = await official.request.get(evidenceUrl);
	expect(ok.status()).toBe(200);
	expect(ok.headers()['content-type']).toBe('application/pdf');
	expect((await ok.body()).subarray(0, 5).toString()).toBe('%PDF-');
	const other = await as(browser, 'quangtrung.admin@demo.example');
	expect((await other.request.get(evidenceUrl)).status()).toBe(404);
	await official.context().close();
	await other.context().close();
});

test('the area official returns one item with a reason', async ({ browser }) => {
	const page = await as(browser, 'vanyen@demo.example');
	await page.getByRole('link', { name: 'Chờ duyệt' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bản nộp chờ duyệt' })).toBeVisible();
	await page.getByRole('link', { name: SCHOOL }).click();
	await expect(page.getByRole('heading', { level: 1, name: CHECKLIST })).toBeVisible();
	await page.getByRole('link', { name: /^DH\.04 · / }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^DH\.04/ })).toBeVisible();
	await page.getByLabel(/Điểm của người duyệt/).fill('10');
	await page.getByLabel('Kết luận').selectOption({ label: 'Trả lại' });
	await page.getByLabel('Nhận xét, lý do trả lại').fill(REASON);
	await page.getByRole('button', { name: 'Lưu đánh giá' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu.' })).toBeVisible();
	// issue 9, item 13: on to the next criterion still to review
	await expect(page.getByRole('link', { name: /^Tiêu chí tiếp theo cần xem xét: / })).toBeVisible();
	await page.getByRole('link', { name: CHECKLIST }).click();
	await page.getByRole('button', { name: 'Trả lại cho trường' }).click();
	await expect(page.getByRole('heading', { name: /Trạng thái/ })).toContainText('Bị trả lại');
	await expectAccessible(page);
	await page.context().close();
});

test('the school sees the reason, fixes the item and resubmits', async ({ browser }) => {
	const page = await as(browser, 'dongcuong.admin@demo.example');
	await page.getByRole('link', { name: 'Triển khai nền tảng' }).first().click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Triển khai chuyển đổi số' })
	).toBeVisible();
	await expect(page.getByText(REASON)).toBeVisible();
	await openChecklist(page);
	await expect(page.getByRole('heading', { name: /Trạng thái/ })).toContainText('Bị trả lại');
	await page.getByRole('link', { name: /^DH\.04 · / }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^DH\.04/ })).toBeVisible();
	await expect(page.getByText(REASON).first()).toBeVisible();
	await page.getByLabel('Ghi chú').fill('Đã bổ sung ảnh chụp có tên trường.');
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu.' })).toBeVisible();
	await page
		.getByLabel('Tệp')
		.setInputFiles({ ...pdf('bổ sung'), name: 'Ảnh chụp có tên trường.pdf' });
	await page.getByRole('button', { name: 'Tải lên' }).click();
	await expect(page.getByRole('link', { name: 'Ảnh chụp có tên trường.pdf' })).toBeVisible();
	await page.getByRole('link', { name: CHECKLIST }).click();
	await page.getByRole('button', { name: 'Nộp để duyệt' }).click();
	await expect(page.getByRole('heading', { name: /Trạng thái/ })).toContainText(
		'Đã nộp, chờ duyệt'
	);
	await page.context().close();
});

test('the department sees the resubmission on the dashboard and in the export', async ({
	browser
}) => {
	const page = await as(browser, 'so@demo.example');
	await page.getByRole('combobox', { name: 'Khu vực' }).selectOption({ label: 'Văn Yên' });
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page).toHaveURL(/area=\d+/);
	const waiting = page.locator('section', {
		has: page.getByRole('heading', { name: 'Chờ duyệt' })
	});
	await expect(waiting.getByRole('link', { name: SCHOOL })).toBeVisible();
	const href = await page.getByRole('link', { name: 'Tải CSV' }).getAttribute('href');
	expect(href).toMatch(/format=csv&area=\d+/);
	const csv = await (await page.request.get(href!)).text();
	const row = csv.split('\r\n').find((line) => line.includes(SCHOOL))!;
	expect(row).toContain('Đã nộp, chờ duyệt');
	expect(row).toContain(';16;16;100;');
	expect(csv.split('\r\n').filter((l) => l.includes(';Văn Yên;'))).toHaveLength(16);
	await page.context().close();
});
