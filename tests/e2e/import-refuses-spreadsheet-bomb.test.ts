import { expect, test } from '@playwright/test';
import { withDeclaredSheetSize, xlsxBomb } from '../helpers/xlsx-bomb';
import { signIn } from './helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Issue 8 item 3: a 1-3 MB XLSX that inflates to 250 MB used to stall the whole server.
test.use({ javaScriptEnabled: false });

test('a spreadsheet bomb is refused with a clear message and the portal keeps answering', async ({
	page,
	request
}) => {
	test.setTimeout(120_000);
	const bomb = xlsxBomb(250);
	await signIn(page, 'quangtrung.admin@demo.example');
	const imports = `${new URL(page.url()).pathname}/imports`;
	const upload = async (name: string, bytes: Uint8Array) => {
		await page.goto(imports);
		await page.getByLabel('Loại dữ liệu').selectOption({ label: 'Học sinh' });
		await page
			.getByLabel('Tệp dữ liệu')
			.setInputFiles({ name, mimeType: XLSX, buffer: Buffer.from(bytes) });
		await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
	};

	// Its zip directory declares 250 MB: refused before anything is inflated.
	await upload('bom.xlsx', bomb);
	await expect(
		page.getByText('Tệp Excel bung ra quá 64 MB dữ liệu nên đã bị từ chối.')
	).toBeVisible();

	// The same bomb claiming 60 MB is inflated, in a worker, until the lie shows. Meanwhile the
	// server answers other requests.
	let uploading = true;
	const answeredDuringUpload: number[] = [];
	const uploaded = upload('bom-2.xlsx', withDeclaredSheetSize(bomb, 60)).then(() => {
		uploading = false;
	});
	while (uploading) {
		const res = await request.get('/healthz');
		if (uploading) answeredDuringUpload.push(res.status());
	}
	await uploaded;
	await expect(page.getByText('Không đọc được tệp.')).toBeVisible();
	expect(answeredDuringUpload.length).toBeGreaterThan(0);
	expect(answeredDuringUpload.every((s) => s === 200)).toBe(true);
	await expect(page.getByRole('heading', { level: 1, name: 'Nhập dữ liệu từ tệp' })).toBeVisible();
});
