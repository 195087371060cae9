import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test("a teacher of one school cannot open the other school's pages or API", async ({ page }) => {
	await signIn(page, 'nguyentatthanh.gv@demo.example');
	const own = await page.request.get('/api/v1/schools');
	const { schools } = await own.json();
	expect(schools.map((s: { name: string }) => s.name)).toEqual([
		'Trường THPT Chuyên Nguyễn Tất Thành'
	]);

	// Find the other pilot's id as the department would see it.
	const dept = await page.context().browser()!.newContext();
	const deptPage = await dept.newPage();
	await signIn(deptPage, 'so@demo.example');
	const found = await (await deptPage.request.get('/api/v1/schools?q=THCS%20Quang%20Trung')).json();
	const quangTrung = found.schools[0].id as number;
	await dept.close();

	const response = await page.goto(`/schools/${quangTrung}`);
	expect(response?.status()).toBe(404);
	await expect(
		page.getByText('Không tìm thấy trang này, hoặc bạn không có quyền xem.')
	).toBeVisible();
	const api = await page.request.get(`/api/v1/schools/${quangTrung}`);
	expect(api.status()).toBe(404);
	expect(await api.json()).toEqual({ error: 'not_found' });
	expect((await page.goto('/department'))?.status()).toBe(404);
	await expect(
		page.getByText('Không tìm thấy trang này, hoặc bạn không có quyền xem.')
	).toBeVisible();
});

test('the API answers 401 without a session and describes itself in OpenAPI', async ({
	request
}) => {
	const res = await request.get('/api/v1/me');
	expect(res.status()).toBe(401);
	expect(await res.json()).toEqual({ error: 'unauthenticated' });
	const doc = await (await request.get('/api/v1/openapi.json')).json();
	expect(doc.openapi).toBe('3.1.0');
	expect(Object.keys(doc.paths)).toEqual(
		expect.arrayContaining(['/me', '/schools', '/schools/{id}'])
	);
	const school = doc.paths['/schools'].get.responses['200'].content['application/json'].schema;
	expect(school.properties.schools.items.required).toEqual(
		expect.arrayContaining(['id', 'code', 'name', 'level', 'area'])
	);
});
