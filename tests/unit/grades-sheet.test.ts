import { describe, expect, it } from 'vitest';
import {
	columnOfHeader,
	readGradeSheet,
	roleOfHeader,
	rowVersion
} from '../../src/lib/grades/sheet';

const PLAN = ['tx1', 'tx2', 'tx3', 'gk', 'ck'];
const HEADER = [
	'Mã HS',
	'Họ và tên',
	'TX1',
	'TX2',
	'TX3',
	'GK',
	'CK',
	'Kết quả (chỉ đọc)',
	'Phiên bản (không sửa)'
];
const sheet = (...rows: string[][]) => [
	{ row: 1, cells: HEADER },
	...rows.map((cells, i) => ({ row: i + 2, cells }))
];

describe('gradebook file headers', () => {
	it('reads the grid columns in Vietnamese or English', () => {
		expect(columnOfHeader('TX1')).toBe('tx1');
		expect(columnOfHeader(' tx 4 ')).toBe('tx4');
		expect(columnOfHeader('GK')).toBe('gk');
		expect(columnOfHeader('Mid')).toBe('gk');
		expect(columnOfHeader('End')).toBe('ck');
		expect(columnOfHeader('TX10')).toBeNull();
		expect(roleOfHeader('Pupil code')).toEqual({ role: 'code' });
		expect(roleOfHeader('Version (do not edit)')).toEqual({ role: 'version' });
		expect(roleOfHeader('Result (read-only)')).toEqual({ role: 'result' });
		expect(roleOfHeader('Ghi chú')).toBeNull();
	});

	it('needs the code and version columns, and refuses a column outside the plan', () => {
		expect(readGradeSheet([{ row: 1, cells: ['Họ và tên', 'TX1'] }], PLAN, 'score').errors).toEqual(
			[
				{ row: 1, column: '', code: 'grades_sheet_no_code_column' },
				{ row: 1, column: '', code: 'grades_sheet_no_version_column' }
			]
		);
		const extra = readGradeSheet(
			[{ row: 1, cells: ['Mã HS', 'TX4', 'TX1', 'TX1', 'Phiên bản'] }],
			PLAN,
			'score'
		);
		expect(extra.errors).toEqual([
			{ row: 1, column: 'TX4', code: 'grades_v_not_in_plan' },
			{ row: 1, column: 'TX1', code: 'grades_sheet_duplicate_column' }
		]);
		expect(readGradeSheet([], PLAN, 'score').errors[0].code).toBe('spreadsheet_empty');
	});
});

