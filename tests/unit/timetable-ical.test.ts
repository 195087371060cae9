import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, utcDateTime, writeCalendar } from '../../src/lib/timetable/ical';
import { clockText, periodMinutes, vietnamInstant } from '../../src/lib/timetable/bells';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('iCalendar writer (RFC 5545)', () => {
	it('escapes TEXT values and drops control characters', () => {
		expect(escapeText('a;b,c\\d')).toBe('a\\;b\\,c\\\\d');
		expect(escapeText('dòng 1\r\ndòng 2\nx\ry')).toBe('dòng 1\\ndòng 2\\nx\\ny');
		expect(escapeText('a\u0000b\u0007c\u007fd\te')).toBe('abcd e');
	});

	it('folds lines at 75 octets without splitting a UTF-8 character', () => {
		expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
		const long = `SUMMARY:${'Ngữ văn – Lịch sử và Địa lí · '.repeat(12)}`;
		const folded = foldLine(long);
		const lines = folded.split('\r\n');
		expect(lines.length).toBeGreaterThan(3);
		expect(octets(lines[0])).toBeLessThanOrEqual(75);
		for (const l of lines.slice(1)) {
			expect(l.startsWith(' ')).toBe(true);
			expect(octets(l)).toBeLessThanOrEqual(75);
		}
		// unfolding (remove CRLF + one space) gives the line back, no character broken
		expect(folded.replace(/\r\n /g, '')).toBe(long);
		expect(lines.join('')).not.toContain('\uFFFD');
	});

	it('writes UTC date-times', () => {
		expect(utcDateTime(new Date('2026-12-07T00:00:00.000Z'))).toBe('20261207T000000Z');
	});

	it('writes a calendar with CRLF line ends, one VEVENT per event', () => {
		const text = writeCalendar({
			name: 'Thời khóa biểu lớp 8A',
			prodId: '-//Truong So//Thoi khoa bieu//VI',
			stamp: new Date('2026-12-06T03:00:00Z'),
			events: [
				{
					uid: 'c1-2026-12-07-p0@truong-so',
					start: vietnamInstant('2026-12-07', 7 * 60),
					end: vietnamInstant('2026-12-07', 7 * 60 + 45),
					summary: 'Toán · Nguyễn Văn A',
					description: 'Dạy thay: Trần Thị B, tiết 1',
					status: 'CONFIRMED'
				},
				{
					uid: 'c1-2026-12-07-p1@truong-so',
					start: vietnamInstant('2026-12-07', 7 * 60 + 50),
					end: vietnamInstant('2026-12-07', 8 * 60 + 35),
					summary: 'Ngữ văn',
					status: 'CANCELLED'
				}
			]
		});
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const lines = text.split('\r\n');
		expect(lines[0]).toBe('BEGIN:VCALENDAR');
		expect(lines).toContain('VERSION:2.0');
		expect(lines).toContain('X-WR-CALNAME:Thời khóa biểu lớp 8A');
		expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
		expect(lines).toContain('DTSTART:20261207T000000Z');
		expect(lines).toContain('DTEND:20261207T004500Z');
		expect(lines).toContain('DESCRIPTION:Dạy thay: Trần Thị B\\, tiết 1');
		expect(lines).toContain('STATUS:CANCELLED');
		expect(lines).toContain('DTSTAMP:20261206T030000Z');
		expect(lines.at(-2)).toBe('END:VCALENDAR');
	});
});

describe('period times', () => {
	it('counts 45-minute periods from 07:00 with a break after the second', () => {
		const times = [0, 1, 2, 3, 4].map((p) => periodMinutes(p, null));
		expect(times.map((t) => `${clockText(t.start)}-${clockText(t.end)}`)).toEqual([
			'07:00-07:45',
			'07:50-08:35',
			'08:55-09:40',
			'09:45-10:30',
			'10:35-11:20'
		]);
	});

	it('puts the periods after the morning session in the afternoon', () => {
		expect(clockText(periodMinutes(5, 5).start)).toBe('13:30');
		expect(clockText(periodMinutes(7, 5).start)).toBe('15:25');
		expect(clockText(periodMinutes(5, null).start)).toBe('11:25');
	});
});
