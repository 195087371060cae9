import { describe, expect, it } from 'vitest';
import {
	addDays,
	daysBetween,
	formatDate,
	formatDateTime,
	nextVietnamTime,
	todayIso,
	vietnamDay,
	vietnamDayEnd,
	vietnamDayStart,
	vietnamTime,
	weekStart
} from '../../src/lib/dates';

describe('Vietnam days (UTC+7, no daylight saving)', () => {
	it('changes day at 17:00 UTC, not at UTC midnight', () => {
		expect(todayIso(new Date('2026-11-27T16:59:59Z'))).toBe('2026-11-27');
		expect(todayIso(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
		expect(vietnamDay(new Date('2026-12-31T23:30:00+07:00'))).toBe('2026-12-31');
		expect(vietnamDay(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
	});

	it('gives the instants a day starts and ends', () => {
		expect(vietnamDayStart('2026-11-28').toISOString()).toBe('2026-11-27T17:00:00.000Z');
		expect(vietnamDayEnd('2026-11-28').toISOString()).toBe('2026-11-28T17:00:00.000Z');
		expect(vietnamTime(2026, 11, 28, 8, 15).toISOString()).toBe('2026-11-28T01:15:00.000Z');
	});

	it('adds days across months, years and leap days, and counts days between', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
		expect(addDays('2026-03-29', 7)).toBe('2026-04-05');
		expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
		expect(daysBetween('2026-11-28', '2026-11-21')).toBe(-7);
	});

	it('starts weeks on Monday', () => {
		expect(weekStart('2026-11-30')).toBe('2026-11-30'); // a Monday
		expect(weekStart('2026-12-06')).toBe('2026-11-30'); // Sunday
		expect(weekStart('2027-01-01')).toBe('2026-12-28');
	});

	it('finds the next run of a daily time in Vietnam', () => {
		// 00:05 in Vietnam is 17:05 UTC
		expect(nextVietnamTime(new Date('2026-11-27T10:00:00Z'), 0, 5).toISOString()).toBe(
			'2026-11-27T17:05:00.000Z'
		);
		expect(nextVietnamTime(new Date('2026-11-27T17:05:00Z'), 0, 5).toISOString()).toBe(
			'2026-11-28T17:05:00.000Z'
		);
	});

	it('formats dd/mm/yyyy in Vietnam time whatever the server zone', () => {
		expect(formatDate('2026-11-27')).toBe('27/11/2026');
		expect(formatDate(new Date('2026-11-27T18:00:00Z'))).toBe('28/11/2026');
		expect(formatDateTime(new Date('2026-11-27T18:05:00Z'))).toBe('28/11/2026 01:05');
		expect(formatDate(null)).toBe('–');
		expect(formatDate(new Date('not a date'))).toBe('–');
		expect(formatDateTime('not a date')).toBe('–');
	});

	it('formats an instant as Intl does in Asia/Ho_Chi_Minh, from 1976 to 2100', () => {
		const intl = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Asia/Ho_Chi_Minh',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		const from = Date.UTC(1976, 0, 1);
		const to = Date.UTC(2100, 0, 1);
		// midnights and the minutes around them in Vietnam, and instants spread over the span
		const instants = [Date.UTC(2026, 11, 31, 16, 59), Date.UTC(2026, 11, 31, 17, 0)];
		for (let i = 0; i < 2000; i++)
			instants.push(from + Math.floor(((to - from) * i) / 2000) + i * 7919);
		for (const ms of instants) {
			const p = Object.fromEntries(intl.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
			expect(formatDateTime(new Date(ms))).toBe(
				`${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`
			);
		}
	});
});
