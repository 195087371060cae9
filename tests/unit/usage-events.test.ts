import { describe, expect, it } from 'vitest';
import { usageEventSchema } from '../../src/lib/schemas/usage';
import {
	checkOccurredAt,
	classKeyName,
	errorCodeOf,
	eventError,
	parseOccurredAt
} from '../../src/lib/usage/events';
import { bearerToken, hashApiToken, generateApiToken } from '../../src/lib/server/usage/tokens';
import { checkGate } from '../../src/lib/server/auth/guards';
import type { Principal } from '../../src/lib/server/auth/session';

describe('event time', () => {
	it('reads ISO 8601 with an offset and keeps the day in Vietnam', () => {
		expect(parseOccurredAt('2026-11-27T08:15:00+07:00')?.on).toBe('2026-11-27');
		// 20:00 UTC is 03:00 the next morning in Vietnam
		const late = parseOccurredAt('2026-11-27T20:00:00Z');
		expect(late?.on).toBe('2026-11-28');
		expect(late?.at?.toISOString()).toBe('2026-11-27T20:00:00.000Z');
		expect(parseOccurredAt('2026-11-27T08:15:00.123+0700')?.at?.toISOString()).toBe(
			'2026-11-27T01:15:00.000Z'
		);
	});
	it('reads a time without offset, and Vietnamese exports, as Vietnam time', () => {
		expect(parseOccurredAt('2026-11-27T23:30')?.at?.toISOString()).toBe('2026-11-27T16:30:00.000Z');
		expect(parseOccurredAt('27/11/2026 08:15')?.at?.toISOString()).toBe('2026-11-27T01:15:00.000Z');
		expect(parseOccurredAt('27/11/2026')).toEqual({ at: null, on: '2026-11-27' });
		expect(parseOccurredAt('2026-11-27')).toEqual({ at: null, on: '2026-11-27' });
	});
	it('refuses what is not a real time', () => {
		for (const bad of ['2026-02-30', '31/04/2026', '2026-11-27T24:10', 'hôm qua', '', '1764200000'])
			expect(parseOccurredAt(bad), bad).toBeNull();
	});
	it('refuses events in the future (beyond clock skew) and older than 400 days', () => {
		const now = new Date('2026-11-28T03:00:00Z');
		const at = (iso: string) => parseOccurredAt(iso)!;
		expect(checkOccurredAt(at('2026-11-28T03:05:00Z'), now)).toBeNull();
		expect(checkOccurredAt(at('2026-11-28T04:00:00Z'), now)).toBe('in_future');
		expect(checkOccurredAt(at('2026-11-29'), now)).toBe('in_future');
		expect(checkOccurredAt(at('2025-10-25'), now)).toBeNull();
		expect(checkOccurredAt(at('2025-10-23'), now)).toBe('too_old');
	});
});

describe('event validation', () => {
	const valid = {
		id: 'evt-1',
		platform: 'LMS',
		teacherEmail: ' GV@Demo.Example ',
		occurredAt: '2026-11-27T08:15:00+07:00',
		durationMinutes: 45,
		className: '8A',
		students: 40
	};
	const errorsOf = (event: unknown) => {
		const r = usageEventSchema.safeParse(event);
		return r.success
			? []
			: r.error.issues.map((i) => eventError(String(i.path[0]), errorCodeOf(i.message)));
	};
	it('accepts a complete event and normalises it', () => {
		const r = usageEventSchema.parse(valid);
		expect(r.platform).toBe('lms');
		expect(r.teacherEmail).toBe('gv@demo.example');
		expect(r.occurredAt.on).toBe('2026-11-27');
	});
	it('accepts the minimal event and a numeric id', () => {
		const r = usageEventSchema.parse({
			id: 42,
			platform: 'lms',
			teacherEmail: 'a@b.vn',
			occurredAt: '2026-11-27'
		});
		expect(r.id).toBe('42');
		expect(r.durationMinutes).toBeUndefined();
	});
	it('names each wrong field with a code', () => {
		expect(errorsOf({ ...valid, id: '' })).toEqual(['id: required']);
		expect(errorsOf({ ...valid, teacherEmail: 'not-an-email' })).toEqual([
			'teacherEmail: invalid_email'
		]);
		expect(errorsOf({ ...valid, occurredAt: 'yesterday' })).toEqual(['occurredAt: invalid_date']);
		expect(errorsOf({ ...valid, durationMinutes: 2000 })).toEqual(['durationMinutes: too_big']);
		expect(errorsOf({ ...valid, students: -1 })).toEqual(['students: too_small']);
		expect(errorsOf({ ...valid, durationMinutes: '45' })).toEqual([
			'durationMinutes: not_a_number'
		]);
		const { platform: _p, ...noPlatform } = valid;
		expect(errorsOf(noPlatform)).toEqual(['platform: required']);
	});
	it('refuses what is not an object', () => {
		expect(usageEventSchema.safeParse('evt').success).toBe(false);
		expect(usageEventSchema.safeParse(null).success).toBe(false);
	});
	it('matches class names without accents, case or the word "lớp"', () => {
		expect(classKeyName('Lớp 8A')).toBe('8a');
		expect(classKeyName('11 Toán')).toBe(classKeyName('11 toan'));
	});
});

describe('API tokens', () => {
	it('reads a Bearer header', () => {
		expect(bearerToken('Bearer trs_abc')).toBe('trs_abc');
		expect(bearerToken('bearer  trs_abc ')).toBe('trs_abc');
		expect(bearerToken('Basic dXNlcg==')).toBeNull();
		expect(bearerToken(null)).toBeNull();
	});
	it('makes random tokens and stores only a SHA-256', () => {
		const a = generateApiToken();
		expect(a).toMatch(/^trs_[a-z2-7]{32}$/);
		expect(generateApiToken()).not.toBe(a);
		expect(hashApiToken(a)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashApiToken(a)).not.toContain(a.slice(4));
	});
	it('opens the usage endpoint to a token only, never to a session alone', () => {
		const teacher: Principal = {
			userId: 1,
			email: 'a@b.c',
			name: 'A',
			locale: 'vi',
			roles: [{ role: 'teacher', schoolId: 5, areaId: null, departmentId: null }]
		};
		const token = { tokenId: 1, schoolId: 5, departmentId: null, platformId: null };
		expect(checkGate('/api/v1/usage-events', null)).toBe('unauthenticated');
		expect(checkGate('/api/v1/usage-events', teacher)).toBe('unauthenticated');
		expect(checkGate('/api/v1/usage-events', null, token)).toBe('allow');
		// a token opens nothing else
		expect(checkGate('/api/v1/me', null, token)).toBe('unauthenticated');
	});
	it('keeps department tokens away from area officials', () => {
		const area: Principal = {
			userId: 2,
			email: 'a@b.c',
			name: 'A',
			locale: 'vi',
			roles: [{ role: 'area', schoolId: null, areaId: 3, departmentId: 1 }]
		};
		expect(checkGate('/department/api-tokens', area)).toBe('forbidden');
		expect(checkGate('/department/adoption', area)).toBe('allow');
	});
});
