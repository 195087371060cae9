import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from '../../src/lib/server/http/redirect';
import { isCrossSiteWrite } from '../../src/lib/server/http/origin';

const ORIGIN = 'http://127.0.0.1:4184';
const decoded = (v: string) => decodeURIComponent(v);

describe('safeRedirectTarget', () => {
	it('keeps paths of the portal, with their query', () => {
		expect(safeRedirectTarget('/schools/3/students?q=An', ORIGIN)).toBe('/schools/3/students?q=An');
		expect(safeRedirectTarget('/department', ORIGIN)).toBe('/department');
	});

	it('answers the normalised, percent-encoded path (always a valid Location header)', () => {
		expect(safeRedirectTarget('/trường/ab?x=ư', ORIGIN)).toBe('/tr%C6%B0%E1%BB%9Dng/ab?x=%C6%B0');
		expect(safeRedirectTarget(decoded('%2F%E3%80%82%2Fx'), ORIGIN)).toBe('/%E3%80%82/x');
	});

	it.each([
		'%2F%09%2F127.0.0.1%3A3999%2Fpwned',
		'%2F%0A%2Fevil.example',
		'%2F%0D%2Fevil.example',
		'%2F%0D%0A%2Fevil.example',
		'%2F%00%2Fevil.example',
		'%2F%7F',
		'%2F%5Cevil.example',
		'%2F%5C%5Cevil.example',
		'%5C%5Cevil.example',
		'%2F%2Fevil.example',
		'%2F%2F%2Fevil.example',
		'https%3A%2F%2Fevil.example',
		'http%3A%2F%2F127.0.0.1%3A3999%2Fpwned',
		'javascript%3Aalert(1)',
		'data%3Atext%2Fhtml%2C%3Cscript%3E',
		'%E3%80%82evil.example',
		'evil.example',
		'%20%2F%2Fevil.example',
		''
	])('refuses the probe input next=%s', (raw) => {
		expect(safeRedirectTarget(decoded(raw), ORIGIN)).toBeNull();
	});

	it('refuses anything but a string', () => {
		expect(safeRedirectTarget(null, ORIGIN)).toBeNull();
		expect(safeRedirectTarget(['/a'], ORIGIN)).toBeNull();
		expect(safeRedirectTarget('/' + 'a'.repeat(100_000), ORIGIN)).toBeNull();
	});
});

describe('isCrossSiteWrite', () => {
	const event = (method: string, path: string, headers: Record<string, string>) => ({
		request: new Request(`${ORIGIN}${path}`, { method, headers }),
		url: new URL(`${ORIGIN}${path}`)
	});

	it('refuses a post from another origin or without any same-origin proof', () => {
		expect(isCrossSiteWrite(event('POST', '/logout', { origin: 'http://evil.example' }))).toBe(
			true
		);
		expect(isCrossSiteWrite(event('POST', '/logout', {}))).toBe(true);
		expect(isCrossSiteWrite(event('POST', '/logout', { 'sec-fetch-site': 'cross-site' }))).toBe(
			true
		);
	});

	it("lets the portal's own pages, reads and the token API through", () => {
		expect(isCrossSiteWrite(event('POST', '/logout', { origin: ORIGIN }))).toBe(false);
		expect(isCrossSiteWrite(event('POST', '/logout', { 'sec-fetch-site': 'same-origin' }))).toBe(
			false
		);
		expect(isCrossSiteWrite(event('GET', '/logout', { origin: 'http://evil.example' }))).toBe(
			false
		);
		expect(isCrossSiteWrite(event('POST', '/api/v1/usage-events', {}))).toBe(false);
	});
});
