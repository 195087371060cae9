import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * Without JavaScript: the admin of THCS Quang Trung downloads the school's timetable problem as a
 * FET file, uploads it again, previews what it would change and saves it; a file that does not
 * parse says its line; hostile files (an XML bomb, NUL bytes, too large) and forged saves are
 * refused with a 4xx, never a 500; a published version downloads as .fet too.
 */
test.use({ javaScriptEnabled: false });

test('the admin exports the problem as .fet, imports it with a preview, and hostile files are refused', async ({
	page,
	baseURL
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'quangtrung.admin@demo.example');
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	await page.goto(`${base}/timetable`);
	await page.getByRole('link', { name: 'Nhập/xuất tệp FET (.fet)' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Nhập và xuất tệp FET' })).toBeVisible();

	const exported = await page.request.get(`${base}/timetable/fet/problem`);
	expect(exported.status()).toBe(200);
	expect(exported.headers()['content-type']).toContain('xml');
	const text = await exported.text();
	expect(text).toContain('<fet version="6.8.5">');

	const upload = async (name: string, body: string | Buffer) => {
		await page.getByLabel('Tệp FET (.fet, tối đa 5 MB)').setInputFiles({
			name,
			mimeType: 'application/xml',
			buffer: typeof body === 'string' ? Buffer.from(body) : body
		});
		await page.getByRole('button', { name: 'Xem trước' }).click();
	};

	await upload('truong.fet', text);
	const preview = page.getByTestId('fet-preview');
	await expect(preview).toContainText(/ngày × \d+ tiết/);
	await expect(page.getByTestId('fet-will-save')).toContainText('Sẽ lưu: lịch bận của');
	await preview.getByRole('button', { name: 'Lưu vào bài toán xếp lịch' }).click();
	await expect(page.getByText(/Đã nhập từ tệp FET: lịch bận của \d+ giáo viên/)).toBeVisible();

	await upload('hong.fet', '<?xml version="1.0"?>\n<fet>\n<Days_List>\n</fet>');
	await expect(page.getByTestId('fet-error')).toContainText('Không đọc được tệp FET');
	await expect(page.getByTestId('fet-error')).toContainText('Dòng 4, cột 7');

	await upload(
		'bom.fet',
		'<?xml version="1.0"?>\n<!DOCTYPE fet [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<fet>&b;</fet>'
	);
	await expect(page.getByTestId('fet-error')).toContainText('DOCTYPE');
	await upload('nul.fet', text.replace('<Mode>', '<Mode>\u0000'));
	await expect(page.getByTestId('fet-error')).toContainText('NUL byte');

	const headers = { accept: 'text/html', origin: baseURL! };
	const huge = await page.request.post(`${base}/timetable/fet?/preview`, {
		headers,
		multipart: {
			file: { name: 'lon.fet', mimeType: 'application/xml', buffer: Buffer.alloc(6_000_000, 32) }
		}
	});
	expect(huge.status()).toBe(413);
	const save = (changes: string) =>
		page.request.post(`${base}/timetable/fet?/save`, { form: { changes }, headers });
	for (const changes of [
		'{"unavailable":[{"staffId":2147483647,"slots":[]}],"requirements":[]}',
		'{"unavailable":[],"requirements":[{"classId":1,"subjectId":1,"periodsPerWeek":1e400}]}',
		'{"unavailable":[{"staffId":1,"slots":[[9,99]]}],"requirements":[]}',
		'not json\u0000',
		'x'.repeat(100_000)
	])
		expect((await save(changes)).status(), changes.slice(0, 40)).toBe(400);

	await page.goto(`${base}/timetable`);
	const published = page.locator('tbody tr[data-status="published"]').first();
	const versionId = (await published.getAttribute('data-testid'))?.replace('version-', '');
	const version = await page.request.get(`${base}/timetable/${versionId}/fet`);
	expect(version.status()).toBe(200);
	expect(await version.text()).toContain('<Permanently_Locked>false</Permanently_Locked>');
});
