import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';
import { addFamilyWithAccount } from './privacy-family';

/**
 * The pupil data access log (issue 13, privacy): the admin's reads of a pupil's page and of a
 * guardian's page (no class of theirs) are in the school's log, found by the filters without
 * JavaScript; the guardian sees them at /parent/access-log; another school's admin and a teacher
 * get 404; hostile filters give the page with the bad day named, never an error.
 */
test.describe.configure({ timeout: 240_000 });

test('staff reads outside the pupil’s classes are logged and shown to the admin and the family', async ({
	page,
	browser
}) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	const family = await addFamilyWithAccount(page, browser, 'PAL');
	// one more read of the pupil's page
	await page.goto(family.pupilUrl);

	// The school admin, without JavaScript: the log filtered by the pupil's code, then by "what".
	const noJs = await browser.newContext({ javaScriptEnabled: false });
	const admin = await noJs.newPage();
	await signIn(admin, 'quangtrung.admin@demo.example');
	await admin.goto(`${family.base}/access-log`);
	await expect(
		admin.getByRole('heading', { level: 1, name: 'Nhật ký truy cập dữ liệu học sinh' })
	).toBeVisible();
	await admin.getByLabel('Học sinh (tên hoặc mã)').fill(family.pupil.code);
	await admin.getByRole('button', { name: 'Lọc' }).click();
	const log = admin.getByTestId('access-log');
	const rows = log.locator('tbody tr');
	// created (its page shown), the guardian added (shown again), opened once more: at least 3
	// pupil reads; the guardian's page at least 1 (a form's answer may show the page again)
	await expect(rows.first()).toBeVisible();
	const total = await rows.count();
	const pupilReads = await rows
		.filter({ hasText: 'Thông tin cá nhân và liên hệ phụ huynh' })
		.count();
	expect(pupilReads).toBeGreaterThanOrEqual(3);
	expect(total - pupilReads).toBeGreaterThanOrEqual(1);
	await expect(rows.first()).toContainText(family.pupil.code);
	await admin.getByLabel('Nội dung').selectOption({ label: 'Thông tin liên hệ của phụ huynh' });
	await admin.getByRole('button', { name: 'Lọc' }).click();
	await expect(rows).toHaveCount(total - pupilReads);
	await expect(rows.first()).toContainText(family.pupil.name);
	expect(new URL(admin.url()).searchParams.get('what')).toBe('guardian');
	// (axe needs JavaScript: the same filtered page in the admin's first browser)
	await page.goto(admin.url());
	await expect(page.getByTestId('access-log').locator('tbody tr')).toHaveCount(total - pupilReads);
	await expectAccessible(page);

	// Hostile filters: still the page, the impossible day named beside its field.
	const hostile = await admin.goto(
		`${family.base}/access-log?q=%00%01x&reader=1e309&what=%3Cscript%3E&from=31/02/2025&to=${'9'.repeat(5000)}&page=99999999999`
	);
	expect(hostile?.status()).toBe(200);
	await expect(admin.locator('#from-error')).toHaveText('Ngày không hợp lệ (dd/mm/yyyy).');
	await noJs.close();

	// The family sees who read their child's data.
	await family.parent.goto('/parent/access-log');
	await expect(
		family.parent.getByRole('heading', { level: 1, name: 'Ai đã xem dữ liệu của con' })
	).toBeVisible();
	const seen = family.parent.getByTestId('child-access-log').locator('tbody tr');
	await expect(seen).toHaveCount(total);
	await expect(seen.first()).toContainText(family.pupil.name);
	await expect(seen.first()).toContainText('Trường THCS Quang Trung');
	await family.parentContext.close();

	// Another school's admin and a teacher of the school: 404.
	for (const email of ['nguyentatthanh.admin@demo.example', 'quangtrung.gv@demo.example']) {
		const other = await browser.newContext();
		const otherPage = await other.newPage();
		await signIn(otherPage, email);
		const res = await otherPage.goto(`${family.base}/access-log`);
		expect(res?.status(), email).toBe(404);
		await other.close();
	}
});
