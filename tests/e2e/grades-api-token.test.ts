import { expect, request, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/**
 * An external e-gradebook syncs a school's grades with a grades token (issue 11): the admin makes
 * one with the purpose field; it reads the school's gradebooks and pupils' results, a usage token
 * gets 404 there and a grades token 404 on the usage endpoint (purposes kept apart at the gate).
 */
async function createToken(page: Page, name: string, purpose?: string): Promise<string> {
	// filled again when the page's hydration reset what was chosen before it (the purpose went
	// back to "usage" once on a loaded machine)
	await expect(async () => {
		await page.getByLabel('Tên gợi nhớ').fill(name);
		if (purpose) await page.getByLabel('Mục đích').selectOption({ label: purpose });
		await expect(page.getByLabel('Tên gợi nhớ')).toHaveValue(name);
		if (purpose)
			await expect(page.getByLabel('Mục đích').locator('option:checked')).toHaveText(purpose);
	}).toPass({ timeout: 30_000 });
	await page.getByRole('button', { name: 'Tạo mã' }).click();
	const secret = await page.locator('#new-token').inputValue();
	expect(secret).toMatch(/^trs_[a-z2-7]{32}$/);
	return secret;
}

test('an e-gradebook reads and writes grades with a grades token, never with a usage token', async ({
	page,
	baseURL
}) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	const schoolId = /\/schools\/(\d+)/.exec(page.url())![1];
	const classes = await (await page.request.get(`/schools/${schoolId}/classes`)).text();
	const classId = new RegExp(`/schools/${schoolId}/classes/(\\d+)"`).exec(classes)![1];

	// names of this attempt's own (a retry finds the first attempt's tokens in the list)
	const attempt = `e2e ${test.info().retry}`;
	await page.goto(`/schools/${schoolId}/api-tokens`);
	const grades = await createToken(page, `Sổ điểm ngoài ${attempt}`, 'Đồng bộ điểm (API sổ điểm)');
	await expectAccessible(page);
	await page.goto(`/schools/${schoolId}/api-tokens`);
	const usage = await createToken(page, `Nền tảng ${attempt}`);
	await page.reload();
	await expect(page.getByRole('row', { name: `Sổ điểm ngoài ${attempt} ` })).toContainText(
		'Đồng bộ điểm (API sổ điểm)'
	);
	await expect(page.getByRole('row', { name: `Nền tảng ${attempt} ` })).toContainText(
		'Báo cáo sử dụng nền tảng'
	);

	const api = await request.newContext({ baseURL });
	const as = (token: string) => ({ authorization: `Bearer ${token}` });
	const book = `/api/v1/classes/${classId}/gradebook?subject=TOAN&semester=1`;

	const read = await api.get(book, { headers: as(grades) });
	expect(read.status()).toBe(200);
	const body = await read.json();
	expect(body).toMatchObject({ classId: Number(classId), semester: 1, canEnter: true });
	expect(body.pupils.length).toBeGreaterThan(0);
	const results = `/api/v1/students/${body.pupils[0].id}/results`;
	const saved = await api.put(book, { headers: as(grades), data: { cells: [] } });
	expect(await saved.json()).toEqual({ saved: 0 });
	const bad = await api.put(book, {
		headers: as(grades),
		data: { cells: [{ studentId: body.pupils[0].id, column: 'tx1', value: 9.25, version: 0 }] }
	});
	expect(bad.status()).toBe(400);
	expect((await bad.json()).cells[0].code).toBe('grades_v_too_many_decimals');
	expect((await api.get(results, { headers: as(grades) })).status()).toBe(200);

	// a usage token never reads or writes grades; a grades token never reports usage
	for (const res of [
		await api.get(book, { headers: as(usage) }),
		await api.put(book, { headers: as(usage), data: { cells: [] } }),
		await api.get(results, { headers: as(usage) }),
		await api.post('/api/v1/usage-events', { headers: as(grades), data: { events: [] } })
	]) {
		expect(res.status()).toBe(404);
		expect(await res.json()).toEqual({ error: 'not_found' });
	}
	expect((await api.get('/api/v1/me', { headers: as(grades) })).status()).toBe(401);
	expect((await api.get(book)).status()).toBe(401);

	await page.reload();
	const row = page.getByRole('row', { name: /Sổ điểm ngoài e2e/ });
	await row.getByRole('button', { name: /Thu hồi/ }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã thu hồi mã.' })).toBeVisible();
	expect((await api.get(book, { headers: as(grades) })).status()).toBe(401);

	const openapi = await (await api.get('/api/v1/openapi.json')).json();
	expect(Object.keys(openapi.paths['/classes/{classId}/gradebook'])).toEqual(['get', 'put']);
	await api.dispose();
});
