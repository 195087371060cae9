import { expect, request, test } from '@playwright/test';
import { PASSWORD, signIn } from './helpers';

/**
 * Files of official notices (issue 13): the Văn Yên office attaches a PDF (a file that is not a
 * photo or PDF is refused beside the field, the typed text kept, nothing sent); Đông Cuông's admin
 * opens the notice on a phone and downloads the PDF; the Quang Trung admin (not a target) gets 404.
 */
test('an area office sends a notice with a PDF; a target school downloads it, another school cannot', async ({
	browser
}) => {
	const areaCtx = await browser.newContext();
	const adminCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const area = await areaCtx.newPage();
	const admin = await adminCtx.newPage();
	const title = `Công văn kèm kế hoạch ${Date.now()}`;

	await signIn(area, 'vanyen@demo.example');
	await area.goto('/department/notices/new');
	// Text typed before the page hydrates may be reset by hydration (a loaded machine): the form is
	// then refused for the empty title, nothing is sent, and the office types it again.
	await expect(async () => {
		await area.getByLabel('Tiêu đề').fill(title);
		await area.getByLabel('Nội dung').fill('Gửi kèm kế hoạch.');
		await area.locator('input[type="file"]').setInputFiles({
			name: 'virus.exe',
			mimeType: 'application/pdf',
			buffer: Buffer.from('MZ\x90\x00')
		});
		await area.getByRole('button', { name: 'Gửi thông báo' }).click();
		await expect(area.locator('#f-files-error')).toContainText('virus.exe', { timeout: 5000 });
	}).toPass({ timeout: 30_000 });
	await expect(area.getByLabel('Tiêu đề')).toHaveValue(title);
	await area.locator('input[type="file"]').setInputFiles({
		name: 'ke-hoach.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('%PDF-1.4\n%ke hoach')
	});
	await area.getByRole('button', { name: 'Gửi thông báo' }).click();
	await expect(area.getByText(/Đã gửi thông báo tới \d+ trường\./)).toBeVisible();
	const noticeId = /\/department\/notices\/(\d+)/.exec(area.url())![1];
	await expect(area.locator('[data-attachment]')).toHaveText('ke-hoach.pdf');

	await signIn(admin, 'dongcuong.admin@demo.example');
	const home = /\/schools\/\d+/.exec(admin.url())![0];
	await admin.goto(`${home}/official-notices/${noticeId}`);
	const link = admin.getByRole('link', { name: 'ke-hoach.pdf' });
	await expect(link).toBeVisible();
	const href = (await link.getAttribute('href'))!;
	const res = await admin.request.get(href);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toBe('application/pdf');
	expect((await res.body()).toString()).toBe('%PDF-1.4\n%ke hoach');

	const other = await browser.newContext();
	const qt = await other.newPage();
	await signIn(qt, 'quangtrung.admin@demo.example');
	const qtHome = /\/schools\/\d+/.exec(qt.url())![0];
	const fileId = /\/files\/(\d+)$/.exec(href)![1];
	expect(
		(await qt.request.get(`${qtHome}/official-notices/${noticeId}/files/${fileId}`)).status()
	).toBe(404);
	expect((await qt.request.get(href)).status()).toBe(404);

	await other.close();
	await areaCtx.close();
	await adminCtx.close();
});

test('hostile files on the official notice form answer 4xx and send nothing', async ({
	baseURL
}) => {
	const ctx = await request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	const login = await ctx.post('/login', {
		form: { login: 'vanyen@demo.example', password: PASSWORD },
		maxRedirects: 0
	});
	expect(login.status()).toBe(303);
	const outcomes: string[] = [];
	const names = [
		'\u0000.pdf',
		`${'a'.repeat(100_000)}.pdf`,
		'\u0001\u001b[31m.png',
		'../../etc/passwd'
	];
	const contents = [
		Buffer.from('MZ\x90\x00'),
		Buffer.alloc(0),
		Buffer.from('<svg onload=alert(1)>')
	];
	for (const name of names)
		for (const buffer of contents) {
			const form = await (await ctx.get('/department/notices/new')).text();
			const key = /name="formKey" value="([^"]+)"/.exec(form)![1];
			const res = await ctx.post('/department/notices/new', {
				multipart: {
					formKey: key,
					title: 'Tệp độc hại',
					body: 'Thử',
					files: { name, mimeType: 'application/pdf', buffer }
				},
				maxRedirects: 0
			});
			if (res.status() !== 400)
				outcomes.push(`${JSON.stringify(name.slice(0, 12))}: ${res.status()}`);
		}
	expect(outcomes).toEqual([]);
	await ctx.dispose();
});
