import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { matchHeaders } from '../../src/lib/roster/import-columns';
import {
	IMPORT_LIMITS,
	parseImportFile,
	toImportSheet
} from '../../src/lib/server/roster/import/parse';
import { SHEET_LIMITS } from '../../src/lib/server/spreadsheet/limits';
import { parseSheet } from '../../src/lib/server/spreadsheet/parse';
import { readRecords } from '../../src/lib/server/roster/import/records';
import { validateImport } from '../../src/lib/server/roster/import/validate';
import { levelFromText } from '../../src/lib/server/roster/import/validate-links';
import type { ImportLookups } from '../../src/lib/server/roster/import/types';

const utf8 = (s: string) => new TextEncoder().encode(s);
const BOM = '\uFEFF';
const parseCsv = (bytes: Uint8Array) => toImportSheet(parseSheet('csv', bytes, SHEET_LIMITS));
const parseXlsx = async (bytes: Uint8Array) =>
	toImportSheet(parseSheet('xlsx', bytes, SHEET_LIMITS));

const lookups: ImportLookups = {
	schoolLevel: 'THCS',
	ethnicities: [
		{ code: '01', name: 'Kinh' },
		{ code: '03', name: 'Thái' },
		{ code: '08', name: 'Mông' }
	],
	classes: [
		{ id: 11, name: '6A', active: true },
		{ id: 12, name: '8A', active: true },
		{ id: 13, name: '9Z', active: false }
	],
	students: [{ id: 100, code: 'QT00001' }],
	staff: [{ id: 7, code: 'GV001', email: 'a@b.vn', active: true }]
};

function check(kind: 'students' | 'guardians' | 'staff' | 'classes', csv: string, update = false) {
	const { records, errors } = readRecords(kind, parseCsv(utf8(csv)));
	const result = validateImport(kind, records, lookups, { updateExisting: update });
	return { ...result, errors: [...errors, ...result.errors] };
}

describe('import headers', () => {
	it('accepts Vietnamese headers with or without diacritics, English aliases and a BOM', () => {
		expect(
			matchHeaders('students', [
				`${BOM}Mã học sinh`,
				'HO VA TEN',
				'date of birth',
				'gioi_tinh',
				'Ethnicity',
				'Lớp',
				'Ghi chú'
			])
		).toEqual(['code', 'fullName', 'dateOfBirth', 'gender', 'ethnicity', 'className', null]);
	});

	it('reports a missing required column and ignores unknown ones', () => {
		const { records, errors, ignored } = readRecords(
			'students',
			parseCsv(utf8('Mã học sinh,Ghi chú\nHS1,x\n'))
		);
		expect(records).toHaveLength(1);
		expect(ignored).toEqual(['Ghi chú']);
		expect(errors.map((e) => [e.code, e.params?.column])).toEqual([
			['roster_import_missing_column', 'Họ và tên'],
			['roster_import_missing_column', 'Ngày sinh']
		]);
	});
});

describe('CSV files', () => {
	it('reads UTF-8 with a BOM, semicolons, CRLF and decomposed diacritics as NFC', () => {
		const decomposed = 'Giàng Thị Sang'.normalize('NFD');
		const sheet = parseCsv(
			utf8(`${BOM}Mã học sinh;Họ và tên;Ngày sinh\r\nHS1;${decomposed};05/09/2014\r\n\r\n`)
		);
		expect(sheet.headers).toEqual(['Mã học sinh', 'Họ và tên', 'Ngày sinh']);
		expect(sheet.rows).toEqual([{ row: 2, cells: ['HS1', 'Giàng Thị Sang', '05/09/2014'] }]);
		expect(sheet.rows[0].cells[1]).toBe('Giàng Thị Sang'.normalize('NFC'));
	});

	it('reads commas and quoted cells', () => {
		const sheet = parseCsv(
			utf8('Mã giáo viên,Họ và tên,Môn giảng dạy\nGV9,"Lò Văn Páo","Toán, Tin học"\n')
		);
		expect(sheet.rows[0].cells).toEqual(['GV9', 'Lò Văn Páo', 'Toán, Tin học']);
	});

	it('refuses a file that is not UTF-8, an empty file, and other types', async () => {
		expect(() => parseCsv(new Uint8Array([0x4d, 0xe3, 0x20, 0x48, 0x53]))).toThrow(
			expect.objectContaining({ code: 'spreadsheet_not_utf8' })
		);
		expect(() => parseCsv(utf8('Mã học sinh\n'))).toThrow(
			expect.objectContaining({ code: 'spreadsheet_empty' })
		);
		await expect(parseImportFile('a.pdf', utf8('x'))).rejects.toMatchObject({
			code: 'spreadsheet_bad_type'
		});
	});

	it('refuses files over the size and row limits', async () => {
		const big = new Uint8Array(IMPORT_LIMITS.maxBytes + 1);
		await expect(parseImportFile('a.csv', big)).rejects.toMatchObject({
			code: 'spreadsheet_too_big'
		});
		const rows = Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, (_, i) => `HS${i},A,01/01/2014`);
		expect(() => parseCsv(utf8(`Mã học sinh,Họ và tên,Ngày sinh\n${rows.join('\n')}`))).toThrow(
			expect.objectContaining({ code: 'spreadsheet_too_many_rows' })
		);
	});
});

