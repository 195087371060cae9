import { expect, request, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * A school admin creates an API token for a platform; the platform reports usage with it
 * (idempotent, partial acceptance); sessions and bad tokens are refused; a revoked token stops working.
 */
test('a platform reports usage with a school’s API token until the admin revokes it', async ({
	page,
	baseURL
}) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	const schoolId = /\/schools\/(\d+)/.exec(page.url())![1];
	await page.goto(`/schools/${schoolId}/api-tokens`);
	await expect(page.getByRole('heading', { level: 1, name: 'Mã truy cập API' })).toBeVisible();
	await page.getByLabel('Tên gợi nhớ').fill('Thư viện số K12');
	await page.getByLabel('Phạm vi nền tảng').selectOption({ label: 'Thư viện số' });
	await page.getByRole('button', { name: 'Tạo mã' }).click();
	const secret = await page.locator('#new-token').inputValue();
	expect(secret).toMatch(/^trs_[a-z2-7]{32}$/);
	await expectAccessible(page);
	// shown once: a reload no longer has it
	await page.reload();
	await expect(page.locator('#new-token')).toHaveCount(0);
	await expect(page.getByRole('row', { name: /Thư viện số K12/ })).toContainText('Chưa dùng');

	const api = await request.newContext({ baseURL });
	const occurredAt = new Date(Date.now() - 3600_000).toISOString();
	const body = {
		events: [
			{
				id: `e2e-${Date.now()}`,
				platform: 'digital-library',
				teacherEmail: 'quangtrung.gv@demo.example',
				occurredAt,
				durationMinutes: 30,
				className: '8A'
			},
			{ id: 'bad', platform: 'digital-library', teacherEmail: 'x', occurredAt },
			// a NUL byte in one event refuses that event only; the rest of the batch is stored
			{
				id: `e2e-nul-${Date.now()}`,
				platform: 'digital-library',
				teacherEmail: 'quangtrung.gv@demo.example',
				occurredAt,
				className: '8A\u0000'
			}
		]
	};
	const auth = { authorization: `Bearer ${secret}` };
	const first = await api.post('/api/v1/usage-events', { data: body, headers: auth });
	expect(first.status()).toBe(200);
	expect(await first.json()).toEqual({
		accepted: 1,
		duplicates: 0,
		rejected: [
			{ index: 1, errors: ['teacherEmail: invalid_email'] },
			{ index: 2, errors: [expect.stringMatching(/^className: /)] }
		]
	});
	const again = await api.post('/api/v1/usage-events', { data: body, headers: auth });
	expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1 });
	const tooMany = { events: Array.from({ length: 1001 }, () => body.events[0]) };
	expect((await api.post('/api/v1/usage-events', { data: tooMany, headers: auth })).status()).toBe(
		413
	);

	// no token, a wrong token, or a session cookie alone: 401
	const refused: Record<string, string>[] = [{}, { authorization: 'Bearer trs_wrong' }];
	for (const headers of refused) {
		const res = await api.post('/api/v1/usage-events', { data: body, headers });
		expect(res.status()).toBe(401);
		expect(await res.json()).toEqual({ error: 'unauthenticated' });
	}
	expect((await page.request.post('/api/v1/usage-events', { data: body })).status()).toBe(401);
	// a token opens nothing but the usage endpoint
	expect((await api.get('/api/v1/me', { headers: auth })).status()).toBe(401);

	await page.reload();
	const row = page.getByRole('row', { name: /Thư viện số K12/ });
	await expect(row).not.toContainText('Chưa dùng');
	await row.getByRole('button', { name: /Thu hồi/ }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã thu hồi mã.' })).toBeVisible();
	const revoked = await api.post('/api/v1/usage-events', { data: body, headers: auth });
	expect(revoked.status()).toBe(401);

	const openapi = await (await api.get('/api/v1/openapi.json')).json();
	expect(openapi.paths['/usage-events'].post.security).toEqual([{ bearerToken: [] }]);
	await api.dispose();
});

test('the department sees the heat map, ranking and trend, and downloads them', async ({
	page
}) => {
	await signIn(page, 'so@demo.example');
	await page.goto('/department/adoption');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Mức độ sử dụng toàn tỉnh' })
	).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Xếp hạng nền tảng' })).toBeVisible();
	// the heat map comes 20 schools a page (tests/e2e/big-tables-paged.test.ts pages through it)
	await expect(page.locator('.heat tbody tr')).toHaveCount(20);
	await expect(page.getByText('Trường 1–20 trong tổng số 123 trường')).toBeVisible();
	// one area: the same page, small enough for the accessibility check to be quick
	await page.getByLabel('Khu vực').selectOption({ label: 'Văn Yên' });
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page).toHaveURL(/area=\d+/);
	await expect(page.locator('.heat tbody tr')).toHaveCount(16);
	await expectAccessible(page);
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Tải Excel (XLSX)' }).click();
	expect((await download).suggestedFilename()).toMatch(/^muc-do-su-dung-\d{4}-\d{2}-\d{2}\.xlsx$/);
});
