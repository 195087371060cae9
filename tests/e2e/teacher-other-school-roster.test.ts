import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test("a teacher sees their school's staff and classes read-only and gets 404 at another school", async ({
	page
}) => {
	await signIn(page, 'nguyentatthanh.gv@demo.example');
	const nav = page.getByRole('navigation', { name: 'Điều hướng chính' }).last();
	await nav.getByRole('link', { name: 'Cán bộ, giáo viên' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Cán bộ, giáo viên' })).toBeVisible();
	await expect(page.getByText('Bạn chỉ có quyền xem danh sách này.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Thêm cán bộ, giáo viên' })).toHaveCount(0);
	await expect(page.locator('main table a')).toHaveCount(0);

	// THCS Quang Trung's id, from the department's API (the teacher must not learn it otherwise).
	const dept = await page.context().browser()!.newContext();
	const deptPage = await dept.newPage();
	await signIn(deptPage, 'so@demo.example');
	const found = await (await deptPage.request.get('/api/v1/schools?q=THCS%20Quang%20Trung')).json();
	const qt = found.schools[0].id as number;
	await dept.close();

	for (const path of ['staff', 'classes', 'students', 'guardians', 'imports', 'staff/new']) {
		const response = await page.goto(`/schools/${qt}/${path}`);
		expect(response?.status(), path).toBe(404);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' })
		).toBeVisible();
	}
	const template = await page.request.get(`/schools/${qt}/imports/template/students.csv`);
	expect(template.status()).toBe(404);
});
