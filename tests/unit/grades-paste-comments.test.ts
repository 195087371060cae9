import { describe, expect, it } from 'vitest';
import { clipboardRows, isRangePaste, placePaste } from '../../src/lib/grades/paste';
import {
	COMMENT_MAX,
	gradebookFormSchema,
	hasCommentProblem,
	parseCommentText,
	postedCells,
	postedComments
} from '../../src/lib/schemas/grades';

const grid = {
	rows: 4,
	columns: ['tx1', 'tx2', 'gk', 'ck'],
	assessment: 'score' as const,
	editable: (c: string) => c !== 'ck'
};

describe('pasting a spreadsheet range into the gradebook', () => {
	it('reads Excel’s lines and tabs, without an empty row for the trailing line break', () => {
		expect(clipboardRows('8\r\n7,5\r\n')).toEqual([['8'], ['7,5']]);
		expect(clipboardRows('8\t9\n6\t5')).toEqual([
			['8', '9'],
			['6', '5']
		]);
		expect(isRangePaste('8,5')).toBe(false);
		expect(isRangePaste('8,5\r\n')).toBe(false);
		expect(isRangePaste('8\n9')).toBe(true);
		expect(isRangePaste('8\t9')).toBe(true);
	});

	it('fills a column down from the cell pasted into, checking each value with the server’s rule', () => {
		const { cells, extra } = placePaste(
			clipboardRows('8\n11\n7.25\nV\n'),
			{ row: 0, column: 'tx2' },
			grid
		);
		expect(extra).toBe(0);
		expect(cells).toEqual([
			{ row: 0, column: 'tx2', text: '8', error: null },
			{ row: 1, column: 'tx2', text: '11', error: 'grades_v_out_of_range' },
			{ row: 2, column: 'tx2', text: '7.25', error: 'grades_v_too_many_decimals' },
			{ row: 3, column: 'tx2', text: 'V', error: null }
		]);
	});

	it('keeps an empty line as an empty cell, never a 0', () => {
		const { cells } = placePaste(clipboardRows('8\n\n6'), { row: 0, column: 'tx1' }, grid);
		expect(cells[1]).toEqual({ row: 1, column: 'tx1', text: '', error: null });
	});

	it('leaves out values past the last pupil or the last editable column, and counts them', () => {
		const { cells, extra } = placePaste(
			clipboardRows('1\t2\t3\n4\t5\t6\n7\t8\t9'),
			{ row: 2, column: 'tx2' },
			grid
		);
		// rows 2 and 3 exist; columns tx2 and gk are editable from tx2 (ck is locked)
		expect(cells.map((c) => `${c.row}:${c.column}=${c.text}`)).toEqual([
			'2:tx2=1',
			'2:gk=2',
			'3:tx2=4',
			'3:gk=5'
		]);
		expect(extra).toBe(5);
	});

	it('refuses scores in a comment subject and comment marks in a scored one', () => {
		const comment = { ...grid, assessment: 'comment' as const };
		expect(
			placePaste([['Đ'], ['8']], { row: 0, column: 'tx1' }, comment).cells.map((c) => c.error)
		).toEqual([null, 'grades_v_comment']);
		expect(placePaste([['Đ']], { row: 0, column: 'tx1' }, grid).cells[0].error).toBe(
			'grades_v_score_only'
		);
	});
});

describe('the teacher’s comment (nhận xét)', () => {
	it('is stored NFC, trimmed, with line breaks as \\n; empty is allowed', () => {
		expect(parseCommentText('  Chăm chỉ,\r\ntiến bộ rõ.  ')).toEqual({
			ok: true,
			body: 'Chăm chỉ,\ntiến bộ rõ.'
		});
		expect(parseCommentText('Tie\u0302\u0301n bo\u0323\u0302')).toEqual({
			ok: true,
			body: 'Tiến bộ'
		});
		expect(parseCommentText('')).toEqual({ ok: true, body: '' });
	});

	it('refuses control characters and a comment over the cap', () => {
		expect(parseCommentText('Tốt\u0000')).toMatchObject({
			ok: false,
			code: 'grades_v_comment_control'
		});
		expect(parseCommentText('a'.repeat(COMMENT_MAX + 1))).toMatchObject({
			ok: false,
			code: 'grades_v_comment_long'
		});
		expect(parseCommentText('a'.repeat(100_000))).toMatchObject({ ok: false });
		expect(parseCommentText('a'.repeat(COMMENT_MAX))).toMatchObject({ ok: true });
		expect(hasCommentProblem('x\u0007')).toBe('grades_v_comment_control');
		expect(hasCommentProblem('ok\tok\nok')).toBeNull();
	});

	it('is read from the gradebook form beside the cells, with its version', () => {
		const form = gradebookFormSchema.parse({
			s_12_tx1: '8',
			o_12_tx1: '',
			v_12_tx1: '0',
			c_12: 'Tốt',
			co_12: '',
			cv_12: '3'
		});
		expect(postedCells(form)).toEqual([
			{ studentId: 12, column: 'tx1', text: '8', original: '', version: 0 }
		]);
		expect(postedComments(form)).toEqual([
			{ studentId: 12, text: 'Tốt', original: '', version: 3 }
		]);
	});

	it('refuses a comment without a well-formed version or an unknown field', () => {
		expect(postedComments(gradebookFormSchema.parse({ c_12: 'x', co_12: '' }))).toBeNull();
		expect(postedComments(gradebookFormSchema.parse({ c_12: 'x', cv_12: '1e3' }))).toBeNull();
		expect(
			postedComments(gradebookFormSchema.parse({ c_9999999999: 'x', cv_9999999999: '1' }))
		).toBeNull();
		expect(gradebookFormSchema.safeParse({ cx_12: 'x' }).success).toBe(false);
	});
});
