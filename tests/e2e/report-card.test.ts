import { expect, test, type Browser, type Page } from '@playwright/test';
import { pdfTitle } from '../helpers/pdf';
import { signIn } from './helpers';

/**
 * The report card (phiếu liên lạc), without JavaScript: the school admin of THCS Quang Trung makes
 * a class of its own (no other test reads it) with one pupil and a guardian, invites the guardian,
 * who activates the account; before publication the report card says so and its PDF is a 404; the
 * admin publishes end of term I to that class only; the parent opens the printable page (Vietnamese)
 * and downloads the PDF (application/pdf, %PDF, the pupil's name in its title); the admin finds the
 * same report card in the school's list.
 */
test.use({ javaScriptEnabled: false });
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const CLASS = '9RC';
const PUPIL = 'Lê Thị Phương Thảo';
const PHONE = '0977 555 666';
const PASSWORD = 'mat-khau-phieu-ll';

async function open(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ javaScriptEnabled: false });
	return context.newPage();
}

let base: string;
let childUrl: string;

test('the admin makes a class with one pupil and invites the guardian, who activates', async ({
	browser
}) => {
	const admin = await open(browser);
	await signIn(admin, 'quangtrung.admin@demo.example');
	base = new URL(admin.url()).pathname;
	await admin.goto(`${base}/classes/new`);
	await admin.getByLabel('Khối').selectOption('9');
	await admin.getByLabel('Tên lớp').fill(CLASS);
	await admin.getByRole('button', { name: 'Thêm mới' }).click();
	await admin.goto(`${base}/students/new`);
	await admin.getByLabel('Mã học sinh').fill('E2E-RC-01');
	await admin.getByLabel('Họ và tên').fill(PUPIL);
	await admin.getByLabel('Ngày sinh').fill('02/09/2011');
	await admin.getByLabel('Lớp').selectOption({ label: CLASS });
	await admin.getByRole('button', { name: 'Thêm mới' }).click();
	await expect(admin.getByRole('heading', { level: 1, name: `Học sinh: ${PUPIL}` })).toBeVisible();
	const add = admin.locator('form[action="?/addGuardian"]');
	await add.getByLabel('Họ và tên').fill('Lê Văn Hùng');
	await add.getByLabel('Quan hệ').selectOption({ label: 'Bố' });
	await add.getByLabel('Số điện thoại').fill(PHONE);
	await add.getByRole('button', { name: 'Thêm phụ huynh mới' }).click();
	await expect(admin.getByRole('row', { name: /Lê Văn Hùng/ })).toBeVisible();
	await admin.goto(`${base}/invitations`);
	await admin.getByRole('button', { name: `Mời phụ huynh lớp ${CLASS}` }).click();
	const slip = admin
		.getByRole('list', { name: 'Phiếu kích hoạt tài khoản' })
		.getByRole('listitem')
		.filter({ hasText: 'Lê Văn Hùng' });
	const code = (await slip.locator('.code').textContent())!.trim();
	await admin.context().close();

	const parent = await open(browser);
	await parent.goto('/activate');
	await parent.getByLabel('Số điện thoại hoặc email').fill(PHONE);
	await parent.getByLabel('Mã kích hoạt').fill(code);
	await parent.locator('#f-password').fill(PASSWORD);
	await parent.getByLabel('Nhập lại mật khẩu mới').fill(PASSWORD);
	await parent.getByLabel(/Tôi đã đọc và đồng ý/).check();
	await parent.getByRole('button', { name: 'Kích hoạt và đăng nhập' }).click();
	await parent.waitForURL(/\/parent/);
	const link = parent.locator('a[href$="/grades"]').first();
	childUrl = (await link.getAttribute('href'))!;
	expect(childUrl).toMatch(/^\/parent\/children\/\d+\/grades$/);
	await parent.context().close();
});

test('not published: the report card says so and its PDF is a 404', async ({ browser }) => {
	const parent = await open(browser);
	await signIn(parent, PHONE, PASSWORD);
	await parent.goto(`${childUrl}/report-card/end1`);
	await expect(parent.getByTestId('not-published')).toContainText(
		'Nhà trường chưa công bố kết quả «Cuối học kì I» của lớp này'
	);
	const pdf = await parent.request.get(`${childUrl}/report-card/end1/pdf`);
	expect(pdf.status()).toBe(404);
	await parent.context().close();
});

test('published: the parent prints the report card and downloads its PDF', async ({ browser }) => {
	const admin = await open(browser);
	await signIn(admin, 'quangtrung.admin@demo.example');
	await admin.goto(`${base}/grades?checkpoint=end1`);
	const boxes = admin.locator('form[action="?/publish"] input[type="checkbox"]');
	for (const box of await boxes.all()) {
		const label = (await box.locator('xpath=..').innerText()).trim();
		if (label.split(/\s/)[0] === CLASS) await box.check();
		else await box.uncheck();
	}
	await admin.getByRole('button', { name: 'Công bố cho các lớp đã chọn' }).click();
	await expect(admin.locator('form[action="?/publish"] li', { hasText: CLASS })).toBeVisible();

	const parent = await open(browser);
	await signIn(parent, PHONE, PASSWORD);
	await parent.goto(childUrl);
	await parent
		.getByRole('navigation', { name: 'Phiếu liên lạc (in hoặc tải PDF)' })
		.getByRole('link', { name: 'Cuối học kì I' })
		.click();
	await expect(
		parent.getByRole('heading', { level: 1, name: 'Phiếu liên lạc · Cuối học kì I' })
	).toBeVisible();
	await expect(parent.getByText(PUPIL).first()).toBeVisible();
	await expect(parent.getByTestId('summary')).toContainText('Kết quả rèn luyện học kì I');
	await expect(parent.getByTestId('summary')).toContainText('Số buổi nghỉ học kì I');
	await expect(parent.getByText(/không có xếp hạng hay điểm trung bình của lớp/)).toBeVisible();
	const href = await parent.getByRole('link', { name: 'Tải PDF' }).getAttribute('href');
	const pdf = await parent.request.get(href!);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect(pdf.headers()['content-disposition']).toContain('attachment; filename="phieu-lien-lac-');
	const bytes = await pdf.body();
	expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect(bytes.byteLength).toBeGreaterThan(5000);
	expect(pdfTitle(bytes)).toBe(`Phiếu liên lạc của ${PUPIL} · Cuối học kì I`);

	// the school's list: the class, its pupil, the published checkpoint
	await admin.goto(`${base}/grades/report-cards`);
	await admin.getByLabel('Lớp').selectOption({ label: CLASS });
	await admin.getByRole('button', { name: 'Xem' }).click();
	const row = admin.getByRole('row', { name: new RegExp(PUPIL) });
	await row.getByRole('link', { name: 'In phiếu' }).click();
	await expect(
		admin.getByRole('heading', { level: 1, name: 'Phiếu liên lạc · Cuối học kì I' })
	).toBeVisible();
	const adminPdf = await admin.request.get(
		(await admin.getByRole('link', { name: 'Tải PDF' }).getAttribute('href'))!
	);
	expect(adminPdf.headers()['content-type']).toBe('application/pdf');
	await admin.context().close();
	await parent.context().close();
});
