import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'demo-2026';

/**
 * Signs in through the sign-in form as a person does: the form's own tests (sign-in-by-role and
 * the language, wrong-password and security tests) use this.
 */
export async function signInWithForm(page: Page, email: string, password = PASSWORD) {
	await page.goto('/login');
	await page.getByLabel('Số điện thoại hoặc email').fill(email);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Signs in for a test about something else: the same POST the form sends without JavaScript, in
 * the page's own context (its cookies land in the browser), then the page the portal sends the
 * person to. Half the time of the form (no sign-in page to render and hydrate), hundreds of times
 * per run.
 */
export async function signIn(page: Page, email: string, password = PASSWORD) {
	const origin = new URL((await page.request.get('/healthz')).url()).origin;
	const answer = await page.request.post('/login', {
		form: { login: email, password },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	const to = answer.headers()['location'];
	if (answer.status() !== 303 || !to)
		throw new Error(`signing in as ${email} answered ${answer.status()}, not a redirect`);
	await page.goto(to);
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
	const code = await sendInvitation(page, teacher.email);
	// The teacher activates the slip's code elsewhere with a password of their own.
	const password = `mk-${code.toLowerCase()}`;
	const context = await page.context().browser()!.newContext();
	await activateWithCode(await context.newPage(), teacher.email, code, password);
	await context.close();
	return password;
}

/**
 * On a staff or guardian page: invites `email` on the account form and checks the answer that is
 * the same whatever the address is (issue 8, item 10); returns the slip's code.
 */
export async function sendInvitation(page: Page, email: string) {
	const account = page.getByRole('region', { name: 'Tài khoản đăng nhập' });
	await account.getByLabel('Email đăng nhập').fill(email);
	await account.getByRole('button', { name: 'Gửi lời mời' }).click();
	const region = page.getByRole('region', { name: 'Tài khoản đăng nhập' });
	await expect(region.getByRole('status')).toContainText(
		`Đã chuẩn bị lời mời cho địa chỉ ${email.toLowerCase()}. Người này phải tự chấp nhận`
	);
	await expect(region.getByText('đang chờ người được mời chấp nhận')).toBeVisible();
	const slip = region.getByRole('region', { name: 'Lời mời tham gia cổng Trường Số' });
	await expect(slip).toContainText(`Địa chỉ email: ${email.toLowerCase()}`);
	return (await slip.locator('.code').textContent())!.trim();
}

/** At /activate: the e-mail, the slip's code, a new password and the privacy notice. */
export async function activateWithCode(page: Page, login: string, code: string, password: string) {
	await page.goto('/activate');
	await page.getByLabel('Số điện thoại hoặc email').fill(login);
	await page.getByLabel('Mã kích hoạt').fill(code);
	await page.locator('#f-password').fill(password);
	await page.getByLabel('Nhập lại mật khẩu mới').fill(password);
	await page.getByLabel(/Tôi đã đọc và đồng ý/).check();
	await page.getByRole('button', { name: 'Kích hoạt và đăng nhập' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/activate'));
}
