import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'demo-2026';

export async function signIn(page: Page, email: string, password = PASSWORD) {
	await page.goto('/login');
	await page.getByLabel('Số điện thoại hoặc email').fill(email);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** No serious or critical accessibility violation on the current page. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	const serious = results.violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(
		serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

/**
 * As the signed-in school admin: adds a teacher of Toán and gives them an account; answers the
 * password shown once. Tests that change a user's own settings use such a fresh teacher, so that
 * no other test signing in with a demo account sees the change.
 */
export async function addTeacherWithAccount(
	page: Page,
	teacher: { code: string; name: string; email: string }
) {
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	await page.goto(`${base}/staff/new`);
	await page.getByLabel('Mã giáo viên').fill(teacher.code);
	await page.getByLabel('Họ và tên').fill(teacher.name);
	await page.getByLabel('Email').fill(teacher.email);
	await page.getByLabel('Toán').check();
	await page.getByRole('button', { name: 'Thêm mới' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Cán bộ: ${teacher.name}` })
	).toBeVisible();
	await expect(page.getByLabel('Toán')).toBeChecked();

	const account = page.getByRole('region', { name: 'Tài khoản đăng nhập' });
	await expect(account.getByLabel('Email đăng nhập')).toHaveValue(teacher.email);
	await account.getByRole('button', { name: 'Tạo tài khoản' }).click();
	const shown = account.getByRole('status').filter({ hasText: 'Mật khẩu:' });
	await expect(shown).toBeVisible();
	return /Mật khẩu: ([a-z2-9-]+)\./.exec((await shown.textContent()) ?? '')![1];
}