describe('XLSX files', () => {
	it('keeps Vietnamese diacritics, dates and numbers', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Học sinh');
		ws.addRow(['Mã học sinh', 'Họ và tên', 'Ngày sinh', 'Dân tộc']);
		ws.addRow(['HS1', 'Sùng Thị Mỷ', new Date(Date.UTC(2014, 8, 5)), 'Mông']);
		ws.addRow([20250001, 'Lường Văn Đức', '28/02/2013', 'Thái']);
		const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
		const sheet = await parseXlsx(bytes);
		expect(sheet.rows).toEqual([
			{ row: 2, cells: ['HS1', 'Sùng Thị Mỷ', '05/09/2014', 'Mông'] },
			{ row: 3, cells: ['20250001', 'Lường Văn Đức', '28/02/2013', 'Thái'] }
		]);
	});

	it('refuses a damaged workbook', async () => {
		await expect(parseXlsx(utf8('not a zip'))).rejects.toMatchObject({
			code: 'spreadsheet_unreadable'
		});
	});
});

describe('row checks', () => {
	const header = 'Mã học sinh,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Lớp';

	it('accepts dd/mm/yyyy dates, labels for gender and ethnicity names or aliases', () => {
		const { errors, plan, summary } = check(
			'students',
			`${header}\nHS1,Giàng A Páo,5/9/2014,Nam,H'Mông,8a\nHS2,Lò Thị Hoa,28/02/2013,Nữ,Thái,6A\n`
		);
		expect(errors).toEqual([]);
		expect(
			plan.kind === 'students' &&
				plan.rows.map((r) => [r.dateOfBirth, r.gender, r.ethnicityCode, r.classId])
		).toEqual([
			['2014-09-05', 'M', '08', 12],
			['2013-02-28', 'F', '03', 11]
		]);
		expect(summary).toEqual({ rows: 2, create: 2, update: 0, link: 0 });
	});

	it('reports each bad cell with row, column and reason', () => {
		const { errors } = check(
			'students',
			`${header}\nHS1,Vàng A Chứ,31/02/2014,Nam,Kinh,6A\nHS2,,01/01/2014,X,Sao Hỏa,7Z\nHS3,Hờ A Sua,01/01/2014,,,9Z\n`
		);
		expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
			[2, 'dateOfBirth', 'v_date'],
			[3, 'fullName', 'v_required'],
			[3, 'gender', 'v_choice'],
			[3, 'ethnicity', 'roster_import_unknown_ethnicity'],
			[3, 'className', 'roster_import_unknown_class'],
			[4, 'className', 'roster_import_unknown_class']
		]);
	});

	it('finds duplicates inside the file and codes that exist already', () => {
		const csv = `${header}\nHS1,A B,01/01/2014,,,\nHS1,C D,01/01/2014,,,\nQT00001,E F,01/01/2014,,,\n`;
		const created = check('students', csv);
		expect(created.errors.map((e) => [e.row, e.code, e.params?.row])).toEqual([
			[3, 'roster_import_duplicate', 2],
			[4, 'roster_import_exists', undefined]
		]);
		const updated = check('students', csv, true);
		expect(updated.errors.map((e) => [e.row, e.code])).toEqual([[3, 'roster_import_duplicate']]);
		expect(updated.summary.update).toBe(1);
	});

	it('reports a duplicate even when the first row has another error', () => {
		const { errors } = check(
			'students',
			`${header}\nHS7,A B,32/01/2014,,,\nHS7,C D,01/01/2014,,,\n`
		);
		expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
			[2, 'dateOfBirth', 'v_date'],
			[3, 'code', 'roster_import_duplicate']
		]);
	});

	it('links siblings to one guardian recognised by phone, restoring a dropped leading zero', () => {
		const { errors, plan } = check(
			'guardians',
			'Mã học sinh,Họ và tên phụ huynh,Quan hệ,Số điện thoại\nQT00001,Giàng A Páo,Bố,912345678\nHS404,Giàng A Páo,Bố,0912345678\n'
		);
		expect(errors.map((e) => [e.row, e.code])).toEqual([[3, 'roster_import_unknown_student']]);
		expect(plan.kind === 'guardians' && plan.plan.guardians.map((g) => g.phone)).toEqual([
			'0912345678'
		]);
	});

	it('checks grades against the school level and homeroom teachers by code', () => {
		const { errors } = check(
			'classes',
			'Khối,Tên lớp,Mã GV chủ nhiệm\n6,6E,GV001\n10,10A,\n7,7E,GV999\n'
		);
		expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
			[3, 'grade', 'roster_grade_not_taught'],
			[4, 'homeroom', 'roster_import_unknown_teacher']
		]);
	});

	it('reads school levels as written in the directory', () => {
		expect(['THCS', 'TH&THCS', 'PTDTBT TH&THCS', 'Tiểu học', 'Mầm non'].map(levelFromText)).toEqual(
			['THCS', 'TH_THCS', 'PTDTBT_TH_THCS', 'TH', 'MN']
		);
	});
});