describe('gradebook file cells (the grid’s own rules)', () => {
	it('reads scores with a comma or a point, V, M and empty; never an empty cell as 0', () => {
		const read = readGradeSheet(
			sheet(['HS1', 'An', '8,5', '7.5', '', 'V', 'm', '7,9', '3']),
			PLAN,
			'score'
		);
		expect(read.errors).toEqual([]);
		expect(read.rows).toEqual([
			{
				row: 2,
				code: 'HS1',
				version: 3,
				cells: {
					tx1: { value: 8.5, state: 'value' },
					tx2: { value: 7.5, state: 'value' },
					tx3: { value: null, state: 'value' },
					gk: { value: null, state: 'absent_makeup' },
					ck: { value: null, state: 'exempt' }
				}
			}
		]);
	});

	it('gives each bad cell its row, column and code; a row with an error is not kept', () => {
		const read = readGradeSheet(
			sheet(
				['HS1', 'An', '10,5', '8.25', 'abc', 'Đ', '0', '', '0'],
				['HS2', 'Bình', '0', '10', '', '', '', '', 'x'],
				['HS1', 'An lại', '', '', '', '', '', '', '1'],
				['', 'Không mã', '', '', '', '', '', '', '1']
			),
			PLAN,
			'score'
		);
		expect(read.errors).toEqual([
			{ row: 2, column: 'TX1', code: 'grades_v_out_of_range' },
			{ row: 2, column: 'TX2', code: 'grades_v_too_many_decimals' },
			{ row: 2, column: 'TX3', code: 'grades_v_not_a_number' },
			{ row: 2, column: 'GK', code: 'grades_v_score_only' },
			{ row: 3, column: 'Phiên bản (không sửa)', code: 'grades_sheet_bad_version' },
			{ row: 4, column: 'Mã HS', code: 'grades_sheet_duplicate_pupil' },
			{ row: 5, column: 'Mã HS', code: 'grades_sheet_bad_code' }
		]);
		expect(read.rows).toEqual([]);
	});

	it('a comment subject takes Đ/CĐ, V and M, and refuses a score', () => {
		const read = readGradeSheet(
			sheet(['HS1', 'An', 'Đ', 'cđ', 'D', 'V', '8', '', '0']),
			PLAN,
			'comment'
		);
		expect(read.errors).toEqual([{ row: 2, column: 'CK', code: 'grades_v_comment' }]);
		const ok = readGradeSheet(
			sheet(['HS1', 'An', 'Đ', 'CĐ', 'M', 'V', '', '', '0']),
			PLAN,
			'comment'
		);
		expect(ok.rows[0].cells).toEqual({
			tx1: { value: null, state: 'dat' },
			tx2: { value: null, state: 'chua_dat' },
			tx3: { value: null, state: 'exempt' },
			gk: { value: null, state: 'absent_makeup' },
			ck: { value: null, state: 'value' }
		});
	});

	it('hostile text is a cell error, never accepted: 100k characters, formulas, huge numbers', () => {
		const read = readGradeSheet(
			sheet(
				['HS1', '', 'x'.repeat(100_000), '', '', '', '', '', '0'],
				['HS2', '', '=1+9', '', '', '', '', '', '0'],
				['HS3', '', '1e308', '', '', '', '', '', '0'],
				['HS4', '', '99999999999999999999', '', '', '', '', '', '0'],
				['HS5', '', '-0,5', '', '', '', '', '', '99999999999'],
				['x'.repeat(41), '', '', '', '', '', '', '', '0']
			),
			PLAN,
			'score'
		);
		expect(read.errors.map((e) => [e.row, e.code])).toEqual([
			[2, 'grades_v_not_a_number'],
			[3, 'grades_v_not_a_number'],
			[4, 'grades_v_not_a_number'],
			[5, 'grades_v_not_a_number'],
			[6, 'grades_sheet_bad_version'],
			[6, 'grades_v_out_of_range'],
			[7, 'grades_sheet_bad_code']
		]);
	});

	it('a row’s version is the sum of its cells’ versions', () => {
		expect(rowVersion([])).toBe(0);
		expect(rowVersion([{ version: 1 }, { version: 3 }])).toBe(4);
	});
});

describe('the comment column (nhận xét)', () => {
	const withComment = (...rows: string[][]) => [
		{ row: 1, cells: ['Mã HS', 'TX1', 'Nhận xét', 'Phiên bản (không sửa)'] },
		...rows.map((cells, i) => ({ row: i + 2, cells }))
	];

	it('reads it with the grid’s rule (NFC, trimmed, line breaks kept), empty meaning no comment', () => {
		expect(roleOfHeader('Nhận xét')).toEqual({ role: 'comment' });
		expect(roleOfHeader('Comment')).toEqual({ role: 'comment' });
		const read = readGradeSheet(
			withComment(['HS01', '8', '  Tiến bộ rõ.\r\nCần luyện thêm.  ', '2'], ['HS02', '7', '', '0']),
			['tx1'],
			'score'
		);
		expect(read.errors).toEqual([]);
		expect(read.rows.map((r) => r.comment)).toEqual(['Tiến bộ rõ.\nCần luyện thêm.', '']);
	});

	it('a file without the column leaves the comments alone', () => {
		const read = readGradeSheet(sheet(['HS01', 'An', '8', '', '', '', '', '', '0']), PLAN, 'score');
		expect(read.rows[0]).not.toHaveProperty('comment');
	});

	it('refuses control characters and a comment over 500 characters at its cell', () => {
		const read = readGradeSheet(
			withComment(['HS01', '8', 'a\u0000b', '0'], ['HS02', '8', 'x'.repeat(501), '0']),
			['tx1'],
			'score'
		);
		expect(read.rows).toEqual([]);
		expect(read.errors).toEqual([
			{ row: 2, column: 'Nhận xét', code: 'grades_v_comment_control', params: { max: 500 } },
			{ row: 3, column: 'Nhận xét', code: 'grades_v_comment_long', params: { max: 500 } }
		]);
	});

	it('counts in the row version', () => {
		expect(rowVersion([{ version: 2 }, { version: 1 }], 4)).toBe(7);
		expect(rowVersion([], 0)).toBe(0);
	});
});
