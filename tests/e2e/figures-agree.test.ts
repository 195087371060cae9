import { expect, test, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { signIn } from './helpers';

/**
 * Issue 9: a figure read anywhere is the same figure. For the demo province, the schools, the
 * platforms in use (declared and measured) and the pupils (declared and listed) read from the
 * department's dashboard, an area official's page, school pages and the CSV/XLSX export agree;
 * a filtered dashboard and its export say what the filter is.
 */
test.describe.configure({ timeout: 120_000 });

interface Figures {
	schools: number;
	studentsDeclared: number;
	studentsListed: number;
	allInUse: number;
	allMeasured: number;
}

const int = (v: string | null) => Number(v ?? NaN);

async function dashboardFigures(page: Page): Promise<Figures> {
	const card = (name: string) => page.locator(`[data-figure="${name}"]`);
	const schools = (await card('schools').locator('.value').innerText()).replace(/\D/g, '');
	return {
		schools: Number(schools),
		studentsDeclared: int(
			await card('students').locator('[data-declared]').getAttribute('data-declared')
		),
		studentsListed: int(
			await card('students').locator('[data-listed]').getAttribute('data-listed')
		),
		allInUse: int(
			await card('all-in-use').locator('[data-declared]').getAttribute('data-declared')
		),
		allMeasured: int(
			await card('all-in-use').locator('[data-measured]').getAttribute('data-measured')
		)
	};
}

type Row = Record<string, string>;

async function exportRows(page: Page, query = ''): Promise<Row[]> {
	const answer = await page.request.get(`/department/export?format=csv${query}`);
	expect(answer.status()).toBe(200);
	const text = (await answer.text()).replace(/^\uFEFF/, '');
	const parsed = Papa.parse<Row>(text.trim(), { delimiter: ';', header: true });
	expect(parsed.errors).toEqual([]);
	return parsed.data;
}

const COL = {
	code: 'Mã trường',
	area: 'Khu vực',
	declared: 'Số học sinh (trường khai báo)',
	listed: 'Học sinh (trong danh sách)',
	inUse: 'Nền tảng đang dùng (trường khai báo)',
	measured: 'Nền tảng đang dùng (theo số liệu sử dụng)',
	total: 'Số nền tảng bắt buộc'
};

function figuresOf(rows: Row[]): Figures {
	const sum = (col: string) => rows.reduce((t, r) => t + Number(r[col] || 0), 0);
	return {
		schools: rows.length,
		studentsDeclared: sum(COL.declared),
		studentsListed: sum(COL.listed),
		allInUse: rows.filter((r) => Number(r[COL.total]) > 0 && r[COL.inUse] === r[COL.total]).length,
		allMeasured: rows.filter((r) => Number(r[COL.total]) > 0 && r[COL.measured] === r[COL.total])
			.length
	};
}

async function schoolPageFigures(page: Page, code: string) {
	await page.goto(`/department/schools?q=${encodeURIComponent(code)}`);
	await page.getByRole('table').getByRole('link').first().click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const pupils: Locator = page.locator('[data-figure="Học sinh"]');
	const declared = await pupils.locator('[data-declared]').getAttribute('data-declared');
	const listed = await pupils.locator('[data-listed]').getAttribute('data-listed');
	await page.getByRole('link', { name: 'Triển khai nền tảng' }).first().click();
	await page.waitForURL(/\/rollout$/);
	const card = page.locator('.card.stat', { hasText: 'Nền tảng đang dùng (trường khai báo)' });
	const inUse = (await card.locator('.value').innerText()).split('/')[0].trim();
	const measured = /(\d+)\/\d+/.exec(await card.locator('.small').innerText())![1];
	return { declared, listed, inUse, measured };
}

test('the department dashboard, an area official’s page, school pages and the export agree', async ({
	page,
	browser
}) => {
	await signIn(page, 'so@demo.example');
	await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan toàn tỉnh' })).toBeVisible();
	const province = await dashboardFigures(page);
	const rows = await exportRows(page);
	expect(figuresOf(rows)).toEqual(province);
	// both pupil figures are there, labelled, and differ while rosters are being built
	expect(province.studentsListed).toBeLessThan(province.studentsDeclared);

	// the area official's page = the department's view filtered by that area = its export
	const context = await browser.newContext();
	const area = await context.newPage();
	await signIn(area, 'vanyen@demo.example');
	await expect(area.getByRole('heading', { level: 1, name: 'Tổng quan khu vực' })).toBeVisible();
	const areaFigures = await dashboardFigures(area);
	const areaRows = await exportRows(area);
	expect(figuresOf(areaRows)).toEqual(areaFigures);
	const areaName = areaRows[0][COL.area];
	expect(figuresOf(rows.filter((r) => r[COL.area] === areaName))).toEqual(areaFigures);
	await context.close();

	// school pages: a pilot with its roster, and a school whose roster is not built yet
	const pilot = rows.find((r) => Number(r[COL.listed]) > 0)!;
	const declaredOnly = rows.find(
		(r) => Number(r[COL.listed]) === 0 && Number(r[COL.declared]) > 0
	)!;
	for (const row of [pilot, declaredOnly]) {
		const school = await schoolPageFigures(page, row[COL.code]);
		expect(school, row[COL.code]).toEqual({
			declared: row[COL.declared],
			listed: row[COL.listed],
			inUse: row[COL.inUse],
			measured: row[COL.measured]
		});
	}
});

test('a filtered dashboard and its exports say what the filter is; flags name their cause', async ({
	page
}) => {
	await signIn(page, 'so@demo.example');
	// the 4725 levels carry the template's warning
	const levels = page.locator('section[aria-labelledby="dti-title"]');
	await expect(levels.getByText('Bản tham khảo, chưa kiểm chứng')).toBeVisible();
	// a school flagged for a missing mandatory condition names it, with a link
	const atRisk = page.locator('section[aria-labelledby="at-risk"]');
	await expect(atRisk.locator('a[href*="/items/"]').first()).toBeVisible();

	await page.getByRole('combobox', { name: 'Cấp học' }).selectOption('THPT');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page).toHaveURL(/level=THPT/);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Tổng quan đã lọc: THPT' })
	).toBeVisible();
	const filtered = await dashboardFigures(page);
	const rows = await exportRows(page, '&level=THPT');
	expect(figuresOf(rows)).toEqual(filtered);

	const csv = await page.request.get('/department/export?format=csv&level=THPT');
	expect(csv.headers()['content-disposition']).toMatch(
		/truong-so-trien-khai-thpt-\d{4}-\d\d-\d\d\.csv/
	);
	const xlsx = await page.request.get('/department/export?format=xlsx&level=THPT');
	expect(xlsx.headers()['content-disposition']).toMatch(/truong-so-trien-khai-thpt-/);
	const book = new ExcelJS.Workbook();
	await book.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
	const notes = book.worksheets[1];
	expect(notes.getCell('A1').value).toBe('Tổng quan đã lọc: THPT');
	const lines = notes.getColumn(1).values.filter(Boolean).map(String);
	expect(lines.some((l) => l.includes('chưa được đối chiếu'))).toBe(true);
});
