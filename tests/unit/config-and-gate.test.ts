import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/lib/server/config';
import { checkGate, homePath } from '../../src/lib/server/auth/guards';
import type { Principal } from '../../src/lib/server/auth/session';

describe('configuration', () => {
	it('has working defaults', () => {
		const config = parseConfig({});
		expect(config.PORT).toBe(3000);
		expect(config.DATABASE_URL).toBeUndefined();
		expect(config.DATA_DIR).toBe('./data');
	});
	it('names the variable that is wrong', () => {
		expect(() => parseConfig({ PORT: 'abc' })).toThrow(ConfigError);
		expect(() => parseConfig({ PORT: 'abc' })).toThrow(/PORT/);
		expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
		expect(() => parseConfig({ ORIGIN: 'not a url' })).toThrow(/ORIGIN/);
	});
});

const as = (...roles: Principal['roles']): Principal => ({
	userId: 1,
	email: 'a@b.c',
	name: 'A',
	locale: 'vi',
	roles
});

describe('role gate', () => {
	const teacher = as({ role: 'teacher', schoolId: 5, areaId: null, departmentId: null });
	const parent = as({ role: 'parent', schoolId: null, areaId: null, departmentId: null });
	it('lets anyone reach the sign-in page and health check', () => {
		expect(checkGate('/login', null)).toBe('allow');
		expect(checkGate('/healthz', null)).toBe('allow');
	});
	it('asks for sign-in everywhere else', () => {
		expect(checkGate('/', null)).toBe('unauthenticated');
		expect(checkGate('/api/v1/me', null)).toBe('unauthenticated');
		expect(checkGate('/loginx', null)).toBe('unauthenticated');
	});
	it('keeps roles on their own prefixes', () => {
		expect(checkGate('/department', teacher)).toBe('forbidden');
		expect(checkGate('/parent', teacher)).toBe('forbidden');
		expect(checkGate('/teacher', parent)).toBe('forbidden');
		expect(checkGate('/schools/5', parent)).toBe('forbidden');
		expect(checkGate('/teacher', teacher)).toBe('allow');
	});
	it('sends each role to its home', () => {
		expect(homePath(teacher)).toBe('/teacher');
		expect(homePath(parent)).toBe('/parent');
		expect(
			homePath(as({ role: 'school_admin', schoolId: 7, areaId: null, departmentId: null }))
		).toBe('/schools/7');
	});
});
