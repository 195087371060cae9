import { describe, expect, it } from 'vitest';
import { weekGridRows } from '../../src/lib/timetable/week-grid';

describe('week grid for print', () => {
	it('puts each period under its day, with the subject above the other side', () => {
		const rows = weekGridRows(
			[
				{ day: 0, period: 0, subject: 'Chào cờ', detail: '' },
				{ day: 1, period: 2, subject: 'Toán', detail: 'Nguyễn Văn Định' },
				{ day: 1, period: 2, subject: 'Tin học', detail: 'Lê Thị Hà' }
			],
			6,
			5
		);
		expect(rows).toHaveLength(5);
		expect(rows[0]).toEqual(['1', 'Chào cờ', '', '', '', '', '']);
		expect(rows[2][2]).toBe('Toán\nNguyễn Văn Định\nTin học\nLê Thị Hà');
		expect(rows[4]).toHaveLength(7);
	});
});
