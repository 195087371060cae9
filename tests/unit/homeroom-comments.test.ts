import { describe, expect, it } from 'vitest';
import { parseHomeroomCommentForm } from '../../src/lib/schemas/homeroom';

describe('the homeroom comments form', () => {
	it('pairs each pupil’s text with its version', () => {
		expect(
			parseHomeroomCommentForm({ term: '2', c_12: 'Ngoan.', v_12: '3', c_13: '', v_13: '0' })
		).toEqual({
			term: '2',
			entries: [
				{ studentId: 12, text: 'Ngoan.', version: 3 },
				{ studentId: 13, text: '', version: 0 }
			]
		});
	});

	it('refuses the whole form on anything else (the texts themselves are checked by the service)', () => {
		const bad = [
			{ term: 'summer', c_1: 'x', v_1: '0' },
			{ term: '1', c_1: 'x' },
			{ term: '1', v_1: '0' },
			{ term: '1', c_1: 'x', v_1: '' },
			{ term: '1', c_1: 'x', v_1: '1e309' },
			{ term: '1', c_1: 'x', v_1: '-1' },
			{ term: '1', 'c_1\u0000': 'x', v_1: '0' },
			{ term: '1', c_99999999999: 'x', v_99999999999: '0' },
			{ term: '1', c_1: 'x'.repeat(200_001), v_1: '0' },
			{ term: '1', l_1: 'tot', v_1: '0' }
		];
		for (const form of bad) expect(parseHomeroomCommentForm(form)).toBeNull();
		const many = Object.fromEntries(Array.from({ length: 401 }, (_, i) => [`c_${i + 1}`, 'x']));
		expect(parseHomeroomCommentForm({ term: '1', ...many })).toBeNull();
	});
});
