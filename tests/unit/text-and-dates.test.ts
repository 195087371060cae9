import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/lib/text';
import { parseDate } from '../../src/lib/schemas/common';
import { formatNumber } from '../../src/lib/format';
import { formatDate, formatDateTime } from '../../src/lib/dates';

describe('foldText', () => {
	it('removes Vietnamese diacritics and lower-cases', () => {
		expect(foldText('Trường THPT Chuyên Nguyễn Tất Thành')).toBe(
			'truong thpt chuyen nguyen tat thanh'
		);
		expect(foldText('  Đồng   Tâm ')).toBe('dong tam');
	});
});

describe('parseDate', () => {
	it('accepts dd/mm/yyyy and ISO dates', () => {
		expect(parseDate('05/09/2026')).toBe('2026-09-05');
		expect(parseDate('5/9/2026')).toBe('2026-09-05');
		expect(parseDate('2026-09-05')).toBe('2026-09-05');
	});
	it('rejects days that do not exist', () => {
		expect(parseDate('31/02/2026')).toBeNull();
		expect(parseDate('2026-13-01')).toBeNull();
		expect(parseDate('hôm nay')).toBeNull();
	});
});

describe('Vietnamese formats', () => {
	it('formats dates as dd/mm/yyyy in Vietnam time', () => {
		expect(formatDate('2026-09-05')).toBe('05/09/2026');
		// 20:00 UTC is 03:00 the next day in Vietnam (UTC+7)
		expect(formatDateTime(new Date('2026-09-05T20:00:00Z'))).toBe('06/09/2026 03:00');
	});
	it('uses Vietnamese separators', () => {
		expect(formatNumber(65326, 'vi')).toBe('65.326');
		expect(formatNumber(12.5, 'vi')).toBe('12,5');
		expect(formatNumber(65326, 'en')).toBe('65,326');
	});
});
