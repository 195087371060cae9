import { describe, expect, it } from 'vitest';
import { vietnamTime } from '../../src/lib/dates';
import { isWithinQuietHours, quietHoursEnd } from '../../src/lib/messages/quiet-hours';
import { notificationFormSchema } from '../../src/lib/schemas/quiet-hours';

const vn = (d: number, h: number, mi = 0, s = 0) => vietnamTime(2026, 12, d, h, mi, s);
const NIGHT = { start: 21 * 60, end: 6 * 60 + 30 };
const NOON = { start: 12 * 60, end: 13 * 60 };

describe('quiet hours in Vietnam time', () => {
	it('tells inside from outside, also across midnight', () => {
		expect(isWithinQuietHours(NIGHT, vn(7, 21))).toBe(true);
		expect(isWithinQuietHours(NIGHT, vn(7, 23, 59))).toBe(true);
		expect(isWithinQuietHours(NIGHT, vn(8, 6, 29))).toBe(true);
		expect(isWithinQuietHours(NIGHT, vn(8, 6, 30))).toBe(false);
		expect(isWithinQuietHours(NIGHT, vn(7, 20, 59))).toBe(false);
		expect(isWithinQuietHours(NOON, vn(7, 12, 30))).toBe(true);
		expect(isWithinQuietHours(NOON, vn(7, 13))).toBe(false);
		expect(isWithinQuietHours(null, vn(7, 23))).toBe(false);
	});

	it('holds what falls inside until the end, leaves the rest', () => {
		expect(quietHoursEnd(NIGHT, vn(7, 22, 15, 40))).toEqual(vn(8, 6, 30));
		expect(quietHoursEnd(NIGHT, vn(8, 1))).toEqual(vn(8, 6, 30));
		expect(quietHoursEnd(NOON, vn(7, 12, 0, 1))).toEqual(vn(7, 13));
		const outside = vn(7, 9, 10, 5);
		expect(quietHoursEnd(NIGHT, outside)).toBe(outside);
		expect(quietHoursEnd(null, outside)).toBe(outside);
	});
});

describe('the notification settings form', () => {
	const parse = (v: Record<string, unknown>) => notificationFormSchema.safeParse(v);
	const codes = (v: Record<string, unknown>) => {
		const r = parse(v);
		return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
	};

	it('takes both times, none, or 24:00 as midnight', () => {
		expect(parse({ emailKinds: ['notice'], quietStart: '21:00', quietEnd: '06:30' }).data).toEqual({
			emailKinds: ['notice'],
			quiet: { start: 1260, end: 390 }
		});
		expect(parse({ emailKinds: [], quietStart: '', quietEnd: '' }).data).toEqual({
			emailKinds: [],
			quiet: null
		});
		expect(parse({ emailKinds: [], quietStart: '22:00', quietEnd: '24:00' }).data?.quiet).toEqual({
			start: 1320,
			end: 0
		});
	});

	it('puts each refusal beside its field', () => {
		expect(codes({ emailKinds: [], quietStart: '25:00', quietEnd: '06:00' })).toEqual([
			'quietStart:quiethours_v_time'
		]);
		expect(codes({ emailKinds: [], quietStart: '21:00', quietEnd: '' })).toEqual([
			'quietEnd:quiethours_v_pair'
		]);
		expect(codes({ emailKinds: [], quietStart: '00:00', quietEnd: '24:00' })).toEqual([
			'quietEnd:quiethours_v_same'
		]);
		for (const bad of ['\u0000', 'a'.repeat(100_000), '1e309', '99999999999', '-1'])
			expect(parse({ emailKinds: [], quietStart: bad, quietEnd: '06:00' }).success).toBe(false);
		expect(parse({ emailKinds: ['sms'], quietStart: '', quietEnd: '' }).success).toBe(false);
	});
});
