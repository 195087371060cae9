import { expect, type Browser, type Page } from '@playwright/test';
import { activateWithCode, sendInvitation } from './helpers';

/**
 * As the signed-in Quang Trung admin: adds a pupil in no class (so no teacher of the school teaches
 * them, and every staff read of their data is outside their classes) and a new guardian with an
 * e-mail, invites the guardian and activates the account in another browser. The demo family is
 * never touched (other tests count its rows).
 */
export async function addFamilyWithAccount(page: Page, browser: Browser, tag: string) {
	const stamp = `${Date.now()}`.slice(-7);
	const pupil = { code: `E2E-${tag}-${stamp}`, name: `Đinh Thị Lan ${stamp}` };
	const guardian = {
		name: `Đinh Văn Bình ${stamp}`,
		email: `e2e.${tag.toLowerCase()}.${stamp}@test.example`,
		phone: `098${stamp}`
	};
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	await page.goto(`${base}/students/new`);
	await page.getByLabel('Mã học sinh').fill(pupil.code);
	await page.getByLabel('Họ và tên').fill(pupil.name);
	await page.getByLabel('Ngày sinh').fill('05/09/2014');
	await page.getByRole('button', { name: 'Thêm mới' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Học sinh: ${pupil.name}` })
	).toBeVisible();
	const pupilUrl = new URL(page.url()).pathname;

	const add = page.locator('form[action="?/addGuardian"]');
	await add.getByLabel('Họ và tên').fill(guardian.name);
	await add.getByLabel('Quan hệ').selectOption({ label: 'Bố' });
	await add.getByLabel('Số điện thoại').fill(guardian.phone);
	await add.getByRole('button', { name: 'Thêm phụ huynh mới' }).click();
	const guardians = page.getByRole('region', { name: 'Phụ huynh của học sinh' });
	await guardians.getByRole('link', { name: guardian.name }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Phụ huynh: ${guardian.name}` })
	).toBeVisible();
	const guardianUrl = new URL(page.url()).pathname;
	const code = await sendInvitation(page, guardian.email);

	const context = await browser.newContext();
	const parent = await context.newPage();
	const password = `mk-${code.toLowerCase()}`;
	await activateWithCode(parent, guardian.email, code, password);
	return {
		base,
		pupil,
		guardian,
		password,
		pupilUrl,
		guardianUrl,
		parentContext: context,
		parent
	};
}
