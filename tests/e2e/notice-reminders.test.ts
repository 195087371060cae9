import { expect, request, test } from '@playwright/test';
import { PASSWORD, signIn } from './helpers';

/**
 * "Remind those who have not" (issue 13) without JavaScript: the department sends a notice to
 * THCS Đông Cuông only, reminds the recipient (its admin) who has not read it (one reminder; a second click is
 * told to wait, no 5xx), and the school's admin sees the notice marked as reminded. Hostile values
 * in the reminder forms of both figures pages answer 4xx.
 */
test('the department reminds an unread school without JavaScript; a second click is told to wait', async ({
	browser
}) => {
	const deptCtx = await browser.newContext({ javaScriptEnabled: false });
	const adminCtx = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 360, height: 740 }
	});
	const dept = await deptCtx.newPage();
	const admin = await adminCtx.newPage();
	const title = `Công văn nhắc báo cáo ${Date.now()}`;

	await signIn(admin, 'dongcuong.admin@demo.example');
	const home = /\/schools\/\d+/.exec(admin.url())![0];
	const code = (await admin.locator('dl.props dd').first().textContent())!.trim();

	await signIn(dept, 'so@demo.example');
	await dept.goto('/department/notices/new');
	await dept.getByLabel('Tiêu đề').fill(title);
	await dept.getByLabel('Nội dung').fill('Đề nghị nhà trường báo cáo.');
	await dept.getByLabel(/Chỉ gửi các trường/).fill(code);
	await dept.getByRole('button', { name: 'Gửi thông báo' }).click();
	await expect(dept.getByText('Đã gửi thông báo tới 1 trường.')).toBeVisible();

	const remind = dept.getByRole('button', { name: 'Nhắc người nhận chưa đọc' });
	await remind.click();
	await expect(dept.getByText('Đã nhắc 1 người nhận chưa đọc ở 1 trường.')).toBeVisible();
	await expect(dept.getByText(/Đã nhắc 1 lần, lần cuối/)).toBeVisible();
	await expect(dept.getByTestId('next-reminder')).toBeVisible();
	await dept.getByRole('button', { name: 'Nhắc người nhận chưa đọc' }).click();
	await expect(dept.getByRole('alert')).toHaveText(
		/Vừa nhắc xong\. Có thể nhắc lại sau \d+ phút nữa\./
	);
	await expect(dept.getByText(/Đã nhắc 1 lần, lần cuối/)).toBeVisible();

	await admin.goto(`${home}/official-notices`);
	const entry = admin.locator('li.card').filter({ hasText: title });
	await expect(entry.getByText('Được nhắc lại')).toBeVisible();
	const width = await admin.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(360);

	await deptCtx.close();
	await adminCtx.close();
});

const HOSTILE = [
	'a'.repeat(100_000),
	'\u0000',
	'1\u0000',
	'\u0001\u001b[31m\u007f',
	'1e309',
	'9223372036854775808',
	'-1',
	"' or 1=1 --"
];

test('the reminder forms answer hostile values with a 4xx and remind nobody', async ({
	baseURL
}) => {
	const session = async (email: string) => {
		const ctx = await request.newContext({
			baseURL,
			extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
		});
		const res = await ctx.post('/login', {
			form: { login: email, password: PASSWORD },
			maxRedirects: 0
		});
		expect(res.status()).toBe(303);
		return ctx;
	};
	const dept = await session('so@demo.example');
	const admin = await session('quangtrung.admin@demo.example');
	const official = /href="\/department\/notices\/(\d+)"/.exec(
		await (await dept.get('/department/notices')).text()
	)![1];
	const school = /\/schools\/(\d+)/.exec((await admin.get('/')).url())![1];
	const notice = /href="\/schools\/\d+\/notices\/(\d+)"/.exec(
		await (await admin.get(`/schools/${school}/notices`)).text()
	)![1];
	const outcomes: string[] = [];
	for (const [ctx, path] of [
		[dept, `/department/notices/${official}?/remind`],
		[admin, `/schools/${school}/notices/${notice}?/remind`]
	] as const)
		for (const value of HOSTILE) {
			const res = await ctx.post(path, { form: { notice: value }, maxRedirects: 0 });
			if (res.status() < 400 || res.status() >= 500)
				outcomes.push(`${path} ${JSON.stringify(value.slice(0, 12))}: ${res.status()}`);
		}
	expect(outcomes).toEqual([]);
	await dept.dispose();
	await admin.dispose();
});

test('the dead deliveries page lists without JavaScript and its retry form answers hostile values with a 4xx', async ({
	browser,
	baseURL
}) => {
	const ctx = await browser.newContext({ javaScriptEnabled: false });
	const page = await ctx.newPage();
	await signIn(page, 'quangtrung.admin@demo.example');
	const school = /\/schools\/\d+/.exec(page.url())![0];
	await page.goto(`${school}/messages`);
	await page.getByRole('link', { name: 'Lỗi gửi thư' }).click();
	await expect(
		page.getByRole('heading', { name: 'Thư và thông báo đẩy không gửi được' })
	).toBeVisible();
	await ctx.close();

	const api = await request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	const login = await api.post('/login', {
		form: { login: 'quangtrung.admin@demo.example', password: PASSWORD },
		maxRedirects: 0
	});
	expect(login.status()).toBe(303);
	const outcomes: string[] = [];
	for (const value of HOSTILE)
		for (const form of [
			{ channel: value, delivery: '1' },
			{ channel: 'email', delivery: value },
			{ channel: 'push', delivery: value }
		]) {
			const res = await api.post(`${school}/messages/deliveries?/retry`, { form, maxRedirects: 0 });
			if (res.status() < 400 || res.status() >= 500)
				outcomes.push(`${JSON.stringify(form).slice(0, 40)}: ${res.status()}`);
		}
	expect(outcomes).toEqual([]);
	await api.dispose();
});
