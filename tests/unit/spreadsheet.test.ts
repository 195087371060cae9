import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHEET_LIMITS } from '../../src/lib/server/spreadsheet/limits';
import { neutraliseText } from '../../src/lib/server/spreadsheet/neutralise';
import { parseSheet } from '../../src/lib/server/spreadsheet/parse';
import { readSheet } from '../../src/lib/server/spreadsheet/read';
import { day, toCsv, toXlsx } from '../../src/lib/server/spreadsheet/write';
import { serialDateText } from '../../src/lib/server/spreadsheet/xlsx';
import { listZipEntries, zipHasEntries } from '../../src/lib/zip';
import { withDeclaredSheetSize, xlsxBomb } from '../helpers/xlsx-bomb';

const utf8 = (s: string) => new TextEncoder().encode(s);
const cellsOf = (rows: { cells: string[] }[]) => rows.map((r) => r.cells);

describe('formula neutraliser', () => {
	it('prefixes text starting with = + - @ tab or return so it stays text', () => {
		for (const v of ['=HYPERLINK("http://x")', '+84 912', '-1+2', '@SUM(A1)', '\t=1', '\rx'])
			expect(neutraliseText(v)).toBe(`'${v}`);
		expect(neutraliseText('Trường TH&THCS Mậu A')).toBe('Trường TH&THCS Mậu A');
	});
});

describe('CSV writer', () => {
	it('writes for Vietnamese Excel: BOM, semicolons, decimal comma, dd/mm/yyyy, CRLF', () => {
		const csv = toCsv({
			header: ['Tên', 'Tỉ lệ'],
			rows: [
				['=1+1', 12.5],
				['a; "b"', 3],
				[day('2026-11-27'), null]
			]
		});
		expect(csv).toBe('\uFEFFTên;Tỉ lệ\r\n\'=1+1;12,5\r\n"a; ""b""";3\r\n27/11/2026;\r\n');
	});

	it('is read back by the importers', () => {
		const csv = toCsv({ header: ['Mã', 'Tên'], rows: [['HS1', 'Lò Văn Páo, lớp 6']] });
		expect(cellsOf(parseSheet('csv', utf8(csv), SHEET_LIMITS))).toEqual([
			['Mã', 'Tên'],
			['HS1', 'Lò Văn Páo, lớp 6']
		]);
	});
});

describe('XLSX writer', () => {
	it('writes days as real date cells shown dd/mm/yyyy and numbers as numbers', async () => {
		const bytes = await toXlsx(
			{ header: ['Ngày', 'Số', 'Tên'], rows: [[day('2026-03-09'), 7.5, '@x']] },
			{ sheetName: 'Báo cáo' }
		);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(bytes.buffer as ArrayBuffer);
		const cell = book.worksheets[0].getCell('A2');
		expect(cell.value).toEqual(new Date(Date.UTC(2026, 2, 9)));
		expect(cell.numFmt).toBe('dd/mm/yyyy');
		expect(book.worksheets[0].getCell('B2').value).toBe(7.5);
		expect(book.worksheets[0].getCell('C2').value).toBe("'@x");
		expect(cellsOf(parseSheet('xlsx', bytes, SHEET_LIMITS))).toEqual([
			['Ngày', 'Số', 'Tên'],
			['09/03/2026', '7.5', "'@x"]
		]);
	});
});

