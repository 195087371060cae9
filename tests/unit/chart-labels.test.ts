import { describe, expect, it } from 'vitest';
import { horizontalChartHeight, labelLineChars, wrapLabel } from '../../src/lib/chart-labels';

describe('chart labels are wrapped, never cut', () => {
	const longest = 'Hệ thống quản lý học tập trực tuyến (LMS) của Sở Giáo dục và Đào tạo';

	it('keeps every word, in order, each line within the width', () => {
		for (const max of [10, 18, 32]) {
			const lines = wrapLabel(longest, max);
			expect(lines.join(' ')).toBe(longest);
			for (const l of lines) expect(l.length).toBeLessThanOrEqual(max);
		}
	});

	it('splits a single word longer than a line, losing nothing', () => {
		const lines = wrapLabel('Siêuđượcdàiquáđểvừamộtdòng x', 8);
		expect(lines.join('').replace(/ /g, '')).toBe('Siêuđượcdàiquáđểvừamộtdòngx');
		for (const l of lines) expect(l.length).toBeLessThanOrEqual(8);
	});

	it('gives narrow canvases short lines and tall enough charts', () => {
		expect(labelLineChars(320, true)).toBe(15);
		expect(labelLineChars(1000, true)).toBe(32);
		expect(horizontalChartHeight([3, 3, 1], 100)).toBe(55 + 55 + 28 + 80);
		expect(horizontalChartHeight([1], 400)).toBe(400);
	});
});
