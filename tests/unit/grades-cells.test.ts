import { describe, expect, it } from 'vitest';
import {
	cellText,
	gradebookFormSchema,
	loadedField,
	parseCellText,
	postedCells,
	postedComments
} from '../../src/lib/schemas/grades';

describe('a typed gradebook cell', () => {
	it('reads scores with a decimal comma or point, codes and an empty cell (never a 0)', () => {
		expect(parseCellText('8,5', 'score')).toEqual({
			ok: true,
			cell: { value: 8.5, state: 'value' }
		});
		expect(parseCellText(' 10 ', 'score')).toEqual({
			ok: true,
			cell: { value: 10, state: 'value' }
		});
		expect(parseCellText('0', 'score')).toEqual({ ok: true, cell: { value: 0, state: 'value' } });
		expect(parseCellText('', 'score')).toEqual({ ok: true, cell: { value: null, state: 'value' } });
		expect(parseCellText('v', 'score')).toEqual({
			ok: true,
			cell: { value: null, state: 'absent_makeup' }
		});
		expect(parseCellText('M', 'score')).toEqual({
			ok: true,
			cell: { value: null, state: 'exempt' }
		});
		expect(parseCellText('Đ', 'comment')).toEqual({
			ok: true,
			cell: { value: null, state: 'dat' }
		});
		expect(parseCellText('cđ', 'comment')).toEqual({
			ok: true,
			cell: { value: null, state: 'chua_dat' }
		});
	});

	it('refuses hostile and invalid text with a code for the cell', () => {
		const cases: Array<[string, string]> = [
			['8,55', 'grades_v_too_many_decimals'],
			['-1', 'grades_v_out_of_range'],
			['10.5', 'grades_v_out_of_range'],
			['1e309', 'grades_v_not_a_number'],
			['Infinity', 'grades_v_not_a_number'],
			['8\u00005', 'grades_v_not_a_number'],
			['\u0000', 'grades_v_not_a_number'],
			['9'.repeat(100_000), 'grades_v_not_a_number'],
			['<script>', 'grades_v_not_a_number'],
			['Đ', 'grades_v_score_only']
		];
		for (const [text, code] of cases)
			expect(parseCellText(text, 'score')).toEqual({ ok: false, code });
		expect(parseCellText('7', 'comment')).toEqual({ ok: false, code: 'grades_v_comment' });
	});

	it('shows a stored cell as the teacher types it', () => {
		expect(cellText({ value: 8.5, state: 'value' }, 'vi')).toBe('8,5');
		expect(cellText({ value: 8.5, state: 'value' }, 'en')).toBe('8.5');
		expect(cellText({ value: 0, state: 'value' })).toBe('0');
		expect(cellText({ value: null, state: 'value' })).toBe('');
		expect(cellText({ value: null, state: 'absent_makeup' })).toBe('V');
	});
});

describe('the posted gradebook form', () => {
	it('pairs each cell’s typed text, loaded text and version', () => {
		const form = gradebookFormSchema.parse({ s_12_tx1: '8', o_12_tx1: '', v_12_tx1: '0' });
		expect(postedCells(form)).toEqual([
			{ studentId: 12, column: 'tx1', text: '8', original: '', version: 0 }
		]);
	});

	it('reads the text as loaded from the version field (one hidden field per cell)', () => {
		const form = gradebookFormSchema.parse({
			s_12_tx1: '8',
			v_12_tx1: loadedField(3, '7,5'),
			s_12_gk: '',
			v_12_gk: loadedField(0, ''),
			s_12_ck: 'V',
			v_12_ck: '2:a:b'
		});
		expect(loadedField(3, '7,5')).toBe('3:7,5');
		const notes = gradebookFormSchema.parse({ c_12: 'Tốt.', cv_12: loadedField(2, 'Khá:\nổn') });
		expect(postedComments(notes)).toEqual([
			{ studentId: 12, text: 'Tốt.', original: 'Khá:\nổn', version: 2 }
		]);
		expect(loadedField(0, '')).toBe('0');
		expect(postedCells(form)).toEqual([
			{ studentId: 12, column: 'tx1', text: '8', original: '7,5', version: 3 },
			{ studentId: 12, column: 'gk', text: '', original: '', version: 0 },
			{ studentId: 12, column: 'ck', text: 'V', original: 'a:b', version: 2 }
		]);
		const bad = (f: Record<string, string>) => postedCells(gradebookFormSchema.parse(f));
		expect(bad({ s_12_gk: '8', v_12_gk: ':7' })).toBeNull();
		expect(bad({ s_12_gk: '8', v_12_gk: '1e3:7' })).toBeNull();
	});

	it('refuses unknown fields, bad versions and ids beyond 32 bits as a whole', () => {
		expect(gradebookFormSchema.safeParse({ s_12_tx10: '8' }).success).toBe(false);
		expect(gradebookFormSchema.safeParse({ 'x\u0000': '8' }).success).toBe(false);
		expect(gradebookFormSchema.safeParse({ s_1_gk: 'x'.repeat(300_000) }).success).toBe(false);
		const bad = (f: Record<string, string>) => postedCells(gradebookFormSchema.parse(f));
		expect(bad({ s_12_gk: '8' })).toBeNull();
		expect(bad({ s_12_gk: '8', v_12_gk: '1e309' })).toBeNull();
		expect(bad({ s_12_gk: '8', v_12_gk: '-1' })).toBeNull();
		expect(bad({ s_9999999999_gk: '8', v_9999999999_gk: '0' })).toBeNull();
	});
});