describe('spreadsheet reader', () => {
	it('reads UTF-8 CSV with or without BOM, with ; , or tab, and skips a sep= line', () => {
		for (const text of [
			'\uFEFFMã;Tên\nHS1;Đức\n',
			'Mã,Tên\r\nHS1,Đức\r\n',
			'Mã\tTên\nHS1\tĐức',
			'sep=;\nMã;Tên\nHS1;Đức\n'
		])
			expect(cellsOf(parseSheet('csv', utf8(text), SHEET_LIMITS))).toEqual([
				['Mã', 'Tên'],
				['HS1', 'Đức']
			]);
	});

	it('refuses a CSV that is not UTF-8 with its own message', () => {
		// "Mã" in Windows-1258
		expect(() => parseSheet('csv', new Uint8Array([0x4d, 0xe3, 0x0a, 0x31]), SHEET_LIMITS)).toThrow(
			expect.objectContaining({ code: 'spreadsheet_not_utf8' })
		);
	});

	it('reads shared and inline strings, dates with and without a time, and keeps row numbers', async () => {
		const book = new ExcelJS.Workbook();
		const ws = book.addWorksheet('A');
		ws.addRow(['Email', 'Thời gian', 'Phút']);
		ws.addRow([]);
		ws.addRow(['a@b.vn', new Date(Date.UTC(2026, 10, 27, 14, 15)), 40]);
		ws.addRow(['c@d.vn', new Date(Date.UTC(2026, 10, 28)), { formula: '1+1', result: 2 }]);
		const bytes = new Uint8Array(await book.xlsx.writeBuffer());
		expect(parseSheet('xlsx', bytes, SHEET_LIMITS)).toEqual([
			{ row: 1, cells: ['Email', 'Thời gian', 'Phút'] },
			{ row: 3, cells: ['a@b.vn', '27/11/2026 14:15', '40'] },
			{ row: 4, cells: ['c@d.vn', '28/11/2026', '2'] }
		]);
	});

	it('converts date serials of both date systems', () => {
		expect(serialDateText(46353)).toBe('27/11/2026');
		expect(serialDateText(46353.5)).toBe('27/11/2026 12:00');
		expect(serialDateText(0, true)).toBe('01/01/1904');
	});

	it('stops at the row and cell limits', async () => {
		const rows = Array.from({ length: 11 }, (_, i) => `r${i};x`).join('\n');
		expect(() => parseSheet('csv', utf8(`a;b\n${rows}`), { ...SHEET_LIMITS, maxRows: 10 })).toThrow(
			expect.objectContaining({ code: 'spreadsheet_too_many_rows', params: { max: 10 } })
		);
		const book = new ExcelJS.Workbook();
		const ws = book.addWorksheet('A');
		for (let i = 0; i < 30; i++) ws.addRow(['a', 'b', 'c', 'd']);
		const bytes = new Uint8Array(await book.xlsx.writeBuffer());
		expect(() => parseSheet('xlsx', bytes, { ...SHEET_LIMITS, maxRows: 20 })).toThrow(
			expect.objectContaining({ code: 'spreadsheet_too_many_rows' })
		);
		expect(() => parseSheet('xlsx', bytes, { ...SHEET_LIMITS, maxCells: 100 })).toThrow(
			expect.objectContaining({ code: 'spreadsheet_too_many_cells' })
		);
	});

	describe('a decompression bomb (200 MB of cells in a small XLSX)', () => {
		let bomb: Uint8Array;
		beforeAll(() => {
			bomb = xlsxBomb(200);
		}, 60_000);

		it('is refused by its declared size, before inflating', () => {
			expect(bomb.length).toBeLessThan(SHEET_LIMITS.maxBytes);
			const sheet = listZipEntries(bomb).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
			expect(sheet.size).toBeGreaterThan(200 * 1024 * 1024);
			expect(() => parseSheet('xlsx', bomb, SHEET_LIMITS)).toThrow(
				expect.objectContaining({ code: 'spreadsheet_inflates_too_much', params: { max: 64 } })
			);
		});

		it('is stopped while inflating when it lies about its size, in a worker', async () => {
			// declared 10 MB: passes the directory check, stopped by counting the inflated bytes
			await expect(readSheet('bomb.xlsx', withDeclaredSheetSize(bomb, 10))).rejects.toMatchObject({
				code: 'spreadsheet_unreadable'
			});
		}, 30_000);
	});

	it('checks size and type before reading', async () => {
		await expect(readSheet('a.csv', new Uint8Array())).rejects.toMatchObject({
			code: 'spreadsheet_no_file'
		});
		await expect(readSheet('a.pdf', utf8('x'))).rejects.toMatchObject({
			code: 'spreadsheet_bad_type'
		});
		await expect(
			readSheet('a.csv', new Uint8Array(SHEET_LIMITS.maxBytes + 1))
		).rejects.toMatchObject({ code: 'spreadsheet_too_big', params: { max: 5 } });
	});
});

describe('zip directory', () => {
	it('lists entries with their declared sizes and finds required parts', () => {
		const archive = zipSync({ 'a.txt': strToU8('hello'), 'b/c.xml': strToU8('<x/>') });
		expect(listZipEntries(archive).map((e) => [e.name, e.size])).toEqual([
			['a.txt', 5],
			['b/c.xml', 4]
		]);
		expect(zipHasEntries(archive, ['b/c.xml'])).toBe(true);
		expect(zipHasEntries(archive, ['b/'])).toBe(false);
		expect(zipHasEntries(utf8('PK\x03\x04 not really'), ['a.txt'])).toBe(false);
	});
});
