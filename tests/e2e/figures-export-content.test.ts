import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

/**
 * The response figures export (issue 13) says what the page shows: the CSV and the XLSX of the
 * seeded month (November 2026 at THCS Quang Trung) are read back, and each line (a teacher or the
 * office, then the school's total) is compared with the page's table and total, column by column.
 */
const MONTH = '2026-11';

/** "85,7%" / "–" as a number with one decimal, or null. */
const percentOf = (text: string) => {
	const t = text.replace(/[%\s\u00a0]/g, '');
	return t === '–' || t === '' ? null : Number(t.replace(/\./g, '').replace(',', '.'));
};

type Line = [string, number, number, number, number, number, number | null];

/** The page's table lines and the school's total, in the export's shape. */
async function pageLines(page: Page): Promise<{ lines: Line[]; total: string }> {
	const rows = page.getByTestId('figures-table').locator('tbody tr');
	const lines: Line[] = [];
	for (let i = 0; i < (await rows.count()); i++) {
		const row = rows.nth(i);
		const name = (await row.locator('th').textContent())!.trim();
		const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
		lines.push([
			name,
			...(cells.slice(0, 5).map(Number) as [number, number, number, number, number]),
			percentOf(cells[5])
		]);
	}
	return { lines, total: (await page.getByTestId('figures-school').textContent())!.trim() };
}

const asLine = (cells: unknown[]): Line => [
	String(cells[0]),
	...(cells.slice(1, 6).map(Number) as [number, number, number, number, number]),
	cells[6] === null || cells[6] === undefined || cells[6] === ''
		? null
		: Number(String(cells[6]).replace(',', '.'))
];

test('the response figures CSV and XLSX hold the lines the page shows', async ({ page }) => {
	await signIn(page, 'quangtrung.admin@demo.example');
	const school = /href="(\/schools\/\d+)\/notices"/.exec(await page.content())![1];
	await page.goto(`${school}/messages/figures?month=${MONTH}`);
	const shown = await pageLines(page);
	expect(shown.lines.length).toBeGreaterThan(0);

	const csvHref = await page.getByRole('link', { name: /CSV/ }).getAttribute('href');
	const csvRes = await page.request.get(csvHref!);
	expect(csvRes.status()).toBe(200);
	const csvText = (await csvRes.text()).replace(/^\uFEFF/, '');
	const csv = Papa.parse<string[]>(csvText.trim(), { delimiter: ';' }).data;
	const [header, ...csvRows] = csv;
	expect(header).toHaveLength(7);

	const xlsxHref = await page.getByRole('link', { name: /Excel|XLSX/i }).getAttribute('href');
	const xlsxRes = await page.request.get(xlsxHref!);
	expect(xlsxRes.status()).toBe(200);
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(Buffer.from(await xlsxRes.body()) as unknown as ArrayBuffer);
	const sheet = book.worksheets[0];
	const xlsxRows: unknown[][] = [];
	sheet.eachRow((row, n) => {
		if (n > 1) xlsxRows.push((row.values as unknown[]).slice(1, 8));
	});
	expect((sheet.getRow(1).values as unknown[]).slice(1, 8)).toEqual(header);

	for (const [format, rows] of [
		['csv', csvRows],
		['xlsx', xlsxRows]
	] as const) {
		const lines = rows.map(asLine);
		// every line of the page, in the page's order, then the school's total
		expect(lines.slice(0, -1), format).toEqual(shown.lines);
		const total = lines.at(-1)!;
		expect(total[0], format).toBe('Cả trường');
		for (let col = 1; col <= 5; col++)
			expect(total[col], `${format} column ${col}`).toBe(
				shown.lines.reduce((sum, l) => sum + (l[col] as number), 0)
			);
		// the page's total line names the same share and the same answers in time
		expect(shown.total, format).toContain(`(${total[2]}/${total[1] - total[5]} `);
		if (total[6] !== null)
			expect(shown.total, format).toContain(String(total[6]).replace('.', ','));
	}
});
