import { expect, request, test } from '@playwright/test';
import { signIn } from './helpers';
import { addFamilyWithAccount } from './privacy-family';

/**
 * Data deletion requests (issue 13, privacy; Law 91/2025), without JavaScript: a parent asks at
 * /account/deletion (the box unticked: the error beside it), the school admin records the outcome
 * at /schools/<id>/deletion-requests (no decision: the error beside it), the parent reads it.
 * Hostile inputs give 400; another school's admin gets 404 for the page and the action.
 */
test.describe.configure({ timeout: 180_000 });

const HOSTILE = ['a'.repeat(100_000), '\u0000', 'An\u0000Bình', '\u0001\u001b[31m', '1e309', '-1'];

test('a parent asks for deletion and the school admin records the outcome', async ({
	page,
	browser,
	baseURL
}) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	const family = await addFamilyWithAccount(page, browser, 'DEL');
	await family.parentContext.close();

	// The parent, without JavaScript.
	const parentCtx = await browser.newContext({ javaScriptEnabled: false });
	const parent = await parentCtx.newPage();
	await signIn(parent, family.guardian.email, family.password);
	await parent.goto('/account/deletion');
	await expect(
		parent.getByRole('heading', { level: 1, name: 'Yêu cầu xoá dữ liệu cá nhân' })
	).toBeVisible();
	await expect(parent.getByText('Bạn chưa gửi yêu cầu nào.')).toBeVisible();
	await parent
		.getByLabel('Lý do (không bắt buộc)')
		.fill('Gia đình chuyển vào Thành phố Hồ Chí Minh');
	await parent.getByRole('button', { name: 'Gửi yêu cầu' }).click();
	await expect(parent.locator('#confirm-error')).toHaveText(
		'Hãy đánh dấu ô xác nhận để gửi yêu cầu.'
	);
	// what was typed is kept
	await expect(parent.getByLabel('Lý do (không bắt buộc)')).toHaveValue(
		'Gia đình chuyển vào Thành phố Hồ Chí Minh'
	);
	await parent.getByLabel('Tôi muốn nhà trường xoá dữ liệu cá nhân của tôi').check();
	await parent.getByRole('button', { name: 'Gửi yêu cầu' }).click();
	await expect(
		parent.getByRole('status').filter({ hasText: 'Đã gửi yêu cầu xoá dữ liệu tới 1 trường.' })
	).toBeVisible();
	const mine = parent.locator('li[data-status]');
	await expect(mine).toHaveCount(1);
	await expect(mine).toContainText('Trường THCS Quang Trung');
	await expect(mine).toContainText('Đang chờ xử lý');
	// asking again opens nothing new
	await parent.getByLabel('Tôi muốn nhà trường xoá dữ liệu cá nhân của tôi').check();
	await parent.getByRole('button', { name: 'Gửi yêu cầu' }).click();
	await expect(
		parent.getByRole('status').filter({ hasText: 'Yêu cầu của bạn đang chờ nhà trường xử lý.' })
	).toBeVisible();
	await expect(mine).toHaveCount(1);

	// Hostile reasons: 400, nothing asked.
	const parentApi = await request.newContext({
		baseURL,
		storageState: await parentCtx.storageState(),
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	for (const value of HOSTILE.slice(0, 4)) {
		const res = await parentApi.post('/account/deletion', {
			form: { confirm: 'on', reason: value },
			maxRedirects: 0
		});
		expect(res.status(), JSON.stringify(value.slice(0, 20))).toBe(400);
	}

	// The school admin, without JavaScript.
	const adminCtx = await browser.newContext({ javaScriptEnabled: false });
	const admin = await adminCtx.newPage();
	await signIn(admin, 'quangtrung.admin@demo.example');
	await admin.goto(`${family.base}/deletion-requests`);
	const item = admin.locator('li[data-request]').filter({ hasText: family.guardian.name });
	await expect(item).toHaveCount(1);
	await expect(item).toContainText('Gia đình chuyển vào Thành phố Hồ Chí Minh');
	const requestId = (await item.getAttribute('data-request'))!;
	await item.getByLabel('Ghi chú kết quả').fill('Đã xoá số điện thoại và email của phụ huynh.');
	await item.getByRole('button', { name: 'Lưu kết quả' }).click();
	const again = admin.locator(`li[data-request="${requestId}"]`);
	await expect(again.locator(`#status-error-${requestId}`)).toBeVisible();
	await expect(again.getByLabel('Ghi chú kết quả')).toHaveValue(
		'Đã xoá số điện thoại và email của phụ huynh.'
	);

	// Hostile values in every field: 400; another school's admin: 404, page and action.
	const adminApi = await request.newContext({
		baseURL,
		storageState: await adminCtx.storageState(),
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	const path = `${family.base}/deletion-requests?/handle`;
	for (const value of HOSTILE) {
		for (const field of ['request', 'version', 'status', 'outcome']) {
			// a number is a valid note: only the unprintable and the huge go into it
			if (field === 'outcome' && /^-?[\d.e]+$/.test(value)) continue;
			const form = {
				request: requestId,
				version: '1',
				status: 'done',
				outcome: 'ok',
				[field]: value
			};
			const res = await adminApi.post(path, { form, maxRedirects: 0 });
			expect(res.status(), `${field}=${JSON.stringify(value.slice(0, 20))}`).toBe(400);
		}
	}
	const otherCtx = await browser.newContext();
	const other = await otherCtx.newPage();
	await signIn(other, 'nguyentatthanh.admin@demo.example');
	expect((await other.goto(`${family.base}/deletion-requests`))?.status()).toBe(404);
	const otherApi = await request.newContext({
		baseURL,
		storageState: await otherCtx.storageState(),
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	const stolen = await otherApi.post(path, {
		form: { request: requestId, version: '1', status: 'refused', outcome: 'Không' },
		maxRedirects: 0
	});
	expect(stolen.status()).toBe(404);

	// The admin records "done" with a note; the parent reads it.
	await again.getByLabel('Đã xoá', { exact: true }).check();
	await again.getByRole('button', { name: 'Lưu kết quả' }).click();
	await expect(
		admin.getByRole('status').filter({ hasText: 'Đã ghi kết quả xử lý yêu cầu.' })
	).toBeVisible();
	const handled = admin.locator(`li[data-request="${requestId}"]`);
	await expect(handled).toHaveAttribute('data-status', 'done');
	await expect(handled).toContainText('Đã xoá số điện thoại và email của phụ huynh.');
	await expect(handled.locator('form')).toHaveCount(0);

	await parent.goto('/account/deletion');
	await expect(mine).toContainText('Đã xoá');
	await expect(mine).toContainText('Đã xoá số điện thoại và email của phụ huynh.');

	await Promise.all([parentApi.dispose(), adminApi.dispose(), otherApi.dispose()]);
	await Promise.all([parentCtx.close(), adminCtx.close(), otherCtx.close()]);
});
